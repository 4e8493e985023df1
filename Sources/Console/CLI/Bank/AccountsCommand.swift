import Core
import Store

/// `accounts [--status open|blocked|closed] [--limit N]`: the bank's accounts with holder,
/// status and balance, by sort code and account number, printed as they are read.
enum AccountsCommand {
    /// Rows aligned together: a listing of up to this many accounts is one table; a longer one
    /// is printed a block at a time (each block aligned on its own), so nothing waits for the end.
    static let blockSize = 1_000

    static let command = Command(spec: CommandSpec(
        name: "accounts",
        usage: ["accounts [--status open|blocked|closed] [--limit N]"],
        summary: "list the bank's accounts with holder, status and balance",
        details: """
        By sort code and account number, printed as they are read: each account's status events \
        and the tail of its ledger (the balance its last entry recorded), never the whole log. \
        Past \(blockSize) rows, the table is aligned a block of \(blockSize) rows at a time. \
        JSON: an array of {"sortCode","accountNumber","name","status","balance"}; status is open, blocked or closed.
        """,
        options: [
            OptionSpec("status", ["STATUS"], help: "only accounts in this status: open, blocked or closed"),
            OptionSpec("limit", ["N"], help: "at most N accounts", value: .count),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let status = try context.arguments.value("status").map { text throws(CommandFailure) -> AccountStatus in
            guard let status = AccountStatus(rawValue: text.lowercased()) else {
                throw CommandFailure.usage("--status must be open, blocked or closed, not '\(text.prefix(40))'")
            }
            return status
        }
        let limit = try context.integerOption("limit").map { Int(clamping: $0) } ?? Int.max
        try await context.withReadOnlyStore { store in
            var printer = Printer(context: context)
            // `Accounts-` streams come in name order, which is sort code then account number.
            for info in store.streams(prefix: "Accounts-") where printer.count < limit {
                guard case .account(let id)? = BankStream(name: info.name),
                      let listed = try EntityReads.listedAccount(id, in: store) else { continue }
                let account = try BankView.trusted(listed)
                if let status, account.status != status { continue }
                printer.print(account)
            }
            printer.finish()
        }
        return ExitCode.success
    }

    /// Prints accounts as they come: JSON elements one per line as the array grows, table rows a
    /// block at a time. Nothing is printed before the first account is known good, so a fault
    /// met early leaves the output empty.
    struct Printer {
        let context: CommandContext
        private(set) var count = 0
        private var block: [AccountSummary] = []
        private var openedArray = false
        private var written = 0

        init(context: CommandContext) {
            self.context = context
        }

        mutating func print(_ account: AccountSummary) {
            count += 1
            block.append(account)
            if block.count >= AccountsCommand.blockSize { flush(last: false) }
        }

        mutating func finish() {
            flush(last: true)
            if !context.json { context.output.line("\(count) account\(count == 1 ? "" : "s")") }
        }

        private mutating func flush(last: Bool) {
            if context.json {
                // One compact array, written in pieces: `[`, the elements joined by `,`, `]`.
                var text = written == 0 && !openedArray ? "[" : ""
                openedArray = true
                for account in block {
                    if written > 0 { text += "," }
                    text += JSONValue.object(BankRendering.json(account)).compact
                    written += 1
                }
                if last { context.output.line(text + "]") } else { context.output.write(text) }
            } else if !block.isEmpty || count == 0 {
                var lines = BankRendering.accountsTable(block)
                if count > block.count { lines.removeFirst() } // the header once, above the first block
                for line in lines { context.output.line(line) }
            }
            block.removeAll(keepingCapacity: true)
        }
    }
}
