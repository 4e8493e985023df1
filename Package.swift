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
        // The TUI and terminal adapter, a library so that bank-bench can measure them too.
        .target(name: "ConsoleUI", dependencies: ["Core", "Store", "CNcurses"], path: "Sources/Console",
                exclude: ["TUI/ConsoleApp.swift", "main.swift", "CLI"], sources: ["TUI", "Terminal"], resources: [.copy("Themes")]),
        .executableTarget(name: "Console", dependencies: ["ConsoleUI", "Core", "Store"],
                          exclude: ["Terminal", "Themes", "TUI/App", "TUI/Chrome", "TUI/Panes", "TUI/Runtime", "TUI/Screen", "TUI/Theme"]),
        .executableTarget(name: "Bench", dependencies: ["ConsoleUI", "Core", "Store"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "CoreTests", dependencies: ["Core", "Store"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "ConsoleUI", "Core", "Store"], exclude: ["TUI/Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Console", "Store"]),
    ],
    swiftLanguageModes: [.v6]
)
