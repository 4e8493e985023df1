/// One normalised word of a name: folded, lower-case Unicode scalars, at most 64 of them.
///
/// `mask` has one bit per distinct character class (a–z, 0–9, and hashed buckets for the
/// rest); the screener's prefilter uses it to bound similarity without comparing tokens.
/// `particleLength` is how many leading scalars are a particle `NameNormaliser` glued on
/// (`al` of `alrashid`); two tokens are equal when their scalars are, however they were written.
public struct NameToken: Hashable, Sendable, CustomStringConvertible {
    /// Longest token kept; longer words are cut (names on payments are at most 50 characters).
    public static let maxLength = 64

    public let scalars: [UInt32]
    public let mask: UInt64
    public let particleLength: Int

    public init(scalars: [UInt32], particleLength: Int = 0) {
        let kept = scalars.count > Self.maxLength ? Array(scalars.prefix(Self.maxLength)) : scalars
        self.scalars = kept
        var mask: UInt64 = 0
        for scalar in kept { mask |= NameToken.bit(of: scalar) }
        self.mask = mask
        self.particleLength = max(0, min(particleLength, kept.count - 1))
    }

    public static func == (a: NameToken, b: NameToken) -> Bool { a.scalars == b.scalars }

    public func hash(into hasher: inout Hasher) { hasher.combine(scalars) }

    /// A single letter, as in `J. Smith`.
    public var isInitial: Bool { scalars.count == 1 }

    public var count: Int { scalars.count }

    public var first: UInt32 { scalars[0] }

    public var description: String {
        String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    static func bit(of scalar: UInt32) -> UInt64 {
        switch scalar {
        case 0x61...0x7A: 1 << UInt64(scalar - 0x61)
        case 0x30...0x39: 1 << UInt64(26 + scalar - 0x30)
        default: 1 << UInt64(36 + scalar % 28)
        }
    }
}
