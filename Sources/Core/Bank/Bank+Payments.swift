import Foundation
import Store

/// An inbound payment as the simulated scheme would send it; text fields as typed.
public struct InboundPaymentRequest: Sendable, Hashable {
    public var toSortCode: String
    public var toAccountNumber: String
    public var amount: String
    /// The beneficiary name on the payment; the account holder's name when nil.
    public var toName: String?
    public var fromName: String
    public var fromSortCode: String
    public var fromAccountNumber: String
    public var reference: String
    public var scheme: Scheme

    public init(toSortCode: String, toAccountNumber: String, amount: String, toName: String? = nil,
                fromName: String = "Simulated Payer", fromSortCode: String = "200000", fromAccountNumber: String = "00000001",
                reference: String = "", scheme: Scheme = .fps) {
        self.toSortCode = toSortCode
        self.toAccountNumber = toAccountNumber
        self.amount = amount
        self.toName = toName
        self.fromName = fromName
        self.fromSortCode = fromSortCode
        self.fromAccountNumber = fromAccountNumber
        self.reference = reference
        self.scheme = scheme
    }
}

/// An outbound payment an operator sends from one of the bank's accounts.
public struct OutboundPaymentRequest: Sendable, Hashable {
    public var fromSortCode: String
    public var fromAccountNumber: String
    public var toSortCode: String
    public var toAccountNumber: String
    public var amount: String
    public var toName: String
    public var reference: String
    public var scheme: Scheme

    public init(fromSortCode: String, fromAccountNumber: String, toSortCode: String, toAccountNumber: String, amount: String,
                toName: String = "Beneficiary", reference: String = "", scheme: Scheme = .fps) {
        self.fromSortCode = fromSortCode
        self.fromAccountNumber = fromAccountNumber
        self.toSortCode = toSortCode
        self.toAccountNumber = toAccountNumber
        self.amount = amount
        self.toName = toName
        self.reference = reference
        self.scheme = scheme
    }
}

extension Bank {
    // MARK: - Starting payments

    /// Sends an inbound payment from the simulated scheme and waits until it is at rest.
    ///
    /// Malformed sort codes, account numbers or amounts are refused (nothing written). A
    /// well-formed payment to an account this bank does not have is sent: the bank returns it.
    public func pay(_ request: InboundPaymentRequest) async throws(BankError) -> PaymentOutcome {
        let id = try await submit(request)
        return try await waitUntilAtRest(.inbound, id)
    }

    /// Sends an inbound payment from the simulated scheme without waiting; returns its id.
    public func submit(_ request: InboundPaymentRequest) async throws(BankError) -> UUID {
        let to = try Self.parseAccount(sortCode: request.toSortCode, accountNumber: request.toAccountNumber)
        let from = try Self.parseAccount(sortCode: request.fromSortCode, accountNumber: request.fromAccountNumber)
        _ = try Self.parseAmount(request.amount)
        let holder = try reading { () throws(ViewError) in try views.account(to) }
        if request.toName == nil, holder.exists, holder.holder == PersonalData.forgotten { throw .holderForgotten(to) }
        let id = newPaymentId("pay")
        let payment = InboundPaymentSentByScheme(
            paymentId: id, scheme: request.scheme, amount: request.amount,
            from: PaymentParty(from, name: request.fromName),
            to: PaymentParty(to, name: request.toName ?? (holder.exists ? holder.holder : "Account Holder")),
            reference: request.reference)
        do {
            try await simulator.send(payment)
        } catch {
            throw .store(error)
        }
        return id
    }

    /// Sends money from one of the bank's accounts through the scheme and waits until it is at
    /// rest (accepted, rejected by the scheme and reversed, failed, or held). A beneficiary
    /// account that fails the modulus check is refused (`failsModulusCheck`), nothing written.
    public func send(_ request: OutboundPaymentRequest, by: String = "operator") async throws(BankError) -> PaymentOutcome {
        let order = try Self.order(of: request, by: by)
        let actingRole = try authorizeSending(from: order.from, by: by)
        let id = newPaymentId("send")
        let requested = OutboundPaymentRequested(paymentId: id, order: order)
        _ = try await execute(as: Self.operatorIdentity(.payments, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            .success(Decision(stream: .payment(.outbound, id), expected: .noStream,
                              events: [PendingEvent(requested, step: "request", correlationId: id.lowercasedString)]))
        }
        return try await waitUntilAtRest(.outbound, id)
    }

    // MARK: - Held payments

    /// Releases a held payment (a reason is required) and waits until it is at rest again.
    public func release(paymentId: String, reason: String, by: String = "operator") async throws(BankError) -> PaymentOutcome {
        try await decide(.release, paymentId: paymentId, reason: reason, by: by)
    }

    /// Rejects a held payment (a reason is required); it fails.
    public func reject(paymentId: String, reason: String, by: String = "operator") async throws(BankError) -> PaymentOutcome {
        try await decide(.reject, paymentId: paymentId, reason: reason, by: by)
    }

    private func decide(_ command: HeldPaymentCommand, paymentId text: String, reason: String, by: String) async throws(BankError) -> PaymentOutcome {
        let (direction, id) = try locate(text)
        let review = try fourEyesReview(command, direction, id, by: by)
        let actingRole = try authorize(review.action(for: command), by: by)
        let decision = OperatorDecision(by: by, at: clock.now(), reason: reason)
        let stream = BankStream.payment(direction, id)
        _ = try await execute(as: Self.operatorIdentity(.payments, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            let (state, version) = try shownState(of: direction, id)
            if review == .firstApproval {
                return FourEyesReview.approve(paymentId: id, on: stream, state: state, version: version, decision: decision)
            }
            return HeldPaymentCommands.decide(command, direction, paymentId: id, state: state, version: version, decision: decision)
        }
        return try await waitUntilAtRest(direction, id)
    }

    /// The state payment `id` is shown in and its stream's version, as the write side folds it
    /// (both nil when it has no stream).
    private func shownState(of direction: PaymentDirection, _ id: UUID) throws(BankError) -> (PaymentState?, Int64?) {
        let stream = BankStream.payment(direction, id).name
        switch direction {
        case .inbound:
            let folded = try reading { () throws(ViewError) in try views.inbound.state(of: stream) }
            return (folded.state.step.map(PaymentState.init), folded.version)
        case .outbound:
            let folded = try reading { () throws(ViewError) in try views.outbound.state(of: stream) }
            return (folded.state.step.map(PaymentState.init), folded.version)
        }
    }

    /// What releasing or rejecting payment `id` needs under the four-eyes rule, from its own
    /// stream (its amount and approvals) and the bank's settings.
    private func fourEyesReview(_ command: HeldPaymentCommand, _ direction: PaymentDirection, _ id: UUID,
                                by: String) throws(BankError) -> FourEyesReview {
        let read: (models: BankReadModels, events: [RecordedEvent])?
        do {
            read = try EntityReads.payment(id, in: store)
        } catch {
            throw .store(error)
        }
        if let fault = read?.models.fault { throw .fault(fault) }
        guard let summary = read?.models.payments.payment(id) else { throw .unknownPayment(id.lowercasedString) }
        let threshold = try settings().fourEyesThreshold
        return try FourEyesReview.review(command, amount: summary.amount, approvals: summary.approvals, threshold: threshold, by: by).get()
    }

    // MARK: - Outcomes

    /// Finds a payment by id: its direction and parsed id.
    public func locate(_ text: String) throws(BankError) -> (PaymentDirection, UUID) {
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else { throw .unknownPayment(text) }
        if store.lastVersion(of: BankStream.payment(.inbound, id).name) != nil { return (.inbound, id) }
        if store.lastVersion(of: BankStream.payment(.outbound, id).name) != nil { return (.outbound, id) }
        throw .unknownPayment(text)
    }

    /// Where a payment is now.
    public func outcome(_ direction: PaymentDirection, _ id: UUID) throws(BankError) -> PaymentOutcome {
        switch direction {
        case .inbound:
            let state = try reading { () throws(ViewError) in try views.inbound.state(of: BankStream.payment(.inbound, id).name).state }
            return PaymentOutcome(inbound: id, state)
        case .outbound:
            let state = try reading { () throws(ViewError) in try views.outbound.state(of: BankStream.payment(.outbound, id).name).state }
            return PaymentOutcome(outbound: id, state)
        }
    }

    /// Waits, without polling, until the payment is at rest (an end state or held), for at
    /// most `configuration.restTimeout` (timed by `configuration.sleep`).
    ///
    /// Throws `.notAtRest` with the payment's state when the deadline passes first (the payment
    /// carries on where it can), `.fault` when its stream or its account's ledger holds an event
    /// that cannot be trusted (the processors stop there, so it would never come to rest), and
    /// `.processorsStopped` when nothing would move it.
    public func waitUntilAtRest(_ direction: PaymentDirection, _ id: UUID) async throws(BankError) -> PaymentOutcome {
        let current = try progress(direction, id)
        if current.isAtRest { return current }
        guard isProcessing else { throw .processorsStopped }
        let timeout = configuration.restTimeout
        let sleep = configuration.sleep
        let first = await withTaskGroup(of: RestRace.self) { group -> RestRace in
            group.addTask {
                do throws(BankError) { return .settled(.success(try await self.waitForRest(direction, id))) } catch { return .settled(.failure(error)) }
            }
            group.addTask {
                do { try await sleep(timeout) } catch { return .cancelled }
                return .expired
            }
            var first = RestRace.cancelled
            for await result in group {
                first = result
                if case .cancelled = result { continue }
                break
            }
            group.cancelAll()
            return first
        }
        switch first {
        case .settled(let result): return try result.get()
        case .expired, .cancelled:
            let state = try outcome(direction, id)
            if state.isAtRest { return state }
            throw .notAtRest(paymentId: id, state: state.status, after: timeout)
        }
    }

    /// How the race between the payment and the deadline ended.
    private enum RestRace: Sendable {
        case settled(Result<PaymentOutcome, BankError>)
        case expired
        case cancelled
    }

    /// Where the payment is, having checked that nothing it waits on has stopped at a fault:
    /// its own stream (read by `outcome`) and its account's ledger.
    private func progress(_ direction: PaymentDirection, _ id: UUID) throws(BankError) -> PaymentOutcome {
        let current = try outcome(direction, id)
        if !current.isAtRest, let account = current.account {
            _ = try reading { () throws(ViewError) in try views.ledger(account) }
        }
        return current
    }

    /// Waits for the payment to be at rest, with no deadline (the caller races one).
    private func waitForRest(_ direction: PaymentDirection, _ id: UUID) async throws(BankError) -> PaymentOutcome {
        while true {
            let head = store.headPosition
            let current = try progress(direction, id)
            if current.isAtRest { return current }
            guard isProcessing else { throw .processorsStopped }
            await store.waitForEvents(beyond: head)
            if Task.isCancelled || store.headPosition <= head { return try outcome(direction, id) }
        }
    }
}
