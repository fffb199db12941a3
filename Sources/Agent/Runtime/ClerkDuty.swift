import Foundation
import HubLink
import Ledger
import Logging
import PhotoDecoding
import RecordChain
import Screen
import SyncProtocol

/// Who is on duty at the window: signed in and out by the counter system, each change a ledger
/// record. After a restart the last `clerk_on_duty` / `clerk_off_duty` record is the answer
/// (with the photo kept beside the ledger, when its SHA-256 is the record's); `[clerk]` in the
/// configuration only stands until the first sign-in, for a ledger that has no clerk record.
final class ClerkDuty {
  /// Nil: the window is closed (signed out).
  private(set) var onDuty: ClerkRecord?
  private(set) var photo: Photo?
  /// The record of the last sign-in or sign-out, nil while the configuration's clerk stands.
  private(set) var seq: Int64?
  private let ledger: LedgerStore
  private let photoPath: String
  private let logger: Logger
  /// The time its records are stamped with (the pad's clock, which may have learned the hub's).
  private let stamp: @Sendable () -> RecordTime

  /// Restores who is on duty from the ledger, else from `[clerk]`.
  init(
    default clerk: ClerkCard, ledger: LedgerStore, photoPath: String, decoder: PhotoDecoder = PhotoDecoder(),
    logger: Logger, stamp: @escaping @Sendable () -> RecordTime = { .now() }
  ) {
    self.stamp = stamp
    self.ledger = ledger
    self.photoPath = photoPath
    self.logger = logger
    let last: (kind: LedgerKind, detail: String?)?
    do { last = try ledger.lastRecord(of: [.clerkOnDuty, .clerkOffDuty]) } catch {
      logger.error(
        "clerk: cannot read the last clerk record (\(error)); showing [clerk] from the configuration")
      last = nil
    }
    switch last {
    case nil:
      onDuty = ClerkRecord(name: clerk.name, staffNumber: clerk.staffNumber)
      if let path = clerk.photo {
        do { photo = try decoder.decode(file: path) } catch {
          logger.error("clerk: [clerk] photo \(path): \(error); the card shows no photo")
        }
      }
    case (.clerkOffDuty, _)?:
      onDuty = nil
      logger.info("clerk: the window is closed (the last clerk record is a sign-out)")
    case (_, let detail)?:
      guard let record = ClerkRecord(detail: detail) else {
        logger.error(
          "clerk: the last sign-in record cannot be read (\(detail ?? "")); the window shows closed")
        onDuty = nil
        return
      }
      onDuty = record
      logger.info("clerk: \(record.name) (\(record.staffNumber)) is on duty, from the ledger")
      if let digest = record.photoSHA256 {
        photo = Self.keptPhoto(at: photoPath, digest: digest, decoder, logger)
      }
    }
  }

  private static func keptPhoto(at path: String, digest: String, _ decoder: PhotoDecoder, _ logger: Logger)
    -> Photo?
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      logger.error("clerk: the photo \(path) is missing; the card shows no photo")
      return nil
    }
    let bytes = [UInt8](data)
    guard PhotoDecoder.sha256(bytes) == digest else {
      logger.error(
        "clerk: \(path) is not the photo the ledger names (sha256 \(digest)); the card shows no photo")
      return nil
    }
    do { return try decoder.decode(bytes, identity: digest) } catch {
      logger.error("clerk: \(path): \(error); the card shows no photo")
      return nil
    }
  }

  /// Signs `clerk` in: keeps the photo, then appends the record; the card changes once it is on disk.
  func signIn(_ clerk: ClerkSignIn) throws -> Int64 {
    if let bytes = clerk.photoBytes { keep(bytes) }
    let record = try ledger.append(clerk.record.signInEntry, at: stamp())
    onDuty = clerk.record
    photo = clerk.photo
    seq = record.seq
    logger.info("clerk: \(clerk.record.name) (\(clerk.record.staffNumber)) signed in, seq \(record.seq)")
    return record.seq
  }

  /// Signs the clerk out: the card says the window is closed.
  func signOut() throws -> Int64 {
    let record = try ledger.append(ClerkRecord.signOutEntry(onDuty), at: stamp())
    logger.info("clerk: \(onDuty?.name ?? "nobody") signed out, seq \(record.seq)")
    onDuty = nil
    photo = nil
    seq = record.seq
    try? FileManager.default.removeItem(atPath: photoPath)
    return record.seq
  }

  /// Writes the photo beside the ledger (atomically), for the card after a restart. A failure
  /// costs only the photo after a restart, so it is logged and the sign-in goes on.
  private func keep(_ bytes: [UInt8]) {
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: photoPath), options: [.atomic])
      chmod(photoPath, 0o600)
    } catch {
      logger.error(
        "clerk: cannot keep the photo at \(photoPath): \(error); it is shown until the next restart")
    }
  }

  /// The answer to `GET /v1/clerk`.
  var state: ClerkState {
    ClerkState(
      onDuty: onDuty != nil, name: onDuty?.name, staffNumber: onDuty?.staffNumber, photo: photo != nil,
      seq: seq)
  }

  /// The idle card for this clerk.
  func card(hall: String, window: String, clock: String) -> IdleCard {
    IdleCard(
      hall: hall, window: window, clerkName: onDuty?.name ?? "", staffNumber: onDuty?.staffNumber ?? "",
      clock: clock, photo: photo, closed: onDuty == nil)
  }

  /// The 工号 a prompt is recorded with: as it came, or the clerk on duty's when it came without;
  /// `differs` when it names someone other than the clerk on duty (logged by the caller).
  func staffNumber(forPrompt given: String) -> (staffNumber: String, differs: Bool) {
    if given.isEmpty { return (onDuty?.staffNumber ?? "", false) }
    // A card without a 工号 (a kiosk, an unset [clerk]) has nobody to differ from.
    guard let onDuty else { return (given, true) }
    return (given, !onDuty.staffNumber.isEmpty && given != onDuty.staffNumber)
  }
}
