import Foundation
import Store
import Testing
@testable import Console

/// `--store` only ever reads or creates a store: a directory holding something else is refused.
@Suite struct StoreDirectoryTests {
    @Test func readAndWriteCommandsRefuseADirectoryThatIsNotAStore() async {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        let directory = cli.workingDirectory.appendingPathComponent("photos").standardizedFileURL
        cli.stores.foreign.withLock { _ = $0.insert(directory.path) }
        for line in ["accounts --store photos", "seed --store photos", "read $all --store photos", "verify --store photos"] {
            let run = await cli.run(line)
            #expect(run.status == 1, "\(line)")
            #expect(run.errors.hasSuffix(": /work-under-test/photos is not a bank store: it holds 2 files and no store; give --store an empty or new directory, or a store's\n"), "\(line)")
            #expect(run.output.isEmpty, "\(line)")
        }
        #expect(cli.stores.storeExists(at: directory) == false)
        let console = await cli.run("--store photos")
        #expect(console == .init(status: 1, output: "", errors: "bank-console: /work-under-test/photos is not a bank store: it holds 2 files and no store; give --store an empty or new directory, or a store's\n"))
    }

    @Test func theFileProviderTellsAStoreFromAnEmptyMissingOrForeignDirectory() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("store-directory-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let provider = FileStoreProvider(durability: .os)
        #expect(provider.inspect(root) == .missing)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        #expect(provider.inspect(root) == .empty)
        let handle = try await provider.openForWriting(at: root)
        await handle.close()
        #expect(provider.inspect(root) == .store)
        let foreign = root.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(provider.inspect(foreign) == .notAStore(reason: "it holds 1 file and no store (no checkpoint, no segment-*.log)"))
        #expect(provider.inspect(foreign.appendingPathComponent("notes.txt")) == .notAStore(reason: "it is a file, not a directory"))
    }
}
