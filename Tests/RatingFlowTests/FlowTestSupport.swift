import RatingFlow
import RatingModel

/// A hand-driven clock: tests move time exactly, in milliseconds.
struct FakeClock {
  private(set) var now = FlowInstant(nanoseconds: 1_000_000_000)

  mutating func advance(_ duration: Duration) -> FlowInstant {
    now = now + duration
    return now
  }
}

func transaction(_ number: String = "BJ2026112500001", stage: EvaluationStage = .finished) -> Transaction {
  try! Transaction(
    number: number, serviceItemCode: "11370000MB28474", serviceItemName: "户口迁移", staffNumber: "A1024",
    window: "7", department: "公安局", stage: stage)
}

extension FlowRecord {
  var rating: Rating? {
    if case .rating(let rating) = self { return rating }
    return nil
  }

  var reasonsRecord: RatingReasons? {
    if case .reasons(let reasons) = self { return reasons }
    return nil
  }

  var suspect: SuspectPress? {
    if case .suspectPress(let press) = self { return press }
    return nil
  }
}

func nextID() -> PromptID {
  PromptID("free-\(UInt64.random(in: 0...UInt64.max))")
}
