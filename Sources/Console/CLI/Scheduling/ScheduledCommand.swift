import Core
import Foundation

/// `scheduled [--all] [--json]`: the scheduled and standing payments still to pay, soonest first.
enum ScheduledCommand {
    static let command = Command(spec: CommandSpec(
        name: "scheduled",
        usage: ["scheduled [--all]"],
        summary: "list scheduled payments and standing orders still to pay, soonest first",
        details: """
        Each with its next day (Europe/London), source account, beneficiary, amount, how it \
        repeats, how many payments it has made and its status: active, or due (its day has \
        come; the scheduler of `run` or the console sends it on its next tick). --all also lists \
        finished and cancelled ones. JSON: an array of {"id","from","to","toName","amount",\
        "reference","scheme","every","until","firstDue","next","status","paid","lastPaymentId",\
        "requestedBy","cancelled"}.
        """,
        options: [OptionSpec("all", help: "also finished and cancelled schedules")]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let now = context.environment.clock.now()
        let all = context.arguments.has("all")
        let schedules = try await context.withReadOnlyStore { store in
            var book = ScheduleBook()
            try BankSession.asCommand { () throws(BankError) in try book.refresh(from: store) }
            return all ? book.all(at: now) : book.upcoming(at: now)
        }
        if context.json {
            context.output.line(JSONValue.array(schedules.map { JSONValue.object(ScheduledRendering.json($0)) }).compact)
        } else {
            for line in ScheduledRendering.table(schedules) { context.output.line(line) }
            context.output.line("\(schedules.count) scheduled payment\(schedules.count == 1 ? "" : "s")")
        }
        return ExitCode.success
    }
}

/// `cancel-scheduled ID --reason R [--by NAME]`: cancels a schedule before it is due.
enum CancelScheduledCommand {
    static let command = Command(spec: CommandSpec(
        name: "cancel-scheduled",
        usage: ["cancel-scheduled ID --reason TEXT [--by NAME]"],
        summary: "cancel a scheduled payment or standing order before it is due",
        details: """
        Needs the role `send` needs. A payment whose day has come (00:00 Europe/London) can no \
        longer be cancelled: refused (exit 1), as are an unknown id and a schedule already \
        cancelled or finished; nothing is written. A standing order stops before its next \
        payment. JSON: the schedule object, as `scheduled --json` prints it.
        """,
        positionals: [PositionalSpec(name: "ID")],
        options: [
            OptionSpec.reason("required"),
            OptionSpec.by("who cancels"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let text = context.arguments.positionals[0]
        guard UUID(uuidString: text) != nil else { throw CommandFailure.refused(ScheduleRefusal.unknownSchedule(text).description) }
        let reason = try BankArguments.reason(context.arguments.value("reason"), for: "cancel-scheduled")
        let summary = try await BankSession.withBank(context, processors: false, seedWhenEmpty: false) { bank in
            try await bank.cancelScheduled(text, reason: reason, by: BankSession.actor(context))
        }
        ScheduledRendering.printChanged(summary, "cancelled", note: " (\(reason))", context)
        return ExitCode.success
    }
}
