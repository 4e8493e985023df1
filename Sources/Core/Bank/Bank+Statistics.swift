import Foundation
import Store

extension Bank {
    /// Starts publishing this process's persistent-subscription figures every `interval`, so
    /// `subscriptions` and other consoles show them (see `PublishedSubscriptionStats`). Stop
    /// the publisher before closing the bank: a clean stop withdraws the figures.
    public func publishSubscriptionStats(every interval: Duration = .seconds(2)) -> PersistentStatsPublisher {
        let process = OperatorIdentity.current(environment: [:])
        let publisher = PersistentStatsPublisher(store: store, subscriptions: subscriptions, clock: clock, host: process.host, pid: process.pid)
        publisher.start(every: interval)
        return publisher
    }
}
