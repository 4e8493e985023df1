import CLibpq
import Foundation

/// The CPU the PostgreSQL server's backends spend on the bench's database, read from
/// `/proc/PID/stat` of each backend: only when the server runs on this machine (else every
/// reading is nil and the figure is left out).
///
/// A backend that ends between two readings takes its CPU with it, so a figure is only right
/// over a span in which the measured connections stay open (the store's own: writer, flusher,
/// listener, pool). Backends of other databases, and the server's own processes (WAL writer,
/// checkpointer), are not counted.
struct ServerCPU {
    let uri: String

    /// Seconds of CPU each backend of the database has used, by process id; nil when the server
    /// is not local or cannot be asked.
    func reading() -> [Int32: Double]? {
        guard let connection = PQconnectdb(uri), PQstatus(connection) == CONNECTION_OK else { return nil }
        defer { PQfinish(connection) }
        let sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        guard let result = PQexec(connection, sql) else { return nil }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else { return nil }
        var seconds: [Int32: Double] = [:]
        for row in 0..<PQntuples(result) {
            guard let text = PQgetvalue(result, row, 0), let pid = Int32(String(cString: text)) else { continue }
            guard let cpu = Self.cpuSeconds(of: pid) else { return nil }
            seconds[pid] = cpu
        }
        return seconds
    }

    /// The CPU spent between two readings by the backends present at the end (all of it for
    /// one that started in between).
    static func spent(from start: [Int32: Double]?, to end: [Int32: Double]?) -> Double? {
        guard let start, let end else { return nil }
        return end.reduce(0) { sum, entry in sum + max(0, entry.value - (start[entry.key] ?? 0)) }
    }

    /// utime + stime of a local process, in seconds; nil when it is not on this machine.
    static func cpuSeconds(of pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command's closing parenthesis: state is the first, utime the 12th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
