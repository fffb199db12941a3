import ArgumentParser
import Foundation
import Logging
import RatingFlow

/// `ratingpad-hub`: the reference district hub.
public struct HubCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "ratingpad-hub",
    abstract: "The reference 好差评 district hub: pulls and receives pads' ratings, verifies, stores, reports.",
    subcommands: [Serve.self, Report.self, Export.self, Devices.self])

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

    func run() async throws {
      var configuration = try HubConfiguration.load(path: config)
      if let database { configuration.database = database }
      let logger = Logger(label: "ratingpad-hub")
      let service = try await HubService(configuration: configuration, logger: logger)
      try await service.run { [portFile] port in
        logger.info("hub listening on port \(port)")
        if let portFile {
          try? Data("\(port)\n".utf8).write(to: URL(fileURLWithPath: portFile), options: .atomic)
        }
      }
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
    @Option(help: "Group by hall, window, staff or service_item.") var by: String = "hall"

    func run() async throws {
      guard let dimension = SatisfactionReport.Dimension(rawValue: by) else {
        throw ValidationError("--by must be one of: hall, window, staff, service_item (not '\(by)')")
      }
      let store = try await database.open()
      let report = SatisfactionReport(
        records: try await store.records(kinds: ["rating", "reasons"]), devices: try await store.devices(),
        by: dimension)
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

  /// `devices`: every enrolled device, how far its chain reaches, and any flag.
  struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Every enrolled device: its verified head and whether its chain is flagged.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
      let store = try await database.open()
      for device in try await store.devices() {
        let state = device.problem.map { "FLAGGED: \($0)" } ?? "chain intact"
        print("\(device.name)\t\(device.fingerprint)\tthrough seq \(device.lastSeq)\t\(state)")
      }
      print("records stored: \(try await store.count())")
    }
  }
}
