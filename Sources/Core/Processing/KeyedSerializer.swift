import Foundation
import Synchronization

/// Runs work one at a time per key, any number of keys at once: two inputs that will write
/// the same stream (the same ledger, the same payment) take turns instead of racing to a wrong
/// expected version. In-process only; across processes the expected version still decides.
final class KeyedSerializer: Sendable {
    private let waiting = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` once no other work holds `key` (immediately when `key` is nil).
    func run<T: Sendable, E: Error>(_ key: String?, _ body: () async throws(E) -> T) async throws(E) -> T {
        guard let key else { return try await body() }
        await acquire(key)
        defer { release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let proceed = waiting.withLock { waiting -> Bool in
                if waiting[key] == nil {
                    waiting[key] = []
                    return true
                }
                waiting[key]?.append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    private func release(_ key: String) {
        let next = waiting.withLock { waiting -> CheckedContinuation<Void, Never>? in
            guard var queue = waiting[key], !queue.isEmpty else {
                waiting.removeValue(forKey: key)
                return nil
            }
            let first = queue.removeFirst()
            waiting[key] = queue
            return first
        }
        next?.resume()
    }
}
