import Store

/// A store that can say its writer stopped (after an I/O error such as a full disk): appends
/// then fail, reads keep working. `run` polls it to stop loudly instead of idling.
protocol WriterHealth: AnyObject {
    /// Why the writer stopped, or nil while it is healthy.
    var writerFailure: String? { get }
}

extension FileEventStore: WriterHealth {}
