import Foundation

extension FileEventStore {
    // MARK: - Reading

    /// The index's answer for one page: the events found in the tail cache, and where the
    /// records of the others are.
    private struct PagePlan {
        /// Version of the first event to read from the log; the others follow by `step`.
        var firstVersion: Int64 = 0
        var step: Int64 = 1
        /// Global positions of the events to read from the log, or empty for `$all` (where
        /// position = version).
        var positions: [UInt64] = []
        var locations: [UInt64] = []
        var segments = SegmentList()
        /// The page's events kept in the tail cache, in reading order. Positions grow with
        /// versions, so they are the page's end in a forward read and its start in a backward one.
        var cached: [RecordedEvent] = []
        /// Version of the first cached event.
        var cachedFirstVersion: Int64 = 0
        var linkName: String?
        var maxAge: Int64?
    }

    /// Reads a page of events; the index is consulted under the lock (taking the events kept
    /// in the tail cache), the others are decoded from the segments outside it.
    /// Cost: O(log n + maxCount) plus the decoding.
    public func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        guard maxCount > 0 else { return [] }
        let now = clock.now()
        var plan = try state.withLock { state throws(EventStoreError) -> PagePlan in
            if state.closed { throw .closed }
            let plan = try Self.plan(target, from: start, direction: direction, maxCount: maxCount, in: state)
            if let linkName = plan.linkName, state.linkNames[target] == nil {
                if state.linkNames.count >= Self.linkNamesKept { state.linkNames.removeAll(keepingCapacity: true) }
                state.linkNames[target] = linkName
            }
            return plan
        }
        var result = try decode(plan, of: target)
        if !plan.cached.isEmpty {
            if let linkName = plan.linkName {
                for i in plan.cached.indices {
                    plan.cached[i].link = IndexEntry(stream: linkName, version: plan.cachedFirstVersion + Int64(i) * plan.step)
                }
            }
            if result.isEmpty {
                result = plan.cached
            } else if plan.step == 1 {
                result.append(contentsOf: plan.cached)
            } else {
                result.insert(contentsOf: plan.cached, at: 0)
            }
        }
        if let maxAge = plan.maxAge {
            let oldest = now.addingTimeInterval(-TimeInterval(maxAge))
            result.removeAll { $0.created < oldest }
        }
        return result
    }

    /// Most index names (`$et-X`, `$ce-X`) remembered for the `link`s of reads.
    static let linkNamesKept = 1_024

    /// Picks the page's entries from the index (called under the lock).
    private static func plan(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int,
                             in state: State) throws(EventStoreError) -> PagePlan {
        var plan = PagePlan()
        plan.segments = state.segments
        let tail = state.tail
        if case .all = target {
            let page = ReadPage.bounds(first: 0, last: Int64(state.head) - 1, start: start, direction: direction, maxCount: maxCount)
            plan.step = page.step
            guard page.count > 0 else { return plan }
            // Positions kept in the cache are those at or after `tail.first` (up to head).
            let kept = tail.count > 0 ? Int64(tail.first) : Int64(state.head)
            if page.step == 1 {
                let from = Int(page.from), end = from + page.count
                let split = max(from, min(end, Int(kept)))
                plan.firstVersion = page.from
                plan.locations.reserveCapacity(split - from)
                try state.appendLocations(UInt64(from)..<UInt64(split), to: &plan.locations)
                plan.cachedFirstVersion = Int64(split)
                if split < end { plan.cached = Self.cached(UInt64(split)..<UInt64(end), in: tail) }
            } else {
                let cachedCount = Int(max(0, min(Int64(page.count), page.from - kept + 1)))
                plan.cachedFirstVersion = page.from
                plan.firstVersion = page.from - Int64(cachedCount)
                if cachedCount > 0 {
                    plan.cached = Self.cached(UInt64(page.from - Int64(cachedCount) + 1)..<UInt64(page.from + 1), in: tail)
                    plan.cached.reverse()
                }
                plan.locations = try (cachedCount..<page.count).map { n throws(EventStoreError) in try state.location(at: UInt64(Int(page.from) - n)) }
            }
            return plan
        }
        let (positions, firstVersion) = try state.positions(of: target, head: state.head)
        let page = ReadPage.bounds(first: firstVersion, last: firstVersion + Int64(positions.count) - 1,
                                   start: start, direction: direction, maxCount: maxCount)
        plan.firstVersion = page.from
        plan.step = page.step
        var index = Int(page.from - firstVersion)
        var version = page.from
        for _ in 0..<page.count {
            let position = try positions[index]
            if let event = tail.event(at: position) {
                if plan.cached.isEmpty {
                    plan.cachedFirstVersion = version
                    plan.cached.reserveCapacity(page.count - plan.positions.count)
                }
                plan.cached.append(event)
            } else {
                if plan.positions.isEmpty {
                    plan.firstVersion = version
                    plan.positions.reserveCapacity(page.count)
                    plan.locations.reserveCapacity(page.count)
                }
                plan.positions.append(position)
                plan.locations.append(try state.location(at: position))
            }
            index += Int(page.step)
            version += page.step
        }
        if case .stream(let name) = target {
            plan.maxAge = try state.metadata(of: name).maxAge
        } else {
            plan.linkName = state.linkNames[target] ?? target.description
        }
        return plan
    }

    /// The cached events at `positions`, which the cache holds.
    private static func cached(_ positions: Range<UInt64>, in tail: TailCache) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        events.reserveCapacity(positions.count)
        for position in positions {
            if let event = tail.event(at: position) { events.append(event) }
        }
        return events
    }

    /// Reads the page's events that were not cached from their records.
    ///
    /// Records are taken in runs (`RecordRun`: at most 64, in a chunk of 32 KiB): first their frames,
    /// whose independent loads overlap their cache misses, then they are copied into one buffer
    /// and their checksums checked there three at a time, then each is checked in order; the
    /// run's events share that buffer (`RecordBlock`) and make their fields when asked.
    private func decode(_ plan: PagePlan, of target: ReadTarget) throws(EventStoreError) -> [RecordedEvent] {
        let count = plan.locations.count
        guard count > 0 else { return [] }
        var result: [RecordedEvent] = []
        result.reserveCapacity(count)
        var decoder = RecordDecoder(for: target)
        // The segment of the last location looked at: whether the log has it, and its mapping.
        var currentIndex = -1
        var inLog = false
        var mapping: UnsafeRawBufferPointer?
        func position(_ i: Int) -> UInt64 {
            plan.positions.isEmpty ? UInt64(plan.firstVersion + Int64(i) * plan.step) : plan.positions[i]
        }
        func link(_ i: Int) -> IndexEntry? {
            plan.linkName.map { IndexEntry(stream: $0, version: plan.firstVersion + Int64(i) * plan.step) }
        }
        // Reused from run to run: the run, each record's place in its block (`unmappedPlace`
        // where its segment is not mapped), and the events read from unmapped segments, with
        // their index in the run.
        var run = RecordRun()
        var places: [RecordBlock.Place] = []
        places.reserveCapacity(RecordRun.capacity)
        var unmapped: [(index: Int, event: RecordedEvent)] = []
        let unmappedPlace = RecordBlock.Place(offset: 0, streamSlot: RecordBlock.Place.none, typeSlot: RecordBlock.Place.none)
        var next = 0
        while next < count {
            let runStart = next
            run.removeAll()
            while next < count {
                let location = LogLocation(packed: plan.locations[next])
                if location.segment != currentIndex {
                    currentIndex = location.segment
                    inLog = location.segment < plan.segments.count
                    mapping = inLog ? plan.segments[location.segment].mapping : nil
                }
                guard inLog ? run.add(mapping, offset: location.offset) : run.addPastTheLog() else { break }
                next += 1
            }
            run.copyAndVerify()
            places.removeAll(keepingCapacity: true)
            unmapped.removeAll(keepingCapacity: true)
            for i in runStart..<next {
                let location = LogLocation(packed: plan.locations[i])
                if let record = try run.record(i - runStart, position: position(i), file: { LogFormat.segmentName(location.segment) },
                                               offset: location.offset) {
                    places.append(decoder.place(of: record, at: run.copiedOffset(i - runStart)))
                } else {
                    // Its segment is not mapped (`record` throws for a segment the log lacks).
                    places.append(unmappedPlace)
                    unmapped.append((i - runStart, try plan.segments[location.segment].event(at: location.offset, position: position(i),
                                                                                              link: link(i))))
                }
            }
            Self.appendEvents(of: run.block(names: decoder.takeNames()), places: places, unmapped: unmapped,
                              linked: plan.linkName != nil, link: { link(runStart + $0) }, to: &result)
        }
        return result
    }

    /// Appends a run's events to `result`: each record's event at its place in `block`, or the
    /// one read from its unmapped segment (`unmapped`, by index in the run); `link(k)` is the
    /// link of the run's record k when the read is `linked`.
    private static func appendEvents(of block: RecordBlock?, places: [RecordBlock.Place],
                                     unmapped: [(index: Int, event: RecordedEvent)], linked: Bool,
                                     link: (Int) -> IndexEntry?, to result: inout [RecordedEvent]) {
        if let block, unmapped.isEmpty {
            // Every record mapped: the common case, without links for `$all` and streams.
            if linked {
                for k in places.indices { result.append(RecordedEvent(block, places[k], link: link(k))) }
            } else {
                for place in places { result.append(RecordedEvent(block, place, link: nil)) }
            }
            return
        }
        var nextUnmapped = 0
        for k in places.indices {
            if nextUnmapped < unmapped.count && unmapped[nextUnmapped].index == k {
                result.append(unmapped[nextUnmapped].event)
                nextUnmapped += 1
            } else if let block {
                result.append(RecordedEvent(block, places[k], link: link(k)))
            }
        }
    }

    public func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent {
        let (location, segments, cached) = try state.withLock { state throws(EventStoreError) -> (UInt64, SegmentList, RecordedEvent?) in
            if state.closed { throw .closed }
            guard position < state.head else { throw .positionNotFound(position) }
            if let event = state.tail.event(at: position) { return (0, SegmentList(), event) }
            return (try state.location(at: position), state.segments, nil)
        }
        if let cached { return cached }
        let place = LogLocation(packed: location)
        guard place.segment < segments.count else {
            throw .corrupt(file: LogFormat.segmentName(place.segment), offset: place.offset, reason: "the index points past the log")
        }
        return try segments[place.segment].event(at: place.offset, position: position, link: nil)
    }

    /// Streams by prefix. A damaged index block cannot be thrown from here: it answers an empty
    /// list and stops the writer with the reason (`writerFailure`), so the console and `run`
    /// say so and nothing is written on what the index can no longer answer.
    public func streams(prefix: String?) -> [StreamInfo] {
        state.withLock { state in
            do throws(EventStoreError) {
                return try state.checkedStreamInfos(prefix: prefix, head: state.head)
            } catch {
                state.noteDamagedIndex(error)
                return []
            }
        }
    }

    /// A stream's last version. A damaged index block answers nil and stops the writer with
    /// the reason, as `streams(prefix:)` does (a read or append of the stream throws it).
    public func lastVersion(of stream: String) -> Int64? {
        state.withLock { state in
            do throws(EventStoreError) {
                return try state.checkedLastVersion(of: stream, head: state.head)
            } catch {
                state.noteDamagedIndex(error)
                return nil
            }
        }
    }

    public func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata {
        try state.withLock { state throws(EventStoreError) in try state.metadata(of: stream) }
    }

    // MARK: - Following a writer (read-only stores)

    /// For a read-only store: picks up the events the writer has made durable since the last
    /// look (it reads the checkpoint, then scans the new records). Does nothing when writable.
    public func refresh() throws(EventStoreError) {
        guard writer == nil else { return }
        try follow.withLock { cursor throws(EventStoreError) in
            let checkpointPath = path(of: Checkpoint.fileName)
            guard fileSystem.fileExists(checkpointPath) else { return }
            let file = try fileSystem.open(checkpointPath, mode: .readOnly)
            defer { file.close() }
            guard let durable = try Checkpoint.read(file)?.durable, durable.position > cursor.position else { return }
            var segments = state.withLock { $0.segments }
            while segments.count <= durable.end.segment {
                let name = LogFormat.segmentName(segments.count)
                let segmentFile = try fileSystem.open(path(of: name), mode: .readOnly)
                let size = Int(min(try segmentFile.size(), UInt64(options.segmentSize)))
                segments.append(Segment(index: segments.count, file: segmentFile, mappedLength: size))
            }
            var found = Recovered(cursor: cursor)
            found.index = StreamIndex() // unused: entries are applied to the shared index below
            var entries: [LogScanner.Entry] = []
            let scanner = LogScanner(segments: segments, segmentSize: options.segmentSize)
            let (next, stop) = try scanner.scan(from: cursor, limit: durable.position) { entries.append(contentsOf: $0) }
            if case .invalid(let location, let reason) = stop, next.position < durable.position {
                throw .corrupt(file: LogFormat.segmentName(location.segment), offset: location.offset, reason: reason)
            }
            let woken = try state.withLock { state throws(EventStoreError) -> [CheckedContinuation<Void, Never>] in
                let known = LogScanner.Entry.streamsBegunBefore(entries, tail: state.index)
                state.segments = segments
                for entry in entries {
                    state.index.apply(stream: entry.stream, type: entry.type, data: entry.data, id: entry.id, isKnown: known.contains)
                    state.ids.append(entry.id)
                    state.locations.append(entry.location.packed)
                }
                state.head = state.saved.end + UInt64(state.locations.count)
                publishedHead.store(state.head, ordering: .releasing)
                return state.waiters.takeAll()
            }
            cursor = next
            for waiter in woken { waiter.resume() }
        }
    }

    // MARK: - Waiting

    public func waitForEvents(beyond position: UInt64) async {
        if writer == nil {
            await pollForEvents(beyond: position)
            return
        }
        await HeadWaiters.wait { body in
            self.state.withLock { state in body(&state.waiters, state.closed || state.failure != nil || state.head > position) }
        }
    }

    /// A read-only store has no writer to wake it: it polls the checkpoint.
    private func pollForEvents(beyond position: UInt64) async {
        while !Task.isCancelled {
            if state.withLock({ $0.closed }) { return }
            do throws(EventStoreError) {
                try refresh()
            } catch {
                // The log cannot be followed (e.g. corruption); the caller's next read reports it.
                return
            }
            if headPosition > position { return }
            do {
                try await Task.sleep(for: options.followInterval)
            } catch {
                return // cancelled
            }
        }
    }
}
