import Core
import Foundation
import Store

/// Connects the console's actions, simulator controls and subscription polling to a `Bank`.
enum BankServices {
    static func make(_ bank: Bank) -> ConsoleServices {
        ConsoleServices(
            store: bank.store,
            performAction: { action in await perform(action, on: bank) },
            controlSimulator: { control in
                control.apply(to: bank.simulator)
                return status(of: bank.simulator)
            },
            simulatorStatus: { status(of: bank.simulator) },
            loadSubscriptions: { SubscriptionsSnapshot(bank: bank) })
    }

    /// Carries out an action and says how it went, in a sentence for a toast.
    static func perform(_ action: Action, on bank: Bank) async -> CommandResult {
        do {
            switch action {
            case let .release(id, reason):
                let outcome = try await bank.release(paymentId: id, reason: reason)
                return CommandResult(action: action, succeeded: true, message: "released \(Text.shortID(id)): \(outcome.sentence)")
            case let .reject(id, reason):
                let outcome = try await bank.reject(paymentId: id, reason: reason)
                return CommandResult(action: action, succeeded: true, message: "rejected \(Text.shortID(id)): \(outcome.sentence)")
            case let .block(sortCode, number, reason):
                try await bank.block(sortCode: sortCode, accountNumber: number, reason: reason)
                return CommandResult(action: action, succeeded: true, message: "blocked \(Text.sortCode(sortCode)) \(number)")
            case let .unblock(sortCode, number, reason):
                try await bank.unblock(sortCode: sortCode, accountNumber: number, reason: reason)
                return CommandResult(action: action, succeeded: true, message: "unblocked \(Text.sortCode(sortCode)) \(number)")
            case let .close(sortCode, number, reason):
                try await bank.close(sortCode: sortCode, accountNumber: number, reason: reason)
                return CommandResult(action: action, succeeded: true, message: "closed \(Text.sortCode(sortCode)) \(number)")
            case .pay(let request):
                let outcome = try await bank.pay(InboundPaymentRequest(
                    toSortCode: request.toSortCode, toAccountNumber: request.toAccountNumber, amount: request.amount,
                    toName: request.toName, fromName: request.fromName, fromSortCode: request.fromSortCode,
                    fromAccountNumber: request.fromAccountNumber, reference: request.reference,
                    scheme: Scheme(name: request.scheme) ?? .fps))
                return CommandResult(action: action, succeeded: true,
                                     message: "payment \(Text.shortID(outcome.paymentId.uuidString)): \(outcome.sentence)")
            case let .replayParked(group, source):
                let count = try bank.subscriptions.replayParked(group: group, source: ReadTarget(source))
                return CommandResult(action: action, succeeded: true, message: "replaying \(count) parked message\(count == 1 ? "" : "s") of \(group)")
            case let .resetProjection(name):
                return CommandResult(action: action, succeeded: false, message: "cannot reset \(name): no projections run in this console")
            case .quit:
                return CommandResult(action: action, succeeded: true, message: "")
            }
        } catch let error as BankError {
            return CommandResult(action: action, succeeded: false, message: error.description)
        } catch {
            return CommandResult(action: action, succeeded: false, message: String(describing: error))
        }
    }

    static func status(of simulator: SchemeSimulator) -> SimulatorStatus {
        let statistics = simulator.statistics
        let settings = simulator.settings
        let mix = SimulatorPresets.names.first { SimulatorControl.mix(named: $0) == settings.mix } ?? "custom"
        return SimulatorStatus(isRunning: statistics.isRunning, isPaused: statistics.isPaused,
                               ratePerSecond: settings.ratePerSecond, mix: mix)
    }
}

extension SimulatorControl {
    /// The simulator's weights for a preset name.
    static func mix(named name: String) -> [SimulatedKind: Int] {
        switch name {
        case "valid": SimulatorSettings.validOnly
        case "holds": [.valid: 60, .sanctioned: 40]
        case "chaos": [.valid: 40, .invalid: 15, .sanctioned: 15, .blockedOrClosed: 15, .poison: 15]
        default: SimulatorSettings.defaultMix
        }
    }

    func apply(to simulator: SchemeSimulator) {
        switch self {
        case .pause: simulator.pause()
        case .resume: simulator.resume()
        case .rate(let rate): simulator.update { $0.ratePerSecond = rate }
        case .mix(let name): simulator.update { $0.mix = SimulatorControl.mix(named: name) }
        }
    }
}

extension PaymentOutcome {
    /// `settled, balance £1,252.10` or `failed: AccountBlocked`.
    var sentence: String {
        var text = status.rawValue
        if let reason { text += ": " + (reason.detail.isEmpty ? reason.code.rawValue : reason.detail) }
        if let balanceAfter { text += ", balance \(balanceAfter)" }
        return text
    }
}

extension SubscriptionsSnapshot {
    /// The bank's persistent-subscription groups (the processors compete on them). The bank
    /// registers no projections, so that list says so.
    init(bank: Bank) {
        let groups = bank.subscriptions.stats().map { stats in
            SubscriptionGroupRow(
                group: stats.group, source: stats.source, strategy: stats.strategy.rawValue,
                consumers: stats.consumers.map { .init(name: $0.name, inFlight: $0.inFlight, acked: $0.acked, nacked: $0.nacked, timedOut: $0.timedOut) },
                inFlight: stats.inFlight, acked: stats.acked, retried: stats.retried, parked: stats.parked, lag: stats.lag,
                lastCheckpoint: stats.lastCheckpoint, lastError: stats.lastError)
        }
        self.init(groups: groups, projections: [], unavailable: groups.isEmpty ? "no persistent-subscription groups yet" : "no projections are registered in this console")
    }
}
