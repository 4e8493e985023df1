import Core
import Foundation

/// `send … --on DATE [--every week|month] [--until DATE]`: books the payment for a later day
/// instead of sending it now. Validated exactly as `send` is (accounts, amount, the
/// beneficiary's modulus check, the operator's role); a day before today is refused.
enum ScheduledSendCommand {
    /// The options `send` takes for scheduling.
    static let options = [
        OptionSpec("on", ["DATE"], help: "book it for DATE (YYYY-MM-DD, a day in Europe/London, today or later) instead of sending now"),
        OptionSpec("every", ["week|month"], help: "with --on: a standing order repeating every week or month (31st: last day of shorter months)"),
        OptionSpec("until", ["DATE"], help: "with --every: the last day it may pay (default: until cancelled)"),
    ]

    /// Whether the command line asks to schedule (`--on`), refusing `--every`/`--until` without it.
    static func isScheduling(_ context: CommandContext) throws(CommandFailure) -> Bool {
        let arguments = context.arguments
        if arguments.value("on") != nil { return true }
        if arguments.value("every") != nil || arguments.value("until") != nil {
            throw .usage("--every and --until need --on DATE (the first day it pays)")
        }
        return false
    }

    /// Books `request` and prints the schedule.
    static func run(_ context: CommandContext, request: OutboundPaymentRequest, from: AccountID) async throws -> Int32 {
        let arguments = context.arguments
        let timing = PaymentTiming(on: arguments.value("on") ?? "", every: arguments.value("every"), until: arguments.value("until"))
        let summary = try await BankSession.withBank(context, processors: false, check: BankChecks.accountExists(from)) { bank in
            try await bank.schedule(request, timing: timing, by: BankSession.actor(context))
        }
        ScheduledRendering.printChanged(summary, "scheduled", context)
        return ExitCode.success
    }
}
