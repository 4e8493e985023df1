import Core
import Foundation
import Store

/// What the console runs against: the store to browse and the bank to act on.
struct ConsoleServices: Sendable {
    var store: any EventStore
    /// Carries out an operator's action (release, reject, block, …).
    var performAction: @Sendable (Action) async -> CommandResult
    /// Changes the simulator and says how it is now.
    var controlSimulator: @Sendable (SimulatorControl) async -> SimulatorStatus
    /// The simulator as it is now.
    var simulatorStatus: @Sendable () -> SimulatorStatus
    /// Persistent-subscription groups and projections as they are now.
    var loadSubscriptions: @Sendable () async -> SubscriptionsSnapshot
    /// Who the console's actions are recorded as (its header shows them and their role).
    var operatorName: String
    /// Names a store that is not the default file store, for the top bar.
    var storeLabel: String?
    /// The bank's own bank-wide views as they are now (nil without a bank): when they are far
    /// ahead of the console's (it opened while the bank was rebuilding them), the console takes them.
    var bankViews: @Sendable () -> BankOverview? = { nil }
}

/// Runs the console on a terminal: owns the terminal on one dedicated thread, feeds it the
/// live event stream, and restores the terminal on every way out.
enum ConsoleSession {
    /// Frame length: the longest a key or a new event waits to be seen.
    static let frameMilliseconds = 33

    /// Runs until the operator quits (0), a signal arrives (128 + signal) or the terminal
    /// cannot be used (2, with a message on stderr).
    ///
    /// - Parameter overview: the bank-wide views as the bank has them now (resumed from their
    ///   save): the first frame shows them, and the feed carries on from their position.
    /// - Parameter headless: run on a `HeadlessTerminal` until the first live frame instead
    ///   (nil: this process's terminal).
    static func run(services: ConsoleServices, overview: BankOverview, theme requested: String?, environment: [String: String],
                    headless: HeadlessLaunch? = nil) async -> Int32 {
        let inbox = Inbox()
        let feed = Task.detached { await LiveFeed.run(store: services.store, after: overview.position, inbox: inbox) }
        let code = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let thread = Thread {
                let code = if let headless {
                    runHeadless(headless, services: services, overview: overview, inbox: inbox)
                } else {
                    runOnThisThread(services: services, overview: overview, inbox: inbox, theme: requested, environment: environment)
                }
                continuation.resume(returning: code)
            }
            thread.name = "bank-console UI"
            thread.start()
        }
        feed.cancel()
        inbox.releaseWaiting()
        return code
    }

    private static func runOnThisThread(services: ConsoleServices, overview: BankOverview, inbox: Inbox, theme requested: String?,
                                        environment: [String: String]) -> Int32 {
        let terminal: NcursesTerminal
        do {
            terminal = try NcursesTerminal(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("bank-console: \(error)\n".utf8))
            return 2
        }
        let theme: Theme
        do {
            theme = try Theme.choose(requested: requested, environment: environment, terminalHasColour: terminal.hasColour)
        } catch {
            terminal.shutdown()
            FileHandle.standardError.write(Data("bank-console: \(error)\n".utf8))
            return 2
        }
        terminal.apply(theme)
        let code = serve(terminal, services: services, overview: overview, inbox: inbox, glyphs: Glyphs.forLocale(environment: environment))
        terminal.shutdown()
        return code
    }

    /// The console on a `HeadlessTerminal` until its first frame at the store's head (the
    /// head read at start): reports it to `launch.firstLiveFrame`, then closes (0); 1 when
    /// catching up outlasts `launch.deadline`.
    private static func runHeadless(_ launch: HeadlessLaunch, services: ConsoleServices, overview: BankOverview, inbox: Inbox) -> Int32 {
        let terminal = HeadlessTerminal(size: launch.size)
        let clock = ContinuousClock(), deadline = clock.now + launch.deadline
        return serve(terminal, services: services, overview: overview, inbox: inbox, glyphs: .unicode) { state in
            if state.catchingUp == nil {
                let footprint = state.bank.live.accounts.footprint
                launch.firstLiveFrame(FirstLiveFrame(position: state.bank.live.position, head: state.catchUpTarget ?? 0, frames: terminal.frames,
                                                     accounts: state.bank.live.accounts.count, accountPages: footprint.pages,
                                                     accountOverlayRows: footprint.overlayRows,
                                                     paymentsKept: state.bank.live.payments.footprint, inboxEvents: inbox.pendingEvents))
                return 0
            }
            if clock.now > deadline {
                FileHandle.standardError.write(Data("bank-console: still catching up after \(launch.deadline)\n".utf8))
                return 1
            }
            return nil
        }
    }

    /// Runs the UI loop on `terminal` until the operator quits, a signal arrives, the
    /// terminal's owner goes away, or `stop` (asked after every frame drawn) returns a code.
    private static func serve<T: Terminal>(_ terminal: T, services: ConsoleServices, overview: BankOverview, inbox: Inbox, glyphs: Glyphs,
                                           stop: ((State) -> Int32?)? = nil) -> Int32 {
        let signals = SignalFlag()
        defer { signals.cancel() }
        let runner = EffectRunner(services: services, inbox: inbox)
        var state = State(size: terminal.size, glyphs: glyphs, now: Date())
        state.consoleOperator = ConsoleOperator(name: services.operatorName)
        state.storeLabel = services.storeLabel
        state.bank = BankFold(live: overview)
        do throws(BankError) { try state.bank.schedules.refresh(from: services.store) } catch { state.bank.schedulesProblem = error.description }
        let loop = ConsoleLoop(terminal: terminal, state: state, inbox: inbox, clock: { Date() }, perform: runner.run)
        if let code = loop.dispatch([.tick(Date()), .storeHeadRead(services.store.headPosition), .simulatorChanged(services.simulatorStatus())]) {
            return code
        }
        loop.redraw()
        if let code = stop?(loop.state) { return code }
        let parent = getppid()
        while true {
            if let caught = signals.caught { return 128 + caught }
            // The terminal's owner went away (a closed window): nobody can see or type here.
            if getppid() != parent { return 128 + SIGHUP }
            // Wait for a key a whole frame only when no events are waiting to be shown.
            if let code = loop.step(timeoutMilliseconds: inbox.pendingEvents > 0 ? 1 : frameMilliseconds) { return code }
            if let code = stop?(loop.state) { return code }
        }
    }
}
