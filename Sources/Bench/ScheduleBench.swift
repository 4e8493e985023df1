import Core
import Foundation
import Store

/// `bank-bench schedule`: the scheduler with many standing orders due at once.
///
/// In a temporary directory, a file store (durable: `fsync`) holds 10,000 monthly standing
/// orders from one account, all first due on the same day. With the clock moved to that day,
/// one `Scheduler.tick()` claims every occurrence and requests its payment. Prints:
/// - `schedule.due`: payments emitted per second by that tick (claims and payment requests,
///   all durable);
/// - `schedule.due.emitted`: how many it emitted (10,000 when every one went through once);
/// - `schedule.due.again`: a second tick at the same time, which finds nothing to do (ms).
enum ScheduleBench {
    static let orders = 10_000

    static func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bank-bench-schedule-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let day = BankDate(year: 2027, month: 1, day: 31) ?? BankDate.containing(Date(timeIntervalSince1970: 1_800_000_000))
        let clock = ManualClock(day.start.addingTimeInterval(-86_400))
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(clock: clock))
        try await book(orders, on: day, in: store, clock: clock)

        clock.set(day.start)
        let scheduler = Scheduler(store: store, clock: clock)
        let started = ContinuousClock.now
        let emitted = try await scheduler.tick()
        let seconds = (ContinuousClock.now - started).seconds
        report("schedule.due", Double(emitted) / seconds, "emitted/s")
        report("schedule.due.emitted", Double(emitted), "payments")
        let again = ContinuousClock.now
        _ = try await scheduler.tick()
        report("schedule.due.again", (ContinuousClock.now - again).seconds * 1_000, "ms")
        await store.close()
    }

    /// Writes `count` standing orders first due on `day`, as `Bank.schedule` records them.
    static func book(_ count: Int, on day: BankDate, in store: any EventStore, clock: any StoreClock) async throws {
        let writer = DomainWriter(identity: WriterIdentity(domain: .payments, name: "operator:bench"), store: store)
        let from = AccountID(sortCode: "401234", accountNumber: "10000329")!
        for start in stride(from: 0, to: count, by: 1_000) {
            var appends: [(stream: BankStream, expected: ExpectedVersion, events: [EventData])] = []
            for index in start..<min(count, start + 1_000) {
                let id = DerivedEventID.make(name: "bench-schedule-\(index)")
                let order = OutboundPaymentOrder(scheme: .fps, from: from, amount: "1.00",
                                                 to: PaymentParty(sortCode: "200000", accountNumber: "12345803", name: "Walsh Carter"),
                                                 reference: "Standing \(index)", requestedBy: "bench")
                let scheduled = PaymentScheduled(scheduleId: id, order: order, firstDue: day, every: .month, until: nil, scheduledAt: clock.now())
                let decision = ScheduleCommands.schedule(scheduled)
                let events = try decision.events.map { try $0.eventData(causedBy: id, actor: writer.identity.description) }
                appends.append((decision.stream, decision.expected, events))
            }
            for result in await writer.append(appends) { _ = try result.get() }
        }
    }

    static func report(_ name: String, _ value: Double, _ unit: String) {
        print("\(name)\t\(String(format: "%.1f", value))\t\(unit)")
    }
}
