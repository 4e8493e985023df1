/// What the parser found for one command: its positionals, option values and flags.
struct ParsedArguments: Sendable, Equatable {
    /// Positionals in order; a variadic last positional is already joined with spaces.
    var positionals: [String] = []
    /// Values given per option name (without `--`); a flag maps to `[]`.
    var options: [String: [String]] = [:]

    /// Whether the flag or option `name` was given.
    func has(_ name: String) -> Bool { options[name] != nil }

    /// The single value of option `name`, if given.
    func value(_ name: String) -> String? { options[name]?.first }

    /// All values of a multi-value option such as `--to SORTCODE ACCOUNT`.
    func values(_ name: String) -> [String]? { options[name] }

    /// Positional number `index`, if present.
    func positional(_ index: Int) -> String? {
        index < positionals.count ? positionals[index] : nil
    }
}

/// What the command line asks for.
enum Invocation: Sendable, Equatable {
    /// A subcommand with its arguments.
    case command(name: String, ParsedArguments)
    /// Help: for one command, or the overview when nil; `store`: the `--store` given with it
    /// (help says which store a command would open).
    case help(command: String?, store: String? = nil)
    /// No subcommand: open the console (TUI) with these options.
    case console(ParsedArguments)
}

/// A command line that does not fit the grammar: exit code 2.
struct UsageError: Error, Equatable, CustomStringConvertible {
    var message: String
    /// The command it concerns, for the `--help` hint.
    var command: String?

    var description: String {
        let hint = command.map { "see 'bank-console \($0) --help'" } ?? "see 'bank-console --help'"
        return "\(message) (\(hint))"
    }
}
