/// What `SanctionsScreener.candidates` reads of one variant, next to its posting: its word
/// count and the first letters of its words and of its initials (`InitialLetters.bit`).
struct VariantFacts: Sendable {
    let wordCount: Int32
    let firsts: UInt32
    let initials: UInt32
}
