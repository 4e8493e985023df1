import Core

extension CommandContext {
    /// Prints that a change was made: `text`, or with --json `{"ok":true}` followed by `fields`.
    func printDone(_ text: String, _ fields: [(String, JSONValue)]) {
        output.line(json ? JSONValue.object([("ok", .bool(true))] + fields).compact : text)
    }
}
