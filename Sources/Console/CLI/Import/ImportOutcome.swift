import Synchronization

/// What became of one input line of `import`.
enum ImportOutcome: Sendable, Equatable {
    /// Durable at this version and global position.
    case appended(stream: String, version: Int64, position: UInt64)
    /// Refused; `fatal` when the store can take no more appends (the import stops reading).
    case failed(reason: String, fatal: Bool)
}

/// A one-shot result for one input line, awaited by the printer in input order.
final class ImportSlot: Sendable {
    /// 1-based line number in the input.
    let line: Int
    /// Bytes the line holds against the import window.
    let cost: Int

    private enum State {
        case pending(CheckedContinuation<ImportOutcome, Never>?)
        case done(ImportOutcome)
    }

    private let state = Mutex(State.pending(nil))

    init(line: Int, cost: Int) {
        self.line = line
        self.cost = cost
    }

    /// Records the outcome (the first one wins) and wakes the waiting printer.
    func fulfil(_ outcome: ImportOutcome) {
        let waiter = state.withLock { state -> CheckedContinuation<ImportOutcome, Never>? in
            guard case .pending(let waiter) = state else { return nil }
            state = .done(outcome)
            return waiter
        }
        waiter?.resume(returning: outcome)
    }

    /// Waits for the outcome. Only one caller may wait.
    func outcome() async -> ImportOutcome {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> ImportOutcome? in
                switch state {
                case .done(let outcome): return outcome
                case .pending: state = .pending(continuation); return nil
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
