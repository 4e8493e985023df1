/// How closely two names match, from their tokens, in 0...1 — word order does not matter.
///
/// Tokens are aligned greedily, best pair first. A pair of whole words scores its
/// Jaro–Winkler similarity when that is at least `tokenFloor` *and* the two are spellings of
/// one word — equal, or within `allowedEdits` typing slips (a letter changed, lost, added, or
/// two swapped) — and 0 otherwise: Jaro–Winkler alone rewards shared prefixes, so `Willis`
/// and `Williamson` or `Leung` and `Cheung` would pass. An initial matches a word with the
/// same first letter at 0.9, but only while each name's first initial is aligned (`A. S.
/// Rashid` names someone whose given name starts with A, not `Samira Rashid`) and, when an
/// initial stands for a whole word, every other word aligned is exact (an initial says
/// little, so the rest must say it all); otherwise no initial aligns. Unmatched words count
/// against the score, except that the longer name's surplus words (missing middle names)
/// count only a tenth of their length. The score is a
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

    /// How many typing slips two whole words may differ by and still align: none when either
    /// has 3 letters or fewer (`Li`/`Liu`, `Ali`/`Wali` are other names), else by the longer
    /// one's length: one up to 7, two
    /// from 8 (`Muhammad`/`Mohammed`). A particle both begin with (`al`, `abu`, `van`… glued
    /// on by `NameNormaliser`) does not count: `Al-Rifi` and `Al-Rifani` are two slips apart
    /// in names of 4 and 6 letters, not in 8-letter words.
    @inline(__always)
    public static func allowedEdits(_ a: NameToken, _ b: NameToken) -> Int {
        var longer = max(a.count, b.count)
        var shorter = min(a.count, b.count)
        let particle = min(a.particleLength, b.particleLength)
        if particle > 0 && a.scalars.prefix(particle) == b.scalars.prefix(particle) {
            longer -= particle
            shorter -= particle
        }
        // A word of 3 letters or fewer is its own name (`Ali` is not `Wali`, `Li` not `Liu`).
        return shorter <= 3 ? 0 : longer <= 7 ? 1 : 2
    }

    /// Whether two whole words can be spellings of one word in some names: `spellingsAgree`
    /// with the particles not discounted, so it holds whenever `spellingsAgree` does for any
    /// particle lengths. The screener's prefilter uses it on list words shared by many names.
    @inline(__always)
    public static func spellingsMayAgree(_ a: NameToken, _ b: NameToken) -> Bool {
        if a.scalars == b.scalars { return true }
        let longer = max(a.count, b.count)
        let limit = longer <= 3 ? 0 : longer <= 7 ? 1 : 2
        return limit > 0 && EditDistance.within(a.scalars, b.scalars, limit: limit)
    }

    /// Whether two whole words are spellings of one word: equal, or within `allowedEdits`.
    @inline(__always)
    public static func spellingsAgree(_ a: NameToken, _ b: NameToken) -> Bool {
        if a.scalars == b.scalars { return true }
        let limit = allowedEdits(a, b)
        return limit > 0 && EditDistance.within(a.scalars, b.scalars, limit: limit)
    }

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
            let aligns = score >= tokenFloor && spellingsAgree(a, b)
            return (aligns ? score : 0, Double(max(a.count, b.count)), a.first == b.first)
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
            // Greedy alignment, best pair first (ties: lower i, then lower j); again without
            // initials when they aligned but a name's first initial did not, or beside an
            // inexact word.
            var alignment = align(pairs, count: count, n: n, m: m, initials: true, query, candidate)
            if alignment.usedInitial && ((alignment.initialForWord && alignment.inexactWords)
                || !(firstInitialAligned(query, alignment.usedQuery) && firstInitialAligned(candidate, alignment.usedCandidate))) {
                alignment = align(pairs, count: count, n: n, m: m, initials: false, query, candidate)
            }
            let usedQuery = alignment.usedQuery, usedCandidate = alignment.usedCandidate, aligned = alignment.aligned
            let matchedWeight = alignment.matchedWeight
            var totalWeight = alignment.totalWeight
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

    /// The outcome of one greedy alignment.
    struct Alignment {
        var usedQuery: UInt32 = 0
        var usedCandidate: UInt32 = 0
        var matchedWeight = 0.0
        var totalWeight = 0.0
        var aligned = 0
        var usedInitial = false
        /// Whether an initial aligned with a whole word.
        var initialForWord = false
        /// Whether a pair of whole words aligned below an exact match.
        var inexactWords = false
    }

    /// Aligns the best remaining pair first until one name runs out of words (ties: lower
    /// `i`, then lower `j`), skipping pairs with an initial unless `initials`.
    @inline(__always)
    static func align(_ pairs: UnsafeMutableBufferPointer<Pair>, count: Int, n: Int, m: Int, initials: Bool,
                      _ query: [NameToken], _ candidate: [NameToken]) -> Alignment {
        var result = Alignment()
        while result.aligned < min(n, m) {
            var best = -1
            for k in 0..<count where result.usedQuery & (1 << UInt32(pairs[k].i)) == 0 && result.usedCandidate & (1 << UInt32(pairs[k].j)) == 0 {
                if !initials && (query[pairs[k].i].isInitial || candidate[pairs[k].j].isInitial) { continue }
                if best < 0 || pairs[k].score > pairs[best].score { best = k }
            }
            if best < 0 { break }
            let p = pairs[best]
            result.usedQuery |= 1 << UInt32(p.i)
            result.usedCandidate |= 1 << UInt32(p.j)
            result.matchedWeight += p.score * p.weight
            result.totalWeight += p.weight
            result.aligned += 1
            switch (query[p.i].isInitial, candidate[p.j].isInitial) {
            case (true, true): result.usedInitial = true
            case (true, false), (false, true): result.usedInitial = true; result.initialForWord = true
            case (false, false): if p.score < 1 { result.inexactWords = true }
            }
        }
        return result
    }

    /// Whether the first initial of `tokens` (if it has one among its first 16 words) is among `used`.
    @inline(__always)
    static func firstInitialAligned(_ tokens: [NameToken], _ used: UInt32) -> Bool {
        for k in 0..<min(tokens.count, 16) where tokens[k].isInitial { return used & (1 << UInt32(k)) != 0 }
        return true
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
