import Foundation
import Store

/// The only way the bank appends: a store handle bound to one writer identity that refuses
/// streams its domain does not own with `EventStoreError.notOwner`, before anything is written.
///
/// It is a thin value over the shared store; make one per processor or command handler.
public struct DomainWriter: Sendable {
    public let identity: WriterIdentity
    public let store: any EventStore

    public init(identity: WriterIdentity, store: any EventStore) {
        self.identity = identity
        self.store = store
    }

    /// Appends to a bank stream this domain owns.
    @discardableResult
    public func append(to stream: BankStream, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        guard identity.domain.owns(stream) else {
            throw .notOwner(writer: identity.description, stream: stream.name)
        }
        return try await store.append(to: stream.name, expected: expected, events: try sealingPersonalData(events, to: stream))
    }

    /// Appends to a stream given by name: refused unless it is a bank stream this domain owns.
    @discardableResult
    public func append(toStreamNamed name: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        guard let stream = BankStream(name: name) else {
            throw .notOwner(writer: identity.description, stream: name)
        }
        return try await append(to: stream, expected: expected, events: events)
    }

    /// Appends to several bank streams this domain owns, each independently (see
    /// `EventStore.append(_:)`); a stream it does not own fails alone with `.notOwner`.
    public func append(_ appends: [(stream: BankStream, expected: ExpectedVersion, events: [EventData])]) async -> [Result<AppendResult, EventStoreError>] {
        var results: [Result<AppendResult, EventStoreError>?] = []
        var owned: [StreamAppend] = []
        if let failure = preparingKeys(for: appends.map(\.events)) {
            return appends.map { _ in .failure(failure) }
        }
        results.reserveCapacity(appends.count)
        owned.reserveCapacity(appends.count)
        for append in appends {
            if identity.domain.owns(append.stream) {
                do throws(EventStoreError) {
                    let events = try sealingPersonalData(append.events, to: append.stream)
                    results.append(nil)
                    owned.append(StreamAppend(stream: append.stream.name, expected: append.expected, events: events))
                } catch {
                    results.append(.failure(error))
                }
            } else {
                results.append(.failure(.notOwner(writer: identity.description, stream: append.stream.name)))
            }
        }
        var written = (owned.isEmpty ? [] : await store.append(owned)).makeIterator()
        return results.map { $0 ?? written.next() ?? .failure(.closed) }
    }
}
