import Core
import Foundation
import Store

/// `pay ...`: an inbound payment from the simulated scheme, run until it is at rest.
enum PayCommand {
    static let command = Command(spec: CommandSpec(
        name: "pay",
        usage: ["pay --to SORTCODE ACCOUNT --amount 12.34 [--from-name N] [--to-name N] [--from SORTCODE ACCOUNT] [--reference R] [--scheme bacs|fps|chaps] [--timeout SECONDS]"],
        summary: "an inbound payment from the simulated scheme; prints its outcome",
        details: """
        Runs the bank's processors until the payment is at rest and prints the outcome: settled \
        (with the new balance), held (with the screening evidence), returned or failed (with the \
        reason). A payment to a well-formed account this bank does not have is returned, not \
        refused; one that would take the balance beyond £999,999,999,999.99 fails (BalanceLimit). \
        Malformed sort codes, account numbers or amounts, and amounts beyond £999,999,999,999.99, \
        are refused (exit 1) and nothing is written. If the payment is not at rest within \
        --timeout seconds, it says where it is and exits 4. JSON: the payment object, as \
        `payment --json` prints it.
        """,
        options: [
            OptionSpec("to", ["SORTCODE", "ACCOUNT"], help: "the beneficiary account at this bank"),
            OptionSpec("amount", ["X"], help: "pounds, more than zero, at most two decimals, at most 999999999999.99"),
            OptionSpec("from-name", ["N"], help: "the originator's name (default: Simulated Payer)"),
            OptionSpec("to-name", ["N"], help: "the beneficiary name on the payment (default: the account holder)"),
            OptionSpec("from", ["SORTCODE", "ACCOUNT"], help: "the originator's account at another bank (default: 20-00-00 00000001)"),
            OptionSpec("reference", ["R"], help: "the payment reference"),
            BankArguments.schemeOption,
            BankSession.timeoutOption,
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        guard let toValues = arguments.values("to") else { throw CommandFailure.usage("missing --to SORTCODE ACCOUNT") }
        guard let amount = arguments.value("amount") else { throw CommandFailure.usage("missing --amount X") }
        let to = try BankArguments.account(toValues)
        _ = try BankArguments.amount(amount)
        let from = try arguments.values("from").map { values throws(CommandFailure) in try BankArguments.account(values) }
        let scheme = try BankArguments.scheme(arguments.value("scheme"))
        let timeout = try BankSession.timeout(context)
        var request = InboundPaymentRequest(toSortCode: to.sortCode.digits, toAccountNumber: to.accountNumber.digits, amount: amount,
                                            toName: arguments.value("to-name"), reference: arguments.value("reference") ?? "",
                                            scheme: scheme)
        if let fromName = arguments.value("from-name") { request.fromName = fromName }
        if let from {
            request.fromSortCode = from.sortCode.digits
            request.fromAccountNumber = from.accountNumber.digits
        }
        return try await BankSession.movingPayment("pay", context, timeout: timeout) { bank in try await bank.pay(request) }
    }
}

/// `send ...`: an outbound payment from one of the bank's accounts through the scheme.
enum SendCommand {
    static let command = Command(spec: CommandSpec(
        name: "send",
        usage: ["send --from SORTCODE ACCOUNT --to SORTCODE ACCOUNT --amount X [--to-name N] [--reference R] [--scheme bacs|fps|chaps] [--by NAME] [--timeout SECONDS]",
                "send --from SORTCODE ACCOUNT --to SORTCODE ACCOUNT --amount X --on DATE [--every week|month [--until DATE]] [--to-name N] [--reference R] [--scheme S] [--by NAME]"],
        summary: "an outbound payment from one of the bank's accounts; prints its outcome",
        details: """
        Runs the processors until the payment is at rest: accepted by the scheme, rejected by it \
        (and reversed), failed (insufficient funds, blocked or closed account) or held by \
        screening. An unknown own account, a malformed account or amount (or one beyond \
        £999,999,999,999.99) is refused (exit 1), nothing written. If the payment is not at rest \
        within --timeout seconds, it says where it is and exits 4. JSON: the payment object. \
        With --on it is booked for that day instead (see `scheduled`), validated the same way; \
        a day before today is refused (exit 1). JSON: the schedule object.
        """,
        options: [
            OptionSpec("from", ["SORTCODE", "ACCOUNT"], help: "one of this bank's accounts"),
            OptionSpec("to", ["SORTCODE", "ACCOUNT"], help: "the beneficiary's account (at any bank)"),
            OptionSpec("amount", ["X"], help: "pounds, more than zero, at most two decimals"),
            OptionSpec("to-name", ["N"], help: "the beneficiary's name (default: Beneficiary)"),
            OptionSpec("reference", ["R"], help: "the payment reference"),
            BankArguments.schemeOption,
            OptionSpec.by("who asks for it"),
            BankSession.timeoutOption,
        ] + ScheduledSendCommand.options
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        let scheduling = try ScheduledSendCommand.isScheduling(context)
        guard let fromValues = arguments.values("from") else { throw CommandFailure.usage("missing --from SORTCODE ACCOUNT") }
        guard let toValues = arguments.values("to") else { throw CommandFailure.usage("missing --to SORTCODE ACCOUNT") }
        guard let amount = arguments.value("amount") else { throw CommandFailure.usage("missing --amount X") }
        let from = try BankArguments.account(fromValues)
        let to = try BankArguments.account(toValues)
        _ = try BankArguments.amount(amount)
        let scheme = try BankArguments.scheme(arguments.value("scheme"))
        let timeout = try BankSession.timeout(context)
        var request = OutboundPaymentRequest(fromSortCode: from.sortCode.digits, fromAccountNumber: from.accountNumber.digits,
                                             toSortCode: to.sortCode.digits, toAccountNumber: to.accountNumber.digits,
                                             amount: amount, reference: arguments.value("reference") ?? "", scheme: scheme)
        if let toName = arguments.value("to-name") { request.toName = toName }
        if scheduling { return try await ScheduledSendCommand.run(context, request: request, from: from) }
        return try await BankSession.movingPayment("send", context, timeout: timeout, check: BankChecks.accountExists(from)) { bank in
            try await bank.send(request, by: BankSession.actor(context))
        }
    }
}
