import Foundation
import Testing
@testable import Console

/// The README's command reference tells the truth: every command it lists exists, every option
/// it names is one that command takes, and the columns it says a command prints are printed.
@Suite struct ReadmeReferenceTests {
    /// One command line of the reference, with its continuation lines.
    struct Entry {
        var commands: [String]
        var options: Set<String>
        var columns: [String]
    }

    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    /// The fenced block under "## Command reference", parsed.
    static func entries() throws -> [Entry] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "## Command reference"))
        let fence = try #require(text.range(of: "```\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "```", range: fence.upperBound..<text.endIndex))
        var entries: [Entry] = []
        for line in text[fence.upperBound..<end.lowerBound].split(separator: "\n") {
            if line.hasPrefix("bank-console ") {
                let words = line.split(separator: " ")
                let name = words.count > 1 && !words[1].hasPrefix("[") && !words[1].hasPrefix("-") ? String(words[1]) : "(console)"
                entries.append(Entry(commands: name.split(separator: "|").map(String.init), options: [], columns: []))
            } else if !line.hasPrefix(" ") || entries.isEmpty {
                continue // a heading such as `# the store`
            }
            // Options on the command line and on continuation lines that start with `[`; an
            // indented explanation may mention another command's options.
            let code = line.hasPrefix(" ") && !line.trimmingCharacters(in: .whitespaces).hasPrefix("[") ? "" : String(line)
            for match in code.matches(of: /--([a-z][a-z-]*)/) { entries[entries.count - 1].options.insert(String(match.output.1)) }
            if let columns = line.firstMatch(of: /columns: ([^;]+)/) {
                entries[entries.count - 1].columns += columns.output.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
        }
        return entries
    }

    @Test func everyCommandAndOptionInTheReferenceExists() async throws {
        let entries = try Self.entries()
        #expect(entries.count > 30)
        let cli = CLIHarness()
        for entry in entries {
            for command in entry.commands {
                let help = command == "(console)" ? await cli.run("--help") : await cli.run([command, "--help"])
                #expect(help.status == 0, "bank-console \(command) --help")
                for option in entry.options where !help.output.contains("--\(option)") {
                    Issue.record("the README gives \(command) --\(option), which its --help does not name")
                }
            }
        }
    }

    @Test func theColumnsTheReferenceNamesArePrinted() async throws {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        _ = await cli.run("seed")
        let claims = try Self.entries().filter { !$0.columns.isEmpty }
        #expect(!claims.isEmpty)
        for entry in claims {
            let output = await cli.run(entry.commands[0]).output.lowercased()
            let header = output.split(separator: "\n").first.map(String.init) ?? ""
            for column in entry.columns where !header.contains(column.lowercased()) {
                Issue.record("the README says \(entry.commands[0]) prints \(column); its header is \(header)")
            }
        }
    }
}
