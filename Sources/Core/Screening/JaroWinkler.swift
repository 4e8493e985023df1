/// Jaro–Winkler similarity of two tokens, in 0...1.
///
/// Winkler's variant: the common-prefix bonus (0.1 per character, at most 4) applies only
/// when the Jaro similarity exceeds 0.7. Tokens are at most 64 scalars (`NameToken.maxLength`),
/// so match flags fit in two machine words and nothing is allocated.
public enum JaroWinkler {
    /// Jaro similarity only boosts above this.
    public static let boostThreshold = 0.7

    public static func similarity(_ a: NameToken, _ b: NameToken) -> Double {
        similarity(a.scalars, b.scalars)
    }

    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        winkler(jaro(a, b), upTo: min(a.count, b.count)) { a[$0] == b[$0] }
    }

    /// Plain Jaro similarity.
    public static func jaro(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let la = min(a.count, NameToken.maxLength), lb = min(b.count, NameToken.maxLength)
        if la == 0 || lb == 0 { return la == lb ? 1 : 0 }
        let matched = matches(la, lb) { i, range, taken in
            let ai = a[i]
            for j in range where taken & (1 << UInt64(j)) == 0 && b[j] == ai { return j }
            return nil
        }
        if matched.count == 0 { return 0 }
        let half = halfTranspositions(matched) { a[$0] != b[$1] }
        return jaro(matches: matched.count, halfTranspositions: half, la, lb)
    }

    /// An upper bound of `similarity(a, b)` from lengths and character masks alone.
    ///
    /// Every distinct character class of `a` absent from `b` removes at least one possible
    /// match, so matches ≤ min(|a| − |maskA \ maskB|, |b| − |maskB \ maskA|); Jaro is then at
    /// most (m/|a| + m/|b| + 1)/3, and the prefix bonus is the true one (the similarity grows
    /// with Jaro for a fixed prefix). Sound: never below the true similarity.
    public static func upperBound(_ a: NameToken, _ b: NameToken) -> Double {
        let la = a.count, lb = b.count
        if la == 0 || lb == 0 { return 1 }
        let onlyA = (a.mask & ~b.mask).nonzeroBitCount
        let onlyB = (b.mask & ~a.mask).nonzeroBitCount
        let m = max(0, min(la - onlyA, lb - onlyB, la, lb))
        if m == 0 { return 0 }
        return winkler(jaroBound(matches: m, la, lb), upTo: Swift.min(la, lb)) { a.scalars[$0] == b.scalars[$0] }
    }
}
