import Synchronization

/// Keys (the streams inputs will write: a ledger, a payment) that a consumer has claimed for
/// the round it is deciding and appending. Consumers of one runner claim before deciding, so
/// two rounds never decide against the same version of a stream and race to a wrong expected
/// version. In-process only; across processes the expected version still decides.
final class KeyClaims: Sendable {
    private struct State {
        var claimed: Set<BankStream> = []
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Claims `key` unless another round holds it.
    func claim(_ key: BankStream) -> Bool {
        state.withLock { $0.claimed.insert(key).inserted }
    }

    /// Gives back keys claimed by `claim`, waking anyone waiting for a release.
    func release(_ keys: [BankStream]) {
        guard !keys.isEmpty else { return }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            for key in keys { state.claimed.remove(key) }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once at least one of `keys` is free (at once if one already is). The caller must
    /// hold no claim while it waits, so waiting never deadlocks.
    func waitForRelease(of keys: [BankStream]) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state -> Bool in
                if keys.contains(where: { !state.claimed.contains($0) }) { return true }
                state.waiters.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }
}
