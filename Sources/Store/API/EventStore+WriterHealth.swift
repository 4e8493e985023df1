import Foundation

/// A store whose writer can stop (after an I/O error such as a full disk): appends then fail,
/// reads keep working. `FileEventStore` is one; a store that never stops need not conform.
///
/// A conforming type must implement `writerFailure` itself: the `EventStore` extension below
/// forwards to this requirement, so relying on it would recurse.
public protocol EventStoreWriterHealth: AnyObject {
    /// Why the writer stopped, or nil while it is healthy.
    var writerFailure: String? { get }
}

extension FileEventStore: EventStoreWriterHealth {}

extension EventStore {
    /// Why the store's writer stopped, or nil while it is healthy (always nil for a store that
    /// cannot stop, such as `MemoryEventStore`). Once set, every append fails; reads keep working,
    /// so a caller polls this to say so and to refuse writes up front.
    public var writerFailure: String? { (self as? any EventStoreWriterHealth)?.writerFailure }
}
