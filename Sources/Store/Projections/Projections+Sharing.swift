import Foundation
import Synchronization

/// Sharing the projections by lease with the other processes writing the store (`ProjectionSharing`).
extension Projections {
    /// The sharing, nil when this host runs every projection itself.
    func sharing() throws(EventStoreError) -> ProjectionSharing? {
        try mode.withLock { mode throws(EventStoreError) -> ProjectionSharing? in
            switch mode {
            case .alone: return nil
            case .shared(let sharing): return sharing
            case .undecided:
                guard let leasing = store as? any PartitionLeasing, leasing.hasOtherWriters,
                      let leases = try leasing.openLeases(scope: ProjectionSharing.scope) else {
                    mode = .alone
                    return nil
                }
                let sharing = ProjectionSharing(leases: leases)
                mode = .shared(sharing)
                return sharing
            }
        }
    }

    /// The sharing if it was decided on already (never connects).
    var decidedSharing: ProjectionSharing? {
        mode.withLock { mode in
            if case .shared(let sharing) = mode { return sharing }
            return nil
        }
    }

    /// Takes `runtime`'s lease when the projections are shared, loading what its last holder
    /// stored; throws `projectionElsewhere` while another process holds it.
    func holdLease(of runtime: any ProjectionRunning) throws(EventStoreError) {
        guard let sharing = try sharing(), !sharing.holds(runtime.name) else { return }
        guard try sharing.claim(runtime.name) else { throw .projectionElsewhere(runtime.name) }
        runtime.refresh()
    }

    // MARK: - Sharing

    /// Starts the periodic look at the leases (once).
    func startLooking(_ sharing: ProjectionSharing) {
        sharing.shares.withLock { shares in
            guard shares.task == nil, !shares.closed else { return }
            shares.task = Task { [weak self] in
                while !Task.isCancelled {
                    do { try await Task.sleep(for: ProjectionSharing.interval) } catch { return }
                    await self?.rebalance()
                }
            }
        }
    }

    /// One look at the leases: a projection whose lease was lost (the session with the store
    /// ended) stops without writing anything; one asked to run whose lease is free is taken
    /// over from its last checkpoint. Tests call it instead of waiting for the timer.
    func rebalance() async {
        guard let sharing = decidedSharing else { return }
        do throws(EventStoreError) {
            let held = try sharing.leases.renew().held
            let (wanted, holding) = sharing.shares.withLock { ($0.wanted, $0.held) }
            for name in holding where !held.contains(ProjectionSharing.partition(of: name)) {
                sharing.shares.withLock { _ = $0.held.remove(name) }
                await runtimes.withLock({ $0[name] })?.abandon()
            }
            for name in wanted.sorted() where !sharing.holds(name) {
                guard let runtime = runtimes.withLock({ $0[name] }) else { continue }
                if try sharing.claim(name) {
                    runtime.refresh()
                    runtime.start()
                }
            }
            sharing.shares.withLock { $0.lastError = nil }
        } catch {
            sharing.shares.withLock { $0.lastError = "\(error)" }
        }
    }
}
