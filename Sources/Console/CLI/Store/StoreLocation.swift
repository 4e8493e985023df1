import Foundation
import Core
import PostgresStore

/// Where `--store` (or `$BANK_STORE`) points: a data directory (a path) or a PostgreSQL
/// database (a `postgresql://` or `postgres://` libpq URI). Carried as a `URL` either way:
/// a file URL for a directory, the URI as given for a database.
enum StoreLocation {
    /// The location `text` names, relative paths against `workingDirectory`.
    /// - Throws: `.usage` for a URI with any other scheme (`http://…`, `mysql://…`).
    static func resolve(_ text: String, workingDirectory: URL) throws(CommandFailure) -> URL {
        if PostgresEventStore.isURI(text) {
            guard let url = URL(string: text) else {
                throw .usage("--store \(DisplayText.quoted(text)) is not a valid libpq URI (postgresql://USER@HOST/DATABASE)")
            }
            return url
        }
        if let scheme = text.range(of: "://").map({ String(text[..<$0.lowerBound]) }),
           !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
            throw .usage("--store takes a directory or a postgresql:// URI, not a \(scheme):// location")
        }
        if text.hasPrefix("/") { return URL(fileURLWithPath: text).standardizedFileURL }
        return workingDirectory.appendingPathComponent(text).standardizedFileURL
    }

    /// Whether `location` is a PostgreSQL database rather than a directory.
    static func isPostgres(_ location: URL) -> Bool {
        !location.isFileURL && PostgresEventStore.isURI(location.absoluteString)
    }

    /// A short name for the console's top bar: `pg DATABASE` for PostgreSQL, nil for a directory.
    static func label(_ location: URL) -> String? {
        guard isPostgres(location) else { return nil }
        let database = location.path.split(separator: "/").first.map(String.init) ?? ""
        return database.isEmpty ? "pg" : "pg " + database
    }

    /// The location for people: a directory's path, or the URI without its password.
    static func describe(_ location: URL) -> String {
        guard isPostgres(location) else { return location.path }
        var text = location.absoluteString
        if let password = location.password, let range = text.range(of: ":" + password + "@") {
            text.replaceSubrange(range, with: ":***@")
        }
        return text
    }
}

extension StoreLocation {
    /// The database role a libpq connection to `location` logs in as: the URI's user, else
    /// `PGUSER`, else the OS login name (libpq's own rule). Nil for a directory.
    ///
    /// On PostgreSQL that role is the operator: the database authenticates it, so `--by` cannot
    /// claim another name there.
    static func databaseRole(_ location: URL, environment: [String: String]) -> String? {
        guard isPostgres(location) else { return nil }
        if let user = URLComponents(url: location, resolvingAgainstBaseURL: false)?.user?.removingPercentEncoding, !user.isEmpty {
            return user
        }
        if let user = environment["PGUSER"], !user.isEmpty { return user }
        return OperatorIdentity.current(environment: [:]).osUser
    }
}
