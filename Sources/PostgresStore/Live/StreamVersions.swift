import Store
import Synchronization

/// What this process knows of streams' last versions, so that `lastVersion(of:)` (which the
/// bank's processors ask before every decision when other processes write) is answered without
/// a query when nothing can have changed unseen.
///
/// Fed like `IndexHeads`: every event-writing transaction notifies, in commit order, the last
/// version of each stream whose row it changed (`IndexHeads.Notice.versions`), and this
/// process's own commits are applied as soon as they are made. A stream whose row has metadata
/// or a tombstone is never answered from here (its visible version depends on them): the
/// notice marks it, and it is asked of the server every time. A stream no notice has named is
/// asked once and the answer kept (`record`), unless a notice or a restart of listening came in
/// between (`Ticket`).
///
/// An answer is given only to a caller whose store has seen nothing past what the notices
/// cover (`covering`: the highest position the process has read, written or been told of), so
/// it is what a query would have answered at some moment after everything the process has seen:
/// a commit another process makes meanwhile is missed as it would be by a query just before it.
/// Nothing is decided on it alone: an append's expected version is checked by its transaction.
/// Forgets everything when the listener stops listening. Thread-safe.
final class StreamVersions: Sendable {
    /// What is known of one stream.
    enum Entry: Equatable {
        /// Its visible last version (nil: it has no events).
        case version(Int64?)
        /// Its row has metadata or a tombstone: ask the server.
        case unknown
    }

    /// Taken before a query whose answer may be recorded: the answer is kept only if nothing
    /// was forgotten and no notice named the stream meanwhile.
    struct Ticket: Equatable {
        fileprivate var epoch: UInt64
    }

    private struct State {
        var live = false
        /// Bumped whenever entries are dropped, so an answer read before is not recorded after.
        var epoch: UInt64 = 0
        /// Every commit of events below this position is applied.
        var covered: UInt64 = 0
        var entries: [String: Entry] = [:]
    }
    private let state = Mutex(State())

    /// Entries kept at most; past it they are all dropped (each then costs one query again).
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = max(1, capacity)
    }

    /// The answer for `stream` (`.version`, never `.unknown`) when known for a caller that has
    /// seen nothing at or past `position`; nil: ask the server.
    func lookup(_ stream: String, covering position: UInt64) -> Entry? {
        state.withLock { state in
            guard state.live, state.covered >= position, let entry = state.entries[stream], entry != .unknown else { return nil }
            return entry
        }
    }

    /// A ticket for recording an answer about to be read from the server (nil while not listening).
    func ticket() -> Ticket? {
        state.withLock { $0.live ? Ticket(epoch: $0.epoch) : nil }
    }

    /// Keeps the server's answer for a stream no notice has named since `ticket` was taken:
    /// `row` as read (nil: no row). A row with metadata or a tombstone is not kept.
    func record(_ stream: String, row: StreamRow?, ticket: Ticket) {
        guard row.map(Self.isPlain) ?? true else { return }
        state.withLock { state in
            guard state.live, state.epoch == ticket.epoch, state.entries[stream] == nil else { return }
            if state.entries.count >= capacity { Self.drop(&state) }
            state.entries[stream] = .version(row?.visibleLastVersion)
        }
    }

    /// Starts listening: nothing known yet, every commit below `covered` applied.
    func seed(covered: UInt64) {
        state.withLock { state in
            let epoch = state.epoch + 1
            state = State(live: true, epoch: epoch, covered: covered)
        }
    }

    /// Forgets everything (the listener stopped listening: notifications may be missed).
    func forget() {
        state.withLock { state in
            let epoch = state.epoch + 1
            state = State(epoch: epoch)
        }
    }

    /// Applies a commit's notice.
    func apply(_ notice: IndexHeads.Notice) {
        state.withLock { state in
            guard state.live else { return }
            Self.apply(notice, to: &state, capacity: capacity)
        }
    }

    /// Applies this process's own commit as soon as it is made, when every commit before it
    /// (below `prior`) is applied; else its notifications bring it in order.
    func applyOwn(after prior: UInt64, _ notices: [IndexHeads.Notice]) {
        state.withLock { state in
            guard state.live, state.covered >= prior else { return }
            for notice in notices { Self.apply(notice, to: &state, capacity: capacity) }
        }
    }

    /// A notice at or below `covered` was applied already (notices come in commit order, and
    /// this process's own commits are applied before their notifications arrive): applied again
    /// it would take a stream back to an older version.
    private static func apply(_ notice: IndexHeads.Notice, to state: inout State, capacity: Int) {
        guard notice.head > state.covered else { return }
        state.covered = notice.head
        if notice.versionsIncomplete {
            drop(&state)
            return
        }
        if state.entries.count + notice.versions.count > capacity { drop(&state) }
        for (stream, entry) in notice.versions where state.entries[stream] != .unknown {
            state.entries[stream] = entry
        }
    }

    /// Drops every entry; an answer read before is not recorded after.
    private static func drop(_ state: inout State) {
        state.entries = [:]
        state.epoch += 1
    }

    /// Whether a row's visible last version is its last version (no metadata, no tombstone):
    /// only such a stream is answered from here.
    static func isPlain(_ row: StreamRow) -> Bool {
        !row.tombstoned && row.metadata == StreamMetadata()
    }
}
