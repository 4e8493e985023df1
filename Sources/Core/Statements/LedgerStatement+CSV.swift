import Foundation

extension LedgerStatement {
    /// The CSV header of a statement, as `ledger --csv` prints it and the console exports it.
    public static let csvHeader = ["position", "created", "amount", "balance", "kind", "paymentId", "description"]

    /// The statement as CSV lines (RFC 4180 quoting), header first.
    public var csvLines: [String] {
        [CSVLine.make(Self.csvHeader)] + lines.map { line in
            CSVLine.make([String(line.position), ISO8601Milliseconds.string(line.created), line.amount.decimalString,
                          line.balance.decimalString, line.kind.rawValue, line.paymentId.map { $0.uuidString.lowercased() } ?? "",
                          line.description])
        }
    }
}

/// One CSV record: a field with a comma, a quote or a line break is quoted, its quotes doubled.
public enum CSVLine {
    public static func make(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
