/// Names of the streams the persistent subscriptions keep in the store (EventStoreDB's names).
public enum PersistentStreamNames {
    /// Where every group's configuration lives.
    public static let config = "$persistentSubscriptionConfig"

    /// The stream a group's parked messages go to: `$persistentsubscription-{source}::{group}-parked`.
    public static func parked(source: String, group: String) -> String {
        "$persistentsubscription-\(source)::\(group)-parked"
    }

    /// The stream a group's checkpoints go to: `$persistentsubscription-{source}::{group}-checkpoint`.
    public static func checkpoint(source: String, group: String) -> String {
        "$persistentsubscription-\(source)::\(group)-checkpoint"
    }

    /// Checkpoints kept readable per group (`$maxCount` of its checkpoint stream).
    static let checkpointsKept: Int64 = 16
    static let configType = "$PersistentConfig"
    static let checkpointType = "$SubscriptionCheckpoint"
    static let parkedType = "$ParkedMessage"
}
