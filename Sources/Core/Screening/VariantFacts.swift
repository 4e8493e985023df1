/// What `SanctionsScreener.candidates` reads of one variant: where its words are, the first
/// letters of its words and of its initials (`InitialLetters.bit`), and the union of its
/// whole words' count signatures (one that never passes when it has none).
struct VariantFacts: Sendable {
    let firstWord: Int32
    let wordCount: Int32
    let firsts: UInt32
    let initials: UInt32
    let union: CountSignatures.Word
}
