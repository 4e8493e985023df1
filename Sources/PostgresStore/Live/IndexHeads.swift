import Synchronization

/// What this process knows of the index heads (`$ce-`, `$et-`, `$streams`: how many entries
/// each has, by `index_heads` name), so that a persistent group whose index has nothing past
/// its cursor is answered without asking the server.
///
/// Known only while the listener listens: when it starts listening it takes every head and the
/// events' head position in one snapshot (`seed`); every event-writing transaction then
/// notifies, in commit order, its new heads and head position (`apply`), so the heads are
/// exact for every commit below `covered`. A head is answered only for a caller whose head
/// position is not past `covered`: a commit it has seen (its own, or another process's
/// through `headPosition`) whose notification has not arrived yet sends it to the server.
/// The listener losing its connection forgets everything until it seeds again. Thread-safe.
final class IndexHeads: Sendable {
    private struct State {
        var live = false
        /// Every commit of events below this position is in `heads`.
        var covered: UInt64 = 0
        var heads: [String: Int64] = [:]
    }
    private let state = Mutex(State())

    /// The number of entries of index `name`, when known for every commit below `position`.
    func head(of name: String, covering position: UInt64) -> Int64? {
        state.withLock { state in
            guard state.live, state.covered >= position else { return nil }
            return state.heads[name] ?? 0
        }
    }

    /// One past the last event committed, as far as the notifications applied say: nil while
    /// not listening. A commit whose notification has not arrived yet is not counted; its
    /// arrival wakes the waiters, who ask again.
    var committedHead: UInt64? {
        state.withLock { $0.live ? $0.covered : nil }
    }

    /// Starts from a snapshot: every head (an index missing has none) and the head position.
    func seed(_ heads: [String: Int64], covered: UInt64) {
        state.withLock { $0 = State(live: true, covered: covered, heads: heads) }
    }

    /// Forgets everything (the listener stopped listening: notifications may be missed).
    func forget() {
        state.withLock { $0 = State() }
    }

    /// Applies a notification; false when its payload is not one this version writes (or was
    /// too long to send), so the caller seeds again.
    func apply(_ payload: String) -> Bool {
        guard let notice = Notice(payload) else { return false }
        apply(notice)
        return true
    }

    /// Applies a notification read already.
    func apply(_ notice: Notice) {
        state.withLock { state in
            guard state.live else { return }
            state.covered = max(state.covered, notice.head)
            for (name, next) in notice.heads { state.heads[name] = max(state.heads[name] ?? 0, next) }
        }
    }

    /// Applies this process's own commit as soon as it is made, when every commit before it
    /// (below `prior`, the head it found under the write lock) is known; else its
    /// notifications bring it in order.
    func applyOwn(after prior: UInt64, _ notices: [Notice]) {
        state.withLock { state in
            guard state.live, state.covered >= prior else { return }
            for notice in notices {
                state.covered = max(state.covered, notice.head)
                for (name, next) in notice.heads { state.heads[name] = max(state.heads[name] ?? 0, next) }
            }
        }
    }

    /// A commit's notification: its head position, the heads it moved, and the last version of
    /// each stream whose row it changed (`StreamVersions`).
    struct Notice: Equatable {
        var head: UInt64
        var heads: [(name: String, next: Int64)]
        var versions: [(stream: String, entry: StreamVersions.Entry)] = []
        /// The streams' versions are not all in it (a name that cannot be sent, or a notice of a
        /// version that sends none): whoever keeps versions drops them all.
        var versionsIncomplete = false

        /// The longest payload sent; a longer one is replaced by `"*"` (seed again).
        static let maxPayload = 7_900

        /// `h3 HEAD`, then `NAME\tNEXT` a line, then `v:STREAM\tVERSION` a line (-1: no events,
        /// -2: ask the server), or `v*\t0` for incomplete versions. Index names hold no control
        /// characters; a stream name with a line break or a tab is not sent (`v*`), nor are the
        /// versions when they would make the payload too long. A version that read `h2` notices
        /// (heads only) reads these too, taking the `v` lines for heads nobody asks for.
        var payload: String {
            var text = "h3 \(head)"
            for (name, next) in heads { text += "\n\(name)\t\(next)" }
            let headsOnly = text + "\nv*\t0"
            guard !versionsIncomplete, versions.allSatisfy({ !$0.stream.contains(where: { $0 == "\n" || $0 == "\t" }) }) else {
                return headsOnly.utf8.count <= Self.maxPayload ? headsOnly : "*"
            }
            for (stream, entry) in versions {
                switch entry {
                case .version(let version): text += "\nv:\(stream)\t\(version ?? -1)"
                case .unknown: text += "\nv:\(stream)\t-2"
                }
            }
            if text.utf8.count <= Self.maxPayload { return text }
            return headsOnly.utf8.count <= Self.maxPayload ? headsOnly : "*"
        }

        init(head: UInt64, heads: [(name: String, next: Int64)], versions: [(stream: String, entry: StreamVersions.Entry)] = [],
             versionsIncomplete: Bool = false) {
            self.head = head
            self.heads = heads
            self.versions = versions
            self.versionsIncomplete = versionsIncomplete
        }

        /// Reads an `h3` payload, or an `h2` one (heads only: its versions are incomplete).
        ///
        /// Over the payload's UTF-8 bytes: every process reads every commit's notice, and
        /// splitting it as `Character`s (grapheme breaking on every line) was half of what a
        /// listener spent. A line break or a tab is one byte and a boundary in any text, so the
        /// lines and fields are those the characters give.
        init?(_ payload: String) {
            var text = payload
            guard let notice = text.withUTF8({ Self.parse($0) }) else { return nil }
            self = notice
        }

        private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Notice? {
            let (newline, tab): (UInt8, UInt8) = (0x0A, 0x09)
            var lines: [Range<Int>] = []
            var start = 0
            for index in 0..<bytes.count where bytes[index] == newline {
                lines.append(start..<index)
                start = index + 1
            }
            lines.append(start..<bytes.count)
            let first = lines[0]
            // `h2 ` or `h3 `, then the head.
            guard first.count > 3, bytes[first.lowerBound] == UInt8(ascii: "h"), bytes[first.lowerBound + 2] == UInt8(ascii: " "),
                  bytes[first.lowerBound + 1] == UInt8(ascii: "2") || bytes[first.lowerBound + 1] == UInt8(ascii: "3"),
                  let head = integer(bytes, first.lowerBound + 3..<first.upperBound), head >= 0 else { return nil }
            var heads: [(name: String, next: Int64)] = []
            var versions: [(stream: String, entry: StreamVersions.Entry)] = []
            var incomplete = bytes[first.lowerBound + 1] == UInt8(ascii: "2")
            for line in lines.dropFirst() {
                guard let tab = line.last(where: { bytes[$0] == tab }), let next = integer(bytes, tab + 1..<line.upperBound) else { return nil }
                let name = UnsafeBufferPointer(rebasing: bytes[line.lowerBound..<tab])
                if name.count == 2 && name[0] == UInt8(ascii: "v") && name[1] == UInt8(ascii: "*") {
                    incomplete = true
                } else if name.count >= 2 && name[0] == UInt8(ascii: "v") && name[1] == UInt8(ascii: ":") {
                    let stream = String(decoding: UnsafeBufferPointer(rebasing: name[2...]), as: UTF8.self)
                    versions.append((stream, next == -2 ? .unknown : .version(next < 0 ? nil : next)))
                } else {
                    heads.append((String(decoding: name, as: UTF8.self), next))
                }
            }
            return Notice(head: UInt64(head), heads: heads, versions: versions, versionsIncomplete: incomplete)
        }

        /// A decimal `Int64` (an optional sign, then at least one digit, nothing else); nil
        /// when the bytes are not one or it overflows.
        private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
            var index = range.lowerBound
            var negative = false
            if index < range.upperBound, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                negative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < range.upperBound else { return nil }
            var value: Int64 = 0
            while index < range.upperBound {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowed) = negative ? times.subtractingReportingOverflow(Int64(digit)) : times.addingReportingOverflow(Int64(digit))
                guard !overflow, !overflowed else { return nil }
                value = sum
                index += 1
            }
            return value
        }

        static func == (lhs: Notice, rhs: Notice) -> Bool {
            lhs.head == rhs.head && lhs.heads.map(\.name) == rhs.heads.map(\.name) && lhs.heads.map(\.next) == rhs.heads.map(\.next)
                && lhs.versions.map(\.stream) == rhs.versions.map(\.stream) && lhs.versions.map(\.entry) == rhs.versions.map(\.entry)
                && lhs.versionsIncomplete == rhs.versionsIncomplete
        }
    }
}
