import Foundation
import Store

/// Opens the durable `FileEventStore` in a data directory.
struct FileStoreProvider: StoreProvider {
    var durability: Durability = .fsync

    func storeExists(at directory: URL) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return !contents.isEmpty
    }

    func openForWriting(at directory: URL) async throws -> StoreHandle {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(durability: durability))
        return StoreHandle(store: store, close: { await store.close() })
    }

    func openReadOnly(at directory: URL) async throws -> StoreHandle {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(readOnly: true))
        return StoreHandle(store: store, close: { await store.close() })
    }

    /// Opens read-only (which checks every record's frame and checksum up to the durable end and
    /// refuses corruption with file and offset), then reads the whole log back and checks that
    /// positions are gap-free and that every stream's index entries point at its own events.
    func verify(at directory: URL) async throws -> VerifyReport {
        let handle = try await openReadOnly(at: directory)
        do {
            let report = try Self.check(handle.store)
            await handle.close()
            return report
        } catch {
            await handle.close()
            throw error
        }
    }

    private static func check(_ store: any EventStore) throws -> VerifyReport {
        var position: UInt64 = 0
        var streams: [String: Int64] = [:]
        while true {
            let page = try store.read(.all, from: .version(Int64(position)), direction: .forward, maxCount: 4096)
            if page.isEmpty { break }
            for event in page {
                guard event.position == position else {
                    throw CommandFailure.corrupt("$all has a gap: expected position \(position), found \(event.position)")
                }
                position += 1
                if event.stream.hasPrefix("$") { continue }
                streams[event.stream] = max(streams[event.stream] ?? -1, event.version)
            }
        }
        var checkedEvents = 0
        for info in store.streams(prefix: nil) where !info.isDeleted && !info.name.hasPrefix("$") {
            var version: Int64 = 0
            while true {
                let page = try Self.page(of: info.name, from: version, in: store)
                if page.isEmpty { break }
                for event in page where event.stream != info.name {
                    throw CommandFailure.corrupt("the index of \(info.name) points at position \(event.position), an event of \(event.stream)")
                }
                checkedEvents += page.count
                version = page[page.count - 1].version + 1
            }
        }
        return VerifyReport(lines: [
            "log: \(position) records, frames and checksums sound",
            "index: \(streams.count) streams, \(checkedEvents) entries point at their own events",
        ], events: position)
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
