/// The HTTP request a profile sends (`[request]`), or fetches its token with (`[token]`).
struct RequestShape: Sendable, Equatable {
  /// How the body is written.
  enum Body: Sendable, Equatable {
    /// None (a GET).
    case none
    /// `application/x-www-form-urlencoded` from `form = { … }`.
    case form([(String, ValueTemplate)])
    /// The batch's one rating's fields, as form fields (batch 1).
    case itemForm
    /// JSON from `json = { … }`.
    case json(JSONTemplate)
    /// A SOAP 1.1 envelope calling `operation` in `namespace` with `arguments`.
    case soap(operation: String, namespace: String, arguments: [(String, ValueTemplate)])

    static func == (a: Body, b: Body) -> Bool {
      switch (a, b) {
      case (.none, .none), (.itemForm, .itemForm): true
      case (.json(let x), .json(let y)): x == y
      case (.form(let x), .form(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
      case (.soap(let o, let n, let x), .soap(let p, let m, let y)):
        o == p && n == m && x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
      default: false
      }
    }
  }

  let method: String
  /// The path under the province's base URL.
  let path: String
  let query: [(String, ValueTemplate)]
  let headers: [(String, ValueTemplate)]
  let body: Body

  static func == (a: RequestShape, b: RequestShape) -> Bool {
    a.method == b.method && a.path == b.path && a.body == b.body && a.query.map(\.0) == b.query.map(\.0)
      && a.headers.map(\.0) == b.headers.map(\.0)
  }

  /// Every name its templates read.
  var references: [String] {
    var names = (query + headers).flatMap(\.1.references)
    switch body {
    case .none, .itemForm: break
    case .form(let fields): names += fields.flatMap(\.1.references)
    case .json(let template): names += template.references
    case .soap(_, _, let arguments): names += arguments.flatMap(\.1.references)
    }
    return names
  }
}

extension RequestShape.Body {
  /// The body with a JSON template left out (its references are checked apart: only JSON takes `$items`).
  var withoutJSON: RequestShape.Body {
    if case .json = self { return .none }
    return self
  }
}

/// How a province hands out the token its requests carry (`[token]`): the request, and where the
/// answer keeps the token and its lifetime. Requests read it as `$token`.
struct TokenShape: Sendable, Equatable {
  let request: RequestShape
  /// The JSON key of the token in the answer.
  let field: String
  /// The JSON key of its lifetime in seconds, if the answer says.
  let lifetimeField: String?
  /// The lifetime when the answer does not say, and the margin kept before it ends.
  let lifetimeSeconds: Int
  let renewBeforeSeconds: Int
}

/// How a province's reply says stored, already stored, or refused (`[reply]`).
struct ReplyRules: Sendable, Equatable {
  /// Where the outcome is read.
  enum Form: Sendable, Equatable {
    /// A JSON body.
    case json
    /// Response headers (percent-encoded UTF-8 text allowed).
    case header
    /// A SOAP envelope whose `returnElement` holds an XML document as text.
    case soap(returnElement: String)
  }

  let form: Form
  /// The key (or element, or header) with the outcome code; its success values.
  let code: String
  let success: [String]
  /// The key (element, header) with the province's text.
  let message: String?
  /// The key (element, header) with the province's id(s) of what it stored (comma-separated for a batch).
  let id: String?
  /// Texts (or parts of them) meaning "already stored".
  let duplicate: [String]
}
