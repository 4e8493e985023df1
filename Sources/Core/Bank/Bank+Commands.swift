import Foundation
import Store

extension Bank {
    /// Decides and appends a command's events, deciding again if the stream moved meanwhile.
    /// A refusal (`BankError`) writes nothing.
    /// - Parameter origin: an operator's role and process, recorded in the events' metadata.
    func execute(as identity: WriterIdentity, origin: OperatorOrigin? = nil,
                 _ decide: () throws(BankError) -> Result<Decision, BankError>) async throws(BankError) -> AppendResult {
        let writer = DomainWriter(identity: identity, store: store)
        for _ in 0..<ProcessorStep.maxAttempts {
            let decision: Decision
            switch try decide() {
            case .success(let decided): decision = decided
            case .failure(let refusal): throw refusal
            }
            let command = DerivedEventID.make(name: "command:\(decision.stream.name):\(decision.expected)")
            let events: [EventData]
            do {
                events = try decision.events.map { event throws(BankCodec.EncodingFailure) in
                    if let origin { return try event.eventData(causedBy: command, actor: identity.description, origin: origin) }
                    return try event.eventData(causedBy: command, actor: identity.description)
                }
            } catch {
                throw .unencodable(error)
            }
            do {
                return try await writer.append(to: decision.stream, expected: decision.expected, events: events)
            } catch .wrongExpectedVersion {
                continue
            } catch {
                throw .store(error)
            }
        }
        throw .store(.wrongExpectedVersion(stream: "command", expected: .any, actual: nil))
    }

    /// Runs a read of the write side's views, wrapping its error.
    func reading<T>(_ body: () throws(ViewError) -> T) throws(BankError) -> T {
        do {
            return try body()
        } catch {
            switch error {
            case .store(let error): throw .store(error)
            case .fault(let fault): throw .fault(fault)
            }
        }
    }

    /// Parses a sort code and account number typed by a person.
    static func parseAccount(sortCode: String, accountNumber: String) throws(BankError) -> AccountID {
        guard let code = SortCode(sortCode) else { throw .malformedSortCode(sortCode) }
        guard let number = AccountNumber(accountNumber) else { throw .malformedAccountNumber(accountNumber) }
        return AccountID(sortCode: code, accountNumber: number)
    }

    /// The order an outbound request makes, asked for by `by`, refused as `send` and `schedule`
    /// refuse it: a malformed account or amount, or a beneficiary that fails the modulus check
    /// (`failsModulusCheck`).
    static func order(of request: OutboundPaymentRequest, by: String) throws(BankError) -> OutboundPaymentOrder {
        let from = try parseAccount(sortCode: request.fromSortCode, accountNumber: request.fromAccountNumber)
        let to = try parseAccount(sortCode: request.toSortCode, accountNumber: request.toAccountNumber)
        _ = try parseAmount(request.amount)
        if let problem = PaymentValidation.modulusProblem(to, label: "beneficiary") { throw .failsModulusCheck(problem) }
        return OutboundPaymentOrder(scheme: request.scheme, from: from, amount: request.amount, to: PaymentParty(to, name: request.toName),
                                    reference: request.reference, requestedBy: by)
    }

    /// The role `by` sends from `from` with: the account must be one of the bank's and `by`
    /// hold the `send` role.
    func authorizeSending(from: AccountID, by: String) throws(BankError) -> OperatorRole {
        let source = try reading { () throws(ViewError) in try views.account(from) }
        guard source.exists else { throw .unknownAccount(from) }
        return try authorize(.send, by: by)
    }

    /// Parses a positive amount with at most two decimals, at most `Money.max`.
    public static func parseAmount(_ text: String) throws(BankError) -> Money {
        switch Money.parse(text) {
        case .success(let money) where money.pence > 0: return money
        case .failure(.outOfRange) where !text.hasPrefix("-"): throw .amountOutOfRange(text)
        default: throw .malformedAmount(text)
        }
    }

    static func operatorIdentity(_ domain: Domain, _ by: String) -> WriterIdentity {
        WriterIdentity(domain: domain, name: "operator:\(by)")
    }
}
