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
        .executableTarget(name: "Console", dependencies: ["Core", "Store", "CNcurses"], resources: [.copy("Themes")]),
        .executableTarget(name: "Bench", dependencies: ["Core", "Store"]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        .testTarget(name: "CoreTests", dependencies: ["Core", "Store"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Core", "Store"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Console", "Store"]),
    ],
    swiftLanguageModes: [.v6]
)
