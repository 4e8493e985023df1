import Store
import Synchronization

/// Tasks suspended in `waitForEvents`, woken together whenever something may have changed
/// (a commit here, a NOTIFY from another process, the listener reconnecting, close).
///
/// A waiter re-asks its question after each wake-up; a generation number makes sure a wake-up
/// between its question and its suspension is not lost. Thread-safe.
final class Waiters: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiting = HeadWaiters()
    }
    private let state = Mutex(State())

    /// Returns once `isOver` answers true (asked again after every wake-up) or the task is
    /// cancelled. `isOver` is given the number of wake-ups so far: what it learns at one
    /// number holds for every waiter asking at that number (no wake-up came in between).
    func wait(until isOver: @Sendable (_ generation: UInt64) -> Bool) async {
        while !Task.isCancelled {
            let generation = state.withLock { $0.generation }
            if isOver(generation) { return }
            // Suspends until the next `wakeAll` after `generation` (at once if there was one).
            await HeadWaiters.wait { body in
                self.state.withLock { state in body(&state.waiting, state.generation != generation) }
            }
        }
    }

    /// Wakes every waiter (each then asks again).
    func wakeAll() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generation += 1
            return state.waiting.takeAll()
        }
        for continuation in woken { continuation.resume() }
    }
}
