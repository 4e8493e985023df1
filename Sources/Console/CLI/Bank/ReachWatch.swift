import Foundation
import Store
import Synchronization

/// Says on standard error when a store that retries by itself (`writerRetries`: a database)
/// goes out of reach and when it is back (`RunCommand.waitNotice`), looking four times a second.
///
/// From a thread of its own: while the database is away, the bank's blocking reads back off on
/// the cooperative threads, and `run`'s own loop may not get a turn until it is back.
final class ReachWatch: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// Starts watching `store`; nil when it does not retry by itself (a stopped file-store
    /// writer ends `run` instead).
    init?(_ store: any EventStore, errors: any TextOutput) {
        guard store.writerRetries else { return nil }
        Thread.detachNewThread { [self] in
            var was: String?
            repeat {
                let now = store.writerFailure
                if let notice = RunCommand.waitNotice(was: was, now: now) {
                    errors.line("bank-console run: " + DisplayText.messageLine(notice))
                }
                was = now
                Thread.sleep(forTimeInterval: 0.25)
            } while !stopped.load(ordering: .acquiring)
            done.signal()
        }
    }

    /// Stops watching, once the thread has looked a last time.
    func stop() {
        stopped.store(true, ordering: .releasing)
        done.wait()
    }
}
