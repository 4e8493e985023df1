import Foundation

extension FileEventStore {
    // MARK: - Appending

    /// Appends through the group-commit writer; returns once the events are on disk (after
    /// fdatasync with `.fsync`, after write() with `.os`). `.readOnly` on a read-only store,
    /// `.writerFailed` for good after an I/O error.
    public func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try StreamNames.validateUserStream(stream)
        return try await appendValidated(to: stream, expected: expected, events: events)
    }

    public func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try StreamNames.validateSystemStream(stream)
        return try await appendValidated(to: stream, expected: expected, events: events)
    }

    /// Checks the events (the stream name is already checked) and queues them for the writer.
    private func appendValidated(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try validate(events)
        return try await submit(.append(stream: stream, expected: expected, events: events))
    }

    public func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try await submit(.setMetadata(stream: stream, metadata: metadata))
    }

    public func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try await submit(.delete(stream: stream, expected: expected))
    }

    public func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try await submit(.tombstone(stream: stream, expected: expected))
    }

    public func append(_ appends: [StreamAppend]) async -> [Result<AppendResult, EventStoreError>] {
        // Checks each append as `append(to:)` would; only the valid ones go to the writer.
        var results: [Result<AppendResult, EventStoreError>?] = Array(repeating: nil, count: appends.count)
        var valid: [StreamAppend] = []
        valid.reserveCapacity(appends.count)
        for (offset, append) in appends.enumerated() {
            do throws(EventStoreError) {
                try StreamNames.validateUserStream(append.stream)
                try validate(append.events)
                valid.append(append)
            } catch {
                results[offset] = .failure(error)
            }
        }
        var written: [Result<AppendResult, EventStoreError>] = []
        if !valid.isEmpty {
            if writer == nil {
                written = valid.map { _ in .failure(.readOnly) }
            } else {
                written = await withUnsafeContinuation { (continuation: UnsafeContinuation<[Result<AppendResult, EventStoreError>], Never>) in
                    enqueue(WriteRequest(kind: .batch(valid), completion: .many(continuation)))
                }
            }
        }
        var next = written.makeIterator()
        return results.map { $0 ?? next.next() ?? .failure(.closed) }
    }

    /// The per-event checks of an append.
    private func validate(_ events: [EventData]) throws(EventStoreError) {
        if events.isEmpty { throw .emptyAppend }
        for event in events { try event.check(maxEventSize: maxEventSize) }
    }

    /// Queues a change for the writer and waits until it is durable (or refused).
    private func submit(_ kind: WriteRequest.Kind) async throws(EventStoreError) -> AppendResult {
        guard writer != nil else { throw .readOnly }
        // A failed writer is reported by the writer itself (`commit` checks first), which saves
        // every append a round on the contended state lock.
        let result = await withUnsafeContinuation { (continuation: UnsafeContinuation<Result<AppendResult, EventStoreError>, Never>) in
            enqueue(WriteRequest(kind: kind, completion: .one(continuation)))
        }
        return try result.get()
    }

    /// Hands a request to the writer, waking it if idle; refuses it once the store is closing.
    private func enqueue(_ request: WriteRequest) {
        let (queued, wake) = queue.withLock { queue -> (Bool, Bool) in
            guard !queue.closing else { return (false, false) }
            queue.requests.append(request)
            defer { queue.writerIdle = false }
            return (true, queue.writerIdle)
        }
        if wake { wakeWriter.signal() }
        if !queued { request.fail(.closed) }
    }

    // MARK: - The writer thread

    /// Starts the writer thread. It holds the store only while it works, so a store dropped
    /// without `close()` is still released (its deinit stops the thread).
    func startWriterThread() {
        let wake = wakeWriter
        let thread = Thread { [weak self] in
            var requests: [WriteRequest] = []
            while true {
                switch self?.writerStep(&requests) ?? .exit {
                case .work: continue
                case .wait: wake.wait()
                case .exit: return
                }
            }
        }
        thread.name = "event-store-writer"
        thread.start()
    }

    enum WriterStep {
        case work
        case wait
        case exit
    }

    /// One turn of the writer: take everything queued and commit it; with nothing queued, say
    /// to sleep until an appender (or close) signals. Appenders signal only an idle writer, so a
    /// busy one costs them no syscall.
    func writerStep(_ requests: inout [WriteRequest]) -> WriterStep {
        let closing = queue.withLock { queue -> Bool in
            swap(&requests, &queue.requests)
            if requests.isEmpty && !queue.closing { queue.writerIdle = true }
            return queue.closing
        }
        if !requests.isEmpty {
            commit(requests)
            requests.removeAll(keepingCapacity: true)
            return .work
        }
        guard closing else { return .wait }
        let waiters = queue.withLock { queue -> [CheckedContinuation<Void, Never>] in
            queue.exited = true
            defer { queue.exitWaiters.removeAll() }
            return queue.exitWaiters
        }
        for waiter in waiters { waiter.resume() }
        return .exit
    }

    // MARK: - Committing a group: plan → write → publish

    /// A change decided and applied to the index, waiting to be written.
    private struct PlannedWrite {
        var stream: String
        var firstVersion: Int64
        var events: [EventData]
    }

    /// What a group of requests comes to, decided against the index: each request's outcome
    /// (one per request, in order) and the events to write for those that write.
    private struct CommitPlan {
        var outcomes: [WriteRequest.Outcome] = []
        var writes: [PlannedWrite] = []
    }

    /// What writing a plan put in the log, for publishing.
    private struct WrittenGroup {
        /// Position of the first event written.
        var firstPosition: UInt64
        /// Packed `LogLocation` of each event written, in position order.
        var locations: [UInt64] = []
        /// Segments the write had to open.
        var newSegments: [Segment] = []
        /// The `created` time given to the events, as the bits of its reference-date seconds.
        var createdBits: UInt64 = 0
    }

    /// Commits one group of requests: plans it against the index, writes and syncs what it
    /// writes, then publishes it to readers and answers the appenders.
    private func commit(_ requests: [WriteRequest]) {
        guard let writer else { return }
        if let failure = state.withLock({ $0.failure }) {
            for request in requests { request.fail(.writerFailed(failure)) }
            return
        }
        let plan = plan(requests)
        let written: WrittenGroup
        do throws(EventStoreError) {
            written = try write(plan.writes, with: writer)
        } catch {
            abandon(plan, of: requests, with: writer, after: error)
            return
        }
        publish(plan, of: requests, written: written, with: writer)
    }

    /// Decides every request against the index, applying those that write to it.
    ///
    /// The lock is taken per request, not for the whole group, so readers (`lastVersion`,
    /// reads) wait for one request's planning at most; a batch is one request, planned under
    /// one acquisition (taking it per append made every reader contend with the writer many
    /// times per commit). What is planned stays invisible to readers until published: reads
    /// are bounded by `head`.
    private func plan(_ requests: [WriteRequest]) -> CommitPlan {
        var plan = CommitPlan()
        plan.outcomes.reserveCapacity(requests.count)
        for request in requests {
            if case .batch(let appends) = request.kind {
                plan.outcomes.append(.many(state.withLock { state in
                    appends.map { append in
                        Self.plan(append.stream, expected: append.expected, events: append.events, in: &state, into: &plan.writes)
                    }
                }))
            } else {
                plan.outcomes.append(.one(state.withLock { state in Self.plan(request.kind, in: &state, into: &plan.writes) }))
            }
        }
        return plan
    }

    /// Writes and syncs the planned events (nothing when nothing is planned). A failed write
    /// leaves the writer where it was, at the start of the group.
    private func write(_ writes: [PlannedWrite], with writer: LogWriter) throws(EventStoreError) -> WrittenGroup {
        var written = WrittenGroup(firstPosition: writer.position)
        guard !writes.isEmpty else { return written }
        let (startEnd, startPosition, startSegment) = (writer.end, writer.position, writer.segment)
        do throws(EventStoreError) {
            written.createdBits = try encodeAndWrite(writes, with: writer, locations: &written.locations, newSegments: &written.newSegments)
        } catch {
            writer.end = startEnd
            writer.position = startPosition
            writer.segment = startSegment
            throw error
        }
        return written
    }

    /// After a failed write: stops the writer for good (see `stop`) and answers the appenders,
    /// failing what was to be written; refusals stand.
    private func abandon(_ plan: CommitPlan, of requests: [WriteRequest], with writer: LogWriter, after error: EventStoreError) {
        let failure = Self.stop(writer, at: writer.cursor, after: error)
        state.withLock { $0.failure = failure.reason }
        for (request, outcome) in zip(requests, plan.outcomes) {
            request.finish(Self.failingWritten(outcome, with: failure.error))
        }
    }

    /// Makes a written group visible to readers (head, locations, tail cache), takes an index
    /// snapshot when one is due, records the checkpoint, then wakes the waiters and answers
    /// the appenders.
    private func publish(_ plan: CommitPlan, of requests: [WriteRequest], written: WrittenGroup, with writer: LogWriter) {
        let interval = options.snapshotInterval
        let cursor = writer.cursor
        var snapshot: SnapshotSource?
        // Built before taking the lock, so readers wait only for them to be put in place.
        let kept = options.tailCacheEvents > 0 ? Self.recorded(plan.writes, from: written.firstPosition, createdBits: written.createdBits) : []
        // The events the tail cache lets go, freed after the lock (readers do not wait for it).
        var evicted: [RecordedEvent] = []
        evicted.reserveCapacity(kept.count)
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer {
                if interval > 0, state.head - state.snapshotPosition >= interval {
                    snapshot = Self.snapshotSource(of: state, cursor: cursor)
                    state.snapshotPosition = state.head
                }
            }
            state.segments.append(contentsOf: written.newSegments)
            state.locations.append(contentsOf: written.locations)
            state.head = state.saved.end + UInt64(state.locations.count)
            publishedHead.store(state.head, ordering: .releasing)
            for event in kept { state.tail.append(event, evicted: &evicted) }
            state.statistics.requests += UInt64(requests.count)
            if !written.locations.isEmpty {
                state.statistics.groups += 1
                state.statistics.events += UInt64(written.locations.count)
            }
            return state.waiters.takeAll()
        }
        evicted = []
        if let snapshot { writeSnapshotInBackground(snapshot) }
        var checkpointFailure: String?
        if !plan.writes.isEmpty {
            do throws(EventStoreError) { try writer.writeCheckpoint() } catch { checkpointFailure = error.description }
        }
        for waiter in woken { waiter.resume() }
        for (request, outcome) in zip(requests, plan.outcomes) { request.finish(outcome) }
        if let checkpointFailure { state.withLock { $0.failure = checkpointFailure } }
    }

    /// The events just made durable, for the tail cache, built as a read of their records would
    /// build them (the same strings and bytes, shared; a `Data` slice is copied so that its
    /// indices start at 0, as a read's do).
    private static func recorded(_ planned: [PlannedWrite], from firstPosition: UInt64, createdBits: UInt64) -> [RecordedEvent] {
        let created = Date(timeIntervalSinceReferenceDate: Double(bitPattern: createdBits))
        var events: [RecordedEvent] = []
        events.reserveCapacity(planned.reduce(0) { $0 + $1.events.count })
        var position = firstPosition
        for write in planned {
            for (offset, event) in write.events.enumerated() {
                events.append(RecordedEvent(stream: write.stream, version: write.firstVersion + Int64(offset), position: position,
                                            id: event.id, type: event.type, created: created,
                                            data: Self.startingAtZero(event.data), metadata: Self.startingAtZero(event.metadata),
                                            attachment: event.attachment))
                position += 1
            }
        }
        return events
    }

    /// `bytes`, copied when it is a slice whose indices do not start at 0.
    private static func startingAtZero(_ bytes: Data) -> Data {
        bytes.startIndex == 0 ? bytes : Data(bytes)
    }

    /// Decides one change against the index and, when it writes, applies it and plans the write.
    private static func plan(_ kind: WriteRequest.Kind, in state: inout State, into planned: inout [PlannedWrite]) -> Result<AppendResult, EventStoreError> {
        do throws(EventStoreError) {
            let (stream, expected, events) = try resolve(kind, in: state)
            return plan(stream, expected: expected, events: events, in: &state, into: &planned)
        } catch {
            return .failure(error)
        }
    }

    /// Decides one append against the index and, when it writes, applies it and plans the write.
    private static func plan(_ stream: String, expected: ExpectedVersion, events: [EventData], in state: inout State,
                             into planned: inout [PlannedWrite]) -> Result<AppendResult, EventStoreError> {
        do throws(EventStoreError) {
            let history = try state.stream(stream)
            let plan = try StreamIndex.plan(stream: stream, history: history, expected: expected,
                                            ids: events.lazy.map(\.id)) { position throws(EventStoreError) in
                try state.id(at: position)
            }
            switch plan {
            case .alreadyWritten(let result):
                return .success(result)
            case .write(let firstVersion):
                let firstPosition = state.index.nextPosition
                let known = (history?.savedCount ?? 0) > 0
                state.index.apply(stream: stream, events: events, isKnown: { _ in known })
                for event in events { state.ids.append(event.id) }
                let count = Int64(events.count)
                planned.append(PlannedWrite(stream: stream, firstVersion: firstVersion, events: events))
                return .success(AppendResult(firstVersion: firstVersion, lastVersion: firstVersion + count - 1,
                                             firstPosition: firstPosition, lastPosition: firstPosition + UInt64(count) - 1))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Stops the writer after a failed write or sync of the group that began at `start`.
    ///
    /// Failed means never committed: before anyone is told, the stop is recorded durably in the
    /// checkpoint (`LogWriter.recordStop`), and recovery drops whatever this writer wrote from
    /// `start` on, even records that reached the disk (a sync that fails with ENOSPC or EIO may
    /// have written them). The appenders get `.writerFailed`. Only when the stop itself cannot
    /// be recorded is the outcome unknown: they get `.appendOutcomeUnknown`, and retrying with
    /// the same event ids is safe (appends are idempotent by id).
    /// Returns the appenders' error and the reason kept for later appends.
    private static func stop(_ writer: LogWriter, at start: LogScanner.Cursor, after cause: EventStoreError) -> (error: EventStoreError, reason: String) {
        do throws(EventStoreError) {
            try writer.recordStop(at: start)
            return (.writerFailed(cause.description), cause.description)
        } catch {
            let reason = "\(cause.description); then recording the stop failed: \(error.description)"
            return (.appendOutcomeUnknown(reason), reason)
        }
    }

    /// An outcome after the write failed: what was to be written failed with the writer; refusals stand.
    private static func failingWritten(_ outcome: WriteRequest.Outcome, with error: EventStoreError) -> WriteRequest.Outcome {
        func failing(_ result: Result<AppendResult, EventStoreError>) -> Result<AppendResult, EventStoreError> {
            if case .success = result { return .failure(error) }
            return result
        }
        switch outcome {
        case .one(let result): return .one(failing(result))
        case .many(let results): return .many(results.map(failing))
        }
    }

    /// Encodes the planned events and writes them: one write per segment touched, then sync.
    /// Returns the `created` time given to them, as the bits of its reference-date seconds.
    private func encodeAndWrite(_ planned: [PlannedWrite], with writer: LogWriter, locations: inout [UInt64], newSegments: inout [Segment]) throws(EventStoreError) -> UInt64 {
        let buffer = writer.buffer
        buffer.reset()
        let createdBits = clock.now().timeIntervalSinceReferenceDate.bitPattern
        let segmentSize = UInt64(options.segmentSize)
        let sync = options.durability == .fsync
        var chunkStart = writer.end.offset
        for write in planned {
            for (offset, event) in write.events.enumerated() {
                let size = LogFormat.recordSize(stream: write.stream.utf8.count, type: event.type.utf8.count,
                                                data: event.data.count, metadata: event.metadata.count)
                if chunkStart + UInt64(buffer.count) + UInt64(size) > segmentSize {
                    // Seal this segment: end it with a zero frame (bytes left over from a crashed
                    // writer may follow), write and sync it, so a later segment never exists
                    // without every earlier one complete on disk.
                    let room = segmentSize - chunkStart - UInt64(buffer.count)
                    buffer.put(zeros: Int(min(room, UInt64(LogFormat.frameHeaderSize))))
                    try writer.segment.file.write(buffer.bytes, at: chunkStart)
                    if sync { try writer.segment.file.sync() }
                    let next = try Self.createSegment(writer.segment.index + 1, firstPosition: writer.position,
                                                      directory: directory, options: options)
                    newSegments.append(next)
                    writer.segment = next
                    writer.end = LogLocation(segment: next.index, offset: UInt64(LogFormat.segmentHeaderSize))
                    chunkStart = writer.end.offset
                    buffer.reset()
                }
                locations.append(LogLocation(segment: writer.segment.index, offset: chunkStart + UInt64(buffer.count)).packed)
                LogRecord.encode(into: buffer, generation: writer.generation, commit: offset == write.events.count - 1,
                                 position: writer.position, version: write.firstVersion + Int64(offset),
                                 stream: write.stream, event: event, createdBits: createdBits)
                writer.position += 1
            }
        }
        try writer.segment.file.write(buffer.bytes, at: chunkStart)
        if sync { try writer.segment.file.sync() }
        writer.end = LogLocation(segment: writer.segment.index, offset: chunkStart + UInt64(buffer.count))
        return createdBits
    }

    /// Turns a request into the stream, expected version and events to append.
    private static func resolve(_ kind: WriteRequest.Kind, in state: State) throws(EventStoreError) -> (String, ExpectedVersion, [EventData]) {
        let id = UUID(storeEventAt: state.index.nextPosition)
        switch kind {
        case let .append(stream, expected, events):
            return (stream, expected, events)
        case let .setMetadata(stream, metadata):
            return (StreamNames.metadataStream(of: stream), .any, [EventData(id: id, type: StreamIndex.metadataType, data: metadata.json)])
        case let .delete(stream, expected):
            let last = try checkDeletion(of: stream, expected: expected, in: state)
            var metadata = try state.metadata(of: stream)
            metadata.truncateBefore = last + 1
            return (StreamNames.metadataStream(of: stream), .any, [EventData(id: id, type: StreamIndex.metadataType, data: metadata.json)])
        case let .tombstone(stream, expected):
            _ = try checkDeletion(of: stream, expected: expected, in: state)
            return (StreamNames.metadataStream(of: stream), .any, [EventData(id: id, type: StreamIndex.tombstoneType)])
        case .batch:
            // `commit` takes a batch apart into its appends before resolving them.
            throw .invalidSettings("a batch is resolved append by append")
        }
    }

    /// The deletion rules: the stream must exist and match `expected`; returns its last version.
    private static func checkDeletion(of stream: String, expected: ExpectedVersion, in state: State) throws(EventStoreError) -> Int64 {
        try expected.lastVersionForDeletion(of: stream, last: try state.checkedLastVersion(of: stream, head: .max), tombstoned: try state.isTombstoned(stream))
    }
}
