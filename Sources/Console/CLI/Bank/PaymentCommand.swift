import Core
import Foundation
import Store

/// `payment ID`: a payment's state and its events.
enum PaymentCommand {
    static let command = Command(spec: CommandSpec(
        name: "payment",
        usage: ["payment ID"],
        summary: "show a payment's state and its events",
        details: """
        JSON: {"id","direction":"inbound|outbound","state","reason","amount","from","to","accountHolder","events":[...]} \
        ("accountHolder": the holder of our account on the payment, null when the bank has none); \
        a payment that was held adds "evidence":[{"name","matched","score"}].
        """,
        positionals: [PositionalSpec(name: "ID")]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let id = try BankArguments.paymentId(context.arguments.positionals[0])
        let (payment, events, accounts) = try await context.withReadOnlyStore { store in
            let models = try BankView.fold(store)
            let payment = try PaymentCommand.payment(id, in: models)
            let events = try store.read(BankStream.payment(payment.direction, id).name)
            return (payment, events, models.accounts)
        }
        if context.json {
            context.output.line(BankRendering.json(payment, events: events, accounts: accounts).compact)
            return ExitCode.success
        }
        for line in BankRendering.detail(payment, accounts: accounts) { context.output.line(line) }
        context.output.line("")
        var table = Table(EventRendering.headers(throughIndex: false), alignments: [.right, .right, .left, .left, .left, .left])
        for event in events { table.append(EventRendering.row(event)) }
        for line in table.lines() { context.output.line(line) }
        return ExitCode.success
    }

    /// The payment, or a refusal naming the unknown id.
    static func payment(_ id: UUID, in models: BankReadModels) throws(CommandFailure) -> PaymentSummary {
        guard let payment = models.payments.payment(id) else { throw .refused("no payment \(id.uuidString.lowercased())") }
        return payment
    }
}

/// `held`: the held-payment queue, oldest first, with the screening evidence.
enum HeldCommand {
    static let command = Command(spec: CommandSpec(
        name: "held",
        usage: ["held"],
        summary: "list held payments, oldest first, with the screening evidence",
        details: "JSON: an array of payment objects (as `payment` prints them, with \"events\"), each with \"evidence\":[{\"name\",\"matched\",\"score\"}]."
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let (held, events, accounts) = try await context.withReadOnlyStore { store in
            let models = try BankView.fold(store)
            let held = models.payments.heldQueue
            // The same object as `payment --json`, events included (only for --json: they cost a read each).
            let events = context.json ? try held.map { try store.read(BankStream.payment($0.direction, $0.id).name) } : []
            return (held, events, models.accounts)
        }
        if context.json {
            context.output.line(JSONValue.array(zip(held, events).map { BankRendering.json($0, events: $1, accounts: accounts) }).compact)
        } else {
            for line in BankRendering.heldTable(held, accounts: accounts) { context.output.line(line) }
            context.output.line("\(held.count) held payment\(held.count == 1 ? "" : "s")")
        }
        return ExitCode.success
    }
}
