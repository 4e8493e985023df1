/// The steps of Jaro–Winkler that the plain algorithm, the tabled one (`TabledWord`) and the
/// upper bounds (`upperBound`, `TabledWord.upperBound`, `WordKey.upperBound`) share, so the
/// definition is written once and only how a match is found differs.
extension JaroWinkler {
    /// Which characters of two words match: bit `i` of `a` (of `b`) set when the first
    /// (second) word's character at `i` has a match, and how many matches there are.
    struct Matches {
        var a: UInt64 = 0
        var b: UInt64 = 0
        var count = 0
    }

    /// Jaro's matching of words `la` and `lb` long (both non-empty, at most 64): each character
    /// of the first, in order, takes the first character of the second not yet taken that is
    /// the same and stands at most half the longer length, less one, away. `firstFree(i,
    /// range, taken)` finds it for the first word's character at `i` among the positions in
    /// `range`, those set in `taken` excluded.
    @inline(__always)
    static func matches(_ la: Int, _ lb: Int, firstFree: (Int, ClosedRange<Int>, UInt64) -> Int?) -> Matches {
        let window = max(0, max(la, lb) / 2 - 1)
        var matched = Matches()
        for i in 0..<la {
            let low = max(0, i - window)
            let high = min(lb - 1, i + window)
            guard low <= high, let j = firstFree(i, low...high, matched.b) else { continue }
            matched.a |= 1 << UInt64(i)
            matched.b |= 1 << UInt64(j)
            matched.count += 1
        }
        return matched
    }

    /// How many of the matches, paired in order, differ (`differ(i, j)` for positions `i` of the
    /// first word and `j` of the second): twice Jaro's transpositions.
    @inline(__always)
    static func halfTranspositions(_ matched: Matches, differ: (Int, Int) -> Bool) -> Int {
        var count = 0
        var restA = matched.a, restB = matched.b
        while restA != 0 {
            if differ(restA.trailingZeroBitCount, restB.trailingZeroBitCount) { count += 1 }
            restA &= restA &- 1
            restB &= restB &- 1
        }
        return count
    }

    /// Jaro's similarity of words `la` and `lb` long with `matches` (> 0) matching characters,
    /// `halfTranspositions` of them paired with a different one.
    @inline(__always)
    static func jaro(matches: Int, halfTranspositions: Int, _ la: Int, _ lb: Int) -> Double {
        let m = Double(matches)
        let t = Double(halfTranspositions / 2)
        return jaro(m, inOrder: (m - t) / m, la, lb)
    }

    /// The most Jaro's similarity can be with at most `matches` (> 0) matching characters:
    /// every one of them in order.
    @inline(__always)
    static func jaroBound(matches: Int, _ la: Int, _ lb: Int) -> Double {
        jaro(Double(matches), inOrder: 1, la, lb)
    }

    /// Jaro's mean of the share of each word matched and the share of the matches in order.
    @inline(__always)
    private static func jaro(_ m: Double, inOrder: Double, _ la: Int, _ lb: Int) -> Double {
        (m / Double(la) + m / Double(lb) + inOrder) / 3
    }

    /// Winkler's variant of `jaro`: above `boostThreshold`, 0.1 of the remaining distance for
    /// each of the first (at most four, and at most `length`) characters the words share;
    /// `same(k)` says whether their characters at `k` are the same.
    @inline(__always)
    static func winkler(_ jaro: Double, upTo length: Int, same: (Int) -> Bool) -> Double {
        guard jaro > boostThreshold else { return jaro }
        var prefix = 0
        let limit = min(4, length)
        while prefix < limit && same(prefix) { prefix += 1 }
        return winkler(jaro, prefix: prefix)
    }

    /// Winkler's variant of `jaro` (above `boostThreshold`) for a common prefix `prefix` long.
    @inline(__always)
    static func winkler(_ jaro: Double, prefix: Int) -> Double {
        jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
