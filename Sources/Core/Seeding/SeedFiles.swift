import Foundation

/// One account line of `accounts.txt`.
public struct SeedAccount: Sendable, Hashable {
    public var account: AccountID
    public var holder: String
    public var status: AccountStatus
    public var openingBalance: Money
}

/// Why seed files could not be read.
public enum SeedError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingFile(String)
    case malformed(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let path): "seed file not found: \(path)"
        case let .malformed(file, line, reason): "\(file):\(line): \(reason)"
        }
    }
}

/// The seed files of a directory, parsed (formats in the directory's README).
public struct SeedFiles: Sendable, Hashable {
    public static let accountsFile = "accounts.txt"
    public static let sanctionsFile = "sanctioned-names.txt"

    public var accounts: [SeedAccount]
    public var sanctionedNames: [SanctionedEntry]

    public init(accounts: [SeedAccount], sanctionedNames: [SanctionedEntry]) {
        self.accounts = accounts
        self.sanctionedNames = sanctionedNames
    }

    /// Reads and parses `accounts.txt` and `sanctioned-names.txt` from `directory`.
    public init(directory: URL) throws(SeedError) {
        let accountsText = try Self.read(directory.appendingPathComponent(Self.accountsFile))
        let sanctionsText = try Self.read(directory.appendingPathComponent(Self.sanctionsFile))
        self.init(accounts: try Self.parseAccounts(accountsText), sanctionedNames: try Self.parseSanctions(sanctionsText))
    }

    private static func read(_ url: URL) throws(SeedError) -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .missingFile(url.path)
        }
    }

    /// The meaningful lines: (line number, fields).
    static func records(_ text: String) -> [(Int, [String])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            return (index + 1, line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    public static func parseAccounts(_ text: String) throws(SeedError) -> [SeedAccount] {
        var result: [SeedAccount] = []
        var seen: Set<AccountID> = []
        for (line, fields) in records(text) {
            func bad(_ reason: String) -> SeedError { .malformed(file: accountsFile, line: line, reason: reason) }
            guard fields.count == 5 else { throw bad("expected 5 fields separated by |, found \(fields.count)") }
            guard let account = AccountID(sortCode: fields[0], accountNumber: fields[1]) else {
                throw bad("\"\(fields[0]) \(fields[1])\" is not a 6-digit sort code and an 8-digit account number")
            }
            if let problem = PaymentValidation.problem(withName: fields[2], label: "holder") { throw bad(problem) }
            guard let status = AccountStatus(rawValue: fields[3].lowercased()) else {
                throw bad("status \"\(fields[3])\" is not open, blocked or closed")
            }
            guard let balance = Money(parsing: fields[4]), balance.pence >= 0 else {
                throw bad("opening balance \"\(fields[4])\" is not a non-negative amount with at most 2 decimals")
            }
            if let problem = PaymentValidation.modulusProblem(account, label: "seed") { throw bad(problem) }
            guard seen.insert(account).inserted else { throw bad("account \(account) is listed twice") }
            result.append(SeedAccount(account: account, holder: fields[2], status: status, openingBalance: balance))
        }
        return result
    }

    public static func parseSanctions(_ text: String) throws(SeedError) -> [SanctionedEntry] {
        var result: [SanctionedEntry] = []
        var seen: Set<String> = []
        for (line, fields) in records(text) {
            func bad(_ reason: String) -> SeedError { .malformed(file: sanctionsFile, line: line, reason: reason) }
            guard fields.count == 3 else { throw bad("expected 3 fields separated by |, found \(fields.count)") }
            guard !fields[0].isEmpty else { throw bad("entry id is empty") }
            guard !fields[1].isEmpty else { throw bad("name is empty") }
            guard seen.insert(fields[0]).inserted else { throw bad("entry \(fields[0]) is listed twice") }
            let aliases = fields[2].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            result.append(SanctionedEntry(entryId: fields[0], name: fields[1], aliases: aliases))
        }
        return result
    }
}
