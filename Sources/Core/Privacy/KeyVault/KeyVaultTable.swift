/// The key vault file as an open-addressed hash table of `KeySlot`s: the slot of an owner is
/// found from the hash of its name by linear probing, so the file is its own index — nothing
/// is kept in memory but the header, and a lookup reads a few slots (`probeGroup` at a time).
///
/// File: the header in the first 64 bytes, then `capacity` slots. A forgotten slot stays in
/// its probe chain (so later keys are still found) and is reused by the next key placed there.
/// The table grows (`grown`) into a new file of twice the slots before it is three quarters
/// used. Not thread-safe: the key store drives it under its locks.
struct KeyVaultTable: Sendable {
    let file: VaultFile
    var header: KeyVaultHeader

    static let initialCapacity = 1024
    static let probeGroup = 8

    /// Where probing for `owner` found its key, or the slot a new key of it would take.
    struct Probe {
        var found: (slot: Int, key: CustomerKey)?
        /// The first forgotten or empty slot on the chain (where a new key goes).
        var free: Int?
    }

    static func offset(ofSlot slot: Int) -> Int { KeySlot.size * (1 + slot) }

    /// A new, empty table in `file` (whose old content is replaced).
    static func create(in file: VaultFile, capacity: Int) throws(PersonalDataError) -> KeyVaultTable {
        try file.resize(to: 0)
        try file.resize(to: offset(ofSlot: capacity))
        let header = KeyVaultHeader(capacity: capacity, used: 0, live: 0)
        try file.write(header.bytes, at: 0)
        return KeyVaultTable(file: file, header: header)
    }

    /// The table in `file`; `damagedKeyVault` at offset 0 when its header does not check out
    /// or the file is shorter than the header says.
    static func open(_ file: VaultFile) throws(PersonalDataError) -> KeyVaultTable {
        let bytes = try file.read(KeySlot.size, at: 0)
        guard let header = bytes.withUnsafeBytes({ KeyVaultHeader.decode($0) }), try file.size() >= offset(ofSlot: header.capacity)
        else { throw .damagedKeyVault(file: file.path, offset: 0) }
        return KeyVaultTable(file: file, header: header)
    }

    /// Re-reads the header (another process may have added or forgotten keys).
    mutating func reloadHeader() throws(PersonalDataError) {
        header = try Self.open(file).header
    }

    // MARK: - Finding

    /// Follows `owner`'s probe chain to its key or to the first empty slot. A damaged slot on
    /// the way is an error: what it held cannot be told.
    func probe(_ owner: KeyOwner) throws(PersonalDataError) -> Probe {
        let capacity = header.capacity
        var slot = Self.home(of: owner, capacity: capacity)
        var result = Probe()
        var examined = 0
        while examined < capacity {
            let count = min(Self.probeGroup, capacity - slot)
            let group = try file.read(count * KeySlot.size, at: Self.offset(ofSlot: slot))
            for index in 0..<count {
                let decoded = group.withUnsafeBytes { KeySlot.decode(UnsafeRawBufferPointer(rebasing: $0[(index * KeySlot.size)..<((index + 1) * KeySlot.size)])) }
                switch decoded {
                case nil:
                    throw .damagedKeyVault(file: file.path, offset: Self.offset(ofSlot: slot + index))
                case .empty:
                    if result.free == nil { result.free = slot + index }
                    return result
                case .forgotten:
                    if result.free == nil { result.free = slot + index }
                case .live(let key):
                    if key.owner == owner {
                        result.found = (slot + index, key)
                        return result
                    }
                }
            }
            examined += count
            slot = (slot + count) & (capacity - 1)
        }
        return result
    }

    /// The slot `owner`'s chain starts at: FNV-1a of its name, mixed, modulo the capacity.
    static func home(of owner: KeyOwner, capacity: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in owner.name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 29
        hash &*= 0xbf58_476d_1ce4_e5b9
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash) & (capacity - 1)
    }

    // MARK: - Writing

    /// Writes `key` into `probe`'s free slot (the caller syncs and writes the header).
    mutating func place(_ key: CustomerKey, _ probe: Probe) throws(PersonalDataError) {
        guard let slot = probe.free else { throw .keyStore("the key vault \(file.path) is full") }
        guard key.idRandom != nil, key.bytes.count == AESGCM.keySize else { throw .keyStore("the key \(key.id) does not fit a key slot") }
        let wasEmpty = try isEmpty(slot)
        try file.write(KeySlot.live(key).bytes, at: Self.offset(ofSlot: slot))
        if wasEmpty { header.used += 1 }
        header.live += 1
    }

    /// Overwrites a live slot with a forgotten one: the key's bytes are gone from the file.
    mutating func forget(slot: Int) throws(PersonalDataError) {
        try file.write(KeySlot.forgotten.bytes, at: Self.offset(ofSlot: slot))
        header.live = max(0, header.live - 1)
    }

    func writeHeader() throws(PersonalDataError) {
        try file.write(header.bytes, at: 0)
    }

    private func isEmpty(_ slot: Int) throws(PersonalDataError) -> Bool {
        try file.read(KeySlot.size, at: Self.offset(ofSlot: slot)).allSatisfy { $0 == 0 }
    }

    // MARK: - Growing

    /// Whether `adding` more keys fit without passing three quarters used.
    func hasRoom(for adding: Int) -> Bool {
        (header.used + adding) * 4 <= header.capacity * 3
    }

    /// The capacity for `live + adding` keys at most half full (at least the initial one).
    static func capacity(for keys: Int) -> Int {
        var capacity = initialCapacity
        while capacity < keys * 2 { capacity *= 2 }
        return capacity
    }

    /// Copies every live key into `target` (a new table): forgotten slots are left behind.
    /// Reads the old table in runs of slots; a damaged slot stops the copy.
    func copyLiveKeys(into target: inout KeyVaultTable) throws(PersonalDataError) {
        let run = 1024
        var slot = 0
        while slot < header.capacity {
            let count = min(run, header.capacity - slot)
            let bytes = try file.read(count * KeySlot.size, at: Self.offset(ofSlot: slot))
            for index in 0..<count {
                switch bytes.withUnsafeBytes({ KeySlot.decode(UnsafeRawBufferPointer(rebasing: $0[(index * KeySlot.size)..<((index + 1) * KeySlot.size)])) }) {
                case nil: throw .damagedKeyVault(file: file.path, offset: Self.offset(ofSlot: slot + index))
                case .empty, .forgotten: continue
                case .live(let key): try target.place(key, target.probe(key.owner))
                }
            }
            slot += count
        }
    }
}
