import Synchronization

/// Tasks suspended in `waitForEvents`, woken together whenever something may have changed
/// (a commit here, a NOTIFY from another process, the listener reconnecting, close).
///
/// A waiter re-asks its question after each wake-up; a generation number makes sure a wake-up
/// between its question and its suspension is not lost. Thread-safe.
final class Waiters: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var nextId: UInt64 = 0
        var waiting: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Mutex(State())

    /// Returns once `isOver` answers true (asked again after every wake-up) or the task is
    /// cancelled. `isOver` is given the number of wake-ups so far: what it learns at one
    /// number holds for every waiter asking at that number (no wake-up came in between).
    func wait(until isOver: @Sendable (_ generation: UInt64) -> Bool) async {
        while !Task.isCancelled {
            let generation = state.withLock { $0.generation }
            if isOver(generation) { return }
            await suspend(unlessPast: generation)
        }
    }

    /// Suspends until the next `wakeAll` after `generation` (at once if there was one).
    private func suspend(unlessPast generation: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextId += 1
            return state.nextId
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generation != generation || Task.isCancelled { return true }
                    state.waiting[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiting.removeValue(forKey: id) }?.resume()
        }
    }

    /// Wakes every waiter (each then asks again).
    func wakeAll() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generation += 1
            defer { state.waiting.removeAll() }
            return Array(state.waiting.values)
        }
        for continuation in woken { continuation.resume() }
    }
}
