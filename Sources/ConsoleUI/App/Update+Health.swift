import Foundation

extension State {
    /// How often the store's writer and the simulator are asked whether they still run.
    static let healthCheckSeconds: TimeInterval = 1
    /// How far ahead of the console's views the bank's must be for the console to take them
    /// (in positions): catching up by folding what is left is cheaper below that.
    static let viewsJump: UInt64 = 10_000

    /// Asks how the store and the simulator are, once a second (neither tells by itself).
    mutating func healthTick() -> [Effect] {
        guard now.timeIntervalSince(lastHealthCheck) >= State.healthCheckSeconds else { return [] }
        lastHealthCheck = now
        return [.checkHealth]
    }

    mutating func healthChecked(_ health: Health) {
        writerFailure = health.writerFailure
        writerRetries = health.writerRetries
        simulator.lastError = health.simulatorError
        if health.simulatorError != nil { simulator.isRunning = false }
    }

    /// The toast for anything refused while the writer is stopped (or its database out of reach).
    var writeRefusal: String? {
        guard let writerFailure else { return nil }
        if writerRetries { return "\(writerFailure) — retrying; nothing can be written until it is back" }
        return "writer stopped: \(writerFailure) — nothing can be written (reading still works)"
    }

    /// While the store's writer is stopped nothing that would write starts: an action about to be
    /// performed, or a dialog, prompt or form that leads to one opening, is refused with a toast
    /// naming why. Moving around and reading carry on. (A dialog already open when the writer
    /// stopped stays, and its action is refused when confirmed.)
    mutating func refusingWrites(_ effects: [Effect], overlayBefore: Overlay?) -> [Effect] {
        guard let refusal = writeRefusal else { return effects }
        let kept = effects.filter { !$0.writes }
        var refused = kept.count < effects.count
        if let overlay, overlay.leadsToWrite, !(overlayBefore?.leadsToWrite ?? false) {
            self.overlay = nil
            refused = true
        }
        if refused { toast(refusal, .failure) }
        return kept
    }
}

extension Effect {
    /// Whether performing this writes to the store.
    var writes: Bool {
        if case .perform(let action) = self { return action.writes }
        return false
    }
}

extension Action {
    /// Whether this action writes to the store (everything but quitting does).
    var writes: Bool {
        if case .quit = self { return false }
        return true
    }
}

extension Overlay {
    /// Whether this dialog, prompt or form is the first step of something that writes.
    var leadsToWrite: Bool {
        switch self {
        case .confirm(let confirmation): confirmation.action.writes
        case .prompt(let prompt):
            switch prompt.purpose {
            case .releaseReason, .rejectReason, .accountReason, .projectionFile: true
            case .streamFilter, .flowFilter, .heldFilter, .accountsFilter, .subscriptionsFilter, .auditFilter, .timeMachineGoTo: false
            }
        case .form: true
        case .help, .command: false
        }
    }
}
