import Foundation
import Synchronization

/// How a `Projections` host shares the projections with the other processes writing its store
/// (PostgreSQL): each projection runs in one process at a time, the one holding its lease.
///
/// Two processes running one projection would overwrite each other's stored states and
/// checkpoints (at different positions, or in different generations after a reset), and what a
/// restart loads could then miss events. So nothing writes a projection's state without its
/// lease: `start` takes it when it is free and otherwise leaves the projection to its holder
/// (`ProjectionRunState.elsewhere`); `catchUp` and `reset` refuse while another process holds
/// it. Every `interval` the host renews its leases and takes over the free ones of the
/// projections it was asked to run, so when a process dies (its database session ends, and its
/// leases with it) another resumes its projections from their last checkpoints. A projection
/// whose lease is lost stops at once, without writing a checkpoint.
final class ProjectionSharing: Sendable {
    /// The lease scope every process's projections share.
    static let scope = "projections"
    /// How often leases are renewed and free projections taken over.
    static let interval = Duration.milliseconds(500)

    struct Shares: Sendable {
        /// Projections this process was asked to run (`start`), wherever they run.
        var wanted: Set<String> = []
        /// Projections whose lease this process holds.
        var held: Set<String> = []
        /// Projections asked to run here whose lease another process held at the last look.
        var elsewhere: Set<String> = []
        var lastError: String?
        var task: Task<Void, Never>?
        var closed = false
    }

    let leases: any PartitionLeases
    let shares = Mutex(Shares())

    init(leases: any PartitionLeases) {
        self.leases = leases
    }

    /// The partition of the lease scope that stands for projection `name` (FNV-1a of the
    /// name, within the positive `int4` range advisory locks take). Two names on one partition
    /// share a lease, which only means they run in the same process.
    static func partition(of name: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash & 0x3FFF_FFFF)
    }

    /// Takes `name`'s lease unless another process holds it; whether this process holds it.
    func claim(_ name: String) throws(EventStoreError) -> Bool {
        let taken = try leases.acquire(Self.partition(of: name))
        shares.withLock { shares in
            if taken {
                shares.held.insert(name)
                shares.elsewhere.remove(name)
            } else {
                shares.held.remove(name)
                shares.elsewhere.insert(name)
            }
        }
        return taken
    }

    /// Gives `name`'s lease up, unless another held projection shares its partition.
    func giveUp(_ name: String) throws(EventStoreError) {
        let partition = Self.partition(of: name)
        let shared = shares.withLock { shares -> Bool in
            shares.held.remove(name)
            shares.elsewhere.remove(name)
            return shares.held.contains { Self.partition(of: $0) == partition }
        }
        if !shared { try leases.release(partition) }
    }

    func holds(_ name: String) -> Bool { shares.withLock { $0.held.contains(name) } }
    func isElsewhere(_ name: String) -> Bool { shares.withLock { $0.elsewhere.contains(name) } }
}
