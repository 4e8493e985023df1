import Foundation

extension FileEventStore {
    // MARK: - Reading

    /// Reads a page of events; the index is consulted under the lock, the bodies are decoded
    /// from the segments outside it. Cost: O(log n + maxCount) plus the decoding.
    public func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        guard maxCount > 0 else { return [] }
        let now = clock.now()
        let (entries, segments, linkName, maxAge) = try state.withLock { state throws(EventStoreError) -> ([(version: Int64, position: UInt64, location: UInt64)], [Segment], String?, Int64?) in
            if state.closed { throw .closed }
            if case .all = target {
                let picked = ReadPage.range(count: state.head, start: start, direction: direction, maxCount: maxCount)
                return (picked.map { (Int64($0), $0, state.locations[Int($0)]) }, state.segments, nil, nil)
            }
            let (positions, firstVersion) = try state.index.positions(of: target, head: state.head)
            let picked = ReadPage.entries(positions, firstVersion: firstVersion, start: start, direction: direction, maxCount: maxCount)
            let linkName: String? = if case .stream = target { nil } else { target.description }
            var maxAge: Int64?
            if case .stream(let name) = target { maxAge = state.index.metadata(of: name).maxAge }
            return (picked.map { ($0.version, $0.position, state.locations[Int($0.position)]) }, state.segments, linkName, maxAge)
        }
        var result: [RecordedEvent] = []
        result.reserveCapacity(entries.count)
        for entry in entries {
            let location = LogLocation(packed: entry.location)
            let link = linkName.map { IndexEntry(stream: $0, version: entry.version) }
            result.append(try segments[location.segment].event(at: location.offset, position: entry.position, link: link))
        }
        if let maxAge {
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
                segments.append(Segment(index: segments.count, file: segmentFile, mappedLength: options.segmentSize))
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
                    state.index.apply(stream: entry.stream, type: entry.type, data: entry.data)
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
        let first = queue.withLock { queue -> Bool in
            defer { queue.closing = true }
            return !queue.closing
        }
        if writer != nil {
            if first { wakeWriter.signal() }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let exited = queue.withLock { queue -> Bool in
                    if !queue.exited { queue.exitWaiters.append(continuation) }
                    return queue.exited
                }
                if exited { continuation.resume() }
            }
        }
        guard first else { return }
        if let writer, writerFailure == nil {
            // Best effort: a store without a current snapshot still opens, by reading the log.
            do throws(EventStoreError) {
                try saveSnapshot(cursor: LogScanner.Cursor(location: writer.end, position: writer.position, generation: writer.generation))
            } catch {
                state.withLock { $0.failure = "could not save the index snapshot: \(error)" }
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
