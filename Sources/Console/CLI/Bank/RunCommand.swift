import Core
import Foundation
import Store

/// `run [--for SECONDS] [--rate N]`: the processors and the simulator without a screen.
enum RunCommand {
    static let command = Command(spec: CommandSpec(
        name: "run",
        usage: ["run [--for SECONDS] [--rate N]"],
        summary: "run the processors and the simulator without a screen, printing progress",
        details: """
        Prints one progress line a second (payments by state, the held queue, events in the log) \
        until SECONDS have passed, or until interrupted (Ctrl-C) without --for. --rate sets the \
        simulator's inbound payments per second (default 5; 0 runs only the processors, for \
        example to finish payments left in flight). JSON: one progress object per line.
        """,
        options: [
            OptionSpec("for", ["SECONDS"], help: "stop after this many seconds (default: run until interrupted)"),
            OptionSpec("rate", ["N"], help: "simulated inbound payments per second (default 5)"),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let duration = try number(context.arguments.value("for"), option: "for")
        let rate = try number(context.arguments.value("rate"), option: "rate")
        try await BankSession.withBank(context) { bank in
            if let rate { bank.simulator.update { $0.ratePerSecond = rate } }
            if bank.simulator.settings.ratePerSecond > 0 { bank.simulator.start() }
            let interrupted = InterruptSignal()
            let started = ContinuousClock.now
            var elapsed = 0.0
            while !interrupted.received {
                let remaining = duration.map { $0 - elapsed }
                if let remaining, remaining <= 0 { break }
                try? await Task.sleep(for: .seconds(min(1, remaining ?? 1)))
                elapsed = Self.seconds(ContinuousClock.now - started)
                context.output.line(progress(bank.readModels, sent: bank.simulator.statistics.total, elapsed: elapsed, json: context.json))
            }
            bank.simulator.stop()
            interrupted.restore()
        }
        return ExitCode.success
    }

    /// One progress line: elapsed time, payments sent and by state, held queue, log size.
    static func progress(_ models: BankReadModels, sent: Int, elapsed: Double, json: Bool) -> String {
        let payments = models.payments
        let states: [PaymentState] = [.settled, .held, .returned, .failed, .accepted, .rejected]
        let inFlight = PaymentState.allCases.filter { !$0.isFinal && $0 != .held }.reduce(0) { $0 + payments.count(of: $1) }
        let seconds = (elapsed * 10).rounded() / 10
        if json {
            var members: [(key: String, value: JSONValue)] = [
                ("elapsed", .number(String(seconds))), ("sent", .number(String(sent))),
                ("payments", .number(String(payments.count))), ("inFlight", .number(String(inFlight))),
            ]
            for state in states { members.append((state.rawValue, .number(String(payments.count(of: state))))) }
            members.append(("events", .number(String((models.position ?? 0) + (models.position == nil ? 0 : 1)))))
            return JSONValue.object(members).compact
        }
        let counts = states.map { "\($0.rawValue) \(payments.count(of: $0))" }.joined(separator: "  ")
        return "\(seconds)s  sent \(sent)  payments \(payments.count)  in flight \(inFlight)  \(counts)"
    }

    private static func number(_ text: String?, option: String) throws(CommandFailure) -> Double? {
        guard let text else { return nil }
        guard let value = Double(text), value >= 0, value.isFinite else {
            throw .refused("--\(option) must be a number of at least 0, not '\(text)'")
        }
        return value
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
