import Core
import Foundation
import Store

/// `e` in a ledger: the account's whole statement as CSV (the same lines as
/// `bank-console ledger SORTCODE ACCOUNT --csv`), written to a new file that only its owner can
/// read (bank data is private), named for the account and the time.
enum StatementExport {
    struct Written: Equatable {
        var path: String
        var entries: Int
    }

    /// Why a statement could not be written.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func write(_ id: AccountID, from store: any EventStore, to directory: URL, at time: Date) throws -> Written {
        let statement: LedgerStatement
        do {
            statement = try LedgerStatement.read(id, from: nil, to: nil, in: store)
        } catch {
            throw Failure(description: error.description)
        }
        let stamp = ISO8601Milliseconds.string(time).filter { $0.isNumber || $0 == "T" }.prefix(15)
        let base = "statement-\(id.sortCode.digits)-\(id.accountNumber.digits)-\(stamp)"
        let text = statement.csvLines.joined(separator: "\n") + "\n"
        // A new, private (0600) file: an existing one is never overwritten (a second export in
        // the same second gets `-2`, `-3`, ...).
        for attempt in 1...100 {
            let url = directory.appendingPathComponent(attempt == 1 ? "\(base).csv" : "\(base)-\(attempt).csv")
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure(description: "cannot write \(url.path)")
            }
            return Written(path: url.path, entries: statement.lines.count)
        }
        throw Failure(description: "too many statements named \(base) in \(directory.path)")
    }
}
