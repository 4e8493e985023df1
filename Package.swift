// swift-tools-version: 6.0
import PackageDescription

// Store checks a CRC32C on every record it reads. On x86_64 it uses SSE4.2's `crc32` instruction,
// so Store is built with `-msse4.2` and needs an x86-64-v2 CPU (every x86_64 since 2008). The
// manifest's `arch` is the host's: cross-compiling from x86_64 needs this block adjusted.
// Other architectures use the software tables (same checksums).
#if arch(x86_64)
let storeSettings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msse4.2"]), .define("CRC32C_SSE42")]
#else
let storeSettings: [SwiftSetting] = []
#endif

let package = Package(
    name: "bank-console",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bank-console", targets: ["Console"]),
        .executable(name: "bank-bench", targets: ["Bench"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Core", targets: ["Core"]),
        .library(name: "PostgresStore", targets: ["PostgresStore"]),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CLibpq", providers: [.apt(["libpq-dev"])]),
        // AES-256-GCM and random bytes for personal data (Core/Privacy), through OpenSSL's libcrypto.
        .systemLibrary(name: "CLibcrypto", providers: [.apt(["libssl-dev"])]),
        .target(name: "Store", swiftSettings: storeSettings),
        // The PostgreSQL backend: the same Store API on a shared database, through libpq.
        .target(name: "PostgresStore", dependencies: ["Store", "CLibpq"]),
        .target(name: "Core", dependencies: ["Store", "CLibcrypto"], resources: [.copy("Seeds")]),
        // The TUI and terminal adapter: a library so that bank-bench and the tests can drive it
        // headless. What they reach inside it is `package`, not `public`.
        .target(name: "ConsoleUI", dependencies: ["Core", "Store", "CNcurses"], resources: [.copy("Themes")]),
        // The executable: argument parsing, the command table, and the TUI's entry point.
        .executableTarget(name: "Console", dependencies: ["ConsoleUI", "Core", "Store", "PostgresStore"]),
        .executableTarget(name: "Bench", dependencies: ["ConsoleUI", "Core", "Store", "PostgresStore", "CLibpq"]),
        // Test doubles for the console (a scripted terminal), shared by its test targets.
        .target(name: "ConsoleTestSupport", dependencies: ["ConsoleUI"], path: "Tests/ConsoleTestSupport"),
        // Test doubles for the store (a forwarding base for gates and stopped writers).
        .target(name: "StoreTestSupport", dependencies: ["Store"], path: "Tests/StoreTestSupport"),
        .testTarget(name: "StoreTests", dependencies: ["Store", "StoreTestSupport", "PostgresStore"]),
        // PostgreSQL-only behaviour (late commits, migrations, faults); skips without BANK_TEST_POSTGRES.
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "Store", "Core"]),
        .testTarget(name: "CoreTests", dependencies: ["Core", "Store", "PostgresStore", "StoreTestSupport"]),
        // Golden screens are data under Tests/Golden, outside every target's folder.
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "ConsoleUI", "ConsoleTestSupport", "Core", "Store", "StoreTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Console", "Store"]),
    ],
    swiftLanguageModes: [.v6]
)
