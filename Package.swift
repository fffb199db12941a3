// swift-tools-version: 6.0
// ratingpad: the agent on 好差评 rating pads and kiosks.
import PackageDescription

let package = Package(
  name: "ratingpad",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "ratingpad", targets: ["ratingpad"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
  ],
  targets: [
    // C libraries, one system-library target each, wrapped by exactly one Swift module.
    .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
    .systemLibrary(name: "CCairoPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
    .systemLibrary(name: "CDRM", pkgConfig: "libdrm", providers: [.apt(["libdrm-dev"])]),
    .systemLibrary(name: "CEvdev", pkgConfig: "libevdev", providers: [.apt(["libevdev-dev"])]),
    .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

    // Pure Swift: levels, prompts, the screen state machine. No I/O.
    .target(name: "RatingFlow"),
    // The append-only SQLite ledger with its hash chain and signatures.
    .target(
      name: "Ledger",
      dependencies: [
        "RatingFlow", "CSQLite",
        .product(name: "Crypto", package: "swift-crypto"),
      ]),
    // What the citizen sees: the painter (cairo/pango) and the DRM/KMS output.
    .target(name: "Screen", dependencies: ["RatingFlow", "CCairoPango", "CDRM", "CQRencode"]),
    // Touch input: evdev devices through libevdev, decoding, and honest taps.
    .target(name: "Touch", dependencies: ["CEvdev"]),
    // Configuration, wiring, the event loop and the command line.
    .target(
      name: "Agent",
      dependencies: [
        "RatingFlow", "Ledger", "Screen", "Touch", "CSystemd",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    .executableTarget(name: "ratingpad", dependencies: ["Agent"]),

    .testTarget(name: "RatingFlowTests", dependencies: ["RatingFlow"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "LedgerTests", dependencies: ["Ledger", "RatingFlow", "TestSupport"]),
    // Killed with SIGKILL mid-stream by LedgerTests' crash test.
    .executableTarget(name: "ledger-crash-writer", dependencies: ["Ledger", "RatingFlow"], path: "Tests/LedgerCrashWriter"),
    .testTarget(name: "ScreenTests", dependencies: ["Screen", "RatingFlow"]),
    .testTarget(name: "TouchTests", dependencies: ["Touch"]),
    .testTarget(name: "AgentTests", dependencies: ["Agent", "Ledger", "RatingFlow", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
