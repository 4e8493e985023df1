extension IndexPartFile {
    // MARK: - Where the sections are

    /// What a part's header and the counts at the start of its body say.
    struct Described {
        var from: UInt64
        var cursor: LogScanner.Cursor
        var lastCRC: UInt32
        var layout: Layout
    }

    /// The range, cursor and section offsets that `header` (the part's first bytes, its own
    /// checksum checked) and `counts` (the counts section, its block checked) describe, once
    /// they fit together and fill the body exactly: what both a mapped part (`decode`) and a
    /// probed one (`IndexPartProbe`) check before reading anything else.
    static func layout(header: UnsafeRawBufferPointer, counts raw: UnsafeRawBufferPointer, blocks: IndexPartBlocks,
                       name: String) -> Result<Described, StoreVerifyReport.Problem> {
        let h = IndexPart.headerSize
        func problem(_ offset: Int, _ reason: String) -> Result<Described, StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        let from: UInt64 = header.integer(at: 16)
        let cursor = LogScanner.Cursor(location: LogLocation(segment: Int(header.integer(at: 32, as: UInt32.self)), offset: header.integer(at: 40)),
                                       position: header.integer(at: 24), generation: header.integer(at: 12))
        guard from < cursor.position, cursor.position - from < UInt64(UInt32.max) else { return problem(16, "index part covers no events") }
        let events = Int(cursor.position - from)
        let streams = Int(raw.integer(at: 0, as: UInt32.self)), categories = Int(raw.integer(at: 4, as: UInt32.self))
        let types = Int(raw.integer(at: 8, as: UInt32.self)), metadata = Int(raw.integer(at: 12, as: UInt32.self))
        let streamTotal = raw.integer(at: 16, as: UInt64.self), listTotal = raw.integer(at: 24, as: UInt64.self)
        let firsts = raw.integer(at: 32, as: UInt64.self), nameBytes = raw.integer(at: 40, as: UInt64.self)
        let limit = UInt64(blocks.fileSize)
        guard streamTotal <= UInt64(events), listTotal <= 2 * UInt64(events), firsts <= UInt64(events), nameBytes < limit,
              metadata <= streams, streams < Int(UInt32.max), categories + types < Int(UInt32.max) else {
            return problem(h, "index part does not match its header")
        }
        var offsets: [Int] = []
        var at = h + IndexPart.countsSize
        for size in [events * 8, streams * IndexPart.streamEntrySize, metadata * IndexPart.metadataEntrySize,
                     (categories + types) * IndexPart.listEntrySize, Int(streamTotal) * 4, Int(streamTotal) * 2,
                     Int(listTotal) * 4, Int(firsts) * 4, Int(nameBytes), StreamFilter.words(forStreams: streams) * 8] {
            offsets.append(at)
            at += IndexPartBlocks.padded(size)
        }
        guard at == h + blocks.bodyLength else { return problem(h, "index part does not match its header") }
        let counts = [streams, categories, types, metadata, Int(firsts), Int(streamTotal), Int(listTotal), Int(nameBytes)]
        return .success(Described(from: from, cursor: cursor, lastCRC: header.integer(at: 48), layout: Layout(counts: counts, offsets: offsets)))
    }
}
