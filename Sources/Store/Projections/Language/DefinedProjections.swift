import Synchronization

/// Keeps a `Projections` host in step with `$projection-definitions`: registers (and starts)
/// the projections defined since it last looked, unregisters the deleted ones. Cheap when
/// nothing changed (one look at the stream's last version); poll it. Thread-safe.
public final class DefinedProjections: Sendable {
    private let projections: Projections
    private let store: any EventStore
    private let start: Bool
    /// The definitions registered, by name, and the stream version they came from.
    private let seen = Mutex<(version: Int64?, texts: [String: String], problems: [String])>((nil, [:], []))

    /// - Parameter start: start each newly registered projection (a console, a long-running
    ///   process); false leaves them stopped (a command that catches them up itself).
    public init(projections: Projections, store: any EventStore, start: Bool) {
        self.projections = projections
        self.store = store
        self.start = start
    }

    /// Why definitions could not be registered at the last sync (a name taken by a projection
    /// written in Swift, a text this build cannot compile), one sentence each.
    public var problems: [String] { seen.withLock { $0.problems } }

    /// Brings the host in step with the stream; returns the names registered by this call.
    @discardableResult
    public func sync() async throws(EventStoreError) -> [String] {
        let last = store.lastVersion(of: ProjectionDefinitions.stream)
        if seen.withLock({ $0.version == last && last != nil }) { return [] }
        let definitions: [ProjectionDefinition], version: Int64?
        do {
            (definitions, version) = try ProjectionDefinitions.load(from: store)
        } catch {
            // Kept until a look succeeds: a process with no screen to show it to still has it.
            seen.withLock { $0.problems = ["reading \(ProjectionDefinitions.stream): \(error)"] }
            throw error
        }
        let registered = seen.withLock { $0.texts }
        var texts: [String: String] = [:]
        var problems: [String] = []
        var added: [String] = []
        let wanted = Dictionary(definitions.map { ($0.name, $0.text) }, uniquingKeysWith: { $1 })
        for (name, text) in registered where wanted[name] != text {
            await projections.unregister(name)
        }
        for definition in definitions {
            if registered[definition.name] == definition.text {
                texts[definition.name] = definition.text
                continue
            }
            do {
                try projections.register(try TextProjection(name: definition.name, text: definition.text))
            } catch {
                problems.append("\(definition.name): \(error)")
                continue
            }
            // Registered: remembered even if it cannot start now (a store it shares by lease
            // unreachable), so the next look does not register it twice; sharing retries the start.
            texts[definition.name] = definition.text
            added.append(definition.name)
            if start {
                do throws(EventStoreError) {
                    try projections.start(definition.name)
                } catch {
                    problems.append("\(definition.name): starting it: \(error)")
                }
            }
        }
        seen.withLock { $0 = (version, texts, problems) }
        return added
    }
}
