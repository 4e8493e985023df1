extension LogScanner.Entry {
    /// The streams among `entries` that the tail index `tail` has no events of but that began
    /// before them (their first entry here is not their version 0): what
    /// `StreamIndex.apply(...isKnown:)` asks, so that such a stream is not counted new in
    /// `$streams`. Answered from the versions the log's records carry, without asking the saved
    /// parts: opening a store reads no part for the streams of its log's tail, so that its cost
    /// does not grow with the number of parts.
    static func streamsBegunBefore(_ entries: [LogScanner.Entry], tail: StreamIndex) -> Set<String> {
        var begun: Set<String> = []
        var seen: Set<String> = []
        for entry in entries where !entry.stream.hasPrefix("$") && tail.streams[entry.stream]?.positions.isEmpty ?? true {
            guard seen.insert(entry.stream).inserted else { continue }
            if entry.version > 0 { begun.insert(entry.stream) }
        }
        return begun
    }
}
