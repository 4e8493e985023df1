import Foundation
import Store

/// Read model: the payment flow as the bank-wide views need it — counts per state, every
/// payment still in flight or held, and a window of the most recent payments — in memory
/// that grows with the payments open and the window, never with the length of the log.
///
/// Not `PaymentFlow`, which keeps every payment ever seen. A payment that reached a final
/// state and left the window is forgotten; should an event about it come later (never in
/// the bank's own flow), its state is asked of a `PaymentLookup` (its stream folded), so the
/// counts stay those of a fold of the whole log. Codable, to be saved with its checkpoint.
public struct PaymentOverview: Sendable, Equatable {
    /// Payments in the recent window by default.
    public static let defaultWindow = 5_000

    /// How many of the newest payments are kept whatever their state.
    public let window: Int
    /// How many payments are in each state, indexed like `PaymentState.allCases`.
    private var stateCounts = [Int](repeating: 0, count: PaymentState.allCases.count)
    /// Payments seen.
    public private(set) var count = 0
    /// Payments not in a final state, by id (a copy of those also in the window).
    private var open: [UUID: PaymentSummary] = [:]
    /// The window: ids oldest first from `recentStart`, and their payments.
    private var recentIDs: [UUID] = []
    private var recentStart = 0
    private var recent: [UUID: PaymentSummary] = [:]
    /// Held payments: id → position of the hold.
    private var held: [UUID: UInt64] = [:]

    public init(window: Int = PaymentOverview.defaultWindow) {
        self.window = max(1, window)
    }

    public static func == (lhs: PaymentOverview, rhs: PaymentOverview) -> Bool {
        lhs.window == rhs.window && lhs.stateCounts == rhs.stateCounts && lhs.count == rhs.count && lhs.open == rhs.open
            && lhs.recent == rhs.recent && lhs.held == rhs.held && lhs.recentIDs[lhs.recentStart...] == rhs.recentIDs[rhs.recentStart...]
    }

    /// How many payments are in each state (states with none are absent).
    public var counts: [PaymentState: Int] {
        var result: [PaymentState: Int] = [:]
        for (state, count) in zip(PaymentState.allCases, stateCounts) where count != 0 { result[state] = count }
        return result
    }

    public func count(of state: PaymentState) -> Int { stateCounts[state.countIndex] }

    /// The payment with `id` when it is open or in the window; older ones are read from their stream.
    public func payment(_ id: UUID) -> PaymentSummary? { recent[id] ?? open[id] }

    /// The latest `limit` payments (at most the window), newest first.
    public func recent(limit: Int) -> [PaymentSummary] {
        recentIDs[recentStart...].suffix(limit).reversed().compactMap { recent[$0] }
    }

    /// Payments in the window.
    public var windowCount: Int { recentIDs.count - recentStart }

    /// The payment `index` places from the newest in the window (0 is the newest). O(1).
    public func newest(_ index: Int) -> PaymentSummary? {
        guard index >= 0, index < windowCount else { return nil }
        return recent[recentIDs[recentIDs.count - 1 - index]]
    }

    /// Held payments, oldest hold first, with their evidence.
    public var heldQueue: [PaymentSummary] {
        held.sorted { $0.value < $1.value }.compactMap { open[$0.key] }
    }

    /// Payments in flight or held (kept whatever their age).
    public var openCount: Int { open.count }

    /// Entries held in memory: payment ids kept for the window's order (at most twice the
    /// window), payments in the window and payments open. For tests and benchmarks that check
    /// it stays bounded.
    public var footprint: Int { recentIDs.count + recent.count + open.count }

    // MARK: - Folding

    /// A release or rejection of payment `id` needs it to be held now.
    func checkHeld(_ id: UUID, _ type: String, before position: UInt64, lookup: PaymentLookup?) throws(EventStoreError) -> FaultReason? {
        let state = try known(id, before: position, lookup: lookup)?.state
        return state == .held ? nil : .unexpectedStep(event: type, step: state?.rawValue)
    }

    /// The payment as folded so far: open, in the window, or asked of `lookup`.
    private func known(_ id: UUID, before position: UInt64, lookup: PaymentLookup?) throws(EventStoreError) -> PaymentSummary? {
        if let found = payment(id) { return found }
        return try lookup?(id, position)
    }

    /// Applies one decoded event recorded as `recorded`; ignores events that are not about a payment.
    mutating func apply(_ event: BankEvent, _ recorded: RecordedEvent, lookup: PaymentLookup?) throws(EventStoreError) {
        if let summary = PaymentSummary.started(by: event, recorded) {
            // A payment's stream starts with it (version 0); anywhere else it may be a repeat.
            if payment(summary.id) != nil { return }
            if recorded.version != 0, try lookup?(summary.id, recorded.position) != nil { return }
            count += 1
            stateCounts[summary.state.countIndex] += 1
            open[summary.id] = summary
            admit(summary)
        } else if let step = PaymentSummary.step(of: event) {
            // Folded in place where the payment is kept (one look-up, no copy of it to put
            // back); `open` keeps a copy of a payment in the window while it is open.
            if let index = recent.index(forKey: step.id) {
                let before = recent.values[index].take(step, recorded)
                guard took(step, leaving: before, now: recent.values[index].state, at: recorded.position) else { return }
                open[step.id] = step.state.isFinal ? nil : recent.values[index]
            } else if let index = open.index(forKey: step.id) {
                let before = open.values[index].take(step, recorded)
                guard took(step, leaving: before, now: open.values[index].state, at: recorded.position) else { return }
                if step.state.isFinal { open.remove(at: index) }
            } else {
                guard var summary = try lookup?(step.id, recorded.position) else { return }
                let before = summary.take(step, recorded)
                guard took(step, leaving: before, now: summary.state, at: recorded.position), !step.state.isFinal else { return }
                open[step.id] = summary
            }
        }
    }

    /// Counts a payment's `step` (taken at `position`, leaving state `before`; nil when it
    /// changed nothing) and keeps the held payments up to date; whether it changed the payment.
    private mutating func took(_ step: PaymentSummary.Step, leaving before: PaymentState?, now state: PaymentState, at position: UInt64) -> Bool {
        if step.state == .held, state == .held { held[step.id] = position }
        guard let before else { return false }
        stateCounts[before.countIndex] -= 1
        stateCounts[step.state.countIndex] += 1
        if before == .held && step.state != .held { held[step.id] = nil }
        return true
    }

    /// Puts a new payment in the window, dropping the oldest when it is full.
    private mutating func admit(_ summary: PaymentSummary) {
        recentIDs.append(summary.id)
        recent[summary.id] = summary
        while recentIDs.count - recentStart > window {
            recent[recentIDs[recentStart]] = nil
            recentStart += 1
        }
        if recentStart > window {
            recentIDs.removeFirst(recentStart)
            recentStart = 0
        }
    }
}

/// A payment as folded from its own stream, from the events before a global position; nil
/// when it had not started. The overview asks only for payments it no longer keeps.
public typealias PaymentLookup = (_ id: UUID, _ before: UInt64) throws(EventStoreError) -> PaymentSummary?

extension PaymentOverview: Codable {
    private enum CodingKeys: String, CodingKey { case window, stateCounts, count, open, recent, held }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        window = try container.decode(Int.self, forKey: .window)
        stateCounts = try container.decode([Int].self, forKey: .stateCounts)
        guard stateCounts.count == PaymentState.allCases.count else {
            throw DecodingError.dataCorruptedError(forKey: .stateCounts, in: container, debugDescription: "expected \(PaymentState.allCases.count) counts")
        }
        count = try container.decode(Int.self, forKey: .count)
        let openList = try container.decode([PaymentSummary].self, forKey: .open)
        open = Dictionary(openList.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        let recentList = try container.decode([PaymentSummary].self, forKey: .recent)
        recentIDs = recentList.map(\.id)
        recent = Dictionary(recentList.map { ($0.id, $0) }, uniquingKeysWith: { $1 })
        let heldList = try container.decode([HeldEntry].self, forKey: .held)
        held = Dictionary(heldList.map { ($0.id, $0.position) }, uniquingKeysWith: { $1 })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(window, forKey: .window)
        try container.encode(stateCounts, forKey: .stateCounts)
        try container.encode(count, forKey: .count)
        try container.encode(open.values.sorted { $0.positions.first ?? 0 < $1.positions.first ?? 0 }, forKey: .open)
        try container.encode(recentIDs[recentStart...].compactMap { recent[$0] }, forKey: .recent)
        try container.encode(held.map { HeldEntry(id: $0.key, position: $0.value) }.sorted { $0.position < $1.position }, forKey: .held)
    }

    private struct HeldEntry: Codable {
        var id: UUID
        var position: UInt64
    }
}
