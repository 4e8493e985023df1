import Foundation
import Store
import Testing

/// Bank data is private: a store is created 0700 with files 0600 whatever the umask, and a
/// writable open refuses a store that other users can reach.
@Suite struct PermissionTests {
    /// Interval 0: the index is saved at every close, however few events are new.
    static func options(readOnly: Bool = false) -> FileStoreOptions {
        FileStoreOptions(durability: .os, readOnly: readOnly, segmentSize: 8 << 10, clock: ManualClock(), snapshotInterval: 0)
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
    }

    static func setMode(_ mode: Int, _ path: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    @Test func aNewStoreIsADirectoryOf0700WithFilesOf0600() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        for n in 0..<80 {
            _ = try await store.append(to: "Account-1", expected: .any, events: [event(n, data: String(repeating: "d", count: 150))])
        }
        await store.close()
        #expect(try Self.mode(directory.path) == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names.contains("segment-000001.log") && names.contains("checkpoint") && names.contains("index.manifest") && names.contains("lock"))
        for name in names {
            #expect(try Self.mode(directory.path + "/" + name) == 0o600, "\(name)")
        }
    }

    @Test func anEmptyDirectoryMadeByAnotherProgramBecomesPrivateWhenAStoreIsCreatedInIt() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        await store.close()
        #expect(try Self.mode(directory.path) == 0o700)
    }

    @Test func aStoreOthersCanReadIsRefusedForWritingWithThePathItsModeAndTheFix() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        _ = try await store.append(to: "Account-1", expected: .any, events: [event(1)])
        await store.close()

        let segment = directory.path + "/segment-000000.log"
        try Self.setMode(0o644, segment)
        #expect(throws: EventStoreError.notPrivate(path: segment, mode: 0o644, directory: directory.path)) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        #expect(EventStoreError.notPrivate(path: segment, mode: 0o644, directory: directory.path).description
            == "\(segment) has mode 644: other users can reach bank data; run `chmod -R go-rwx \(directory.path)`")
        // Reading changes nothing, so a read-only open still works (to verify or export).
        let reader = try FileEventStore.open(directory: directory.url, options: Self.options(readOnly: true))
        #expect(try reader.read("Account-1").map(\.id) == [id(1)])
        await reader.close()

        try Self.setMode(0o600, segment)
        try Self.setMode(0o750, directory.path)
        #expect(throws: EventStoreError.notPrivate(path: directory.path, mode: 0o750, directory: directory.path)) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        try Self.setMode(0o700, directory.path)
        let reopened = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(reopened.headPosition == 1)
        await reopened.close()
    }

    @Test func everyFileOfAStoreIsCheckedAndTheFirstByNameThatOthersCanReachIsNamed() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try FileEventStore.open(directory: directory.url, options: Self.options())
        for n in 0..<200 {
            _ = try await store.append(to: "Account-\(n % 3)", expected: .any, events: [event(n, data: String(repeating: "d", count: 150))])
        }
        await store.close()
        let first = directory.path + "/segment-000001.log", later = directory.path + "/segment-000003.log"
        #expect(FileManager.default.fileExists(atPath: directory.path + "/segment-000004.log"))
        try Self.setMode(0o604, later)
        try Self.setMode(0o640, first)
        #expect(throws: EventStoreError.notPrivate(path: first, mode: 0o640, directory: directory.path)) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        try Self.setMode(0o600, first)
        #expect(throws: EventStoreError.notPrivate(path: later, mode: 0o604, directory: directory.path)) {
            try FileEventStore.open(directory: directory.url, options: Self.options())
        }
        try Self.setMode(0o600, later)
        let reopened = try FileEventStore.open(directory: directory.url, options: Self.options())
        #expect(reopened.headPosition == 200)
        await reopened.close()
    }

    @Test func theModesOfADirectorysEntriesAreEachEntrysOwnAndAMissingOneIsAnError() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: directory.url, withIntermediateDirectories: true)
        for (name, mode) in [("a", 0o600), ("b", 0o640), ("c", 0o604)] {
            FileManager.default.createFile(atPath: directory.path + "/" + name, contents: Data())
            try Self.setMode(mode, directory.path + "/" + name)
        }
        let fs = PosixFileSystem()
        #expect(try fs.permissions(of: ["c", "a", "b"], in: directory.path) == [0o604, 0o600, 0o640])
        #expect(throws: EventStoreError.io(path: directory.path + "/d", reason: "cannot stat: No such file or directory")) {
            try fs.permissions(of: ["a", "d"], in: directory.path)
        }
    }
}
