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
            guard let (models, events) = try EntityReads.payment(id, in: store) else { throw CommandFailure.refused("no payment \(id.uuidString.lowercased())") }
            let payment = try PaymentCommand.payment(id, in: try BankView.trusted(models))
            return (payment, events, try PaymentCommand.holders(of: payment, in: store))
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

    /// The read models of the payment's account (its `Accounts-` stream only), for the holder's name.
    static func holders(of payment: PaymentSummary, in store: any EventStore) throws -> Accounts {
        guard payment.accountHolder == nil, let account = BankRendering.ourParty(payment).account else { return Accounts() }
        return try BankView.trusted(try EntityReads.account(account, in: store, ledger: false)).accounts
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
            let held = try BankView.trusted(try EntityReads.heldPayments(in: store))
            // The same object as `payment --json`, events included (only for --json: they cost a read each).
            let events = context.json ? try held.map { try store.read(BankStream.payment($0.direction, $0.id).name) } : []
            return (held, events, try HeldCommand.holders(of: held, in: store))
        }
        if context.json {
            context.output.line(JSONValue.array(zip(held, events).map { BankRendering.json($0, events: $1, accounts: accounts) }).compact)
        } else {
            for line in BankRendering.heldTable(held, accounts: accounts) { context.output.line(line) }
            context.output.line("\(held.count) held payment\(held.count == 1 ? "" : "s")")
        }
        return ExitCode.success
    }

    /// The accounts of the held payments whose holder the payment does not name (their
    /// `Accounts-` streams only), for the holder's name.
    static func holders(of held: [PaymentSummary], in store: any EventStore) throws -> Accounts {
        let ids = Set(held.compactMap { $0.accountHolder == nil ? BankRendering.ourParty($0).account : nil })
        let streams = try ids.map { id throws(EventStoreError) in try EntityReads.events(of: BankStream.account(id).name, in: store) }
        return try BankView.trusted(EntityReads.folding(streams)).accounts
    }
}
