import Core
import Foundation
import Store

/// Opens the durable `FileEventStore` in a data directory.
struct FileStoreProvider: StoreProvider {
    var durability: Durability = .fsync

    /// A store is a directory holding the store's checkpoint or a log segment
    /// (`segment-NNNNNN.log`); anything else that is not empty is not a store.
    func inspect(_ directory: URL) -> StoreDirectory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return .missing }
        guard isDirectory.boolValue else { return .notAStore(reason: "it is a file, not a directory") }
        let contents: [String]
        do {
            contents = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            return .notAStore(reason: "it cannot be listed (\(error.localizedDescription))")
        }
        if contents.isEmpty { return .empty }
        if contents.contains(where: { $0 == "checkpoint" || ($0.hasPrefix("segment-") && $0.hasSuffix(".log")) }) { return .store }
        return .notAStore(reason: "it holds \(contents.count) file\(contents.count == 1 ? "" : "s") and no store (no checkpoint, no segment-*.log)")
    }

    func openForWriting(at directory: URL) async throws -> StoreHandle {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: durability))
        return Self.handle(store, personalData: Self.personalData(in: directory, durable: durability == .fsync))
    }

    func openReadOnly(at directory: URL) async throws -> StoreHandle {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(readOnly: true))
        return Self.handle(store, personalData: Self.personalData(in: directory, durable: true))
    }

    func rebuildIndex(at directory: URL) async throws -> UInt64 {
        var options = FileStoreOptions(durability: durability)
        options.rebuildIndex = true
        let store = try FileEventStore.open(directory: directory, options: options)
        let events = store.headPosition
        await store.close()
        return events
    }

    /// The key store of a data directory (`keys/`), which seals and opens its personal data.
    static func personalData(in directory: URL, durable: Bool) -> PersonalData {
        PersonalData(keys: FileCustomerKeyStore(directory: FileCustomerKeyStore.directory(in: directory), durable: durable))
    }

    /// A handle on `store` with its key store registered until it closes.
    static func handle(_ store: FileEventStore, personalData: PersonalData) -> StoreHandle {
        PersonalDataKeyring.register(personalData, for: store)
        return StoreHandle(store: store, close: {
            await store.close()
            PersonalDataKeyring.unregister(store)
        })
    }

    /// The store's own check of every record's CRC, framing and position, the checkpoint and
    /// the index snapshot (without taking the lock); then, when that is sound, a read-only open
    /// that reads every stream back and checks that its index entries point at its own events.
    func verify(at directory: URL) async throws -> VerificationSummary {
        let report = try FileEventStore.verify(directory: directory)
        if let first = report.problems.first {
            let more = report.problems.count > 1 ? " (and \(report.problems.count - 1) more problem\(report.problems.count == 2 ? "" : "s"))" : ""
            throw CommandFailure.corrupt("corrupt: \(first)\(more)")
        }
        var lines = [
            "log: \(report.segments) segment\(report.segments == 1 ? "" : "s"), \(report.events) records, CRC, framing and positions sound",
            "checkpoint: \(report.checkpointPosition.map { "\($0) events durable" } ?? "none")",
            "index snapshot: \(report.snapshotPosition.map { "covers \($0) events, matches the log" } ?? "none")",
        ]
        if let torn = report.tornTail {
            lines.append("unfinished last write: \(torn) (a writer in progress, or repaired by the next writable open)")
        }
        let handle = try await openReadOnly(at: directory)
        do {
            lines.append(try Self.checkIndex(handle.store))
            await handle.close()
        } catch {
            await handle.close()
            throw error
        }
        return VerificationSummary(lines: lines, events: report.events)
    }

    /// Reads every stream back through the index: each entry must point at an event of that stream.
    static func checkIndex(_ store: any EventStore) throws -> String {
        var streams = 0
        var entries = 0
        for info in store.streams(prefix: nil) where !info.isDeleted {
            streams += 1
            var version: Int64 = 0
            while true {
                let page = try Self.page(of: info.name, from: version, in: store)
                if page.isEmpty { break }
                for event in page where event.stream != info.name {
                    throw CommandFailure.corrupt("the index of \(info.name) points at position \(event.position), an event of \(event.stream)")
                }
                entries += page.count
                version = page[page.count - 1].version + 1
            }
        }
        return "index: \(streams) streams, \(entries) entries point at their own events"
    }

    /// A page of a stream; empty when the stream is gone (deleted since it was listed).
    private static func page(of stream: String, from version: Int64, in store: any EventStore) throws -> [RecordedEvent] {
        let result = Result { () throws(EventStoreError) -> [RecordedEvent] in
            try store.read(.stream(stream), from: .version(version), direction: .forward, maxCount: 4096)
        }
        switch result {
        case .success(let page): return page
        case .failure(.streamNotFound), .failure(.streamDeleted): return []
        case .failure(let error): throw error
        }
    }
}
