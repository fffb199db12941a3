/// What a counter system sends to sign a clerk in at the window (`PUT /v1/clerk`).
public struct ClerkOrder: Codable, Sendable, Equatable {
  /// The clerk's name, as the idle card shows it.
  public var name: String
  /// 工号.
  public var staffNumber: String
  /// The photo, JPEG or PNG, base64-encoded; none: the card shows no photo.
  public var photo: String?

  enum CodingKeys: String, CodingKey {
    case name, photo
    case staffNumber = "staff_number"
  }

  /// Makes an order.
  public init(name: String, staffNumber: String, photo: String? = nil) {
    self.name = name
    self.staffNumber = staffNumber
    self.photo = photo
  }
}

/// Who is on duty at the window, as the counter API answers it.
public struct ClerkState: Codable, Sendable, Equatable {
  /// Whether a clerk is signed in (false: the window is closed).
  public var onDuty: Bool
  /// The clerk's name, when on duty.
  public var name: String?
  /// 工号, when on duty.
  public var staffNumber: String?
  /// Whether the card shows a photo.
  public var photo: Bool
  /// The ledger record of the last sign-in or sign-out, when there is one.
  public var seq: Int64?

  enum CodingKeys: String, CodingKey {
    case name, photo, seq
    case onDuty = "on_duty"
    case staffNumber = "staff_number"
  }

  /// Makes a state.
  public init(
    onDuty: Bool, name: String? = nil, staffNumber: String? = nil, photo: Bool = false, seq: Int64? = nil
  ) {
    self.onDuty = onDuty
    self.name = name
    self.staffNumber = staffNumber
    self.photo = photo
    self.seq = seq
  }
}
