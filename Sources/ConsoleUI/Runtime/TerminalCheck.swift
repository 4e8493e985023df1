import Foundation

/// Checks made before opening the data directory, so a console that cannot be shown never
/// starts the bank: stdin/stdout must be a terminal and TERM must be set.
enum TerminalCheck {
    static func problem(environment: [String: String]) -> String? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return TerminalError.notATerminal.description }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else {
            return TerminalError.unknownTerminalType(environment["TERM"] ?? "(unset)").description
        }
        return nil
    }
}
