/// Everything the store can refuse or fail at, with the context a person needs.
public enum EventStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case wrongExpectedVersion(stream: String, expected: ExpectedVersion, actual: Int64?)
    /// An append whose event ids partly match events already in the stream at that version.
    case idempotencyConflict(stream: String, eventId: String)
    case streamNotFound(String)
    case streamDeleted(String)
    case eventNotFound(stream: String, version: Int64)
    case positionNotFound(UInt64)
    case invalidStreamName(String, reason: String)
    case invalidEventType(String, reason: String)
    case eventTooLarge(size: Int, limit: Int)
    case invalidMetadata(String)
    case emptyAppend
    /// Another process holds the write lock on the directory.
    case locked(directory: String, pid: Int32)
    case readOnly
    case closed
    /// The writer hit an I/O error (e.g. ENOSPC, EIO) and stopped accepting appends. An append
    /// that fails with it was not committed and never will be (the file store records the
    /// stop durably before it answers; recovery drops what was written for it).
    case writerFailed(String)
    /// The writer stopped after an I/O error and could not record the stop either: the append
    /// may or may not be committed. Retrying it with the same event ids is safe (idempotent).
    case appendOutcomeUnknown(String)
    /// A store file or directory that other users may read or write: a writable open refuses it.
    case notPrivate(path: String, mode: UInt16, directory: String)
    case io(path: String, reason: String)
    /// A networked backend (PostgreSQL) cannot reach its server, or the server failed the
    /// request, after its retries; the reason is the server's or libpq's, on one line. An
    /// append that fails with it may or may not be committed: retrying it with the same event
    /// ids is safe (idempotent).
    case unavailable(String)
    /// A record failed its checks before the tail: the store refuses to open.
    case corrupt(file: String, offset: UInt64, reason: String)
    /// A domain or processor tried to write a stream it does not own.
    case notOwner(writer: String, stream: String)
    /// A persistent-subscription group that already exists on that source.
    case groupExists(group: String, source: String)
    /// No persistent-subscription group of that name on that source.
    case groupNotFound(group: String, source: String)
    /// The group refuses another consumer (`maxSubscriberCount`).
    case tooManyConsumers(group: String, limit: Int)
    /// Settings or names that make no sense, e.g. a negative timeout.
    case invalidSettings(String)
    /// No projection of that name is registered.
    case projectionNotFound(String)
    /// A projection of that name is already registered.
    case projectionExists(String)
    /// Another process sharing the store runs that projection (it holds its lease).
    case projectionElsewhere(String)

    public var description: String {
        switch self {
        case let .wrongExpectedVersion(stream, expected, actual):
            "wrong expected version on \(stream): expected \(expected), actual \(actual.map(String.init) ?? "no stream")"
        case let .idempotencyConflict(stream, eventId):
            "event \(eventId) partly repeats an earlier append to \(stream)"
        case let .streamNotFound(stream): "stream not found: \(stream)"
        case let .streamDeleted(stream): "stream deleted: \(stream)"
        case let .eventNotFound(stream, version): "no event \(version) in \(stream)"
        case let .positionNotFound(position): "no event at position \(position)"
        case let .invalidStreamName(name, reason): "invalid stream name \"\(name)\": \(reason)"
        case let .invalidEventType(type, reason): "invalid event type \"\(type)\": \(reason)"
        case let .eventTooLarge(size, limit): "event of \(size) bytes exceeds the limit of \(limit)"
        case let .invalidMetadata(reason): "invalid stream metadata: \(reason)"
        case .emptyAppend: "nothing to append"
        case let .locked(directory, pid): "\(directory) is in use by process \(pid)"
        case .readOnly: "the store is open read-only"
        case .closed: "the store is closed"
        case let .writerFailed(reason): "the writer stopped after an I/O error: \(reason)"
        case let .appendOutcomeUnknown(reason):
            "the writer stopped after an I/O error and the outcome of this append is unknown; retrying it with the same event ids is safe: \(reason)"
        case let .notPrivate(path, mode, directory):
            "\(path) has mode \(String(mode, radix: 8)): other users can reach bank data; run `chmod -R go-rwx \(directory)`"
        case let .io(path, reason): "\(path): \(reason)"
        case let .unavailable(reason): "the store is unavailable: \(reason)"
        case let .corrupt(file, offset, reason): "corrupt record in \(file) at offset \(offset): \(reason)"
        case let .notOwner(writer, stream): "\(writer) may not write \(stream)"
        case let .groupExists(group, source): "subscription group \(group) on \(source) already exists"
        case let .groupNotFound(group, source): "no subscription group \(group) on \(source)"
        case let .tooManyConsumers(group, limit): "subscription group \(group) already has its maximum of \(limit) consumers"
        case let .invalidSettings(reason): "invalid settings: \(reason)"
        case let .projectionNotFound(name): "no projection named \(name)"
        case let .projectionExists(name): "a projection named \(name) is already registered"
        case let .projectionElsewhere(name): "projection \(name) runs in another process on this store"
        }
    }
}
