/// One line of Vocalink's `valacdos.txt`: a range of sort codes, the algorithm, the 14
/// weights (u v w x y z a b c d e f g h) and the optional exception number.
///
/// Sort codes are kept as integers (`401234`), so a range test is two comparisons.
public struct ModulusRule: Sendable, Hashable {
    /// The three checking methods of Vocalink's specification.
    public enum Algorithm: String, Sendable, Hashable {
        /// Standard modulus 10: the weighted sum must be a multiple of 10.
        case mod10 = "MOD10"
        /// Standard modulus 11: the weighted sum must be a multiple of 11.
        case mod11 = "MOD11"
        /// Double alternate: the digits of every product are summed; a multiple of 10.
        case doubleAlternate = "DBLAL"
    }

    public var start: Int
    public var end: Int
    public var algorithm: Algorithm
    /// Exactly 14 weights, u to h; some are negative.
    public var weights: [Int]
    /// Vocalink's exception number, 1 to 14, if any.
    public var exception: Int?

    public init(start: Int, end: Int, algorithm: Algorithm, weights: [Int], exception: Int? = nil) {
        self.start = start
        self.end = end
        self.algorithm = algorithm
        self.weights = weights
        self.exception = exception
    }

    /// Whether `sortCode` is in the rule's range.
    public func covers(_ sortCode: Int) -> Bool { start <= sortCode && sortCode <= end }
}
