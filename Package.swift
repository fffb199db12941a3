// swift-tools-version: 6.0
// ratingpad: the agent on 好差评 rating pads and kiosks.
import PackageDescription

let package = Package(
  name: "ratingpad",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "ratingpad", targets: ["ratingpad"]),
    .executable(name: "ratingpad-hub", targets: ["ratingpad-hub"]),
    .executable(name: "ratingpad-bench", targets: ["ratingpad-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
    .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
    .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    .package(url: "https://github.com/apple/swift-nio-extras", exact: "1.35.2"),
    .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
  ],
  targets: [
    // C libraries, one system-library target each, wrapped by exactly one Swift module.
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
    .systemLibrary(name: "CCairoPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
    .systemLibrary(name: "CDRM", pkgConfig: "libdrm", providers: [.apt(["libdrm-dev"])]),
    .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
    .systemLibrary(name: "CUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
    .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
    .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
    .systemLibrary(
      name: "CGdkPixbuf", pkgConfig: "gdk-pixbuf-2.0", providers: [.apt(["libgdk-pixbuf-2.0-dev"])]),
    .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

    // Pure Swift: what pad, wire and hub say about a rating: levels by meaning, numberings, channels,
    // transactions, prompt ids, reasons, suspect presses, and every user-visible string. No I/O.
    .target(name: "RatingModel"),
    // Pure Swift: the pad's screen state machine: prompts, screens, timeouts, suspect-press rules.
    .target(name: "RatingFlow", dependencies: ["RatingModel"]),
    // SQLite through its C API: one connection wrapper, for the ledger and the hub's store.
    .target(name: "SQLite", dependencies: ["CSQLite", .product(name: "NIOPosix", package: "swift-nio")]),
    // The hash chain pad and hub share: records, canonical encoding, verification, public keys.
    .target(
      name: "RecordChain",
      dependencies: [
        "RatingModel",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // The append-only SQLite ledger: the pad's store of the chain, its device key and signatures.
    .target(
      name: "Ledger",
      dependencies: [
        "RatingModel", "RecordChain", "SQLite",
        .product(name: "Crypto", package: "swift-crypto"),
        "CTimex",
      ]),
    // The clerk's photo: JPEG and PNG decoded through gdk-pixbuf, into plain pixels.
    .target(name: "PhotoDecoding", dependencies: ["CGdkPixbuf"]),
    // National crypto (SM2, SM3, SM4) through OpenSSL 3's libcrypto, for the provinces' interfaces.
    .target(name: "NationalCrypto", dependencies: ["CLibCrypto"]),
    // adjtimex(2) from libc, for whether the clock is synchronised (Ledger's SystemClock).
    .systemLibrary(name: "CTimex"),
    // What the citizen sees: the painter (cairo/pango) and the DRM/KMS output.
    .target(
      name: "Screen",
      dependencies: [
        "RatingFlow", "RatingModel", "CCairoPango", "CDRM", "CQRencode", "PhotoDecoding",
        .product(name: "Logging", package: "swift-log"),
      ]),
    // Touch input: evdev devices through libevdev, their udev properties, decoding, and honest
    // taps on the flow's targets.
    .target(name: "Touch", dependencies: ["CEvdev", "CUdev", "RatingFlow", "RatingModel"]),
    // The voice: WAV prompts read and checked, played through ALSA (libasound) on a thread of its own.
    .target(name: "Voice", dependencies: ["CALSA"]),
    // TOML configuration files read with errors that name file, line and key.
    .target(name: "ConfigurationFile", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
    // What crosses the wire between pad and hub: records, pages, acknowledgements, prompts, health.
    .target(name: "SyncProtocol", dependencies: ["RecordChain", "RatingModel"]),
    // What the pad's and the hub's servers allow a connection: an idle timeout, a cap that closes
    // the connection waiting longest for a request, TLS from checked PEM files; and the TLS their
    // clients speak to each other.
    .target(
      name: "ServerGuard",
      dependencies: [
        "ConfigurationFile",
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ]),
    // The pad's side of the network: the HTTP API (hub pull, counter system, health, metrics)
    // and the push client.
    .target(
      name: "HubLink",
      dependencies: [
        "SyncProtocol", "Ledger", "RecordChain", "SQLite", "RatingFlow", "RatingModel", "PhotoDecoding",
        "ServerGuard",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // The provinces' 好差评 interfaces as profiles (transport, encoding, signatures, SM2/SM4,
    // field maps, code tables, replies), and the client that speaks them.
    .target(
      name: "ProvinceInterface",
      dependencies: [
        "NationalCrypto", "ConfigurationFile", "RatingModel", "CLibXML2",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // The reference district hub: pulls and receives records, verifies chains, stores, reports.
    .target(
      name: "Hub",
      dependencies: [
        "SyncProtocol", "RecordChain", "SQLite", "RatingModel", "ServerGuard", "ProvinceInterface",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        "ConfigurationFile",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]),
    .executableTarget(name: "ratingpad-hub", dependencies: ["Hub"]),
    // Configuration, wiring, the event loop and the command line.
    .target(
      name: "Agent",
      dependencies: [
        "RatingFlow", "RatingModel", "Ledger", "RecordChain", "SQLite", "Screen", "Touch", "CSystemd",
        "HubLink", "ServerGuard",
        "SyncProtocol", "ConfigurationFile", "Voice", "PhotoDecoding",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .executableTarget(name: "ratingpad", dependencies: ["Agent"]),
    // Speed and size figures (`ratingpad-bench ledger|screen|touch|sync|hub`), kept out of the pad's binary.
    .executableTarget(
      name: "ratingpad-bench",
      dependencies: [
        "Agent", "HubLink", "Ledger", "RecordChain", "RatingFlow", "RatingModel", "SQLite", "Screen", "Touch",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]),

    .testTarget(name: "RatingModelTests", dependencies: ["RatingModel"]),
    .testTarget(name: "RatingFlowTests", dependencies: ["RatingFlow", "RatingModel"]),
    .testTarget(name: "RecordChainTests", dependencies: ["RecordChain", "RatingModel"]),
    .testTarget(name: "NationalCryptoTests", dependencies: ["NationalCrypto", "TestSupport"]),
    .testTarget(
      name: "ProvinceInterfaceTests",
      dependencies: [
        "ProvinceInterface", "NationalCrypto", "ConfigurationFile", "TestSupport",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    .testTarget(name: "SyncProtocolTests", dependencies: ["SyncProtocol", "RecordChain", "RatingModel"]),
    .target(name: "TestSupport", dependencies: ["RecordChain", "RatingModel"], path: "Tests/TestSupport"),
    .testTarget(
      name: "LedgerTests", dependencies: ["Ledger", "RecordChain", "SQLite", "RatingModel", "TestSupport"]),
    // Killed with SIGKILL mid-stream by LedgerTests' crash test.
    .executableTarget(
      name: "ledger-crash-writer", dependencies: ["Ledger", "RecordChain", "RatingModel"],
      path: "Tests/LedgerCrashWriter"),
    .testTarget(
      name: "ScreenTests",
      dependencies: [
        "Screen", "RatingFlow", "RatingModel", "PhotoDecoding",
        .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(name: "TouchTests", dependencies: ["Touch", "RatingFlow", "RatingModel"]),
    .testTarget(name: "VoiceTests", dependencies: ["Voice"]),
    .testTarget(
      name: "AgentTests",
      dependencies: [
        "Agent", "ConfigurationFile", "Ledger", "RecordChain", "RatingFlow", "RatingModel", "Screen",
        "TestSupport",
        "PhotoDecoding",
        .product(name: "Logging", package: "swift-log"),
      ]),
    // The pads and hubs the sync tests run against: a real ledger behind a real PadServer, a test
    // hub, the ratingpad-hub process.
    .target(
      name: "SyncTestSupport",
      dependencies: [
        "HubLink", "Hub", "SyncProtocol", "Ledger", "RecordChain", "RatingFlow", "RatingModel", "TestSupport",
        "ServerGuard",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/SyncTestSupport"),
    .testTarget(
      name: "HubLinkTests",
      dependencies: [
        "HubLink", "Hub", "SyncProtocol", "Ledger", "RecordChain", "RatingFlow", "RatingModel", "TestSupport",
        "SyncTestSupport", "PhotoDecoding", "ServerGuard",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .testTarget(
      name: "HubTests",
      dependencies: [
        "Hub", "HubLink", "SyncProtocol", "Ledger", "RecordChain", "RatingModel", "SQLite", "TestSupport",
        "SyncTestSupport",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
  ],
  swiftLanguageModes: [.v6]
)
