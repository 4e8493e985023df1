import Core
import Foundation
import Store
import Testing
@testable import Console

/// Random and hostile input never crashes the parsers: each answer is a value or a typed error.
@Suite struct HostileInputTests {
    @Test func randomCommandLinesParseOrFailWithAUsageError() {
        var random = SplitMix64(seed: 42)
        let words = ["read", "--from", "--from=", "-", "--", "-h", "--help", "help", "pay", "--to", "401234", "12345706",
                     "--amount", "-5", "sanctions", "add", "=", "--json", "--store", "x", "--bogus", "-x", "", "é", "$all"]
        let parser = ArgumentParser(commands: Dictionary(uniqueKeysWithValues: CommandCatalog.all.map { ($0.spec.name, $0.spec) }),
                                    consoleOptions: CommandCatalog.consoleOptions)
        var parsed = 0
        var refused = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0..<7, using: &random)
            let arguments = (0..<count).map { _ in words.randomElement(using: &random)! }
            do {
                _ = try parser.parse(arguments)
                parsed += 1
            } catch {
                #expect(!error.message.isEmpty && !error.message.contains("\n"))
                refused += 1
            }
        }
        #expect(parsed > 0 && refused > 0)
    }

    @Test func randomBytesAreNeverAnImportLineThatCrashes() {
        var random = SplitMix64(seed: 7)
        let fragments = [#"{"stream":"S-1","type":"T","data":"#, "{", "}", "[", "]", "\"", "\\u", "\\ud800", ",", ":", "1e", "-",
                         "null", "tru", #""id":"#, #""expected":"#, "\u{0}", "\u{7F}", "é", "\n", " "]
        var accepted = 0
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<12, using: &random) {
                if Bool.random(using: &random) {
                    bytes += Array(fragments.randomElement(using: &random)!.utf8)
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &random))
                }
            }
            if case .success = ImportLine.parse(bytes) { accepted += 1 }
            _ = try? JSONParser.parse(bytes)
        }
        #expect(accepted < 5_000)
        // The parser is not simply refusing everything: a well-formed line still parses.
        let wellFormed = ImportLine.parse(Array(#"{"stream":"S-1","type":"T","data":{}}"#.utf8))
        #expect((try? wellFormed.get())?.stream == "S-1")
    }
}
