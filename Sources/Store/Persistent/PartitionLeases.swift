/// A store that several processes write at once, whose consumer groups they share by leasing
/// partitions (the PostgreSQL backend). A store without it has one writing process, which
/// runs every group itself.
public protocol PartitionLeasing: EventStore {
    /// Whether other processes may append to this store while it is open (then anything a
    /// process remembers about a stream may be behind it).
    var hasOtherWriters: Bool { get }

    /// Joins the members sharing the partitions of `scope` as a new member, with no lease yet;
    /// nil when this store is the only process writing (nothing to share). The member leaves,
    /// and its leases end, on `close()` or when its process dies.
    func openLeases(scope: String) throws(EventStoreError) -> (any PartitionLeases)?
}

/// One member's leases on the numbered partitions of a scope shared by several processes.
///
/// A lease lasts until it is released, the member closes, or the member's process or its
/// session with the store ends (a killed process loses its leases at once, so another member
/// can take its partitions over). Blocking calls; not for a UI thread. Thread-safe.
public protocol PartitionLeases: AnyObject, Sendable {
    /// How many members there are now (this one included) and which partitions this member
    /// holds, as the store sees them. After a lost session it joins again, holding nothing.
    func renew() throws(EventStoreError) -> LeaseStatus
    /// Takes partition `index` unless another member holds it; whether this member holds it.
    func acquire(_ index: Int) throws(EventStoreError) -> Bool
    /// Gives partition `index` up (nothing when it was not held).
    func release(_ index: Int) throws(EventStoreError)
    /// Leaves: every lease ends.
    func close()
}

/// What `PartitionLeases.renew` finds.
public struct LeaseStatus: Sendable, Hashable {
    /// Live members, this one included (at least 1).
    public var members: Int
    /// The partitions this member holds.
    public var held: Set<Int>

    public init(members: Int, held: Set<Int>) {
        self.members = members
        self.held = held
    }

    /// The most partitions of `count` one member should hold so that every partition can have
    /// an owner: the count divided by the members, rounded up.
    public func fairShare(of count: Int) -> Int {
        (count + max(1, members) - 1) / max(1, members)
    }
}
