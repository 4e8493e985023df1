import Foundation

/// Every group's configuration, stored whole in each event of `$persistentSubscriptionConfig`.
struct PersistentConfig: Codable, Hashable {
    struct Group: Codable, Hashable {
        var group: String
        var source: String
        var settings: PersistentSubscriptionSettings
        /// Source position a group without a checkpoint starts from (`.end` resolved at creation).
        var start: Int64
        /// Parked-stream version from which this incarnation's parked messages count.
        var parkedBase: Int64
        /// Version of the config event that created it; checkpoints of other incarnations are ignored.
        var generation: Int64
    }

    var groups: [Group] = []

    /// Where `group` on `source` is in `groups`; `groupNotFound` when it is not there.
    func index(of group: String, on source: ReadTarget) throws(EventStoreError) -> Int {
        guard let index = groups.firstIndex(where: { $0.group == group && $0.source == source.description }) else {
            throw .groupNotFound(group: group, source: source.description)
        }
        return index
    }

    func encoded() throws(EventStoreError) -> Data {
        do {
            return try JSONEncoder().encode(self)
        } catch {
            throw .invalidSettings("cannot encode the subscription configuration: \(error)")
        }
    }

    /// The latest configuration and the config stream's last version (nil when none was written).
    static func load(from store: any EventStore) throws(EventStoreError) -> (PersistentConfig, Int64?) {
        let last = Result { () throws(EventStoreError) -> [RecordedEvent] in
            try store.read(.stream(PersistentStreamNames.config), from: .end, direction: .backward, maxCount: 1)
        }
        switch last {
        case .success(let events):
            guard let event = events.first else { return (PersistentConfig(), nil) }
            do {
                return (try JSONDecoder().decode(PersistentConfig.self, from: event.data), event.version)
            } catch {
                throw .invalidSettings("\(PersistentStreamNames.config)@\(event.version) is unreadable: \(error)")
            }
        case .failure(.streamNotFound):
            return (PersistentConfig(), nil)
        case .failure(let error):
            throw error
        }
    }
}
