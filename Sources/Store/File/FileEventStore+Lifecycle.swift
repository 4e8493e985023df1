import Foundation

extension FileEventStore {
    // MARK: - Opening

    /// Opens (creating when needed, unless read-only) the store in `directory`.
    ///
    /// A writable open refuses a store others can read (`.notPrivate`, see `ensurePrivate`) and
    /// makes a new one private (directory 0700, files 0600), takes the directory's lock
    /// (`.locked(directory:pid:)` names the holder), checks the log's tail, truncates a torn
    /// last append (and what a writer that stopped on an I/O error wrote but never
    /// acknowledged), reserves the space of the segment it goes on writing, and refuses
    /// corruption before the durable tail, or a sealed segment cut short, with
    /// `.corrupt(file:offset:reason:)`. A read-only open takes no lock, changes
    /// nothing, and sees events up to the writer's last checkpoint (`refresh()` moves it on).
    public static func open(directory: URL, options: FileStoreOptions = FileStoreOptions()) throws(EventStoreError) -> FileEventStore {
        let path = directory.standardizedFileURL.path
        let fs = options.fileSystem
        guard options.segmentSize >= 4096, options.segmentSize < 1 << 40 else {
            throw .io(path: path, reason: "segment size \(options.segmentSize) is outside 4 KiB ..< 1 TiB")
        }
        if options.readOnly {
            guard fs.fileExists(path) else { throw .io(path: path, reason: "no store in this directory") }
        } else {
            try fs.createDirectory(path)
            try ensurePrivate(directory: path, fileSystem: fs)
        }
        let lock = options.readOnly ? nil : try fs.lockDirectory(path)
        do {
            var options = options
            let recovered = try recover(directory: path, options: options)
            options.segmentSize = recovered.segmentSize
            var writer: LogWriter?
            if !options.readOnly {
                writer = try LogWriter.start(directory: path, options: options, recovered: recovered)
            }
            let store = FileEventStore(directory: path, options: options, recovered: recovered, lock: lock, writer: writer)
            if writer != nil {
                let interval = options.snapshotInterval == 0 ? 100_000 : options.snapshotInterval
                if recovered.snapshotDamaged || recovered.scanned >= interval,
                   let source = store.state.withLock({ Self.snapshotSource(of: $0, cursor: recovered.cursor) }) {
                    try store.writeSnapshot(source, replacingDamaged: recovered.snapshotDamaged)
                }
                store.startWriterThread()
            }
            return store
        } catch {
            lock?.release()
            throw error
        }
    }

    // MARK: - Closing

    /// Stops the writer after it has answered every queued append (new ones get `.closed`),
    /// saves the index once more (when at least `FileStoreOptions.closeSaveMinimum` events are
    /// new), wakes every waiter and releases the directory lock. Reads then throw `.closed`.
    /// When it returns, nothing of the store is left working or waiting to be released on
    /// another thread (the last release of a store then happens where its holder drops it).
    /// Calling it again only waits for the writer to stop.
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
        if writer != nil {
            // The last save runs on the snapshot queue, after any background one. Its block
            // holds neither the store nor the index it saves once it resumes the closer: what
            // it captured would otherwise be released on that queue's thread after `close`
            // returned, and the last release of a store (its index, its mappings) is work
            // proportional to the log, left running beside whatever the caller does next.
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                // unowned: the closer holds the store until this block resumes it.
                snapshotQueue.async { [unowned self] in
                    saveAtClose()
                    continuation.resume()
                }
            }
        }
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            state.segments.removeAll()
            state.tail = TailCache(capacity: 0, byteLimit: 0)
            return state.waiters.takeAll()
        }
        for waiter in woken { waiter.resume() }
        writer?.close()
        directoryLock?.release()
    }

    /// The save at close, on the snapshot queue: the index since the last save, when at least
    /// `closeSaveMinimum` events are new and the writer is healthy; a failure is kept in
    /// `snapshotFailure` (a store without a current snapshot still opens, by reading more of
    /// the log). What it reads of the state is released when it returns.
    private func saveAtClose() {
        guard let writer else { return }
        let cursor = writer.cursor
        let minimum = options.closeSaveMinimum
        let source = state.withLock { state in
            state.failure == nil && cursor.position >= state.saved.end + max(1, minimum)
                ? Self.snapshotSource(of: state, cursor: cursor) : nil
        }
        guard let source else { return }
        do throws(EventStoreError) {
            try writeSnapshot(source)
        } catch {
            state.withLock { $0.snapshotFailure = error.description }
        }
    }
}
