/// One `--name` option a command accepts: a flag, or an option followed by its values.
struct OptionSpec: Sendable, Equatable {
    /// The name without the leading `--`.
    var name: String
    /// Placeholders of the values it takes, e.g. `["N"]`, `["SORTCODE", "ACCOUNT"]`; empty for a flag.
    var valueNames: [String]
    /// One line for the help text.
    var help: String
    /// What each value accepts (checked by the parser): JSON for a `JSON` placeholder, text by default.
    var value: ArgumentValue

    init(_ name: String, _ valueNames: [String] = [], help: String, value: ArgumentValue? = nil) {
        self.name = name
        self.valueNames = valueNames
        self.help = help
        self.value = value ?? .inferred(from: valueNames)
    }

    var isFlag: Bool { valueNames.isEmpty }

    /// `--by NAME`: who acts, as the audit trail records it; `who` says who that is for the command.
    static func by(_ who: String = "who acts") -> OptionSpec {
        OptionSpec("by", ["NAME"], help: "\(who) (default: $BANK_OPERATOR, else your login name)")
    }

    /// `--reason TEXT`: why, recorded with the change; `detail` says whether it is required or its default.
    static func reason(_ detail: String = "default: \"by command line\"") -> OptionSpec {
        OptionSpec("reason", ["TEXT"], help: "why (\(detail))")
    }

    /// How it appears in usage text: `--count N`.
    var synopsis: String {
        (["--" + name] + valueNames).joined(separator: " ")
    }
}

/// A positional argument of a command.
struct PositionalSpec: Sendable, Equatable {
    var name: String
    var isOptional: Bool = false
    /// Takes every remaining positional, joined with spaces (for names with spaces).
    var isVariadic: Bool = false
    /// With `isVariadic`: the remaining positionals stay separate values (`screen A B`).
    var keepsApart: Bool = false
    /// What it accepts (checked by the parser).
    var value: ArgumentValue = .text
}
