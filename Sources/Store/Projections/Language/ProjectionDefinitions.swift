import Foundation

/// A projection an operator defined at run time: its name and its program's text. Made only
/// by `ProjectionDefinitions` (with the memberwise initialiser) from a definition it stores.
public struct ProjectionDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var text: String
}

/// The projections defined at run time, kept as events in the system stream
/// `$projection-definitions` (`ProjectionDefined` with the text, `ProjectionDeleted`), so they
/// survive restarts and every process on the store, on either backend, sees the same ones.
public enum ProjectionDefinitions {
    public static let stream = "$projection-definitions"
    static let definedType = "ProjectionDefined"
    static let deletedType = "ProjectionDeleted"

    private struct Deleted: Codable {
        var name: String
    }

    /// The definitions in force, in the order they were defined, and the stream's version
    /// they reflect (nil when none was ever written). Reads the whole stream: it holds one
    /// event per create or delete.
    public static func load(from store: any EventStore) throws(EventStoreError) -> (definitions: [ProjectionDefinition], version: Int64?) {
        let events: [RecordedEvent]
        do throws(EventStoreError) {
            events = try store.read(.stream(stream), from: .start, direction: .forward, maxCount: .max)
        } catch .streamNotFound {
            return ([], nil)
        }
        var definitions: [ProjectionDefinition] = []
        for event in events {
            do {
                switch event.type {
                case definedType:
                    let definition = try JSONDecoder().decode(ProjectionDefinition.self, from: event.data)
                    definitions.removeAll { $0.name == definition.name }
                    definitions.append(definition)
                case deletedType:
                    let deleted = try JSONDecoder().decode(Deleted.self, from: event.data)
                    definitions.removeAll { $0.name == deleted.name }
                default:
                    throw EventStoreError.invalidSettings("unknown event type \(event.type)")
                }
            } catch {
                throw .invalidSettings("\(stream)@\(event.version) is unreadable: \(error)")
            }
        }
        return (definitions, events.last?.version)
    }

    /// Records `projection` as defined. Refuses a name already defined, or one of `reserved`
    /// (the projections written in Swift). Any state an earlier projection of that name left
    /// behind is set aside (a new generation), so it starts from the beginning of time.
    public static func define(_ projection: TextProjection, in store: any EventStore, reserved: Set<String> = []) async throws(EventStoreError) {
        let name = projection.name
        try ProjectionStreamNames.validate(projection: name)
        if reserved.contains(name) { throw .projectionExists(name) }
        let (definitions, version) = try load(from: store)
        if definitions.contains(where: { $0.name == name }) { throw .projectionExists(name) }
        try await setAsideState(of: name, in: store)
        let data = try encode(ProjectionDefinition(name: name, text: projection.text))
        _ = try await store.appendToSystemStream(stream, expected: version.map { .exact($0) } ?? .noStream,
                                                 events: [EventData(id: StableHash.uuid(stream, definedType, name, String(version ?? -1)), type: definedType, data: data)])
    }

    /// Records the projection `name` as deleted; its stored state is left behind, unused.
    public static func delete(_ name: String, in store: any EventStore) async throws(EventStoreError) {
        let (definitions, version) = try load(from: store)
        guard definitions.contains(where: { $0.name == name }), let version else { throw .projectionNotFound(name) }
        let data = try encode(Deleted(name: name))
        _ = try await store.appendToSystemStream(stream, expected: .exact(version), events: [EventData(id: StableHash.uuid(stream, deletedType, name, String(version)), type: deletedType, data: data)])
    }

    /// Writes a checkpoint of the next generation at position 0 when `name` has one, so its
    /// old partition states no longer count.
    private static func setAsideState(of name: String, in store: any EventStore) async throws(EventStoreError) {
        let checkpointStream = ProjectionStreamNames.checkpoint(name)
        let last: [RecordedEvent]
        do throws(EventStoreError) {
            last = try store.read(.stream(checkpointStream), from: .end, direction: .backward, maxCount: 1)
        } catch .streamNotFound {
            return
        }
        guard let event = last.first else { return }
        let previous: ProjectionCheckpoint
        do {
            previous = try JSONDecoder().decode(ProjectionCheckpoint.self, from: event.data)
        } catch {
            throw .invalidSettings("\(checkpointStream)@\(event.version) is unreadable: \(error)")
        }
        let data = try encode(ProjectionCheckpoint(generation: previous.generation + 1, next: 0))
        _ = try await store.appendToSystemStream(checkpointStream, expected: .any,
                                                 events: [EventData(id: StableHash.uuid(checkpointStream, String(previous.generation + 1), "set aside"),
                                                                    type: ProjectionStreamNames.checkpointType, data: data)])
    }

    private static func encode<T: Encodable>(_ value: T) throws(EventStoreError) -> Data {
        do {
            return try JSONEncoder().encode(value)
        } catch {
            throw .invalidSettings("cannot encode \(value): \(error)")
        }
    }
}
