/// A word prepared for fast Jaro–Winkler: each character as a class (a–z, 0–9) and, per
/// class, a bit mask of the positions holding it. Only for words of those characters, at most
/// 64 long; others use the plain algorithm.
///
/// Matching then takes one mask operation per character instead of a scan of the window, and
/// gives exactly the plain algorithm's result (the first unmatched position in the window
/// that holds the character is the lowest set bit).
struct TabledWord: Sendable {
    static let classCount = 36

    let classes: [UInt8]
    let positions: [UInt64]

    /// Nil when a character is outside a–z and 0–9.
    init?(_ token: NameToken) {
        var classes: [UInt8] = []
        classes.reserveCapacity(token.count)
        var positions = [UInt64](repeating: 0, count: Self.classCount)
        for (index, scalar) in token.scalars.enumerated() {
            let c: UInt8
            switch scalar {
            case 0x61...0x7A: c = UInt8(scalar - 0x61)
            case 0x30...0x39: c = UInt8(26 + scalar - 0x30)
            default: return nil
            }
            classes.append(c)
            positions[Int(c)] |= 1 << UInt64(index)
        }
        self.classes = classes
        self.positions = positions
    }

    var count: Int { classes.count }

    /// An upper bound of the similarity from character counts: matches can be no more than
    /// the characters the words share (as multisets), with the true common prefix. Tighter
    /// than `JaroWinkler.upperBound`, which only knows which characters occur.
    func upperBound(_ other: TabledWord) -> Double {
        let la = count, lb = other.count
        if la == 0 || lb == 0 { return 1 }
        var shared = 0
        var seen: UInt64 = 0
        for c in classes where seen & (1 << UInt64(c)) == 0 {
            seen |= 1 << UInt64(c)
            shared += min(positions[Int(c)].nonzeroBitCount, other.positions[Int(c)].nonzeroBitCount)
        }
        if shared == 0 { return 0 }
        return JaroWinkler.winkler(JaroWinkler.jaroBound(matches: shared, la, lb), upTo: min(la, lb)) {
            classes[$0] == other.classes[$0]
        }
    }
}

extension JaroWinkler {
    /// The same value as `similarity(_:_:)` of the two words, computed from their tables.
    static func similarity(_ a: TabledWord, _ b: TabledWord) -> Double {
        let la = a.count, lb = b.count
        if la == 0 || lb == 0 { return la == lb ? 1 : 0 }
        return a.classes.withUnsafeBufferPointer { ac in
            b.classes.withUnsafeBufferPointer { bc in
                b.positions.withUnsafeBufferPointer { bp in
                    similarity(ac, bc, bp)
                }
            }
        }
    }

    /// The tabled algorithm on raw buffers: `ac`, `bc` the two words' classes, `bp` the second
    /// word's position masks. Both words are non-empty and at most 64 long.
    @inline(__always)
    static func similarity(_ ac: UnsafeBufferPointer<UInt8>, _ bc: UnsafeBufferPointer<UInt8>,
                                   _ bp: UnsafeBufferPointer<UInt64>) -> Double {
        let la = ac.count, lb = bc.count
        let matched = matches(la, lb) { i, range, taken in
            let upTo: UInt64 = range.upperBound >= 63 ? ~0 : (1 << UInt64(range.upperBound + 1)) &- 1
            let from: UInt64 = ~((1 << UInt64(range.lowerBound)) &- 1)
            let available = bp[Int(ac[i])] & upTo & from & ~taken
            return available == 0 ? nil : available.trailingZeroBitCount
        }
        if matched.count == 0 { return 0 }
        let half = halfTranspositions(matched) { ac[$0] != bc[$1] }
        return winkler(jaro(matches: matched.count, halfTranspositions: half, la, lb), upTo: min(la, lb)) {
            ac[$0] == bc[$0]
        }
    }
}
