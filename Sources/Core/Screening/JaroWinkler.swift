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
        let jaro = jaro(a, b)
        guard jaro > boostThreshold else { return jaro }
        var prefix = 0
        let limit = min(4, a.count, b.count)
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Plain Jaro similarity.
    public static func jaro(_ a: [UInt32], _ b: [UInt32]) -> Double {
        let la = min(a.count, NameToken.maxLength), lb = min(b.count, NameToken.maxLength)
        if la == 0 || lb == 0 { return la == lb ? 1 : 0 }
        let window = max(0, max(la, lb) / 2 - 1)
        var flagsA: UInt64 = 0
        var flagsB: UInt64 = 0
        var matches = 0
        for i in 0..<la {
            let low = max(0, i - window)
            let high = min(lb - 1, i + window)
            if low > high { continue }
            let ai = a[i]
            for j in low...high where flagsB & (1 << UInt64(j)) == 0 && b[j] == ai {
                flagsA |= 1 << UInt64(i)
                flagsB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var halfTranspositions = 0
        var k = 0
        for i in 0..<la where flagsA & (1 << UInt64(i)) != 0 {
            while flagsB & (1 << UInt64(k)) == 0 { k += 1 }
            if a[i] != b[k] { halfTranspositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let t = Double(halfTranspositions / 2)
        return (m / Double(la) + m / Double(lb) + (m - t) / m) / 3
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
        let m = Double(max(0, min(la - onlyA, lb - onlyB, la, lb)))
        if m == 0 { return 0 }
        let jaro = (m / Double(la) + m / Double(lb) + 1) / 3
        guard jaro > boostThreshold else { return jaro }
        var prefix = 0
        let limit = Swift.min(4, la, lb)
        while prefix < limit && a.scalars[prefix] == b.scalars[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
