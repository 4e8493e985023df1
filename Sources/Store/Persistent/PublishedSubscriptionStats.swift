import Foundation

/// One process's live persistent-subscription figures as it published them to the store, so
/// that any process (`subscriptions`, another console) can show every host's.
///
/// Each publishing process writes to its own `$persistentsubscription-stats-{host}-{pid}`
/// stream, kept to its newest event (`$maxCount` 1), whose last event says `closed` when the
/// process closed cleanly; a process that died leaves its last figures, whose age says they
/// are stale. (One small stream per process run: they grow with runs, not with the log.)
public struct PublishedSubscriptionStats: Codable, Sendable, Hashable {
    public static let streamPrefix = "$persistentsubscription-stats-"
    public static let eventType = "$PersistentSubscriptionStats"

    public var host: String
    public var pid: Int32
    public var publishedAt: Date
    /// Each group's figures in that process, as `PersistentSubscriptions.stats()` gave them.
    public var groups: [PersistentGroupStats]
    /// The process closed cleanly: nothing of it is live.
    public var closed = false

    public init(host: String, pid: Int32, publishedAt: Date, stats: [PersistentGroupStats]) {
        self.host = host
        self.pid = pid
        self.publishedAt = publishedAt
        groups = stats
    }

    /// The stream a process publishes to.
    public static func stream(host: String, pid: Int32) -> String {
        let safeHost = String(host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        return "\(streamPrefix)\(safeHost)-\(pid)"
    }

    /// The latest figures of every process that published and has not closed cleanly, newest
    /// first. Figures that do not decode are skipped (they are statistics, not bank data).
    public static func readAll(from store: any EventStore) throws(EventStoreError) -> [PublishedSubscriptionStats] {
        var result: [PublishedSubscriptionStats] = []
        for info in store.streams(prefix: streamPrefix) where !info.isDeleted && info.lastVersion >= 0 {
            let last: [RecordedEvent]
            do {
                last = try store.read(.stream(info.name), from: .end, direction: .backward, maxCount: 1)
            } catch .streamNotFound, .streamDeleted {
                continue
            }
            guard let event = last.first, event.type == eventType,
                  let stats = try? decoder.decode(PublishedSubscriptionStats.self, from: event.data), !stats.closed else { continue }
            result.append(stats)
        }
        return result.sorted { $0.publishedAt > $1.publishedAt }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
