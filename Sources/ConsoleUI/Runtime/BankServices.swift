import Core
import Foundation
import Store

/// Connects the console's actions, simulator controls and subscription polling to a `Bank`.
enum BankServices {
    /// - Parameter operator: who the console's actions are recorded as (and checked against
    ///   the bank's operators).
    /// - Parameter defined: the projections created at run time, kept in step with the store
    ///   at each poll (nil: only the ones written in Swift).
    static func make(_ bank: Bank, projections: Projections, defined: DefinedProjections? = nil, operator name: String) -> ConsoleServices {
        ConsoleServices(
            store: bank.store,
            performAction: { action in
                if case let .createProjection(projection, path) = action, let defined {
                    return await ProjectionCreation.create(projection, path: path, on: bank, defined: defined, by: name, action: action)
                }
                return await perform(action, on: bank, projections: projections, by: name)
            },
            controlSimulator: { control in
                control.apply(to: bank.simulator)
                return status(of: bank.simulator)
            },
            simulatorStatus: { status(of: bank.simulator) },
            loadSubscriptions: {
                // A failed look is kept in `problems` (shown with the projections) and retried.
                _ = try? await defined?.sync()
                var snapshot = SubscriptionsSnapshot(bank: bank, projections: projections)
                snapshot.problems = (defined?.problems ?? []) + (projections.sharingError.map { ["projection leases: " + $0] } ?? [])
                return snapshot
            },
            operatorName: name,
            bankViews: { bank.readModels })
    }

    /// Carries out an action and says how it went, in a sentence for a toast.
    static func perform(_ action: Action, on bank: Bank, projections: Projections, by name: String) async -> CommandResult {
        do {
            switch action {
            case let .release(id, reason):
                let outcome = try await bank.release(paymentId: id, reason: reason, by: name)
                // At or above the four-eyes threshold a first approval leaves the payment held.
                let message = outcome.status == .held ? "approved \(Text.shortID(id)); needs a second operator"
                    : "released \(Text.shortID(id)): \(outcome.sentence)"
                return CommandResult(action: action, succeeded: true, message: message)
            case let .reject(id, reason):
                let outcome = try await bank.reject(paymentId: id, reason: reason, by: name)
                return CommandResult(action: action, succeeded: true, message: "rejected \(Text.shortID(id)): \(outcome.sentence)")
            case let .block(sortCode, number, reason):
                try await bank.block(sortCode: sortCode, accountNumber: number, reason: reason, by: name)
                return CommandResult(action: action, succeeded: true, message: "blocked \(Text.sortCode(sortCode)) \(number)")
            case let .unblock(sortCode, number, reason):
                try await bank.unblock(sortCode: sortCode, accountNumber: number, reason: reason, by: name)
                return CommandResult(action: action, succeeded: true, message: "unblocked \(Text.sortCode(sortCode)) \(number)")
            case let .close(sortCode, number, reason):
                try await bank.close(sortCode: sortCode, accountNumber: number, reason: reason, by: name)
                return CommandResult(action: action, succeeded: true, message: "closed \(Text.sortCode(sortCode)) \(number)")
            case .pay(let request):
                let outcome = try await bank.pay(request)
                return CommandResult(action: action, succeeded: true,
                                     message: "payment \(Text.shortID(outcome.paymentId.uuidString)): \(outcome.sentence)")
            case let .replayParked(group, source):
                try bank.authorize(.replayParked, by: name)
                let count = try bank.subscriptions.replayParked(group: group, source: ReadTarget(source))
                return CommandResult(action: action, succeeded: true, message: "replaying \(count) parked message\(count == 1 ? "" : "s") of \(group)")
            case .resetProjection(let projection):
                try bank.authorize(.resetProjection, by: name)
                try await projections.reset(projection)
                // A faulted projection is stopped; once reset it runs again from the beginning.
                if try projections.status(of: projection).runState == .stopped { try projections.start(projection) }
                return CommandResult(action: action, succeeded: true, message: "reset \(projection): rebuilding from the beginning of time")
            case .createProjection:
                return CommandResult(action: action, succeeded: false, message: "this console runs no projections created at run time")
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
                               ratePerSecond: settings.ratePerSecond, mix: mix, lastError: statistics.lastError)
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
    /// The bank's persistent-subscription groups (the processors compete on them) and the
    /// projections running on its store, each with its state.
    init(bank: Bank, projections: Projections) {
        // By group, then source: a group's subscriptions (one per event type it reads) sit together.
        let groups = bank.subscriptions.stats().sorted { ($0.group, $0.source) < ($1.group, $1.source) }
        let rows = projections.status().map { ProjectionRow(status: $0, stateLines: Self.stateLines(of: $0.name, in: projections)) }
        self.init(groups: groups, projections: rows,
                  unavailable: groups.isEmpty ? "no persistent-subscription groups yet" : nil)
    }

    /// The most state lines kept per projection (the rest is summarised in one line).
    static let maximumStateLines = 5_000

    /// A projection's state: `ProjectionStateText`'s lines where it has them, else indented
    /// JSON of the unnamed partition's state, or an object of every partition's state by name.
    static func stateLines(of name: String, in projections: Projections) -> [String] {
        do {
            let partitions = try projections.partitions(of: name)
            let lines: [String]
            if partitions.isEmpty { return ["(no state yet)"] }
            if let readable = try ProjectionStateText.lines(of: name, in: projections) { return readable }
            if partitions == [""] {
                guard let state = try projections.stateJSON(of: name) else { return ["(no state yet)"] }
                lines = JSONPretty.lines(state)
            } else {
                var members: [(key: String, value: JSONValue)] = []
                for partition in partitions {
                    guard let state = try projections.stateJSON(of: name, partition: partition) else { continue }
                    members.append((key: partition, value: try JSONParser.parse(Array(state))))
                }
                lines = JSONValue.object(members).displayLines
            }
            guard lines.count > maximumStateLines else { return lines }
            return Array(lines.prefix(maximumStateLines)) + ["… \(Text.count(lines.count - maximumStateLines)) more lines"]
        } catch {
            return ["(state unreadable: \(error))"]
        }
    }
}

extension ProjectionRow {
    /// A source as the browser names it: the store's `$et-{A,B}` reads `$et-A, $et-B`.
    static func readable(source: String) -> String {
        guard source.hasPrefix("$et-{"), source.hasSuffix("}") else { return source }
        return source.dropFirst(5).dropLast().split(separator: ",").map { "$et-" + $0 }.joined(separator: ", ")
    }

    /// `Unknown currency "XYZ" · Payments-Inbound-19b2…@5 · position 9,210`.
    static func describe(_ fault: ProjectionFault) -> String {
        var parts = [fault.message]
        if let stream = fault.stream { parts.append(stream + (fault.version.map { "@\($0)" } ?? "")) }
        if let position = fault.position { parts.append("position " + Text.count(position)) }
        return parts.joined(separator: " · ")
    }
}
