import Foundation
import Synchronization

/// The store's source of time, injected so tests control it.
public protocol StoreClock: Sendable {
    func now() -> Date
}

/// Wall-clock time. The only place in Store that reads the system clock.
public struct SystemClock: StoreClock {
    public init() {}
    public func now() -> Date { Date(timeIntervalSinceNow: 0) }
}

/// A clock that only moves when told to; for deterministic tests.
public final class ManualClock: StoreClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
