/// Where a catch-up subscription starts.
public enum SubscriptionStart: Sendable, Hashable {
    /// From the first event.
    case beginning
    /// Only events appended after the subscription starts.
    case end
    /// After this version of the stream or index (for `$all`, after this position).
    case after(Int64)
}

/// What a catch-up subscription delivers.
public enum SubscriptionMessage: Sendable, Hashable {
    case event(RecordedEvent)
    /// All events that existed when it was reached have been delivered; live from here on.
    case caughtUp
}

/// A catch-up subscription to a stream, a system index or `$all`.
///
/// It pulls pages from the store and, once at the head, waits for new durable events, so it
/// never misses or repeats one and a slow consumer never slows writers (nothing is buffered
/// for it). `.caughtUp` is delivered once, the first time it reaches the head. A stream that
/// does not exist yet is simply empty until it does.
public struct CatchUpSubscription: AsyncSequence, Sendable {
    public typealias Element = SubscriptionMessage

    let store: any EventStore
    let target: ReadTarget
    let start: SubscriptionStart
    /// Events fetched per read.
    public var pageSize = 512

    public func makeAsyncIterator() -> Iterator {
        Iterator(store: store, target: target, start: start, pageSize: pageSize)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let store: any EventStore
        let target: ReadTarget
        let pageSize: Int
        /// Next stream/index version (or `$all` position) to read; nil until resolved.
        var next: Int64?
        var start: SubscriptionStart
        var buffer: [RecordedEvent] = []
        var bufferIndex = 0
        var caughtUpSent = false

        init(store: any EventStore, target: ReadTarget, start: SubscriptionStart, pageSize: Int) {
            self.store = store
            self.target = target
            self.start = start
            self.pageSize = pageSize
        }

        public mutating func next() async throws -> SubscriptionMessage? {
            if next == nil { next = try resolveStart() }
            while true {
                if bufferIndex < buffer.count {
                    let event = buffer[bufferIndex]
                    bufferIndex += 1
                    return .event(event)
                }
                if Task.isCancelled { return nil }
                let head = store.headPosition
                guard let page = try readPage() else { return nil } // closed
                if !page.isEmpty {
                    buffer = page
                    bufferIndex = 0
                    next = nextVersion(after: page[page.count - 1])
                    continue
                }
                if !caughtUpSent {
                    caughtUpSent = true
                    return .caughtUp
                }
                await store.waitForEvents(beyond: head)
                if Task.isCancelled { return nil }
                if store.headPosition == head { return nil } // closed
            }
        }

        /// The next page; nil once the store is closed.
        private func readPage() throws(EventStoreError) -> [RecordedEvent]? {
            let result = Result { () throws(EventStoreError) -> [RecordedEvent] in
                try store.read(target, from: .version(next ?? 0), direction: .forward, maxCount: pageSize)
            }
            switch result {
            case .success(let events): return events
            case .failure(.streamNotFound): return []
            case .failure(.closed): return nil
            case .failure(let error): throw error
            }
        }

        private func nextVersion(after event: RecordedEvent) -> Int64 {
            switch target {
            case .all: Int64(event.position) + 1
            case .stream: event.version + 1
            case .category, .eventType, .streams: (event.link?.version ?? -1) + 1
            }
        }

        private func resolveStart() throws(EventStoreError) -> Int64 {
            switch start {
            case .beginning: return 0
            case .after(let version): return version + 1
            case .end:
                if case .all = target { return Int64(store.headPosition) }
                let result = Result { () throws(EventStoreError) -> [RecordedEvent] in
                    try store.read(target, from: .end, direction: .backward, maxCount: 1)
                }
                switch result {
                case .success(let events): return events.first.map(nextVersion(after:)) ?? 0
                case .failure(.streamNotFound): return 0
                case .failure(let error): throw error
                }
            }
        }
    }
}
