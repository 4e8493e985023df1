import Core
import Foundation

/// Everything the console shows, as a value. `update` makes the next one; `render` draws it.
struct State: Sendable, Equatable {
    var size: Size
    var glyphs: Glyphs
    var now: Date
    var pane: PaneID = .flow
    /// Where Esc goes back to: the panes a view was opened from, most recent last (a timeline
    /// opened from Held goes back to Held). Choosing a pane directly starts afresh.
    var backStack: [PaneID] = []
    /// The store's head: events in `$all`.
    var storePosition: UInt64 = 0
    /// Names a store that is not the default file store (`pg bank`), shown in the top bar.
    var storeLabel: String?
    /// The store's head when the console started: until it has folded that many events it is
    /// catching up, and says so (its counts are partial meanwhile).
    var catchUpTarget: UInt64?
    var overlay: Overlay?
    var toasts: [Toast] = []
    /// Actions sent to the bank whose result has not come back.
    var pendingActions = 0
    var streams = StreamsState()
    /// Events per second over the last few seconds, newest last (status bar).
    var eventRate = RateMeter()
    /// The bank-wide views, live.
    var bank = BankFold()
    var simulator = SimulatorStatus()
    /// Why the store's writer stopped, or nil while it runs. While set the top bar says so and
    /// every action that would write is refused, naming it; reading goes on.
    var writerFailure: String?
    /// Whether the store tries again by itself while `writerFailure` is set (a database out of
    /// reach): the top bar says it is retrying, not stopped.
    var writerRetries = false
    /// When the store and the simulator were last asked how they are (see `healthTick`).
    var lastHealthCheck: Date
    /// Simulator changes sent whose answer has not come back (see `controlSimulator`).
    var simulatorRequests = 0
    var flow = FlowState()
    var held = HeldState()
    var accounts = AccountsState()
    var time = TimeState()
    var subscriptions = SubscriptionsState()
    var audit = AuditState()
    /// Who sits at the console and what they may do; nil when the console acts for nobody in
    /// particular (tests, benchmarks): then nothing is greyed and the bank alone decides.
    var consoleOperator: ConsoleOperator?

    init(size: Size, glyphs: Glyphs = .unicode, now: Date) {
        self.size = size
        self.glyphs = glyphs
        self.now = now
        lastHealthCheck = now
    }
}

extension State {
    /// How far the console is in folding the log it found at start; nil once it has caught up.
    var catchingUp: (folded: UInt64, target: UInt64)? {
        guard let target = catchUpTarget, bank.live.nextPosition < target else { return nil }
        return (bank.live.nextPosition, target)
    }
}

/// What sits on top of the panes and takes the keys first.
enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case confirm(Confirmation)
    case prompt(Prompt)
    /// The `:` command line.
    case command(TextField, error: String?)
    /// The new-payment form.
    case form(PaymentForm)
}

/// A short message in the corner that fades after a few seconds.
struct Toast: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case info, success, failure }
    var text: String
    var kind: Kind
    var expires: Date
}

/// Counts things per second over a sliding window of whole seconds.
struct RateMeter: Hashable, Sendable {
    /// Counts for the most recent seconds, oldest first; the last is the current second.
    private(set) var buckets: [Int] = []
    private(set) var currentSecond: Int = 0
    var window = 60

    mutating func add(_ count: Int, at date: Date) {
        advance(to: date)
        if buckets.isEmpty { buckets = [0] }
        buckets[buckets.count - 1] += count
    }

    mutating func advance(to date: Date) {
        let second = Int(date.timeIntervalSince1970.rounded(.down))
        if buckets.isEmpty { currentSecond = second; buckets = [0]; return }
        let gap = second - currentSecond
        guard gap > 0 else { return }
        buckets += Array(repeating: 0, count: min(gap, window))
        if buckets.count > window { buckets.removeFirst(buckets.count - window) }
        currentSecond = second
    }

    /// The rate over the last complete second.
    var perSecond: Int { buckets.count >= 2 ? buckets[buckets.count - 2] : (buckets.last ?? 0) }
}
