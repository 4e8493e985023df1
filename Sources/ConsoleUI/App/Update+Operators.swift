import Core
import Foundation
import Store

extension State {
    // MARK: - The roster

    /// Asks for the roster and settings when they changed (or were never read), at most one
    /// read at a time: one per frame at most however many operator events arrive.
    mutating func operatorsTick() -> [Effect] {
        guard var seat = consoleOperator, seat.stale, !seat.loading else { return [] }
        seat.stale = false
        seat.loading = true
        consoleOperator = seat
        return [.loadOperators]
    }

    mutating func operatorsLoaded(_ roster: OperatorRoster, _ settings: BankSettings) {
        consoleOperator?.roster = roster
        consoleOperator?.settings = settings
        consoleOperator?.loading = false
    }

    /// The read failed: said once, and tried again when the streams next change.
    mutating func operatorsLoadFailed(_ message: String) {
        consoleOperator?.loading = false
        toast("operators: \(message)", .failure)
    }

    /// New events on the `Operators` or `BankSettings` stream make the roster stale.
    mutating func operatorsEventsArrived(_ events: [RecordedEvent]) {
        guard consoleOperator != nil else { return }
        let streams = [BankStream.operators.name, BankStream.settings.name]
        if events.contains(where: { streams.contains($0.stream) }) { consoleOperator?.stale = true }
    }

    // MARK: - What the operator may do

    /// The operator action a key of the focused pane starts; nil for keys that only read or
    /// move (and for simulator keys, which are not the bank's operator actions).
    ///
    /// Releasing a held payment needs what the four-eyes rule says for the selected payment
    /// (`FourEyesReview`): a release, a first approval or a second one.
    func operatorAction(forKey key: Key, in pane: PaneID? = nil) -> Result<OperatorAction, OperatorKeyRefusal>? {
        guard case .char(let c) = key else { return nil }
        switch (pane ?? self.pane, c) {
        case (.held, "a"), (.held, "r"):
            let queue = heldRows
            guard queue.indices.contains(held.cursor) else { return nil }
            return heldAction(c == "a" ? .release : .reject, on: queue[held.cursor])
        case (.accounts, "b"): return .success(.block)
        case (.accounts, "u"): return .success(.unblock)
        case (.accounts, "x"): return .success(.close)
        case (.subscriptions, "R"): return .success(.replayParked)
        case (.subscriptions, "X"), (.subscriptions, "N"): return .success(.resetProjection)
        default: return nil
        }
    }

    /// The operator action a console `Action` is; nil for actions that are not the bank's
    /// operator actions (quitting, a simulated pay-in from the scheme).
    func operatorAction(for action: Action) -> Result<OperatorAction, OperatorKeyRefusal>? {
        switch action {
        case .release(let id, _), .reject(let id, _):
            let command: HeldPaymentCommand = if case .release = action { .release } else { .reject }
            guard let uuid = UUID(uuidString: id), let payment = bank.live.payments.payment(uuid) else {
                return .success(command == .release ? .release : .reject)
            }
            return heldAction(command, on: payment)
        case .block: return .success(.block)
        case .unblock: return .success(.unblock)
        case .close: return .success(.close)
        case .replayParked: return .success(.replayParked)
        case .resetProjection, .createProjection: return .success(.resetProjection)
        case .pay, .quit: return nil
        }
    }

    /// What releasing or rejecting `payment` needs of this operator under the four-eyes rule.
    func heldAction(_ command: HeldPaymentCommand, on payment: PaymentSummary) -> Result<OperatorAction, OperatorKeyRefusal> {
        let threshold = consoleOperator?.settings.fourEyesThreshold ?? BankSettings.defaultFourEyesThreshold
        switch FourEyesReview.review(command, amount: payment.amount, approvals: payment.approvals, threshold: threshold,
                                     by: consoleOperator?.name ?? "") {
        case .success(let review): return .success(review.action(for: command))
        case .failure(let error): return .failure(OperatorKeyRefusal(message: error.description))
        }
    }

    /// The question before releasing payment `id`: at or above the four-eyes threshold with no
    /// approval yet it is an approval, and says the payment stays held.
    func releaseConfirmation(paymentID id: String, summary: String, reason: String) -> Confirmation {
        let action = Action.release(paymentID: id, reason: reason)
        if case .success(.firstApproval)? = operatorAction(for: action) {
            return Confirmation(question: "Approve \(summary)? It stays held until a second operator approves too.",
                                confirmLabel: "Approve", action: action)
        }
        return Confirmation(question: "Release \(summary)?", confirmLabel: "Release", action: action)
    }

    /// Why this operator may not do what `action` starts, in one line; nil when they may (or
    /// when the console has no operator: the bank still checks).
    func refusal(_ action: Result<OperatorAction, OperatorKeyRefusal>?) -> String? {
        switch action {
        case nil: nil
        case .failure(let refusal)?: refusal.message
        case .success(let action)?: consoleOperator?.refusal(of: action)
        }
    }

    /// Whether a footer or help key (`a`, `b/u/x`) is one this operator may not use: every
    /// key it names starts an action they are refused.
    func keyDenied(_ keys: String, in pane: PaneID? = nil) -> Bool {
        let parts = keys.split(separator: "/").map(String.init)
        guard !parts.isEmpty, parts.allSatisfy({ $0.count == 1 }) else { return false }
        return parts.allSatisfy { refusal(operatorAction(forKey: .char(Character($0)), in: pane)) != nil }
    }
}

/// Why a key's action is refused before the role is even asked (the same operator approving twice).
struct OperatorKeyRefusal: Error, Hashable, Sendable {
    var message: String
}
