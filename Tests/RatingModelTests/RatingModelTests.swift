import Testing

@testable import RatingModel

@Suite struct Levels {
  @Test func bothNumberingConventionsRoundTrip() throws {
    for level in SatisfactionLevel.allCases {
      for numbering in LevelNumbering.allCases {
        #expect(try numbering.level(for: numbering.number(for: level)) == level)
      }
    }
    #expect(LevelNumbering.provincial.number(for: .verySatisfied) == 5)
    #expect(LevelNumbering.provincial.number(for: .veryDissatisfied) == 1)
    #expect(LevelNumbering.gbt39046.number(for: .verySatisfied) == 1)
    #expect(LevelNumbering.gbt39046.number(for: .veryDissatisfied) == 5)
  }

  @Test func unknownNumbersAndNamesAreRefusedByName() {
    #expect(throws: RatingInputError.unknownLevelNumber(6, .provincial)) {
      try LevelNumbering.provincial.level(for: 6)
    }
    #expect(throws: RatingInputError.unknownLevel("excellent")) { try SatisfactionLevel(stored: "excellent") }
  }

  @Test func badLevelsAndPoints() {
    #expect(SatisfactionLevel.allCases.filter(\.isBad) == [.dissatisfied, .veryDissatisfied])
    #expect(SatisfactionLevel.allCases.map(\.points) == [5, 4, 3, 2, 1])
    #expect(SatisfactionLevel.verySatisfied.label.chinese == "非常满意")
    #expect(SatisfactionLevel.veryDissatisfied.label.text(in: .english) == "Very dissatisfied")
  }

  @Test func channelCodes() {
    #expect(Channel.windowPad.provincialCode == 4)
    #expect(Channel.kiosk.provincialCode == 5)
  }
}

@Suite struct TransactionValidation {
  @Test func fiftyCharactersIsTheLimit() throws {
    _ = try Transaction(number: String(repeating: "9", count: 50), serviceItemCode: "X")
    #expect(
      throws: RatingInputError.fieldTooLong(field: "transaction number (办件编号)", length: 51, limit: 50)
    ) { try Transaction(number: String(repeating: "9", count: 51), serviceItemCode: "X") }
  }

  @Test func malformedFieldsAreNamed() {
    #expect(throws: RatingInputError.emptyField("transaction number (办件编号)")) {
      try Transaction(number: "", serviceItemCode: "X")
    }
    #expect(throws: RatingInputError.emptyField("service item code (事项编码)")) {
      try Transaction(number: "A", serviceItemCode: "")
    }
    #expect(throws: RatingInputError.invalidCharacters(field: "transaction number (办件编号)")) {
      try Transaction(number: "A\n1", serviceItemCode: "X")
    }
    #expect(throws: RatingInputError.invalidCharacters(field: "staff number (工号)")) {
      try Transaction(number: "A", serviceItemCode: "X", staffNumber: " 12")
    }
    #expect(throws: RatingInputError.unknownStage("done")) { try EvaluationStage(stored: "done") }
  }

  @Test func reasonCodesAreCheckedAgainstTheChecklist() throws {
    try ReasonChecklist.standard.validate(codes: ["207", "214"], for: .dissatisfied)
    #expect(throws: RatingInputError.unknownReasonCode("214")) {
      try ReasonChecklist.standard.validate(codes: ["214"], for: .satisfied)
    }
    #expect(throws: RatingInputError.unknownReasonCode("214")) {
      try ReasonChecklist.standard.validate(codes: ["108", "214"], for: .veryDissatisfied)
    }
    #expect(throws: RatingInputError.unknownReasonCode("204")) {
      try ReasonChecklist.standard.validate(codes: ["204"], for: .dissatisfied)
    }
  }
}
