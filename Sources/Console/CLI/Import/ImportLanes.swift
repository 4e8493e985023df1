import Store
import Synchronization

/// Appends import lines, one lane per stream: a stream's lines are appended in input order,
/// different streams concurrently, so the store's group commit can batch them under one sync.
///
/// While a lane's append is in flight, further lines for that stream queue up; the next append
/// takes the queued run of lines whose expected version is `any` as one batch. If a batch is
/// refused, its lines are retried one by one so each gets its own outcome (a batch is atomic,
/// so nothing of it was written). Idle lanes are dropped, so memory is bounded by the lines
/// in flight, not by the number of streams.
final class ImportLanes: Sendable {
    /// Most events in one append.
    static let maxBatchCount = 500
    /// Most data + metadata bytes in one append (beyond one event).
    static let maxBatchBytes = 1 << 20

    private struct Pending: Sendable {
        var line: ImportLine
        var slot: ImportSlot
    }

    private let store: any EventStore
    private let queues = Mutex<[String: [Pending]]>([:])

    init(store: any EventStore) {
        self.store = store
    }

    /// Queues `line`; its outcome arrives in `slot` once durable or refused.
    func submit(_ line: ImportLine, slot: ImportSlot) {
        let startLane = queues.withLock { queues -> Bool in
            if queues[line.stream] != nil {
                queues[line.stream, default: []].append(Pending(line: line, slot: slot))
                return false
            }
            queues[line.stream] = []
            return true
        }
        guard startLane else { return }
        let stream = line.stream
        let first = Pending(line: line, slot: slot)
        Task { await self.drain(stream: stream, first: [first]) }
    }

    /// Appends `batch`, then whatever queued meanwhile, until the lane is empty.
    private func drain(stream: String, first: [Pending]) async {
        var batch = first
        while !batch.isEmpty {
            await append(batch, to: stream)
            batch = queues.withLock { queues -> [Pending] in
                let queued = queues[stream] ?? []
                if queued.isEmpty {
                    queues[stream] = nil
                    return []
                }
                let taken = Self.nextBatch(queued)
                queues[stream] = Array(queued.dropFirst(taken.count))
                return taken
            }
        }
    }

    /// The longest prefix that can go as one append: the first line, then lines expecting `any`.
    private static func nextBatch(_ queued: [Pending]) -> [Pending] {
        var batch = [queued[0]]
        var bytes = queued[0].line.event.data.count + queued[0].line.event.metadata.count
        for pending in queued.dropFirst() {
            let size = pending.line.event.data.count + pending.line.event.metadata.count
            guard pending.line.expected == .any, batch.count < maxBatchCount, bytes + size <= maxBatchBytes else { break }
            batch.append(pending)
            bytes += size
        }
        return batch
    }

    private func append(_ batch: [Pending], to stream: String) async {
        do {
            let result = try await store.append(to: stream, expected: batch[0].line.expected, events: batch.map(\.line.event))
            // A fresh batch lands contiguously; an idempotent retry returns the original places,
            // which may be interleaved with other streams' events: then each is looked up.
            let contiguous = result.lastPosition - result.firstPosition == UInt64(batch.count - 1)
            for (offset, pending) in batch.enumerated() {
                let version = result.firstVersion + Int64(offset)
                var position = result.firstPosition + UInt64(offset)
                if !contiguous { position = try store.event(stream: stream, version: version).position }
                pending.slot.fulfil(.appended(stream: stream, version: version, position: position))
            }
        } catch {
            if batch.count > 1 && !Self.isFatal(error) {
                for pending in batch { await append([pending], to: stream) }
                return
            }
            for pending in batch {
                pending.slot.fulfil(.failed(reason: error.description, fatal: Self.isFatal(error)))
            }
        }
    }

    /// Errors after which the store takes no more appends.
    static func isFatal(_ error: EventStoreError) -> Bool {
        switch error {
        case .closed, .readOnly, .writerFailed, .io, .locked, .corrupt: true
        default: false
        }
    }
}
