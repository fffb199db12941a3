import ArgumentParser
import Foundation
import Logging
import RatingModel
import RecordChain

/// `ratingpad-hub`: the reference district hub.
public struct HubCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "ratingpad-hub",
    abstract: "The reference 好差评 district hub: pulls and receives pads' ratings, verifies, stores, reports.",
    subcommands: [
      Serve.self, Enrol.self, Report.self, Export.self, Devices.self, Flag.self, Audit.self, Uplink.self,
      User.self,
      HubBenchmark.self, Alerts.self,
    ])

  public init() {}

  /// `serve`: run the hub.
  struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Accept pushes and pull every pad, until stopped.")
    @Option(help: "The hub's configuration file.") var config: String
    @Option(help: "Overrides the configuration's database: a SQLite path or postgres://user@host/db.")
    var database: String?
    @Option(help: "Write the bound port to this file once listening (tests, listen port 0).")
    var portFile: String?
    @Option(help: "Write the console's bound port to this file once listening (tests, [console] port 0).")
    var consolePortFile: String?

    func run() async throws {
      var configuration = try HubConfiguration.load(path: config)
      if let database { configuration.database = database }
      let logger = Logger(label: "ratingpad-hub")
      let service = try await HubService(configuration: configuration, logger: logger)
      try await service.run(
        onListening: { [portFile] port in
          logger.info("hub listening on port \(port)")
          if let portFile {
            try? Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
          }
        },
        onConsoleListening: { [consolePortFile] port in
          if let consolePortFile {
            try? Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: consolePortFile), options: .atomic)
          }
        })
    }
  }

  /// Options naming the database, for the reading commands.
  struct DatabaseOption: ParsableArguments {
    @Option(help: "A SQLite path or postgres://user@host/db.") var database: String

    func open() async throws -> any HubStore {
      let store = try await HubStores.open(database, logger: Logger(label: "ratingpad-hub"))
      try await store.prepare()
      return store
    }
  }

  /// `report`: satisfaction scores and the bad ratings.
  struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Satisfaction per unit (5-4-3-2-1 weighted, out of 100) and every bad rating with its reasons.")
    @OptionGroup var database: DatabaseOption
    @Option(help: "Group by hall, window, staff, service_item or department.") var by: String = "hall"
    @Option(help: "Only ratings of this month (2026-11), in the halls' time (UTC+8).") var month: String?
    @Option(help: "Only ratings of this quarter (2026Q4).") var quarter: String?
    @Option(help: "Only ratings from this day on (2026-11-01).") var from: String?
    @Option(help: "Only ratings up to and including this day (2026-11-30).") var to: String?
    @Option(help: "Public holidays off for follow-up deadlines: a file, one YYYY-MM-DD a line.")
    var holidays: String?
    @Option(help: .hidden) var now: String?

    func run() async throws {
      guard let dimension = SatisfactionReport.Dimension(rawValue: by) else {
        throw ValidationError(
          "--by must be one of: hall, window, staff, service_item, department (not '\(by)')")
      }
      let period: ReportPeriod?
      do { period = try ReportPeriod.from(month: month, quarter: quarter, from: from, to: to) } catch {
        throw ValidationError(error.description)
      }
      var calendar = FollowUpCalendar()
      if let holidays {
        guard let text = try? String(contentsOfFile: holidays, encoding: .utf8) else {
          throw ValidationError("--holidays: cannot read \(holidays)")
        }
        do { calendar = try FollowUpCalendar(holidayList: text, file: holidays) } catch {
          throw ValidationError(error.description)
        }
      }
      // Tests fix the report's time (a date: its start in the halls' time) to judge what is overdue.
      let nowMilliseconds: Int64
      if let now {
        guard let date = CivilDate(now) else { throw ValidationError("--now: '\(now)' is not a date") }
        nowMilliseconds = date.startMilliseconds
      } else {
        nowMilliseconds = UnixMilliseconds.now()
      }
      let store = try await database.open()
      let report = try await SatisfactionReport.make(
        from: store, by: dimension, period: period, calendar: calendar, now: nowMilliseconds)
      print(report.text)
    }
  }

  /// `export`: ratings as CSV in a target's numbering.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Ratings as CSV, levels numbered for the target and the channel as its code (4 pad, 5 kiosk)."
    )
    @OptionGroup var database: DatabaseOption
    @Option(help: "provincial (5 = 非常满意) or gbt39046 (1 = 非常满意).") var numbering: String
    @Option(help: "Write here instead of standard output.") var out: String?

    func run() async throws {
      guard let numbering = LevelNumbering(rawValue: numbering) else {
        throw ValidationError("--numbering must be provincial or gbt39046 (not '\(self.numbering)')")
      }
      let store = try await database.open()
      let csv = RatingExport.csv(
        records: try await store.records(kinds: ["rating", "reasons"]), devices: try await store.devices(),
        numbering: numbering)
      if let out {
        try Data(csv.utf8).write(to: URL(fileURLWithPath: out))
      } else {
        print(csv, terminator: "")
      }
    }
  }

  /// `enrol`: a pad added to the database from its provisioning file and its enrolment code.
  struct Enrol: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Enrol a pad in the database: its provisioning file and the code it showed (or printed).")
    @OptionGroup var database: DatabaseOption
    @Option(help: "The pad's provisioning file (hall, window, department, area code, its hub token).")
    var provisioning: String
    @Option(help: "The enrolment code the pad showed as a QR code: ratingpad:DEVICE:FINGERPRINT:KEY.")
    var code: String
    @Option(help: "The name reports use (default: the device id).") var name: String?

    func run() async throws {
      let enrolment: PadEnrolment
      do { enrolment = try PadEnrolment(provisioningFile: provisioning, code: code, name: name) } catch {
        throw ValidationError("\(error)")
      }
      let store = try await database.open()
      try await enrolment.enrol(in: store)
      let card = enrolment.card
      print("enrolled \(enrolment.name): \(card.hall), window \(card.window), key \(card.fingerprint)")
    }
  }

  /// `devices`: every enrolled device, how far its chain reaches, and any flag.
  struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every enrolled device: its verified head and whether its chain is flagged.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
      let store = try await database.open()
      for device in try await store.devices() {
        let state =
          (device.problem.map { "FLAGGED: \($0)" } ?? "chain intact")
          + (device.handedOverTo.map { ", handed over to \($0)" } ?? "")
          + (device.impostor.map { "\tIMPOSTOR: \($0)" } ?? "")
        let contact =
          device.lastContactMilliseconds.map {
            "last contact \(ISOTime.format(milliseconds: $0, offsetSeconds: Int32(CivilDate.utcOffsetSeconds)))"
          } ?? "never heard from"
        let backlog = device.backlog.map { "backlog \($0)" } ?? "backlog unknown"
        print(
          "\(device.name)\t\(device.fingerprint)\tthrough seq \(device.lastSeq)\t\(contact)\t\(backlog)\t\(state)"
        )
      }
      print("records stored: \(try await store.count())")
    }
  }
}
