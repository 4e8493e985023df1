/// A list word similar to a screened word: its vocabulary id, whether it reaches the
/// threshold (an anchor) or only the token floor, and the Jaro–Winkler similarity.
struct WordHit: Sendable {
    let id: Int32
    let anchors: Bool
    let similarity: Double
}
