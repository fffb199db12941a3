import Foundation
@testable import Hub
import Testing

/// Every case field is checked where it enters, and a bad one is named.
@Suite struct CaseDetailsTests {
  @Test func aGoodCaseReadsWithItsTimeInMilliseconds() throws {
    let details = try CaseFixtures.details("BJ-2026-0001")
    #expect(details.acceptedMilliseconds == 1_796_434_200_000)
    #expect(details.status == .finished && details.promise == .immediate)
    #expect(details.applicant.type == .naturalPerson)
    #expect(details.applicant.identity?.certificateNumber == CaseFixtures.idCardNumber)
    let inMilliseconds = try CaseFixtures.details("BJ-2026-0001", ["accepted_at": 1_796_434_200_000])
    #expect(inMilliseconds.acceptedMilliseconds == details.acceptedMilliseconds)
    // A lower-case check character is the same number.
    let lower = try CaseFixtures.details(
      "BJ-1",
      [
        "applicant": [
          "type": "natural_person", "name": "李四",
          "certificate_type": "id_card", "certificate_number": "11010519491231002x",
        ]
      ])
    #expect(lower.applicant.identity?.certificateNumber == "11010519491231002X")
  }

  @Test func aBadFieldIsNamed() throws {
    let cases: [(String, Any)] = [
      ("department_credit_code", "11640181MB1957123I"),
      ("department_credit_code", "1164018"),
      ("task_code", String(repeating: "A", count: 65)),
      ("task_name", ""),
      ("region_code", "64018"),
      ("status", "closed"),
      ("accepted_at", "2026-12-05T09:30:00"),
      ("accepted_at", 1_796_434_200),
      ("promise", "sometimes"),
      ("handler", " 王芳"),
      ("number", "BJ-OTHER"),
    ]
    for (field, value) in cases {
      do {
        _ = try CaseFixtures.details("BJ-1", [field: value])
        Issue.record("\(field) = \(value) was accepted")
      } catch let error as CaseFieldError {
        #expect(error.field == field, "\(error)")
      }
    }
  }

  @Test func aBadApplicantFieldIsNamed() throws {
    let cases: [(String, Any, String)] = [
      ("certificate_number", "110105194912310021", "the id_card number's check character"),
      ("certificate_number", "1101051949123100", "17 digits"),
      ("type", "alien", "natural_person"),
      ("certificate_type", "driving_licence", "id_card"),
      ("name", String(repeating: "名", count: 101), "at most 100"),
    ]
    for (field, value, said) in cases {
      var applicant: [String: Any] = [
        "type": "natural_person", "name": "李四", "certificate_type": "id_card",
        "certificate_number": CaseFixtures.idCardNumber,
      ]
      applicant[field] = value
      do {
        _ = try CaseFixtures.details("BJ-1", ["applicant": applicant])
        Issue.record("\(field) = \(value) was accepted")
      } catch let error as CaseFieldError {
        #expect(error.field == "applicant.\(field)" && error.description.contains(said), "\(error)")
      }
    }
  }

  @Test func aNumberLongerThanThePadsIsRefused() {
    #expect(throws: CaseFieldError("number", "has 51 characters, at most 50 are allowed")) {
      try CaseFixtures.details(String(repeating: "9", count: 51))
    }
  }
}
