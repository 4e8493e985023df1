import Foundation
import Synchronization

/// Publishes this process's persistent-subscription figures to the store every `interval`
/// (see `PublishedSubscriptionStats`), and withdraws them when stopped.
public final class PersistentStatsPublisher: Sendable {
    private let store: any EventStore
    private let subscriptions: PersistentSubscriptions
    private let clock: any StoreClock
    private let host: String
    private let pid: Int32
    public let stream: String
    private let state = Mutex<(task: Task<Void, Never>?, started: Bool, lastError: String?)>((nil, false, nil))

    public init(store: any EventStore, subscriptions: PersistentSubscriptions, clock: any StoreClock, host: String, pid: Int32) {
        self.store = store
        self.subscriptions = subscriptions
        self.clock = clock
        self.host = host
        self.pid = pid
        stream = PublishedSubscriptionStats.stream(host: host, pid: pid)
    }

    /// The last error publishing, if the last attempt failed.
    public var lastError: String? { state.withLock { $0.lastError } }

    /// Writes the current figures once (the first time also keeps the stream to one event).
    public func publish() async throws(EventStoreError) {
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        if first { try await store.limitSystemStream(stream, maxCount: 1) }
        try await write(PublishedSubscriptionStats(host: host, pid: pid, publishedAt: clock.now(), stats: subscriptions.stats()))
    }

    private func write(_ stats: PublishedSubscriptionStats) async throws(EventStoreError) {
        let data: Data
        do {
            data = try PublishedSubscriptionStats.encoder.encode(stats)
        } catch {
            throw .invalidMetadata("statistics do not encode: \(error)")
        }
        _ = try await store.appendToSystemStream(stream, expected: .any, events: [EventData(type: PublishedSubscriptionStats.eventType, data: data)])
    }

    /// Publishes now and then every `interval` until `stop()`; a failure is kept in `lastError`
    /// and retried at the next interval (statistics never stop the bank).
    public func start(every interval: Duration) {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                do throws(EventStoreError) {
                    try await self.publish()
                    self.state.withLock { $0.lastError = nil }
                } catch {
                    self.state.withLock { $0.lastError = error.description }
                }
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
            }
        }
        state.withLock { $0.task = task }
    }

    /// Stops publishing and withdraws this process's figures (a clean close: its last event
    /// says it closed; a crash leaves its figures, and their age shows they are stale).
    public func stop() async {
        let (task, started) = state.withLock { state in
            defer { state.task = nil }
            return (state.task, state.started)
        }
        task?.cancel()
        await task?.value
        guard started else { return }
        var closing = PublishedSubscriptionStats(host: host, pid: pid, publishedAt: clock.now(), stats: [])
        closing.closed = true
        try? await write(closing)
    }
}
