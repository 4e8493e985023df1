import Dispatch
import Foundation
import Synchronization

/// Notices SIGINT and SIGTERM while `run` is running, so it stops cleanly (closing the bank
/// and the store) instead of dying mid-append. `restore()` gives the signals back.
final class InterruptSignal: Sendable {
    /// Signals received so far (shared with the handlers).
    private final class Counter: Sendable {
        let value = Atomic<Int>(0)
    }

    private let stop: Counter
    private let sources: Mutex<[any DispatchSourceSignal]>

    init() {
        let stop = Counter()
        var made: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.value.add(1, ordering: .releasing) }
            source.resume()
            made.append(source)
        }
        self.stop = stop
        sources = Mutex(made)
    }

    /// Whether a signal arrived.
    var received: Bool { count > 0 }

    /// How many signals arrived (`run` stops at the first and gives up draining at the next).
    var count: Int { stop.value.load(ordering: .acquiring) }

    /// Stops watching and restores the default handlers.
    func restore() {
        sources.withLock { sources in
            for source in sources { source.cancel() }
            sources = []
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
