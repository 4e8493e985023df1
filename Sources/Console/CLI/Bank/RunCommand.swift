import Core
import Foundation
import Store

/// `run [--for SECONDS] [--rate N]`: the processors and the simulator without a screen.
enum RunCommand {
    /// The highest `--rate`: payments per second the simulator is asked for.
    static let maximumRate = 10_000.0
    /// The longest `--for`: a year.
    static let maximumSeconds = 31_536_000.0
    /// How long `run` waits, after it stops the simulator, for payments in flight to come to rest.
    static let drainSeconds = 30.0

    static let command = Command(spec: CommandSpec(
        name: "run",
        usage: ["run [--for SECONDS] [--rate N] [--pacs008-out DIR]"],
        summary: "run the processors, the projections and the simulator without a screen, printing progress",
        details: """
        Prints one progress line a second (payments by state, the held queue, events in the log) \
        until SECONDS have passed, or until interrupted (Ctrl-C) without --for. --rate sets the \
        simulator's inbound payments per second (default 5; 0 runs only the processors, for \
        example to finish payments left in flight). When it stops it waits up to \(Int(drainSeconds)) s \
        (or until a second Ctrl-C) for payments in flight to come to rest, prints a last progress \
        line, and says how many remain if some do. It ends with \
        exit 1 and the reason when the store's writer stops (for example on a full disk) or the \
        simulator stops with an error. --pacs008-out DIR also writes every payment the simulator \
        sends as an ISO 20022 pacs.008 file in DIR (created if missing; one message per scheme \
        per batch, MSGID.xml), which `import-payments` reads. JSON: one progress object per line.
        """,
        options: [
            OptionSpec("for", ["SECONDS"], help: "stop after this many seconds (default: run until interrupted)", value: .decimal(0...maximumSeconds)),
            OptionSpec("rate", ["N"], help: "simulated inbound payments per second, 0 to \(Int(maximumRate)) (default 5)", value: .decimal(0...maximumRate)),
            OptionSpec("pacs008-out", ["DIR"], help: "also write the simulator's payments as pacs.008 files in DIR", value: .path),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let duration = context.arguments.value("for").flatMap(Double.init)
        let rate = context.arguments.value("rate").flatMap(Double.init)
        let output = try pacs008Output(context)
        let stopped: String? = try await BankSession.withBank(context, folding: .always) { bank in
            // Other processes (`subscriptions`, consoles) see this one's live figures.
            let statistics = bank.publishSubscriptionStats()
            // The bank's projections follow the log here as in a console (shared by lease with
            // the other processes on a PostgreSQL store).
            let projections = try await BankProjectionHost(store: bank.store, clock: context.environment.clock, running: true)
            bank.simulator.writePacs008(to: output)
            let reason = await simulate(bank, context, duration: duration, rate: rate, problems: { projections.problems })
            await projections.stop()
            await statistics.stop()
            return reason
        }
        if let stopped {
            context.errors.line("bank-console run: " + DisplayText.messageLine(stopped))
            return ExitCode.refused
        }
        return ExitCode.success
    }

    /// `--pacs008-out DIR`, created when missing.
    static func pacs008Output(_ context: CommandContext) throws(CommandFailure) -> Pacs008Output? {
        guard let path = context.arguments.value("pacs008-out") else { return nil }
        let url = URL(fileURLWithPath: path, relativeTo: context.environment.workingDirectory)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .refused("cannot create the pacs.008 directory \(path)")
        }
        return Pacs008Output(directory: url)
    }

    /// Runs the simulator and processors until `duration` passes, Ctrl-C, or a stop; then
    /// drains what is in flight. Returns why it had to stop, if it did. Each of `problems` (the
    /// projections' faults: the payments go on without them) is said once, when it appears.
    static func simulate(_ bank: Bank, _ context: CommandContext, duration: Double?, rate: Double?,
                         problems: () -> [String] = { [] }) async -> String? {
        if let rate { bank.simulator.update { $0.ratePerSecond = rate } }
        if bank.simulator.settings.ratePerSecond > 0 { bank.simulator.start() }
        let interrupted = InterruptSignal()
        defer { interrupted.restore() }
        let started = ContinuousClock.now
        var elapsed = 0.0
        var said: Set<String> = []
        let reach = ReachWatch(bank.store, errors: context.errors)
        defer { reach?.stop() }
        func report() {
            elapsed = Self.seconds(ContinuousClock.now - started)
            context.output.line(progress(bank.readModels, simulator: bank.simulator.statistics, elapsed: elapsed, json: context.json))
            for problem in problems() where said.insert(problem).inserted {
                context.errors.line("bank-console run: " + DisplayText.messageLine(problem))
            }
        }
        while !interrupted.received {
            if let reason = stopReason(bank) { bank.simulator.stop(); return reason }
            let remaining = duration.map { $0 - elapsed }
            if let remaining, remaining <= 0 { break }
            try? await Task.sleep(for: .seconds(min(1, remaining ?? 1)))
            report()
        }
        bank.simulator.stop()
        // Drain: let the processors finish what is in flight, within a deadline; another
        // Ctrl-C gives up waiting (the bank still closes cleanly). The deadline is kept by the
        // bank's clock (the system's, or a test's injected one), not by the process's.
        let clock = context.environment.clock
        let drainStarted = clock.now()
        let signalsBeforeDrain = interrupted.count
        // Only the processors' own groups: a group nobody consumes would never drain.
        let processorGroups = Set(bank.processors.flatMap { processor in
            processor.inputTypes.map { "\(processor.identity.name)@\(ReadTarget.eventType($0))" }
        })
        func pending() async throws(BankError) -> Pending {
            try await bank.readModelsCatchUp()
            let lag = bank.subscriptions.stats().filter { processorGroups.contains("\($0.group)@\($0.source)") }
            return Pending(payments: inFlight(bank.readModels), messages: lag.reduce(0) { $0 + Int(clamping: $1.lag) })
        }
        var left: Pending
        do throws(BankError) { left = try await pending() } catch { return error.description }
        let drained = !left.isEmpty
        while !left.isEmpty && clock.now().timeIntervalSince(drainStarted) < drainSeconds && interrupted.count == signalsBeforeDrain {
            if let reason = stopReason(bank) { return reason }
            try? await Task.sleep(for: .milliseconds(100))
            do throws(BankError) { left = try await pending() } catch { return error.description }
        }
        if drained { report() } // where the drain left the bank
        if !left.isEmpty {
            context.errors.line("bank-console run: stopped with \(left.description) still in flight; 'bank-console run --rate 0' finishes them")
        }
        return stopReason(bank)
    }

    /// Why `run` must stop: the read models stopped at an event they cannot trust, the
    /// scheduler, the store's writer (one that does not retry by itself) or the simulator
    /// stopped with an error.
    static func stopReason(_ bank: Bank) -> String? {
        if let fault = bank.readModels.fault { return "the bank's read models stopped: \(fault)" }
        if let error = bank.scheduler.lastError { return "the scheduler stopped: \(error)" }
        // A store that retries by itself (a database out of reach) is waited for.
        return stopReason(writerFailure: bank.store.writerRetries ? nil : bank.store.writerFailure, simulator: bank.simulator.statistics)
    }

    /// What `run` says when a store that retries by itself goes out of reach (`now` set,
    /// `was` not) or comes back; nil when neither happened.
    static func waitNotice(was: String?, now: String?) -> String? {
        switch (was, now) {
        case (nil, let failure?): "\(failure); waiting for it (the processors and the simulator carry on when it is back)"
        case (_?, nil): "the store is back; carrying on"
        default: nil
        }
    }

    /// Why `run` must stop, from what the store and the simulator report.
    static func stopReason(writerFailure: String?, simulator: SchemeSimulator.Statistics) -> String? {
        if let writerFailure { return "the store's writer stopped: \(writerFailure); nothing more can be written" }
        if let error = simulator.lastError { return "the simulator stopped: \(error)" }
        return nil
    }

    /// What is left to do when `run` stops: payments not at rest, and messages the processors
    /// have not yet handled (a payment sent by the scheme but not yet received is only that).
    struct Pending: Equatable, CustomStringConvertible {
        var payments: Int
        var messages: Int
        var isEmpty: Bool { payments == 0 && messages == 0 }
        var description: String {
            "\(payments) payment\(payments == 1 ? "" : "s") and \(messages) unprocessed message\(messages == 1 ? "" : "s")"
        }
    }

    /// Payments not yet at rest (held ones are at rest until an operator decides).
    static func inFlight(_ models: BankOverview) -> Int {
        PaymentState.allCases.filter { !$0.isFinal && $0 != .held }.reduce(0) { $0 + models.payments.count(of: $1) }
    }

    /// One progress line: elapsed time, payments sent and by state, held queue, log size; the
    /// payments the simulator skipped (it fell behind the rate) when there are some.
    static func progress(_ models: BankOverview, simulator: SchemeSimulator.Statistics, elapsed: Double, json: Bool) -> String {
        let payments = models.payments
        let states: [PaymentState] = [.settled, .held, .returned, .failed, .accepted, .rejected]
        let inFlight = inFlight(models)
        let seconds = (elapsed * 10).rounded() / 10
        let sent = simulator.total
        if json {
            var members: [(key: String, value: JSONValue)] = [
                ("elapsed", .number(String(seconds))), ("sent", .number(String(sent))),
                ("payments", .number(String(payments.count))), ("inFlight", .number(String(inFlight))),
            ]
            for state in states { members.append((state.rawValue, .number(String(payments.count(of: state))))) }
            members.append(("events", .number(String((models.position ?? 0) + (models.position == nil ? 0 : 1)))))
            members.append(("skipped", .number(String(simulator.skipped))))
            return JSONValue.object(members).compact
        }
        let counts = states.map { "\($0.rawValue) \(payments.count(of: $0))" }.joined(separator: "  ")
        let skipped = simulator.skipped > 0 ? "  skipped \(simulator.skipped) (behind the rate)" : ""
        return "\(seconds)s  sent \(sent)  payments \(payments.count)  in flight \(inFlight)  \(counts)\(skipped)"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
