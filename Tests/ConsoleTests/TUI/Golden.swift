import Foundation
import Testing
@testable import ConsoleUI

/// Compares a screen with a reviewed golden text file under `Tests/Golden/ConsoleScreens/`
/// (data, kept outside every target's folder so no target needs an `exclude:` list).
///
/// `RECORD_GOLDEN=1` writes the file (when it is missing or differs) and fails the test all the
/// same, so a recording run is never green: review the diff, commit it, run again without it.
func expectGolden(_ screen: Screen, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = goldenDirectory.appendingPathComponent(name + ".txt")
    let actual = screen.lines.map { line in
        // Trailing spaces are invisible in review; keep a visible right edge instead.
        line + "|"
    }.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        record(actual, to: url, name: name, sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(url.path); run with RECORD_GOLDEN=1 and review it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expectedLines.count, actualLines.count)
        Issue.record("""
            screen differs from \(name).txt at row \(first):
            expected: \(first < expectedLines.count ? String(expectedLines[first]) : "(none)")
            actual:   \(first < actualLines.count ? String(actualLines[first]) : "(none)")
            """, sourceLocation: sourceLocation)
    }
}

/// `Tests/Golden/ConsoleScreens`, found from this file's place in the tree
/// (`Tests/ConsoleTests/TUI/Golden.swift`).
private let goldenDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Golden/ConsoleScreens")

/// Writes `actual` to `url` when it differs, then records an issue either way: recording is a
/// change to review, never a pass.
private func record(_ actual: String, to url: URL, name: String, sourceLocation: SourceLocation) {
    if (try? String(contentsOf: url, encoding: .utf8)) == actual {
        Issue.record("RECORD_GOLDEN=1: \(name).txt is unchanged; run again without RECORD_GOLDEN", sourceLocation: sourceLocation)
        return
    }
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("RECORD_GOLDEN=1: recorded \(name).txt; review the diff, commit it, run again without RECORD_GOLDEN",
                     sourceLocation: sourceLocation)
    } catch {
        Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
    }
}
