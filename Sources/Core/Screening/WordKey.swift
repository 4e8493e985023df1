import Foundation

/// What a similarity bound needs of a word, packed so scanning a bucket touches one
/// contiguous array: length, the first four scalars and a character-count signature.
///
/// `levels.k` has bit `b` set when at least `k + 1` of the word's characters fall in class `b`
/// (the classes of `NameToken.bit`), so the characters two words share — as multisets, per
/// class — are at most the sum of the popcounts of the levels' intersections. Counts above
/// four in a class (`overflows`) fall back to the shorter length.
struct WordKey: Sendable {
    let levels: (UInt64, UInt64, UInt64, UInt64)
    let prefix: (UInt32, UInt32, UInt32, UInt32)
    let length: Int
    let overflows: Bool

    init(_ token: NameToken) {
        var l0: UInt64 = 0, l1: UInt64 = 0, l2: UInt64 = 0, l3: UInt64 = 0
        var overflows = false
        for scalar in token.scalars {
            let bit = NameToken.bit(of: scalar)
            if l0 & bit == 0 { l0 |= bit } else if l1 & bit == 0 { l1 |= bit } else if l2 & bit == 0 { l2 |= bit }
            else if l3 & bit == 0 { l3 |= bit } else { overflows = true }
        }
        levels = (l0, l1, l2, l3)
        self.overflows = overflows
        length = token.count
        let s = token.scalars
        prefix = (s.count > 0 ? s[0] : 0, s.count > 1 ? s[1] : 0, s.count > 2 ? s[2] : 0, s.count > 3 ? s[3] : 0)
    }

    /// At most how many characters the two words can match in Jaro's sense.
    @inline(__always)
    func shared(_ other: WordKey) -> Int {
        if overflows || other.overflows { return min(length, other.length) }
        return (levels.0 & other.levels.0).nonzeroBitCount + (levels.1 & other.levels.1).nonzeroBitCount
            + (levels.2 & other.levels.2).nonzeroBitCount + (levels.3 & other.levels.3).nonzeroBitCount
    }

    /// An upper bound of the Jaro–Winkler similarity of the two words: at most `shared`
    /// matches, no transpositions, and the true common prefix (the similarity grows with
    /// Jaro for a fixed prefix). Never below the true similarity.
    @inline(__always)
    func upperBound(_ other: WordKey) -> Double {
        let la = length, lb = other.length
        if la == 0 || lb == 0 { return 1 }
        let shared = shared(other)
        if shared == 0 { return 0 }
        let jaro = JaroWinkler.jaroBound(matches: shared, la, lb)
        guard jaro > JaroWinkler.boostThreshold else { return jaro }
        let limit = min(4, la, lb)
        var prefixLength = 0
        if limit > 0 && prefix.0 == other.prefix.0 {
            prefixLength = 1
            if limit > 1 && prefix.1 == other.prefix.1 {
                prefixLength = 2
                if limit > 2 && prefix.2 == other.prefix.2 {
                    prefixLength = 3
                    if limit > 3 && prefix.3 == other.prefix.3 { prefixLength = 4 }
                }
            }
        }
        return JaroWinkler.winkler(jaro, prefix: prefixLength)
    }
}
