import ConfigurationFile
import Foundation
import HubLink
import Ledger
import Logging
import PhotoDecoding
import RatingFlow
import RatingModel
import RecordChain
import Testing

@testable import Agent

/// Who is on duty: sign-ins and sign-outs as ledger records on a real file, and what a restart
/// (a new `ClerkDuty` over the same ledger) makes of them.
@Suite struct ClerkDutyTests {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clerk-\(UUID().uuidString)")
    .path
  let logger = Logger(label: "test")

  func ledger() throws -> (LedgerStore, DeviceKey) {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let key = try DeviceKey.loadOrCreate(path: directory + "/device.key")
    return (try LedgerStore.open(path: directory + "/ledger.sqlite", deviceKey: key).store, key)
  }

  func duty(_ store: LedgerStore, default clerk: ClerkCard = ClerkCard(name: "王芳", staffNumber: "A1024"))
    -> ClerkDuty
  {
    ClerkDuty(default: clerk, ledger: store, photoPath: directory + "/clerk-photo", logger: logger)
  }

  static func signIn(_ name: String, _ staff: String, colour: UInt32? = nil) -> ClerkSignIn {
    guard let colour else { return ClerkSignIn(record: ClerkRecord(name: name, staffNumber: staff)) }
    let bytes = PhotoDecoder.encode(
      Photo(width: 30, height: 40, pixels: Array(repeating: colour, count: 1200), identity: "x"), as: "png")!
    let digest = PhotoDecoder.sha256(bytes)
    return ClerkSignIn(
      record: ClerkRecord(name: name, staffNumber: staff, photoSHA256: digest),
      photo: try! PhotoDecoder().decode(bytes, identity: digest), photoBytes: bytes)
  }

  @Test func withoutClerkRecordsTheConfigurationStandsAndABadPhotoFileOnlyLosesThePhoto() throws {
    let (store, _) = try ledger()
    try Data("not a photo".utf8).write(to: URL(fileURLWithPath: directory + "/bad.png"))
    for path in [directory + "/bad.png", directory + "/missing.jpg"] {
      let clerks = duty(store, default: ClerkCard(name: "王芳", staffNumber: "A1024", photo: path))
      let card = clerks.card(hall: "H", window: "7", clock: "09:30")
      #expect(card.clerkName == "王芳" && card.staffNumber == "A1024" && card.photo == nil && !card.closed)
      #expect(clerks.seq == nil)
    }
  }

  @Test func signInsAndOutsAreRecordsAndARestartShowsTheLastOne() throws {
    let (store, key) = try ledger()
    let clerks = duty(store)
    let a = Self.signIn("张伟", "A2048", colour: 0xCC2200)
    let first = try clerks.signIn(a)
    #expect(clerks.card(hall: "H", window: "7", clock: "").photo == a.photo)
    // A restart: the ledger's last sign-in, with the kept photo, not [clerk].
    var restarted = duty(store)
    #expect(restarted.onDuty == a.record && restarted.photo?.identity == a.record.photoSHA256)
    #expect(restarted.photo?.pixels.first == 0xCC2200)

    let b = Self.signIn("李强", "B7")
    let second = try clerks.signIn(b)
    restarted = duty(store)
    #expect(restarted.onDuty == b.record && restarted.photo == nil)

    let out = try clerks.signOut()
    #expect(clerks.card(hall: "H", window: "7", clock: "").closed)
    restarted = duty(store)
    #expect(restarted.onDuty == nil && restarted.card(hall: "H", window: "7", clock: "").closed)
    #expect(!FileManager.default.fileExists(atPath: directory + "/clerk-photo"))

    // The records as the ledger holds them, in order, and the chain still verifies.
    #expect([first, second, out] == [1, 2, 3])
    let records = try store.records(after: 0, limit: 10)
    #expect(records.map(\.entry.kind) == [.clerkOnDuty, .clerkOnDuty, .clerkOffDuty])
    #expect(ClerkRecord(detail: records[0].entry.detail) == a.record)
    #expect(ClerkRecord(detail: records[2].entry.detail) == b.record)
    #expect(try store.verify(publicKey: key.publicKey) == .intact(count: 3, head: 3))
  }

  @Test func aPhotoFileThatIsNotTheRecordedOneIsNotShown() throws {
    let (store, _) = try ledger()
    _ = try duty(store).signIn(Self.signIn("张伟", "A2048", colour: 0x00AA00))
    let other = Self.signIn("x", "y", colour: 0x0000AA).photoBytes!
    try Data(other).write(to: URL(fileURLWithPath: directory + "/clerk-photo"))
    let restarted = duty(store)
    #expect(restarted.onDuty?.name == "张伟" && restarted.photo == nil)
  }

  @Test func aPromptsStaffNumberIsKeptAsItCameAndADifferentOneIsFlagged() throws {
    let (store, _) = try ledger()
    let clerks = duty(store)
    #expect(clerks.staffNumber(forPrompt: "") == ("A1024", false))
    #expect(clerks.staffNumber(forPrompt: "A1024") == ("A1024", false))
    #expect(clerks.staffNumber(forPrompt: "Z9") == ("Z9", true))
    _ = try clerks.signOut()
    #expect(clerks.staffNumber(forPrompt: "") == ("", false))
    #expect(clerks.staffNumber(forPrompt: "Z9") == ("Z9", true))
    // A card without a 工号 (a kiosk) has nobody to differ from.
    let kiosk = ClerkDuty(
      default: ClerkCard(),
      ledger: try LedgerStore.open(
        path: directory + "/kiosk.sqlite",
        deviceKey: try DeviceKey.loadOrCreate(path: directory + "/device.key")
      ).store,
      photoPath: directory + "/kiosk-photo", logger: logger)
    #expect(kiosk.staffNumber(forPrompt: "Z9") == ("Z9", false))
  }
}

/// `[rate_later] url_template`: checked at load, filled in per prompt.
@Suite struct RateLaterConfiguration {
  let base = "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"7\"\n"

  @Test func offByDefaultAndFilledInEscaped() throws {
    #expect(try ConfigurationLoader.parse(base, file: "t.toml").rateLater == nil)
    let configuration = try ConfigurationLoader.parse(
      base
        + "[rate_later]\nurl_template = \"https://hub.example/rate?t={transaction}&s={stage}&w={window}\"\n",
      file: "t.toml")
    let template = try #require(configuration.rateLater)
    let transaction = try Transaction(number: "BJ 2026/1&2", serviceItemCode: "11640181MB01", window: "7")
    let prompt = Prompt(
      id: PromptID("p1"), source: .counter(transaction), openedAt: FlowInstant(nanoseconds: 1))
    #expect(
      template.url(for: prompt, device: configuration.device)
        == "https://hub.example/rate?t=BJ%202026%2F1%262&s=finished&w=7")
    let free = Prompt(id: PromptID("p2"), source: .free, openedAt: FlowInstant(nanoseconds: 1))
    #expect(template.url(for: free, device: configuration.device) == nil)
  }

  @Test func anUnknownPlaceholderNamesFileLineAndKey() throws {
    #expect(
      throws: ConfigurationError(
        file: "t.toml", line: 7, key: "rate_later.url_template",
        problem:
          "unknown placeholder {citizen} (expected one of: {area_code}, {prompt}, {service_item}, {stage}, {transaction}, {window})"
      )
    ) {
      try ConfigurationLoader.parse(
        base + "[rate_later]\nurl_template = \"https://hub.example/rate?c={citizen}\"\n", file: "t.toml")
    }
    for bad in [
      "ftp://hub/{transaction}", "https://hub/{transaction", "https://hub/}", "https://hub/ {stage}",
    ] {
      #expect(throws: ConfigurationError.self, "\(bad)") {
        try ConfigurationLoader.parse(base + "[rate_later]\nurl_template = \"\(bad)\"\n", file: "t.toml")
      }
    }
    #expect(throws: ConfigurationError.self) {
      try ConfigurationLoader.parse(base + "[rate_later]\nurl = \"https://hub/\"\n", file: "t.toml")
    }
  }
}
