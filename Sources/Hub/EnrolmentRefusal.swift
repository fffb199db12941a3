/// Why an enrolment was refused: a token another pad holds, or a key that handed over.
public struct EnrolmentRefusal: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
