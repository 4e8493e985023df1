/// Every subcommand of `bank-console`, in the order the help lists them.
enum CommandCatalog {
    static let all: [Command] = storeCommands + bankCommands + subscriptionCommands

    /// Persistent subscriptions and projections kept in the store.
    static let subscriptionCommands: [Command] = [
        SubscriptionsCommand.command,
        ReplayParkedCommand.command,
        ProjectionsCommand.list,
        ProjectionsCommand.show,
    ]

    /// The bank: accounts, balances, payments, the held queue, sanctions.
    static let bankCommands: [Command] = [
        RunCommand.command,
        SeedCommand.command,
        AccountsCommand.command,
        AccountDetailCommand.command,
        BalanceCommand.command,
        LedgerCommand.command,
        PayCommand.command,
        ImportPaymentsCommand.command,
        SendCommand.command,
        ScheduledCommand.command,
        CancelScheduledCommand.command,
        PaymentCommand.command,
        HeldCommand.command,
        DecisionCommands.release,
        DecisionCommands.reject,
        AccountStatusCommands.block,
        AccountStatusCommands.unblock,
        AccountStatusCommands.close,
        ForgetCustomerCommand.command,
        SanctionsCommand.command,
        OperatorsCommand.command,
        SettingsCommand.command,
        AuditCommand.command,
        CheckAccountCommand.command,
        ScreenCommand.command,
    ]

    /// Streams, events, import and verification: the store's face.
    static let storeCommands: [Command] = [
        StreamsCommand.command,
        ReadCommand.command,
        EventCommand.command,
        AppendCommand.command,
        ImportCommand.command,
        VerifyCommand.command,
        ReindexCommand.command,
    ]

    /// Options when no subcommand is given (the console).
    static let consoleOptions = [
        OptionSpec("store", ["DIR|URI"], help: "data directory or postgresql:// URI (default $BANK_STORE, else ./bank-data)", value: .path),
        OptionSpec("theme", ["NAME"], help: "colour theme: default, light, high-contrast, mono, or a theme file's path"),
        OptionSpec("json", help: "accepted for symmetry; the console ignores it"),
        OptionSpec("help", help: "show this help"),
    ]
}
