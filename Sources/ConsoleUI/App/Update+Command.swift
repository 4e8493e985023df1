import Foundation

extension State {
    /// Runs a `:` command line. Unknown commands and bad arguments come back as a toast.
    mutating func runCommand(_ line: String) -> [Effect] {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let name = words.first?.lowercased() else { return [] }
        let args = Array(words.dropFirst())
        switch name {
        case "q", "quit":
            return handleKeyForCommand(.char("q"))
        case "help", "h":
            overlay = .help(scroll: 0)
            return []
        case "stream", "s", "read":
            guard let stream = args.first else { return refuse("usage: :stream NAME") }
            return openStream(stream, at: 0, cursorOn: nil, following: false)
        case "follow":
            guard let stream = args.first else { return refuse("usage: :follow NAME") }
            return openStream(stream, at: nil, cursorOn: nil, following: true)
        default:
            if let effects = runBankCommand(name, args) { return effects }
            return refuse("unknown command :\(name) — try :help")
        }
    }

    mutating func refuse(_ message: String) -> [Effect] {
        toast(message, .failure)
        return []
    }

    private mutating func handleKeyForCommand(_ key: Key) -> [Effect] {
        apply(.keyPressed(key))
    }
}
