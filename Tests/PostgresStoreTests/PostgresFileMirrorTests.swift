import Foundation
import Store
import Testing
@testable import PostgresStore

/// A directory mirrored into the database: one keeper uploads, anyone downloads the last upload.
@Suite(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set: PostgreSQL tests skip"))
struct PostgresFileMirrorTests {
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("mirror-\(UUID().uuidString)")

    func files(in directory: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            found[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return found
    }

    @Test func theKeepersUploadsAreDownloadedWholeAppendOnlyFilesGrowingByTheirNewBytes() throws {
        let uri = try #require(postgresURI)
        defer {
            try? PostgresEventStore.dropSchema(schema, uri: uri)
            try? FileManager.default.removeItem(at: root)
        }
        let local = root.appendingPathComponent("keeper"), copy = root.appendingPathComponent("copy"), again = root.appendingPathComponent("again")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        let keeper = try PostgresFileMirror.open(uri: uri, schema: schema, set: "read-models")
        defer { keeper.close() }
        let other = try PostgresFileMirror.open(uri: uri, schema: schema, set: "read-models")
        defer { other.close() }
        #expect(try keeper.keep())
        #expect(try other.keep() == false, "one keeper at a time")
        #expect(throws: EventStoreError.readOnly) { try other.upload(from: local) }

        // A page file larger than a chunk, a manifest, a file to be removed, a temporary file.
        let pages = Data((0..<(PostgresFileMirror.chunkSize + 1000)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try pages.write(to: local.appendingPathComponent("accounts-1.pages"))
        try Data("manifest 1".utf8).write(to: local.appendingPathComponent("overview.state"))
        try Data("old".utf8).write(to: local.appendingPathComponent("accounts-0.pages"))
        try Data("half written".utf8).write(to: local.appendingPathComponent("overview.state.tmp"))
        try keeper.upload(from: local)
        try other.download(into: copy)
        var expected = try files(in: local)
        expected["overview.state.tmp"] = nil
        #expect(try files(in: copy) == expected)

        // The page file grows, the manifest is replaced, a page file goes.
        let handle = try FileHandle(forWritingTo: local.appendingPathComponent("accounts-1.pages"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("appended page".utf8))
        try handle.close()
        try Data("manifest 2, longer".utf8).write(to: local.appendingPathComponent("overview.state"))
        try FileManager.default.removeItem(at: local.appendingPathComponent("accounts-0.pages"))
        try keeper.upload(from: local)
        try other.download(into: again)
        expected = try files(in: local)
        expected["overview.state.tmp"] = nil
        #expect(try files(in: again) == expected)
        #expect(try files(in: again)["accounts-1.pages"] == pages + Data("appended page".utf8))

        // The keeper gone, another process keeps the set.
        keeper.close()
        #expect(try other.keep())
    }
}
