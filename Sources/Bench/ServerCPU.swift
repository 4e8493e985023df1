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
///
/// Each backend is labelled with its connection's `application_name`, so a bench whose
/// processes connect under names of their own (`ServerCPU.tagged`) can split the server's CPU
/// by the process it served.
struct ServerCPU {
    let uri: String

    /// One backend at one reading.
    struct Backend {
        /// Its connection's `application_name` (empty when none was given).
        var application: String
        /// Seconds of CPU it has used.
        var seconds: Double
    }

    /// Each backend of the database, by process id; nil when the server is not local or cannot
    /// be asked.
    func reading() -> [Int32: Backend]? {
        guard let connection = PQconnectdb(uri), PQstatus(connection) == CONNECTION_OK else { return nil }
        defer { PQfinish(connection) }
        let sql = "SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        guard let result = PQexec(connection, sql) else { return nil }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_TUPLES_OK else { return nil }
        var backends: [Int32: Backend] = [:]
        for row in 0..<PQntuples(result) {
            guard let text = PQgetvalue(result, row, 0), let pid = Int32(String(cString: text)) else { continue }
            guard let cpu = Self.cpuSeconds(of: pid) else { return nil }
            let application = PQgetvalue(result, row, 1).map { String(cString: $0) } ?? ""
            backends[pid] = Backend(application: application, seconds: cpu)
        }
        return backends
    }

    /// The CPU spent between two readings by the backends present at the end (all of it for
    /// one that started in between).
    static func spent(from start: [Int32: Backend]?, to end: [Int32: Backend]?) -> Double? {
        spentByApplication(from: start, to: end).map { $0.values.reduce(0, +) }
    }

    /// `spent` split by the backends' `application_name`.
    static func spentByApplication(from start: [Int32: Backend]?, to end: [Int32: Backend]?) -> [String: Double]? {
        guard let start, let end else { return nil }
        return end.reduce(into: [:]) { sums, entry in
            sums[entry.value.application, default: 0] += max(0, entry.value.seconds - (start[entry.key]?.seconds ?? 0))
        }
    }

    /// `uri` with `application_name` set to `name` (a libpq URI parameter), so the server's
    /// backends for it can be told apart.
    static func tagged(_ uri: String, _ name: String) -> String {
        uri + (uri.contains("?") ? "&" : "?") + "application_name=" + name
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
