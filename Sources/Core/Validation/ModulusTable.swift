import Foundation

/// Vocalink's modulus-checking tables, parsed: the weight rules of `valacdos.txt` by sort
/// code and the sort-code substitutions of `scsubtab.txt` (used by exception 5).
///
/// Looking up a sort code is a binary search over the ranges (about 1,100). A value type;
/// `ModulusTable.bundled` is the copy shipped in `seeds/modulus/`, parsed once, on first use.
public struct ModulusTable: Sendable, Hashable {
    public static let weightsFile = "valacdos.txt"
    public static let substitutionsFile = "scsubtab.txt"

    /// Rules grouped by identical range, sorted by start; the lines' order kept within a group.
    let groups: [[ModulusRule]]
    /// Exception 5's substitutions: original sort code → the one to check with.
    public let substitutions: [Int: Int]

    /// A table from parsed rules (in file order) and substitutions.
    public init(rules: [ModulusRule], substitutions: [Int: Int] = [:]) {
        var groups: [[ModulusRule]] = []
        for rule in rules.enumerated().sorted(by: { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }).map(\.element) {
            if let last = groups.last?.first, last.start == rule.start, last.end == rule.end {
                groups[groups.count - 1].append(rule)
            } else {
                groups.append([rule])
            }
        }
        self.groups = groups
        self.substitutions = substitutions
    }

    /// Parses both files' texts; a malformed line is an error naming its file and line.
    public init(weights: String, substitutions: String) throws(ModulusTableError) {
        self.init(rules: try Self.parseRules(weights), substitutions: try Self.parseSubstitutions(substitutions))
    }

    /// The rules for `sortCode` (zero, one or two), in the order they are to be applied.
    public func rules(for sortCode: Int) -> [ModulusRule] {
        var low = 0
        var high = groups.count
        // The first group whose start is beyond the sort code.
        while low < high {
            let middle = (low + high) / 2
            if groups[middle][0].start <= sortCode { low = middle + 1 } else { high = middle }
        }
        guard low > 0, groups[low - 1][0].covers(sortCode) else { return [] }
        return groups[low - 1]
    }

    /// How many rule lines the table holds.
    public var ruleCount: Int { groups.reduce(0) { $0 + $1.count } }

    // MARK: - Parsing

    /// `start end ALGORITHM w1 … w14 [exception]`, blank lines ignored.
    static func parseRules(_ text: String) throws(ModulusTableError) -> [ModulusRule] {
        var rules: [ModulusRule] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            func bad(_ reason: String) -> ModulusTableError { .malformed(file: weightsFile, line: index + 1, reason: reason) }
            guard fields.count == 17 || fields.count == 18 else { throw bad("expected 17 or 18 fields, found \(fields.count)") }
            guard let start = sortCode(fields[0]), let end = sortCode(fields[1]), start <= end else {
                throw bad("\"\(fields[0]) \(fields[1])\" is not a range of 6-digit sort codes")
            }
            guard let algorithm = ModulusRule.Algorithm(rawValue: String(fields[2])) else {
                throw bad("algorithm \"\(fields[2])\" is not MOD10, MOD11 or DBLAL")
            }
            var weights: [Int] = []
            for field in fields[3..<17] {
                guard let weight = Int(field), abs(weight) < 1_000 else { throw bad("weight \"\(field)\" is not a number") }
                weights.append(weight)
            }
            var exception: Int?
            if fields.count == 18 {
                guard let number = Int(fields[17]), (1...14).contains(number) else { throw bad("exception \"\(fields[17])\" is not 1 to 14") }
                exception = number
            }
            rules.append(ModulusRule(start: start, end: end, algorithm: algorithm, weights: weights, exception: exception))
        }
        return rules
    }

    /// `original substitute` per line, blank lines ignored.
    static func parseSubstitutions(_ text: String) throws(ModulusTableError) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 2, let original = sortCode(fields[0]), let substitute = sortCode(fields[1]) else {
                throw .malformed(file: substitutionsFile, line: index + 1, reason: "expected two 6-digit sort codes")
            }
            result[original] = substitute
        }
        return result
    }

    private static func sortCode(_ field: Substring) -> Int? {
        guard field.utf8.count == 6, field.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(field)
    }
}
