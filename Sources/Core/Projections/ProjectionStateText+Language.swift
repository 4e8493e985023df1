import Foundation
import Store

extension ProjectionStateText {
    /// A projection written in the projection language: its aggregates as indented JSON with
    /// sorted keys, then one line saying how many streams it remembers values for (the
    /// `--json` state holds them under `$remembered`), so the figures come first.
    static func lines(_ state: TextProjectionState) throws(EventStoreError) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let result: JSONValue
        do {
            result = try JSONParser.parse(Array(try encoder.encode(ProjectionValue.object(state.result))))
        } catch {
            throw .invalidSettings("the state cannot be shown: \(error)")
        }
        var lines = state.result.isEmpty ? ["{}"] : result.pretty.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if !state.remembered.isEmpty {
            let count = state.remembered.count
            lines.append("(remembering values for \(count) stream\(count == 1 ? "" : "s") in flight)")
        }
        return lines
    }
}
