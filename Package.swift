// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "bank-console",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bank-console", targets: ["Console"]),
        .executable(name: "bank-bench", targets: ["Bench"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Core", targets: ["Core"]),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "Store"),
        .target(name: "Core", dependencies: ["Store"], resources: [.copy("Seeds")]),
        // The TUI and terminal adapter: a library so that bank-bench and the tests can drive it
        // headless. What they reach inside it is `package`, not `public`.
        .target(name: "ConsoleUI", dependencies: ["Core", "Store", "CNcurses"], resources: [.copy("Themes")]),
        // The executable: argument parsing, the command table, and the TUI's entry point.
        .executableTarget(name: "Console", dependencies: ["ConsoleUI", "Core", "Store"]),
        .executableTarget(name: "Bench", dependencies: ["ConsoleUI", "Core", "Store"]),
        // Test doubles for the console (a scripted terminal), shared by its test targets.
        .target(name: "ConsoleTestSupport", dependencies: ["ConsoleUI"], path: "Tests/ConsoleTestSupport"),
        // Test doubles for the store (a forwarding base for gates and stopped writers).
        .target(name: "StoreTestSupport", dependencies: ["Store"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "StoreTestSupport"]),
        .testTarget(name: "CoreTests", dependencies: ["Core", "Store"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "ConsoleUI", "ConsoleTestSupport", "Core", "Store", "StoreTestSupport"],
                    exclude: ["TUI/Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Console", "Store"]),
    ],
    swiftLanguageModes: [.v6]
)
