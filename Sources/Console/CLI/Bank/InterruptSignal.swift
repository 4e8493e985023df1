import Dispatch
import Foundation
import Synchronization

/// Notices SIGINT and SIGTERM while `run` is running, so it stops cleanly (closing the bank
/// and the store) instead of dying mid-append. `restore()` gives the signals back.
final class InterruptSignal: Sendable {
    private let stop: StopFlag
    private let sources: Mutex<[any DispatchSourceSignal]>

    init() {
        let stop = StopFlag()
        var made: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.flag.store(true, ordering: .releasing) }
            source.resume()
            made.append(source)
        }
        self.stop = stop
        sources = Mutex(made)
    }

    /// Whether a signal arrived.
    var received: Bool { stop.flag.load(ordering: .acquiring) }

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
