import Foundation
@testable import Hub

/// A case as a counter system sends it, and the applicant whose identity must never show.
enum CaseFixtures {
  static let applicantName = "张三丰测试"
  /// GB 11643's example number: its check character is X.
  static let idCardNumber = "11010519491231002X"

  /// The PUT body of a case, as JSON text, with `changes` applied to its fields (nil removes one).
  static func body(_ changes: [String: Any?] = [:], applicant applicantChanges: [String: Any?] = [:])
    -> String
  {
    var applicant: [String: Any] = [
      "type": "natural_person", "name": applicantName, "certificate_type": "id_card",
      "certificate_number": idCardNumber,
    ]
    for (key, value) in applicantChanges { applicant[key] = value ?? nil }
    var fields: [String: Any] = [
      "department_credit_code": "11640181MB1957123X", "task_code": "11640181MB1957123X4000117001",
      "task_name": "城乡居民养老保险参保登记", "region_code": "640181", "status": "finished",
      "accepted_at": "2026-12-05T09:30:00+08:00", "promise": "immediate", "handler": "王芳",
      "applicant": applicant,
    ]
    for (key, value) in changes { fields[key] = value ?? nil }
    let data = try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  /// The case `body` describes, checked, under `number`.
  static func details(_ number: String, _ changes: [String: Any?] = [:]) throws -> CaseDetails {
    let order = try JSONDecoder().decode(CaseOrder.self, from: Data(body(changes).utf8))
    return try CaseDetails(number: number, order: order)
  }
}
