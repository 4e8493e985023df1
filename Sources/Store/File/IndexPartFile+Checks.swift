extension IndexPartFile {
    // MARK: - Checking blocks as they are read

    /// A block or entry that failed its check.
    struct Failure {
        var offset: Int
        var reason: String
    }

    func corrupt(_ offset: Int, _ reason: String) -> EventStoreError {
        .corrupt(file: name, offset: UInt64(offset), reason: reason)
    }

    /// Makes sure the file bytes `at ..< at + count` lie in the body and that every block they
    /// touch matches its checksum (checking those not checked yet). The common case, one block
    /// already checked, is one atomic load.
    func ensure(_ at: Int, _ count: Int) throws(EventStoreError) {
        let start = at - IndexPart.headerSize
        guard start >= 0, count >= 0, start + count <= blocks.bodyLength else {
            throw corrupt(at, "index part is inconsistent: bytes \(at) ..< \(at + count) are outside its body")
        }
        guard count > 0 else { return }
        let first = start / IndexPartBlocks.size, last = (start + count - 1) / IndexPartBlocks.size
        for block in first...last where !checked.contains(block) {
            if let failure = Self.checkBlock(block, of: bytes, blocks: blocks, checked: checked) {
                throw corrupt(failure.offset, failure.reason)
            }
        }
    }

    /// Checks body block `block` (and first the block table block holding its checksum, whose
    /// own checksum the top table, checked at open, holds); records what matched.
    static func checkBlock(_ block: Int, of bytes: UnsafeRawBufferPointer, blocks: IndexPartBlocks, checked: BlockSet) -> Failure? {
        let tableBlock = block * 4 / IndexPartBlocks.size
        if !checked.contains(blocks.bodyBlocks + tableBlock) {
            let table = blocks.table(tableBlock)
            guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[table])) == bytes.integer(at: blocks.topAt + tableBlock * 4, as: UInt32.self) else {
                return Failure(offset: table.lowerBound, reason: "index part block table checksum mismatch")
            }
            checked.insert(blocks.bodyBlocks + tableBlock)
        }
        let body = blocks.body(block)
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[body])) == bytes.integer(at: blocks.tableAt + block * 4, as: UInt32.self) else {
            return Failure(offset: body.lowerBound, reason: "index part block checksum mismatch")
        }
        checked.insert(block)
        return nil
    }

    /// Checks every block, then every table entry, then that the stream filter lets every
    /// stream through: all `verify` can say of a part on its own.
    func checkEverything() throws(EventStoreError) {
        for block in 0..<blocks.bodyBlocks where !checked.contains(block) {
            if let failure = Self.checkBlock(block, of: bytes, blocks: blocks, checked: checked) { throw corrupt(failure.offset, failure.reason) }
        }
        for block in 0..<blocks.bodyBlocks { try ensureOrdered(IndexPart.headerSize + block * IndexPartBlocks.size) }
        for slot in 0..<streamCount where try !mayHoldStream(StreamFilter.Hash(try nameAt(try rawEntry(streamsAt + slot * IndexPart.streamEntrySize).name))) {
            throw corrupt(filterAt, "index part is inconsistent: its stream filter leaves out stream \(slot)")
        }
    }

    // MARK: - Checking tables as they are read

    /// Makes sure the table entries that start in the block holding file offset `at` are in
    /// order and in bounds (see `checkEntries(startingIn:)`), once per block.
    func ensureOrdered(_ at: Int) throws(EventStoreError) {
        let block = (at - IndexPart.headerSize) / IndexPartBlocks.size
        guard !ordered.contains(block) else { return }
        try checkEntries(startingIn: blocks.body(block))
        ordered.insert(block)
    }

    /// Checks the entries of the three tables that start in `bytes` (file offsets), each
    /// against the one before it: names inside the names area and after the one before (by
    /// their bytes), runs inside their area and starting where the one before ended (the first
    /// at 0, the last ending at the area's end), metadata only for later slots of streams
    /// flagged so. What a save that wrote a wrong table would leave, and a lookup would
    /// otherwise answer wrongly from: `.corrupt`, "index part is inconsistent".
    private func checkEntries(startingIn bytes: Range<Int>) throws(EventStoreError) {
        func entries(at start: Int, count: Int, size: Int) -> Range<Int> {
            let low = max(0, (bytes.lowerBound - start + size - 1) / size), high = min(count, (bytes.upperBound - start + size - 1) / size)
            return low..<max(low, high)
        }
        for slot in entries(at: streamsAt, count: streamCount, size: IndexPart.streamEntrySize) {
            try checkNamed(slot, at: streamsAt, size: IndexPart.streamEntrySize, sameTable: slot > 0,
                           isLast: slot == streamCount - 1, total: streamTotal)
        }
        for entry in entries(at: listsAt, count: categoryCount + typeCount, size: IndexPart.listEntrySize) {
            try checkNamed(entry, at: listsAt, size: IndexPart.listEntrySize, sameTable: entry > 0 && entry != categoryCount,
                           isLast: entry == categoryCount + typeCount - 1, total: listTotal)
        }
        for entry in entries(at: metadataAt, count: metadataCount, size: IndexPart.metadataEntrySize) {
            let at = metadataAt + entry * IndexPart.metadataEntrySize
            try ensure(at, 4)
            let slot = Int(self.bytes.integer(at: at, as: UInt32.self))
            var previous = -1
            if entry > 0 {
                try ensure(at - IndexPart.metadataEntrySize, 4)
                previous = Int(self.bytes.integer(at: at - IndexPart.metadataEntrySize, as: UInt32.self))
            }
            let flagsAt = streamsAt + slot * IndexPart.streamEntrySize + 6
            guard slot > previous, slot < streamCount else { throw corrupt(at, "index part is inconsistent: metadata out of order") }
            try ensure(flagsAt, 2)
            guard self.bytes.integer(at: flagsAt, as: UInt16.self) & IndexPart.metadataFlag != 0 else {
                throw corrupt(at, "index part is inconsistent: metadata for a stream without")
            }
        }
    }

    /// Checks entry `index` of a table of named runs (name offset u32, length u16, run start
    /// u32 at 8, count u32 at 12) against the one before it.
    private func checkNamed(_ index: Int, at table: Int, size: Int, sameTable: Bool, isLast: Bool, total: Int) throws(EventStoreError) {
        let at = table + index * size
        let entry = try rawEntry(at)
        guard entry.name.upperBound <= nameBytes else { throw corrupt(at, "index part is inconsistent: a name is outside the names") }
        if index == 0 {
            guard entry.run.start == 0 else { throw corrupt(at, "index part is inconsistent: runs do not follow each other") }
        } else {
            let previous = try rawEntry(at - size)
            guard previous.name.upperBound <= nameBytes, entry.run.start == previous.run.start + previous.run.count else {
                throw corrupt(at, "index part is inconsistent: runs do not follow each other")
            }
            if sameTable {
                let order = IndexPart.compare(try nameAt(previous.name), try nameAt(entry.name))
                guard order < 0 else { throw corrupt(at, "index part is inconsistent: names out of order") }
            }
        }
        guard entry.run.start + entry.run.count <= total, !isLast || entry.run.start + entry.run.count == total else {
            throw corrupt(at, "index part is inconsistent: a run is outside its area")
        }
    }

    /// An entry of a table of named runs, its bytes checked against their checksums only.
    func rawEntry(_ at: Int) throws(EventStoreError) -> (name: Range<Int>, flags: UInt16, run: (start: Int, count: Int)) {
        try ensure(at, 16)
        let offset = Int(bytes.integer(at: at, as: UInt32.self)), length = Int(bytes.integer(at: at + 4, as: UInt16.self))
        return (offset..<(offset + length), bytes.integer(at: at + 6, as: UInt16.self),
                (Int(bytes.integer(at: at + 8, as: UInt32.self)), Int(bytes.integer(at: at + 12, as: UInt32.self))))
    }

    /// The bytes of a name (offsets within the names area), checked.
    func nameAt(_ name: Range<Int>) throws(EventStoreError) -> UnsafeRawBufferPointer {
        guard name.upperBound <= nameBytes else { throw corrupt(namesAt, "index part is inconsistent: a name is outside the names") }
        try ensure(namesAt + name.lowerBound, name.count)
        return UnsafeRawBufferPointer(rebasing: bytes[(namesAt + name.lowerBound)..<(namesAt + name.upperBound)])
    }
}
