/// Why the console could not take over the terminal; each says what to do instead.
enum TerminalError: Error, Hashable, CustomStringConvertible {
    case notATerminal
    case unknownTerminalType(String)
    case couldNotStart(String)

    var description: String {
        switch self {
        case .notATerminal:
            "the console needs an interactive terminal, but stdin or stdout is not a TTY; use a subcommand instead (bank-console --help)"
        case .unknownTerminalType(let term):
            "unknown terminal type \"\(term)\" (TERM); try TERM=xterm-256color"
        case .couldNotStart(let reason):
            "could not start the terminal: \(reason)"
        }
    }
}
