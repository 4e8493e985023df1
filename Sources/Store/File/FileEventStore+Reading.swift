import Foundation

extension FileEventStore {
    // MARK: - Reading

    /// The index's answer for one page: where each event's record is.
    private struct PagePlan {
        var firstVersion: Int64 = 0
        var step: Int64 = 1
        /// Global positions, or empty for `$all` (where position = version).
        var positions: [UInt64] = []
        var locations: [UInt64] = []
        var segments: [Segment] = []
        var linkName: String?
        var maxAge: Int64?
    }

    /// Reads a page of events; the index is consulted under the lock, the bodies are decoded
    /// from the segments outside it. Cost: O(log n + maxCount) plus the decoding.
    public func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        guard maxCount > 0 else { return [] }
        let now = clock.now()
        let plan = try state.withLock { state throws(EventStoreError) -> PagePlan in
            if state.closed { throw .closed }
            var plan = PagePlan()
            plan.segments = state.segments
            if case .all = target {
                let page = ReadPage.bounds(first: 0, last: Int64(state.head) - 1, start: start, direction: direction, maxCount: maxCount)
                plan.firstVersion = page.from
                plan.step = page.step
                guard page.count > 0 else { return plan }
                if page.step == 1 {
                    let from = Int(page.from)
                    plan.locations = Array(state.locations[from..<(from + page.count)])
                } else {
                    plan.locations = (0..<page.count).map { state.locations[Int(page.from) - $0] }
                }
                return plan
            }
            let (positions, firstVersion) = try state.index.positions(of: target, head: state.head)
            let page = ReadPage.bounds(first: firstVersion, last: firstVersion + Int64(positions.count) - 1,
                                       start: start, direction: direction, maxCount: maxCount)
            plan.firstVersion = page.from
            plan.step = page.step
            plan.positions.reserveCapacity(page.count)
            plan.locations.reserveCapacity(page.count)
            var index = positions.startIndex + Int(page.from - firstVersion)
            for _ in 0..<page.count {
                let position = positions[index]
                plan.positions.append(position)
                plan.locations.append(state.locations[Int(position)])
                index += Int(page.step)
            }
            if case .stream(let name) = target {
                plan.maxAge = state.index.metadata(of: name).maxAge
            } else {
                plan.linkName = target.description
            }
            return plan
        }
        var result: [RecordedEvent] = []
        result.reserveCapacity(plan.locations.count)
        var segment: Segment?
        var segmentIndex = -1
        let count = plan.locations.count
        for chunkStart in stride(from: 0, to: count, by: 64) {
            let chunkEnd = min(chunkStart + 64, count)
            // First the chunk's record headers, whose independent loads overlap their cache
            // misses; one bit per record says its position was confirmed there.
            var checked: UInt64 = 0
            for i in chunkStart..<chunkEnd {
                let location = LogLocation(packed: plan.locations[i])
                if location.segment != segmentIndex {
                    guard location.segment < plan.segments.count else { continue }
                    segment = plan.segments[location.segment]
                    segmentIndex = location.segment
                }
                let version = plan.firstVersion + Int64(i) * plan.step
                let position = plan.positions.isEmpty ? UInt64(version) : plan.positions[i]
                // segment is set above for this index.
                if segment.unsafelyUnwrapped.holds(position: position, at: location.offset) {
                    checked |= 1 << UInt64(i - chunkStart)
                }
            }
            for i in chunkStart..<chunkEnd {
                let location = LogLocation(packed: plan.locations[i])
                if location.segment != segmentIndex {
                    guard location.segment < plan.segments.count else {
                        throw .corrupt(file: LogFormat.segmentName(location.segment), offset: location.offset, reason: "the index points past the log")
                    }
                    segment = plan.segments[location.segment]
                    segmentIndex = location.segment
                }
                let version = plan.firstVersion + Int64(i) * plan.step
                let position = plan.positions.isEmpty ? UInt64(version) : plan.positions[i]
                let link = plan.linkName.map { IndexEntry(stream: $0, version: version) }
                let positionChecked = checked & (1 << UInt64(i - chunkStart)) != 0
                // segment is set above for this index.
                result.append(try segment.unsafelyUnwrapped.event(at: location.offset, position: position, link: link,
                                                                  positionChecked: positionChecked))
            }
        }
        if let maxAge = plan.maxAge {
            let oldest = now.addingTimeInterval(-TimeInterval(maxAge))
            result.removeAll { $0.created < oldest }
        }
        return result
    }

    public func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent {
        guard let event = try read(.stream(stream), from: .version(version), direction: .forward, maxCount: 1).first,
              event.version == version else { throw .eventNotFound(stream: stream, version: version) }
        return event
    }

    public func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent {
        let (location, segments) = try state.withLock { state throws(EventStoreError) -> (UInt64, [Segment]) in
            if state.closed { throw .closed }
            guard position < state.head else { throw .positionNotFound(position) }
            return (state.locations[Int(position)], state.segments)
        }
        let place = LogLocation(packed: location)
        guard place.segment < segments.count else {
            throw .corrupt(file: LogFormat.segmentName(place.segment), offset: place.offset, reason: "the index points past the log")
        }
        return try segments[place.segment].event(at: place.offset, position: position, link: nil)
    }

    public func streams(prefix: String?) -> [StreamInfo] {
        state.withLock { $0.index.streamInfos(prefix: prefix, head: $0.head) }
    }

    public func lastVersion(of stream: String) -> Int64? {
        state.withLock { $0.index.lastVersion(of: stream, head: $0.head) }
    }

    public func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata {
        state.withLock { $0.index.metadata(of: stream) }
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
            cursor = next
            let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.segments = segments
                for entry in entries {
                    state.index.apply(stream: entry.stream, type: entry.type, data: entry.data, id: entry.id)
                    state.ids.append(entry.id)
                    state.locations.append(entry.location.packed)
                }
                state.head = UInt64(state.locations.count)
                defer { state.waiters.removeAll() }
                return Array(state.waiters.values)
            }
            for waiter in woken { waiter.resume() }
        }
    }

    // MARK: - Waiting and closing

    public func waitForEvents(beyond position: UInt64) async {
        if writer == nil {
            await pollForEvents(beyond: position)
            return
        }
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if state.closed || state.failure != nil || state.head > position || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume()
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

    public func close() async {
        let (first, wake) = queue.withLock { queue -> (Bool, Bool) in
            defer {
                queue.closing = true
                queue.writerIdle = false
            }
            return (!queue.closing, queue.writerIdle)
        }
        if writer != nil {
            if wake { wakeWriter.signal() }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let exited = queue.withLock { queue -> Bool in
                    if !queue.exited { queue.exitWaiters.append(continuation) }
                    return queue.exited
                }
                if exited { continuation.resume() }
            }
        }
        guard first else { return }
        if let writer {
            // The last snapshot, after any still being written; a store without a current
            // snapshot still opens, by reading more of the log.
            let cursor = LogScanner.Cursor(location: writer.end, position: writer.position, generation: writer.generation)
            let source = state.withLock { state in state.failure == nil ? Self.snapshotSource(of: state, cursor: cursor) : nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                snapshotQueue.async { [self] in
                    if let source {
                        do throws(EventStoreError) {
                            try writeSnapshot(source)
                        } catch {
                            state.withLock { $0.snapshotFailure = error.description }
                        }
                    }
                    continuation.resume()
                }
            }
        }
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            state.segments.removeAll()
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume() }
        writer?.close()
        directoryLock?.release()
    }
}
