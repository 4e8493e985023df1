import Foundation

/// One screened name's pairs of words with different first letters: the count bound of
/// `CountSignatures` answers most without comparing (with 0, which scores the same as any
/// similarity below `tokenFloor`); the rest are compared. What the bound needs of each word
/// is computed once per name, as plain values.
struct AcrossLetters {
    let tokens: [NameToken]
    /// Each word's first scalar.
    let firsts: [UInt32]
    /// Bit `q` for each whole word `q` (not an initial) among the first 31.
    let wholeWords: UInt32
    /// The list's vocabulary and its signatures.
    let vocabulary: [NameToken]
    let signatures: CountSignatures
    let wordSignatures: [CountSignatures.Word]

    init(_ tokens: [NameToken], of screener: SanctionsScreener) {
        self.tokens = tokens
        vocabulary = screener.vocabulary
        signatures = screener.signatures
        firsts = tokens.map(\.first)
        wholeWords = tokens.prefix(31).enumerated().reduce(0) { $0 | ($1.element.isInitial ? 0 : 1 << UInt32($1.offset)) }
        wordSignatures = tokens.map(CountSignatures.signature)
    }

    /// The similarity of query word `q` and vocabulary word `id` (whole words with different
    /// first letters) when it can reach `tokenFloor`; otherwise 0 or the similarity.
    @inline(__always)
    func similarity(_ q: Int, _ id: Int) -> Double {
        signatures.mayReachFloor(wordSignatures[q], id)
            ? JaroWinkler.similarity(tokens[q], vocabulary[id]) : 0
    }
}
