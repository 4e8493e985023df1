import Foundation
import Store

extension ProcessorRunner {
    /// How a batch's messages are to be settled.
    struct Settlement {
        var acks: [PersistentMessage] = []
        var nacks: [(PersistentMessage, String)] = []
        /// Messages whose handling met a store out of reach that retries by itself: delivered
        /// again without counting a retry (`NackAction.requeue`), so an outage parks nothing.
        var requeues: [(PersistentMessage, String)] = []

        /// Settles a message whose handling failed with `error`: requeued when the store was
        /// only out of reach for now (`retries`: it retries by itself), else refused.
        mutating func failed(_ message: PersistentMessage, _ error: ProcessingError, storeRetries retries: Bool) {
            if retries, case .store(.unavailable) = error {
                requeues.append((message, error.description))
            } else {
                nacks.append((message, error.description))
            }
        }
    }

    /// A message being handled: its decoded event, the stream it will write (when known), and
    /// how many times it met a wrong expected version.
    struct Pending {
        var message: PersistentMessage
        var event: BankEvent
        var key: BankStream?
        var conflicts = 0

        /// The message's event.
        var input: RecordedEvent { message.event }
    }

    /// One stream's share of a round: the inputs decided on it, appended as one. Inputs are
    /// indices into the round's pending inputs, which are never copied.
    struct Unit {
        /// Inputs with a decision, and how many events each added.
        var decided: [(item: Int, decision: Decision, count: Int)] = []
        /// Inputs decided together with them that had nothing to do on top of them: they stand
        /// or fall with the append.
        var riders: [Int] = []
        var stream: BankStream
        var expected: ExpectedVersion
        var events: [EventData] = []

        /// Every input the unit's append settles.
        var items: some Sequence<Int> { decided.lazy.map(\.item) + riders }
    }

    /// A round's inputs in groups to decide: group `g` is `order[bounds[g]..<bounds[g + 1]]`.
    struct Groups {
        var order: [Int] = []
        var bounds: [Int] = [0]
        /// The keys claimed for the groups.
        var claimed: [BankStream] = []
        /// Inputs that cannot go this round.
        var later: [Int] = []

        var count: Int { bounds.count - 1 }
        subscript(group: Int) -> ArraySlice<Int> { order[bounds[group]..<bounds[group + 1]] }
    }

    /// Decides and appends a batch in rounds. A round takes the inputs whose key is free (none
    /// whose key another consumer holds), decides them (several with one key together when the
    /// processor can, else one per key), and appends every decision in one store call; an input
    /// that met a wrong expected version, or waited for its key, goes to the next round.
    /// Returns false when the store has closed.
    static func handle(_ batch: [PersistentMessage], processor: any Processor, writer: DomainWriter, claims: KeyClaims,
                       settled: inout Settlement) async -> Bool {
        var pending = decoded(batch, processor: processor, settled: &settled)
        while !pending.isEmpty {
            let groups = groupByKey(pending, together: processor is any DecidingTogether, claims: claims)
            var later = groups.later
            var units: [Unit] = []
            units.reserveCapacity(groups.count)
            for group in 0..<groups.count {
                if let unit = decide(groups[group], of: pending, processor: processor, writer: writer, settled: &settled, later: &later) {
                    units.append(unit)
                }
            }
            if units.isEmpty {
                claims.release(groups.claimed)
                if groups.claimed.isEmpty && !later.isEmpty {
                    // Every key left is held by another consumer's round: wait for one to free.
                    await claims.waitForRelease(of: later.compactMap { pending[$0].key })
                }
                pending = later.map { pending[$0] }
                continue
            }
            let head = writer.store.headPosition
            let results = await writer.append(units.map { ($0.stream, $0.expected, $0.events) })
            for (unit, result) in zip(units, results) {
                switch result {
                case .success(let appended):
                    var offset: Int64 = 0
                    for (item, decision, count) in unit.decided {
                        let first = appended.firstVersion + offset
                        let part = AppendResult(firstVersion: first, lastVersion: first + Int64(count) - 1,
                                                firstPosition: appended.firstPosition + UInt64(offset),
                                                lastPosition: appended.firstPosition + UInt64(offset) + UInt64(count) - 1)
                        ProcessorStep.appended(decision, part, headBefore: head, by: processor)
                        settled.acks.append(pending[item].message)
                        offset += Int64(count)
                    }
                    for item in unit.riders { settled.acks.append(pending[item].message) }
                case .failure(.wrongExpectedVersion):
                    processor.views.forget(unit.stream)
                    for item in unit.items {
                        pending[item].conflicts += 1
                        if pending[item].conflicts < ProcessorStep.maxAttempts {
                            later.append(item)
                        } else {
                            settled.nacks.append((pending[item].message,
                                                  ProcessingError.tooManyConflicts(stream: pending[item].input.stream).description))
                        }
                    }
                case .failure(.closed):
                    claims.release(groups.claimed)
                    return false
                case .failure(let error):
                    for item in unit.items { settled.failed(pending[item].message, .store(error), storeRetries: writer.store.writerRetries) }
                }
            }
            claims.release(groups.claimed)
            pending = later.map { pending[$0] }
        }
        return true
    }

    /// The batch's inputs this processor handles, decoded; the rest are settled at once.
    private static func decoded(_ batch: [PersistentMessage], processor: any Processor, settled: inout Settlement) -> [Pending] {
        var pending: [Pending] = []
        pending.reserveCapacity(batch.count)
        let known = processor.views.decoded.events(for: batch.lazy.map(\.event))
        for (message, known) in zip(batch, known) {
            let input = message.event
            do throws(ProcessingError) {
                if let event = try ProcessorStep.decode(input, for: processor, known: known) {
                    pending.append(Pending(message: message, event: event, key: processor.serializationKey(event)))
                } else {
                    settled.acks.append(message)
                }
            } catch {
                settled.nacks.append((message, error.description))
            }
        }
        return pending
    }

    /// Splits a round's inputs into groups, in order: one per key this consumer could claim
    /// (all the inputs with that key when `together`, else the first), one per input without a
    /// key. What cannot go this round is left for the next.
    private static func groupByKey(_ pending: [Pending], together: Bool, claims: KeyClaims) -> Groups {
        var groups = Groups()
        var groupOf = [Int](repeating: -1, count: pending.count)
        var sizes: [Int] = []
        var groupOfKey: [BankStream: Int] = [:]
        groupOfKey.reserveCapacity(pending.count)
        sizes.reserveCapacity(pending.count)
        for index in pending.indices {
            guard let key = pending[index].key else {
                groupOf[index] = sizes.count
                sizes.append(1)
                continue
            }
            if let group = groupOfKey[key] {
                if together {
                    groupOf[index] = group
                    sizes[group] += 1
                } else {
                    groups.later.append(index)
                }
            } else if claims.claim(key) {
                groups.claimed.append(key)
                groupOfKey[key] = sizes.count
                groupOf[index] = sizes.count
                sizes.append(1)
            } else {
                groups.later.append(index)
            }
        }
        // Inputs laid out group by group, each group in arrival order.
        groups.bounds.reserveCapacity(sizes.count + 1)
        for size in sizes { groups.bounds.append(groups.bounds[groups.bounds.count - 1] + size) }
        var next = groups.bounds
        groups.order = [Int](repeating: 0, count: groups.bounds[groups.bounds.count - 1])
        for (index, group) in groupOf.enumerated() where group >= 0 {
            groups.order[next[group]] = index
            next[group] += 1
        }
        return groups
    }

    /// Decides a group into a unit to append (nil when none of it has anything to do, or it
    /// failed: those inputs are settled here).
    private static func decide(_ group: ArraySlice<Int>, of pending: [Pending], processor: any Processor, writer: DomainWriter,
                               settled: inout Settlement, later: inout [Int]) -> Unit? {
        do throws(ProcessingError) {
            if group.count > 1, let together = processor as? any DecidingTogether {
                let decisions: [Decision?]
                do { decisions = try together.decide(together: group.map { (pending[$0].input, pending[$0].event) }) } catch { throw ProcessingError(error) }
                return unit(of: group, decisions, pending: pending, processor: processor, writer: writer, settled: &settled, later: &later)
            }
            // One input (most groups): its decision is not put in an array of its own.
            let only = group[group.startIndex]
            let decision = try ProcessorStep.decision(pending[only].input, pending[only].event, with: processor)
            return unit(of: group, CollectionOfOne(decision), pending: pending, processor: processor, writer: writer, settled: &settled, later: &later)
        } catch {
            for item in group { settled.failed(pending[item].message, error, storeRetries: writer.store.writerRetries) }
            return nil
        }
    }

    /// The unit a group's decisions (one per input, in order) append; nil when none has anything
    /// to do, or the first failed to encode (those inputs are settled here).
    private static func unit<Decisions: Sequence<Decision?>>(of group: ArraySlice<Int>, _ decisions: Decisions, pending: [Pending],
                                                            processor: any Processor, writer: DomainWriter,
                                                            settled: inout Settlement, later: inout [Int]) -> Unit? {
        var unit: Unit?
        var next: Int64?
        for (offset, (item, decision)) in zip(group, decisions).enumerated() {
            guard let decision else {
                if unit == nil { settled.acks.append(pending[item].message) } else { unit?.riders.append(item) }
                continue
            }
            let events: [EventData]
            do {
                events = try ProcessorStep.events(of: decision, causedBy: pending[item].input.id, by: processor, writer: writer)
            } catch {
                // Its events do not encode: it is refused, and what chained on it goes next round.
                settled.nacks.append((pending[item].message, error.description))
                later.append(contentsOf: group.dropFirst(offset + 1))
                break
            }
            if let unit {
                guard decision.stream == unit.stream, let expectedNext = next, decision.expected == .exact(expectedNext - 1) else {
                    // Not a chain on one stream after all: this input and the rest go next round.
                    later.append(contentsOf: group.dropFirst(offset))
                    break
                }
            } else {
                unit = Unit(stream: decision.stream, expected: decision.expected)
                switch decision.expected {
                case .exact(let version): next = version + 1
                case .noStream: next = 0
                case .any, .streamExists: next = nil
                }
            }
            unit?.decided.append((item, decision, events.count))
            if unit?.events.isEmpty ?? false { unit?.events = events } else { unit?.events.append(contentsOf: events) }
            next = next.map { $0 + Int64(events.count) }
        }
        return unit
    }
}
