import Synchronization

/// The tasks suspended in a store's `waitForEvents`, kept in the store's locked state so that
/// checking the head and registering happen under the lock that publishing takes.
///
/// Not a lock and not thread-safe itself: it lives inside a backend's `Mutex`-guarded state,
/// and every method is called with that lock held. Resume what `takeAll` returns after
/// releasing the lock. `package`: the PostgreSQL backend keeps its waiters in one too.
package struct HeadWaiters {
    private var waiting: [UInt64: CheckedContinuation<Void, Never>] = [:]

    /// Ids unique in the process, so that no store needs its own counter.
    private static let lastId = Atomic<UInt64>(0)

    package init() {}

    /// Removes and returns every waiter, to be resumed outside the lock.
    package mutating func takeAll() -> [CheckedContinuation<Void, Never>] {
        defer { waiting.removeAll() }
        return Array(waiting.values)
    }

    /// Suspends the calling task until the wait is over or the task is cancelled.
    ///
    /// `withWaiters` runs its body under the store's lock with the waiters and whether the wait
    /// is over (closed, failed, or the head past the position waited for); publishing takes
    /// the waiters under the same lock, so no wake-up is lost between the check and the wait.
    package static func wait(_ withWaiters: @Sendable (_ body: (inout HeadWaiters, _ isOver: Bool) -> Void) -> Void) async {
        let id = lastId.add(1, ordering: .relaxed).newValue
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                var ready = false
                withWaiters { waiters, isOver in
                    if isOver || Task.isCancelled {
                        ready = true
                    } else {
                        waiters.waiting[id] = continuation
                    }
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            var cancelled: CheckedContinuation<Void, Never>?
            withWaiters { waiters, _ in cancelled = waiters.waiting.removeValue(forKey: id) }
            cancelled?.resume()
        }
    }
}
