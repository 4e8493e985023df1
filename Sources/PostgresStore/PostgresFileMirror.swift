import Foundation
import Store

/// A local directory's files kept in a table beside the events (`SCHEMA.mirrored_files`), so a
/// process on another machine can start from them: the bank keeps its saved read models (a
/// manifest and append-only page files, `FileReadModelStateStore`) in a private directory and
/// mirrors it here.
///
/// One process at a time keeps a set (`keep`: a session advisory lock held for the mirror's
/// life, released when the process dies): only the keeper uploads. Anyone may download the
/// last upload, whole and consistent: an upload is one transaction. Files are stored as chunks
/// by offset; a file whose name ends in `.pages` is taken to be only ever appended to (its new
/// bytes are added), any other is replaced whole; a file gone from the directory is removed.
/// Thread-safe: one connection, behind a lock.
public final class PostgresFileMirror: Sendable {
    private let uri: String
    private let schema: PostgresSchema
    private let set: String
    private let session: Mutex<UnsafeSendable<PostgresConnection>?>
    /// Bytes of each append-only file the table holds (known after a download or an upload).
    private let uploaded = Mutex<[String: UInt64]>([:])
    /// Whether this mirror keeps the set (`keep`).
    private let keeping = Mutex(false)

    /// Largest chunk stored in one row.
    static let chunkSize = 1 << 20

    private init(uri: String, schema: PostgresSchema, set: String, connection: PostgresConnection) {
        self.uri = uri
        self.schema = schema
        self.set = set
        session = Mutex(UnsafeSendable(connection))
    }

    /// The mirror of set `set` in `schema` of the database at `uri` (the schema migrated).
    public static func open(uri: String, schema name: String, set: String) throws(EventStoreError) -> PostgresFileMirror {
        guard let schema = PostgresSchema(name) else { throw .invalidSettings("bad schema name \(name)") }
        do throws(PostgresError) {
            let connection = try PostgresConnection.connect(uri)
            try schema.migrate(on: connection)
            return PostgresFileMirror(uri: uri, schema: schema, set: set, connection: connection)
        } catch {
            throw error.refusal ?? .unavailable(error.summary)
        }
    }

    /// Becomes the set's keeper unless another process is: true when this one is (until it
    /// closes). May be asked again later: a process takes over once the keeper has gone.
    public func keep() throws(EventStoreError) -> Bool {
        if keeping.withLock({ $0 }) { return true }
        let kept = try run { connection throws(PostgresError) in
            try connection.execute("SELECT pg_try_advisory_lock($1)", [.int64(keeperKey)]).bool(0, 0) == true
        }
        // The table may hold another keeper's uploads since this mirror last looked: the next
        // upload replaces every file whole (a download first makes it add only new bytes again).
        if kept { uploaded.withLock { $0 = [:] } }
        keeping.withLock { $0 = kept }
        return kept
    }

    /// Writes the set's files into `directory` (created), replacing any of the same name.
    public func download(into directory: URL) throws(EventStoreError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: directory.path, reason: "cannot create it: \(error.localizedDescription)")
        }
        let table = schema.mirroredFiles
        try run { connection throws(PostgresError) in
            let names = try connection.execute("SELECT DISTINCT name FROM \(table) WHERE set_name = $1", [.text(set)])
            var sizes: [String: UInt64] = [:]
            for row in 0..<names.count {
                guard let name = names.text(row, 0), Self.isPlainName(name) else { continue }
                let target = directory.appendingPathComponent(name), partial = directory.appendingPathComponent(name + ".download")
                func failed(_ reason: String) -> PostgresError { .refusal(.io(path: target.path, reason: reason)) }
                guard FileManager.default.createFile(atPath: partial.path, contents: nil),
                      let output = FileHandle(forWritingAtPath: partial.path) else { throw failed("cannot create \(partial.lastPathComponent)") }
                defer { try? output.close() }
                // A few chunks at a time, written as they come: what is held at once is bounded
                // by the chunk size, whatever the size of the file.
                var size = 0
                while true {
                    let chunks = try connection.execute(
                        "SELECT start, bytes FROM \(table) WHERE set_name = $1 AND name = $2 AND start >= $3 ORDER BY start LIMIT 8",
                        [.text(set), .text(name), .int64(Int64(size))])
                    guard chunks.count > 0 else { break }
                    for chunk in 0..<chunks.count {
                        guard chunks.int64(chunk, 0) == Int64(size), let bytes = chunks.bytes(chunk, 1) else {
                            throw .refusal(.io(path: "\(table) \(name)", reason: "a chunk is missing at byte \(size)"))
                        }
                        do { try output.write(contentsOf: bytes) } catch { throw failed(error.localizedDescription) }
                        size += bytes.count
                    }
                }
                do {
                    try output.synchronize()
                    if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                    try FileManager.default.moveItem(at: partial, to: target)
                } catch {
                    throw failed(error.localizedDescription)
                }
                if name.hasSuffix(".pages") { sizes[name] = UInt64(size) }
            }
            uploaded.withLock { $0 = sizes }
        }
    }

    /// Makes the set hold `directory`'s files (see the type's note), in one transaction.
    /// - Throws: `.readOnly` unless this mirror keeps the set.
    public func upload(from directory: URL) throws(EventStoreError) {
        guard keeping.withLock({ $0 }) else { throw .readOnly }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { Self.isPlainName($0) && !$0.hasSuffix(".tmp") }
        } catch {
            throw .io(path: directory.path, reason: error.localizedDescription)
        }
        let table = schema.mirroredFiles
        let known = uploaded.withLock { $0 }
        var sizes: [String: UInt64] = [:]
        try run { connection throws(PostgresError) in
            // Connected again on the way in: the set may have another keeper now.
            guard keeping.withLock({ $0 }) else { throw .refusal(.readOnly) }
            try connection.transaction { connection throws(PostgresError) in
                try connection.execute("DELETE FROM \(table) WHERE set_name = $1 AND NOT (name = ANY($2))", [.text(set), .texts(names)])
                for name in names {
                    let contents: Data
                    do {
                        contents = try Data(contentsOf: directory.appendingPathComponent(name), options: .alwaysMapped)
                    } catch {
                        throw .refusal(.io(path: directory.appendingPathComponent(name).path, reason: error.localizedDescription))
                    }
                    var from = 0
                    if name.hasSuffix(".pages"), let held = known[name], held <= UInt64(contents.count) {
                        from = Int(held)
                    } else {
                        try connection.execute("DELETE FROM \(table) WHERE set_name = $1 AND name = $2", [.text(set), .text(name)])
                    }
                    while from < contents.count {
                        let end = min(contents.count, from + Self.chunkSize)
                        try connection.execute("INSERT INTO \(table) (set_name, name, start, bytes) VALUES ($1, $2, $3, $4)",
                                               [.text(set), .text(name), .int64(Int64(from)), .bytes(contents.subdata(in: from..<end))])
                        from = end
                    }
                    if name.hasSuffix(".pages") { sizes[name] = UInt64(contents.count) }
                }
            }
        }
        uploaded.withLock { $0 = sizes }
    }

    /// Gives up keeping the set (at once: another process may take it as soon as this returns)
    /// and closes the connection.
    public func close() {
        let key = keeperKey
        session.withLock { session in
            if keeping.withLock({ $0 }), let connection = session?.value, !connection.isBroken {
                // The server would let go when it notices the session ended, a moment later.
                _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [.int64(key)])
            }
            keeping.withLock { $0 = false }
            session = nil
        }
    }

    /// A file name without a path: what a directory of the set may hold.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/")
    }

    /// The advisory-lock key of this set's keeper.
    private var keeperKey: Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a
        for byte in "bank-mirror:\(schema.name):\(set)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    /// Runs `body` on the mirror's connection, connecting again first when it was lost (the
    /// server restarted): a keeper then takes its lock again, or keeps the set no more.
    private func run<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(EventStoreError) -> T {
        try session.withLock { session throws(EventStoreError) -> T in
            guard var connection = session?.value else { throw .closed }
            do throws(PostgresError) {
                if connection.isBroken {
                    connection = try PostgresConnection.connect(uri)
                    session = UnsafeSendable(connection)
                    if keeping.withLock({ $0 }) {
                        let kept = try connection.execute("SELECT pg_try_advisory_lock($1)", [.int64(keeperKey)]).bool(0, 0) == true
                        keeping.withLock { $0 = kept }
                        uploaded.withLock { $0 = [:] }
                    }
                }
                return try body(connection)
            } catch {
                throw error.refusal ?? .unavailable(error.summary)
            }
        }
    }
}

import Synchronization
