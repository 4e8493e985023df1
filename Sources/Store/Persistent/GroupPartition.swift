import Foundation

/// One partition of a consumer group split across processes: the group delivers only the
/// source events that hash to `index` of `count`, and skips the rest (other members' groups,
/// one per partition, deliver them).
///
/// What is hashed follows what the group's strategy promises: a `.pinned` group hashes the
/// event's stream, so every event of a stream goes to one partition and per-stream order holds
/// across processes (as Message DB's consumer groups); any other strategy promises no order and
/// hashes the event id, which spreads a few busy streams over every partition. The hash is
/// `StableHash` (FNV-1a), the same in every process.
public struct GroupPartition: Sendable, Hashable, Codable {
    /// Which partition, from 0.
    public var index: Int
    /// How many partitions the group is split into.
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether `event` belongs to this partition under `strategy`.
    /// A pinned event read with its stored key (`RecordedEvent.partitionKey`, which may pin it
    /// to another stream's partition) is placed by that key when the key tells the partition.
    public func holds(_ event: RecordedEvent, strategy: ConsumerStrategy) -> Bool {
        if strategy == .pinned, let key = event.partitionKey, isKeyed {
            return Int(key % Int64(max(1, count))) == index
        }
        let key = strategy == .pinned ? event.stream : event.id.uuidString.lowercased()
        return Int(StableHash.fnv1a(key) % UInt64(max(1, count))) == index
    }

    // MARK: - Keys a store can filter by

    /// The modulus of the stored keys: divisible by every count from 1 to 16, so for such a
    /// count `key % count` is the partition `holds` computes.
    public static let keyModulus: UInt64 = 720_720

    /// The key of an event's stream (what a `.pinned` group's partition is taken from).
    public static func key(stream: String) -> Int64 {
        Int64(StableHash.fnv1a(stream) % keyModulus)
    }

    /// The key of an event's id (what any other group's partition is taken from).
    public static func key(id: UUID) -> Int64 {
        Int64(StableHash.fnv1a(id.uuidString.lowercased()) % keyModulus)
    }

    /// Whether a stored key tells the partition: `count` divides `keyModulus`.
    public var isKeyed: Bool { count >= 1 && Self.keyModulus % UInt64(count) == 0 }

    /// Refuses a partition that cannot exist.
    func validate() throws(EventStoreError) {
        if count < 1 { throw .invalidSettings("a partitioned group needs at least one partition") }
        if index < 0 || index >= count { throw .invalidSettings("partition \(index) is not one of 0..<\(count)") }
    }
}
