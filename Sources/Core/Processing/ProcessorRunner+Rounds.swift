import Foundation
import Store

extension ProcessorRunner {
    /// How a batch's messages are to be settled.
    struct Settlement {
        var acks: [PersistentMessage] = []
        var nacks: [(PersistentMessage, String)] = []
    }

    /// A message being handled: its decoded event, the stream it will write (when known), and
    /// how many times it met a wrong expected version.
    struct Pending {
        var message: PersistentMessage
        /// The message's event, taken out of it once.
        var input: RecordedEvent
        var event: BankEvent
        var key: BankStream?
        var conflicts = 0
    }

    /// One stream's share of a round: the inputs decided on it, appended as one.
    struct Unit {
        /// Inputs with a decision, and how many events each added.
        var decided: [(item: Pending, decision: Decision, count: Int)] = []
        /// Inputs decided together with them that had nothing to do on top of them: they stand
        /// or fall with the append.
        var riders: [Pending] = []
        var stream: BankStream
        var expected: ExpectedVersion
        var events: [EventData] = []
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
            let (groups, claimed, deferred) = groupByKey(pending, together: processor is any DecidingTogether, claims: claims)
            var later = deferred
            var units: [Unit] = []
            for group in groups {
                if let unit = decide(group, processor: processor, settled: &settled, later: &later) { units.append(unit) }
            }
            if units.isEmpty {
                claims.release(claimed)
                if claimed.isEmpty && !later.isEmpty {
                    // Every key left is held by another consumer's round: wait for one to free.
                    await claims.waitForRelease(of: later.compactMap(\.key))
                }
                pending = later
                continue
            }
            remember(units, in: processor.views)
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
                        settled.acks.append(item.message)
                        offset += Int64(count)
                    }
                    settled.acks.append(contentsOf: unit.riders.map(\.message))
                case .failure(.wrongExpectedVersion):
                    processor.views.forget(unit.stream)
                    for var item in unit.decided.map(\.item) + unit.riders {
                        item.conflicts += 1
                        if item.conflicts < ProcessorStep.maxAttempts {
                            later.append(item)
                        } else {
                            settled.nacks.append((item.message, ProcessingError.tooManyConflicts(stream: item.input.stream).description))
                        }
                    }
                case .failure(.closed):
                    claims.release(claimed)
                    return false
                case .failure(let error):
                    for item in unit.decided.map(\.item) + unit.riders {
                        settled.nacks.append((item.message, ProcessingError.store(error).description))
                    }
                }
            }
            claims.release(claimed)
            pending = later
        }
        return true
    }

    /// Remembers a round's events decoded, in one go, before they are appended: whoever the
    /// commit wakes finds them without decoding.
    private static func remember(_ units: [Unit], in views: BankViews) {
        views.decoded.remember(units.lazy.flatMap { unit in
            zip(unit.events, unit.decided.lazy.flatMap(\.decision.events)).lazy.map { written, pending -> (id: UUID, data: Data, event: BankEvent) in
                (written.id, written.data, pending.event)
            }
        })
    }

    /// The batch's inputs this processor handles, decoded; the rest are settled at once.
    private static func decoded(_ batch: [PersistentMessage], processor: any Processor, settled: inout Settlement) -> [Pending] {
        var pending: [Pending] = []
        pending.reserveCapacity(batch.count)
        for message in batch {
            let input = message.event
            do throws(ProcessingError) {
                if let event = try ProcessorStep.decode(input, for: processor) {
                    pending.append(Pending(message: message, input: input, event: event, key: processor.serializationKey(event)))
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
    private static func groupByKey(_ pending: [Pending], together: Bool, claims: KeyClaims)
        -> (groups: [[Pending]], claimed: [BankStream], later: [Pending]) {
        var groups: [[Pending]] = []
        var claimed: [BankStream] = []
        var later: [Pending] = []
        var groupOfKey: [BankStream: Int] = [:]
        for item in pending {
            guard let key = item.key else {
                groups.append([item])
                continue
            }
            if let index = groupOfKey[key] {
                if together { groups[index].append(item) } else { later.append(item) }
            } else if claims.claim(key) {
                claimed.append(key)
                groupOfKey[key] = groups.count
                groups.append([item])
            } else {
                later.append(item)
            }
        }
        return (groups, claimed, later)
    }

    /// Decides a group into a unit to append (nil when none of it has anything to do, or it
    /// failed: those inputs are settled here).
    private static func decide(_ group: [Pending], processor: any Processor, settled: inout Settlement, later: inout [Pending]) -> Unit? {
        let decisions: [Decision?]
        do throws(ProcessingError) {
            if group.count > 1, let together = processor as? any DecidingTogether {
                do { decisions = try together.decide(together: group.map { ($0.input, $0.event) }) } catch { throw .store(error) }
            } else {
                decisions = [try ProcessorStep.decision(group[0].input, group[0].event, with: processor)]
            }
        } catch {
            for item in group { settled.nacks.append((item.message, error.description)) }
            return nil
        }
        var unit: Unit?
        var next: Int64?
        for (offset, (item, decision)) in zip(group, decisions).enumerated() {
            guard let decision else {
                if unit == nil { settled.acks.append(item.message) } else { unit?.riders.append(item) }
                continue
            }
            if let unit {
                guard decision.stream == unit.stream, let expectedNext = next, decision.expected == .exact(expectedNext - 1) else {
                    // Not a chain on one stream after all: this input and the rest go next round.
                    later.append(contentsOf: group[offset...])
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
            let events = ProcessorStep.unremembered(decision, causedBy: item.input.id, by: processor)
            unit?.decided.append((item, decision, events.count))
            if unit?.events.isEmpty ?? false { unit?.events = events } else { unit?.events.append(contentsOf: events) }
            next = next.map { $0 + Int64(events.count) }
        }
        return unit
    }
}
