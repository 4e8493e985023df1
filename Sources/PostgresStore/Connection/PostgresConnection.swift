import CLibpq
import Foundation

/// One libpq connection using the blocking API.
///
/// Not thread-safe: a `ConnectionPool` lends it to one caller at a time (or a dedicated thread
/// owns it). Every value reaches the server as a bound parameter (prepared statements, `PQexecPrepared`); SQL text
/// holds only identifiers the backend validated itself.
final class PostgresConnection {
    let handle: OpaquePointer

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { PQfinish(handle) }

    /// Seconds a connection attempt waits for the server at most, unless the location names
    /// its own `connect_timeout`: without one, libpq waits on a host that does not answer for as
    /// long as the kernel retries (minutes), and the store's retries with back-off never start.
    static let defaultConnectTimeout = "10"

    /// Connects with a libpq URI or keyword string (`defaultConnectTimeout` unless it sets one).
    /// - Throws: `PostgresError` with libpq's reason, connection marked lost.
    static func connect(_ conninfo: String) throws(PostgresError) -> PostgresConnection {
        // Keywords are taken in order and a later one wins: the location's own settings
        // (expanded from `dbname`) come after the default.
        let keywords = ["connect_timeout", "dbname"], values = [defaultConnectTimeout, conninfo]
        let connected = keywords.withCStrings { keywords in
            values.withCStrings { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let handle = connected else {
            throw PostgresError(sqlState: nil, message: "libpq could not allocate a connection", connectionLost: true)
        }
        let connection = PostgresConnection(handle: handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw connection.lostError
        }
        // Notices (e.g. "schema already exists, skipping") are not for the terminal.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return connection
    }

    /// Whether the connection cannot be used again: lost, or left mid-pipeline.
    var isBroken: Bool { poisoned || PQstatus(handle) != CONNECTION_OK }

    /// Set when a pipeline could not be read to its end: the session's state is unknown.
    var poisoned = false

    /// libpq's last message on one line.
    var lastMessage: String { lastLines.joined(separator: " ") }

    /// libpq's last message's first line (its hints left out).
    var lastCause: String { lastLines.first ?? "unknown libpq error" }

    private var lastLines: [String] {
        let text = PQerrorMessage(handle).map { String(cString: $0) } ?? "unknown libpq error"
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The error a lost connection reports: libpq's message, its first line as the cause.
    var lostError: PostgresError {
        PostgresError(sqlState: nil, message: lastMessage, cause: lastCause, connectionLost: true)
    }

    /// The statements prepared on this session, by SQL text and parameter types.
    private var prepared: [PreparedKey: String] = [:]
    /// Statements beyond this many are run unprepared (a session keeps what it prepared).
    static let preparedLimit = 512

    private struct PreparedKey: Hashable {
        var sql: String
        var types: [UInt32]
    }

    /// Runs one statement with binary parameters and binary results.
    ///
    /// The first run of a statement text on this session prepares it (`PQprepare`), later runs
    /// only bind and execute it: the server parses and plans it once per session. Prepared
    /// statements outlive transactions, so one prepared inside a transaction that rolls back
    /// stays usable.
    @discardableResult
    func execute(_ sql: String, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        let types = parameters.map(\.oid)
        let name = try preparedName(sql, types: types)
        let result = Self.withBound(parameters) { count, values, lengths, formats in
            if let name {
                PQexecPrepared(handle, name, count, values, lengths, formats, 1)
            } else {
                types.withUnsafeBufferPointer { types in
                    PQexecParams(handle, sql, count, types.baseAddress, values, lengths, formats, 1)
                }
            }
        }
        return try checked(result)
    }

    /// Calls `body` with the parameters in libpq's form (count, values, lengths, binary
    /// formats), their bytes copied into buffers that live across the call.
    static func withBound<T>(_ parameters: [PostgresValue],
                             _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T) -> T {
        let encoded = parameters.map(\.binary)
        let lengths = encoded.map { Int32($0?.count ?? 0) }
        let formats = [Int32](repeating: 1, count: parameters.count)
        let buffers: [UnsafeMutablePointer<CChar>?] = encoded.map { bytes in
            guard let bytes else { return nil }
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
            bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress {
                    UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count)
                }
            }
            return buffer
        }
        defer { for buffer in buffers { buffer?.deallocate() } }
        return buffers.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            lengths.withUnsafeBufferPointer { lengths in
                formats.withUnsafeBufferPointer { formats in
                    body(Int32(parameters.count), values.baseAddress, lengths.baseAddress, formats.baseAddress)
                }
            }
        }
    }

    /// The name `sql` is prepared under on this session, preparing it first; nil once the
    /// session holds `preparedLimit` statements (then it runs unprepared).
    func preparedName(_ sql: String, types: [UInt32]) throws(PostgresError) -> String? {
        let key = PreparedKey(sql: sql, types: types)
        if let name = prepared[key] { return name }
        guard prepared.count < Self.preparedLimit else { return nil }
        let name = "bank_\(prepared.count)"
        let result = types.withUnsafeBufferPointer { types in
            PQprepare(handle, name, sql, Int32(types.count), types.baseAddress)
        }
        _ = try checked(result)
        prepared[key] = name
        return name
    }

    /// The result as rows, or the server's error (the result is freed either way).
    func checked(_ result: OpaquePointer?) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError(sqlState: nil, message: lastMessage, cause: lastCause, connectionLost: isBroken)
        }
        let rows = PostgresRows(result)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
            return rows
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) } ?? lastMessage
            throw PostgresError(sqlState: state, message: message, connectionLost: isBroken)
        }
    }

    /// `session` while it is usable; otherwise a new connection from `connect`, kept in `session`
    /// (a dedicated thread's connection, reopened after it was lost).
    static func reusing(_ session: inout PostgresConnection?, connect: () throws(PostgresError) -> PostgresConnection) throws(PostgresError) -> PostgresConnection {
        if let session, !session.isBroken { return session }
        session = nil
        let connection = try connect()
        session = connection
        return connection
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    func transaction<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(PostgresError) -> T {
        try execute("BEGIN")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            if !isBroken {
                do { try execute("ROLLBACK") } catch {
                    // The body's error is the one to report; a connection that cannot roll back
                    // is broken, and the pool drops it.
                }
            }
            throw error
        }
    }
}

private extension Array where Element == String {
    /// Runs `body` with the strings as a NULL-terminated array of C strings.
    func withCStrings<T>(_ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        pointers.append(nil)
        return body(pointers.map { $0.map { UnsafePointer($0) } })
    }
}
