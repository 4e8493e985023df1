import Synchronization

/// Runs async jobs one after another, in the order they were added, off the UI thread.
///
/// For effects whose order matters (simulator changes: `+` then `+` must end at the second
/// rate), where a detached task each could run in any order. Thread-safe.
final class SerialLane: Sendable {
    private let last = Mutex<Task<Void, Never>?>(nil)

    init() {}

    /// Starts `job` once every job added before it has finished.
    func add(_ job: @escaping @Sendable () async -> Void) {
        last.withLock { previous in
            let before = previous
            previous = Task.detached {
                await before?.value
                await job()
            }
        }
    }
}
