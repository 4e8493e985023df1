import Foundation
import Testing
@testable import Core

/// The screener's decisions on a fixed, seeded set of names against the real OFAC list, as
/// recorded from the screener before it was made faster (`Tests/Golden/Screening/`): every
/// name held on the same entry and list name with the same score, every other name clear.
/// `SCREENING_RECORD=1` rewrites the file (review the diff: a changed decision is a changed
/// screener, not a faster one).
@Suite(.serialized) struct ScreeningDecisionGuardTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/Screening/real-list-decisions.tsv")

    /// 600 true variants (seed 41), 600 ordinary UK names (seed 42), each screened alone.
    static func names() -> [String] {
        var variants = RealListVariants(seed: 41, entries: realListScreener.entries)
        var ordinary = OrdinaryUKNames(seed: 42)
        return variants.variants(count: 600).map(\.name) + ordinary.names(count: 600)
    }

    /// One line per name: `name⇥entryId⇥matched⇥score` for a hit, `name⇥clear` otherwise.
    static func decisions(of screener: SanctionsScreener, _ names: [String]) -> [String] {
        names.map { name in
            guard let match = screener.screen([(.beneficiary, name)]).first else { return "\(name)\tclear" }
            return "\(name)\t\(match.entryId)\t\(match.matched)\t\(String(format: "%.4f", match.score))"
        }
    }

    @Test func theScreenerDecidesAsRecordedOnSeededNames() throws {
        let decided = Self.decisions(of: realListScreener, Self.names())
        if ProcessInfo.processInfo.environment["SCREENING_RECORD"] == "1" {
            try (decided.joined(separator: "\n") + "\n").write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let recorded = try String(contentsOf: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(recorded.count == decided.count)
        #expect(decided.filter { !$0.hasSuffix("\tclear") }.count > 500, "most true variants hold")
        for (got, want) in zip(decided, recorded) where got != want {
            Issue.record("decided \(got) — recorded \(want)")
        }
    }
}
