/// What a subcommand accepts and how it is described: the parser's and the help text's source.
struct CommandSpec: Sendable {
    /// The word after `bank-console`.
    var name: String
    /// Usage lines without the leading `bank-console `, e.g. `read STREAM [--from N]`.
    var usage: [String]
    /// One sentence for the command list.
    var summary: String
    /// More text for `--help`, after the usage lines.
    var details: String
    var positionals: [PositionalSpec]
    var options: [OptionSpec]

    init(name: String, usage: [String], summary: String, details: String = "",
         positionals: [PositionalSpec] = [], options: [OptionSpec] = []) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.details = details
        self.positionals = positionals
        self.options = options
    }

    /// Options every command takes.
    static let globalOptions = [
        OptionSpec("store", ["DIR|URI"], help: "data directory or postgresql:// URI (default $BANK_STORE, else ./bank-data)", value: .path),
        OptionSpec("json", help: "print data as JSON in the stable shapes of the reference"),
        OptionSpec("help", help: "show this help"),
    ]

    /// The option named `name` of this command or the global ones.
    func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name } ?? Self.globalOptions.first { $0.name == name }
    }

    /// Fewest and most positionals accepted (`nil` most when variadic).
    var positionalRange: (min: Int, max: Int?) {
        let required = positionals.filter { !$0.isOptional }.count
        return (required, positionals.contains { $0.isVariadic } ? nil : positionals.count)
    }
}
