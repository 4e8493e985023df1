/// Every subcommand of `bank-console`, in the order the help lists them.
enum CommandCatalog {
    static let all: [Command] = storeCommands + bankCommands

    /// The bank: accounts, balances, payments, the held queue, sanctions.
    static let bankCommands: [Command] = [
        AccountsCommand.command,
        AccountCommand.command,
        BalanceCommand.command,
        PaymentCommand.command,
        HeldCommand.command,
        SanctionsCommand.command,
    ]

    /// Streams, events, import and verification: the store's face.
    static let storeCommands: [Command] = [
        StreamsCommand.command,
        ReadCommand.command,
        EventCommand.command,
        AppendCommand.command,
        ImportCommand.command,
        VerifyCommand.command,
    ]

    /// Options when no subcommand is given (the console).
    static let consoleOptions = [
        OptionSpec("store", ["DIR"], help: "data directory (default $BANK_STORE, else ./bank-data)"),
        OptionSpec("theme", ["NAME"], help: "colour theme from themes/"),
        OptionSpec("json", help: "accepted for symmetry; the console ignores it"),
        OptionSpec("help", help: "show this help"),
    ]
}
