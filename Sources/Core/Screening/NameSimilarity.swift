/// How closely two names match, from their tokens, in 0...1 — word order does not matter.
///
/// Tokens are aligned greedily, best pair first. A pair of whole words scores its
/// Jaro–Winkler similarity (0 below `tokenFloor`); an initial matches a word with the same
/// first letter at 0.9; unmatched words count against the score, except that the longer name's
/// surplus words (missing middle names) count only a tenth of their length. The score is a
/// weighted mean (weight = word length), then:
/// - when either name has two or more words and only one word aligns, the score is scaled
///   by 0.8 (a shared surname alone is not a hit);
/// - it never exceeds the best *anchor* pair — two whole words with the same first letter —
///   so a match needs at least one word that starts the same and scores at least the
///   threshold. The screener's prefilter relies on this.
public enum NameSimilarity {
    /// Whole-word pairs below this similarity do not align.
    public static let tokenFloor = 0.8
    /// Similarity of an initial and a word with the same first letter.
    public static let initialScore = 0.9
    /// Weight of a surplus word in the longer name, relative to its length.
    public static let surplusWeight = 0.1
    /// Factor applied when only one word of two multi-word names aligns.
    public static let singleWordFactor = 0.8

    /// The similarity of a pair of tokens, with its weight in the mean.
    ///
    /// `wholeWords` gives the Jaro–Winkler similarity of the two when both are whole words
    /// (the screener passes one it already knows).
    @inline(__always)
    static func pair(_ a: NameToken, _ b: NameToken, wholeWords: () -> Double) -> (score: Double, weight: Double, anchor: Bool) {
        switch (a.isInitial, b.isInitial) {
        case (true, true):
            return (a.first == b.first ? 1 : 0, 1, false)
        case (true, false), (false, true):
            let word = a.isInitial ? b : a
            return (a.first == b.first ? initialScore : 0, max(1, Double(word.count) / 2), false)
        case (false, false):
            let score = wholeWords()
            return (score >= tokenFloor ? score : 0, Double(max(a.count, b.count)), a.first == b.first)
        }
    }

    /// One candidate pairing of a query word `i` with a candidate word `j`.
    struct Pair {
        var score: Double
        var weight: Double
        var i: Int
        var j: Int
    }

    /// The score of `query` against `candidate` (both from `NameNormaliser.tokens`, so at
    /// most 16 words each). Allocates nothing.
    public static func score(_ query: [NameToken], _ candidate: [NameToken]) -> Double {
        score(query, candidate) { i, j in JaroWinkler.similarity(query[i], candidate[j]) }
    }

    /// The same score, with `similarity(i, j)` giving the Jaro–Winkler similarity of whole
    /// words `query[i]` and `candidate[j]` — it must be exactly `JaroWinkler.similarity` of
    /// the two, or at least below `tokenFloor` when that is below `tokenFloor`.
    @inline(__always)
    static func score(_ query: [NameToken], _ candidate: [NameToken], similarity: (Int, Int) -> Double) -> Double {
        let n = min(query.count, 16), m = min(candidate.count, 16)
        if n == 0 || m == 0 { return 0 }
        return withUnsafeTemporaryAllocation(of: Pair.self, capacity: n * m) { pairs in
            var count = 0
            var bestAnchor = 0.0
            for i in 0..<n {
                for j in 0..<m {
                    let p = pair(query[i], candidate[j]) { similarity(i, j) }
                    guard p.score > 0 else { continue }
                    if p.anchor && p.score > bestAnchor { bestAnchor = p.score }
                    pairs[count] = Pair(score: p.score, weight: p.weight, i: i, j: j)
                    count += 1
                }
            }
            if bestAnchor == 0 { return 0 }
            // Greedy alignment, best pair first (ties: lower i, then lower j).
            var usedQuery: UInt32 = 0
            var usedCandidate: UInt32 = 0
            var matchedWeight = 0.0
            var totalWeight = 0.0
            var aligned = 0
            while aligned < min(n, m) {
                var best = -1
                for k in 0..<count where usedQuery & (1 << UInt32(pairs[k].i)) == 0 && usedCandidate & (1 << UInt32(pairs[k].j)) == 0 {
                    if best < 0 || pairs[k].score > pairs[best].score { best = k }
                }
                if best < 0 { break }
                let p = pairs[best]
                usedQuery |= 1 << UInt32(p.i)
                usedCandidate |= 1 << UInt32(p.j)
                matchedWeight += p.score * p.weight
                totalWeight += p.weight
                aligned += 1
            }
            // Unmatched words; the longer name's surplus counts lightly, lightest words first.
            var surplus = abs(n - m)
            var unmatchedLonger = UnmatchedWeights()
            for i in 0..<n where usedQuery & (1 << UInt32(i)) == 0 {
                let weight = Double(query[i].count)
                if n > m { unmatchedLonger.insert(weight) } else { totalWeight += weight }
            }
            for j in 0..<m where usedCandidate & (1 << UInt32(j)) == 0 {
                let weight = Double(candidate[j].count)
                if m > n { unmatchedLonger.insert(weight) } else { totalWeight += weight }
            }
            for k in 0..<unmatchedLonger.count {
                let weight = unmatchedLonger[k]
                if surplus > 0 {
                    totalWeight += weight * surplusWeight
                    surplus -= 1
                } else {
                    totalWeight += weight
                }
            }
            var score = matchedWeight / totalWeight
            if max(n, m) >= 2 && aligned < 2 { score *= singleWordFactor }
            return min(score, bestAnchor)
        }
    }

    /// Convenience: the score of two names as written.
    public static func score(_ query: String, _ candidate: String) -> Double {
        score(NameNormaliser.tokens(query), NameNormaliser.tokens(candidate))
    }
}

/// Up to 16 word weights kept in ascending order without allocating. The weights are word
/// lengths (whole numbers, 1...64), so a byte each holds them exactly.
struct UnmatchedWeights {
    private var slots: (UInt64, UInt64) = (0, 0)
    private(set) var count = 0

    /// Inserts `weight` in order (insertion sort over the bytes).
    mutating func insert(_ weight: Double) {
        guard count < 16 else { return }
        let value = UInt8(min(255, max(0, weight)))
        let filled = count
        withUnsafeMutableBytes(of: &slots) { bytes in
            var k = filled
            while k > 0 && bytes[k - 1] > value {
                bytes[k] = bytes[k - 1]
                k -= 1
            }
            bytes[k] = value
        }
        count += 1
    }

    /// The `k`-th smallest weight.
    subscript(k: Int) -> Double { withUnsafeBytes(of: slots) { Double($0[k]) } }
}
