import Crypto
import Foundation
@testable import Hub
import SyncTestSupport
import Testing

/// The case store on SQLite and, when RATINGPAD_TEST_POSTGRES is set, on PostgreSQL: identities
/// sealed, opened for the forwarder, forgotten after the retention, cases frozen once forwarded.
@Suite struct CaseStoreTests {
  static let day: Int64 = 86_400_000

  func cases(_ database: String, retentionDays: Int = 30, key: SymmetricKey = SymmetricKey(size: .bits256))
    async throws -> (store: any CaseStore, hub: any HubStore, cleanup: @Sendable () -> Void)
  {
    let (hub, cleanup) = try await HubStoreTests().open(database)
    try await hub.prepare()
    return (hub.cases(sealing: IdentitySeal(key: key), retentionDays: retentionDays), hub, cleanup)
  }

  /// A case number no other test (sharing the PostgreSQL database) uses.
  func number() -> String { "BJ-" + UUID().uuidString.prefix(18) }

  @Test(arguments: HubStoreTests.databases)
  func aCaseIsKeptWithItsIdentitySealedAndOpenedForTheForwarder(database: String) async throws {
    let (store, _, cleanup) = try await cases(database)
    defer { cleanup() }
    let number = number()
    let details = try CaseFixtures.details(number)
    #expect(try await store.putCase(details, at: 1_000) == true)
    let stored = try #require(try await store.storedCase(number: number))
    #expect(stored.identityHeld && stored.details.applicant.identity == nil)
    #expect(stored.receivedMilliseconds == 1_000 && stored.forgetAfterMilliseconds == nil)
    #expect(try await store.caseDetails(number: number) == details)
    // Replaced while not forwarded: the arrival kept, the new fields read back.
    let replaced = try CaseFixtures.details(number, ["status": "in_progress"])
    #expect(try await store.putCase(replaced, at: 2_000) == false)
    let again = try #require(try await store.storedCase(number: number))
    #expect(again.receivedMilliseconds == 1_000 && again.updatedMilliseconds == 2_000)
    #expect(try await store.caseDetails(number: number) == replaced)
    #expect(try await store.caseDetails(number: number + "-none") == nil)
  }

  @Test(arguments: HubStoreTests.databases)
  func aForwardedCaseIsFrozenAndItsIdentityForgottenAfterTheRetention(database: String) async throws {
    let (store, _, cleanup) = try await cases(database, retentionDays: 30)
    defer { cleanup() }
    let number = number()
    let details = try CaseFixtures.details(number)
    _ = try await store.putCase(details, at: 1_000)
    let acknowledged: Int64 = 1_796_434_200_000
    #expect(try await store.markForwarded(number: number, at: acknowledged))
    // A second acknowledgement keeps the first one's clock.
    #expect(try await store.markForwarded(number: number, at: acknowledged + Self.day))
    #expect(try await store.markForwarded(number: number + "-none", at: acknowledged) == false)
    await #expect(throws: CaseRefusal.alreadyForwarded(number: number)) {
      try await store.putCase(details, at: 3_000)
    }
    _ = try await store.forgetExpiredIdentities(now: acknowledged + 30 * Self.day - 1)
    #expect(try await store.caseDetails(number: number)?.applicant.identity == details.applicant.identity)
    #expect(try await store.forgetExpiredIdentities(now: acknowledged + 30 * Self.day) >= 1)
    let forgotten = try #require(try await store.caseDetails(number: number))
    #expect(forgotten.applicant.identity == nil && forgotten.applicant.type == .naturalPerson)
    #expect(forgotten.taskCode == details.taskCode)
    let stored = try #require(try await store.storedCase(number: number))
    #expect(!stored.identityHeld && stored.forgetAfterMilliseconds == acknowledged + 30 * Self.day)
  }

  @Test(arguments: HubStoreTests.databases)
  func anIdentitySealedWithAnotherKeyDoesNotOpenAndSaysWhy(database: String) async throws {
    let (store, hub, cleanup) = try await cases(database)
    defer { cleanup() }
    let number = number()
    _ = try await store.putCase(try CaseFixtures.details(number), at: 1_000)
    let other = hub.cases(sealing: IdentitySeal(key: SymmetricKey(size: .bits256)), retentionDays: 30)
    #expect(try await other.storedCase(number: number)?.identityHeld == true)
    do {
      _ = try await other.caseDetails(number: number)
      Issue.record("opened with another key")
    } catch {
      #expect("\(error)".contains("cases.key_file"), "\(error)")
    }
  }
}
