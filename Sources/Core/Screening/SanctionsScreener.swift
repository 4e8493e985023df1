/// Screens names against the sanctioned-names list (primary names and aliases).
///
/// Built once per list version: every primary name and alias is normalised up front, its
/// whole words collected into a vocabulary (each with its Jaro–Winkler table, character-count
/// signature and the list names containing it), and the vocabulary indexed by first letter
/// and by length. Screening a name:
/// 1. for each of its words, the list words it can align with (`wordHits`): with the same
///    first letter at least `min(threshold, tokenFloor)` alike, with another at least
///    `tokenFloor`, spellings that may agree — count and edit bounds discard most without
///    comparing; remembered per word in a bounded memo;
/// 2. the list names those reach, keeping only names *anchored* by a word pair at the
///    threshold and, when the threshold needs two aligned pairs, reached by two query words or
///    aligned through an initial (`candidates`);
/// 3. the full `NameSimilarity` score of each, reusing the similarities already computed.
/// A threshold change (`withThreshold`) shares all of this but the memo.
/// Because `NameSimilarity` never scores above its best same-first-letter pair, and below
/// `singleWordFactor` times it with fewer than two aligned pairs, this finds exactly what
/// scoring every list name would (`screenExhaustively` is that brute force, kept for tests and
/// audits; the tests compare the two on seeded corpora).
///
/// A value type, immutable after `init` apart from its memo and scratch tables (both behind
/// locks and never changing a result): safe to share between threads.
public struct SanctionsScreener: Sendable {
    /// Scores at or above this hold a payment.
    public private(set) var threshold: Double
    /// The entries screened against, in list order.
    public let entries: [SanctionedEntry]

    /// One primary name or alias of an entry.
    struct Variant: Sendable {
        var entry: Int
        var text: String
        var tokens: [NameToken]
        var isAlias: Bool
        /// Each token's vocabulary id, in token order (-1 for an initial).
        var ids: [Int32] = []
        /// The tokens a screened name must contain to hit this name (`GenericWords.required`).
        var required: GenericWords.Requirement? = nil
        /// Whether the entry is a person (spellings of required words may differ more).
        var isPerson = false
    }

    let variants: [Variant]
    /// Distinct whole-word tokens of all variants.
    let vocabulary: [NameToken]
    /// For each vocabulary token `id`, the variants containing it:
    /// `postingList[postingStart[id]..<postingStart[id + 1]]`, in order.
    let postingStart: [Int32]
    let postingList: [Int32]
    /// Reusable per-variant reach tables for `candidates` (one per thread screening at once).
    let reachTables: ReachTables
    /// Remembers each screened word's hits (payment names repeat: first names above all).
    private(set) var memo = WordHitMemo()
    /// Vocabulary words prepared for fast similarity (nil for words outside a–z, 0–9).
    let tabled: TabledVocabulary
    /// Vocabulary words by first scalar, with what the similarity bound needs inline.
    let byFirst: [UInt32: [(key: WordKey, id: Int32)]]
    /// All variants' words back to back, so the scan reads contiguous memory: variant `v`'s
    /// words are `wordStart[v]..<wordStart[v + 1]`.
    let wordStart: [Int32]
    /// Each word's vocabulary id (-1 for an initial).
    let wordIDs: [Int32]
    /// Per variant: its word count, the first letters of its words, and of its initials (`InitialLetters.bit`).
    /// What the candidate checks read of each posting's variant, next to the posting (read in
    /// order with the postings rather than looked up per variant).
    let postingFacts: [VariantFacts]
    /// Every vocabulary word's count signature, by length too, for pairs across first letters.
    let signatures: CountSignatures

    /// Indexes `entries`; `threshold` is clamped to 0.5...1 (below 0.5 everything would hold).
    public init(entries: [SanctionedEntry], threshold: Double = 0.85) {
        self.threshold = min(1, max(0.5, threshold))
        self.entries = entries
        var variants: [Variant] = []
        for (index, entry) in entries.enumerated() {
            let tokens = NameNormaliser.tokens(entry.name)
            variants.append(Variant(entry: index, text: entry.name, tokens: tokens, isAlias: false,
                                    required: GenericWords.required(entry.name, tokens, kind: entry.kind), isPerson: entry.kind != "entity"))
            for alias in entry.aliases {
                let aliasTokens = NameNormaliser.tokens(alias)
                variants.append(Variant(entry: index, text: alias, tokens: aliasTokens, isAlias: true,
                                        required: GenericWords.required(alias, aliasTokens, kind: entry.kind), isPerson: entry.kind != "entity"))
            }
        }
        var ids: [NameToken: Int32] = [:]
        var vocabulary: [NameToken] = []
        var postings: [[Int32]] = []
        var byFirst: [UInt32: [(key: WordKey, id: Int32)]] = [:]
        for (v, variant) in variants.enumerated() {
            for token in variant.tokens {
                guard !token.isInitial else {
                    variants[v].ids.append(-1)
                    continue
                }
                let id: Int32
                if let known = ids[token] {
                    id = known
                } else {
                    id = Int32(vocabulary.count)
                    ids[token] = id
                    vocabulary.append(token)
                    postings.append([])
                    byFirst[token.first, default: []].append((WordKey(token), id))
                }
                variants[v].ids.append(id)
                if postings[Int(id)].last != Int32(v) { postings[Int(id)].append(Int32(v)) }
            }
        }
        self.variants = variants
        self.tabled = TabledVocabulary(vocabulary)
        self.vocabulary = vocabulary
        var postingStart: [Int32] = [0]
        for list in postings { postingStart.append(postingStart[postingStart.count - 1] + Int32(list.count)) }
        self.postingStart = postingStart
        self.postingList = postings.flatMap { $0 }
        self.reachTables = ReachTables(size: variants.count)
        self.byFirst = byFirst
        var wordStart: [Int32] = [0]
        for variant in variants { wordStart.append(wordStart[wordStart.count - 1] + Int32(variant.tokens.count)) }
        self.wordStart = wordStart
        self.wordIDs = variants.flatMap(\.ids)
        let signatures = CountSignatures(vocabulary)
        self.signatures = signatures
        let variantFacts = variants.indices.map { v in
            let tokens = variants[v].tokens
            return VariantFacts(wordCount: Int32(tokens.count),
                                firsts: tokens.reduce(0) { $0 | InitialLetters.bit($1.first) },
                                initials: tokens.reduce(0) { $0 | ($1.isInitial ? InitialLetters.bit($1.first) : 0) })
        }
        self.postingFacts = postings.flatMap { $0.map { variantFacts[Int($0)] } }
    }

    /// This screener holding at `threshold` instead (clamped as in `init`). Cheap: it shares
    /// the index, with a memo of its own (word hits depend on the threshold).
    public func withThreshold(_ threshold: Double) -> SanctionsScreener {
        var screener = self
        screener.threshold = min(1, max(0.5, threshold))
        screener.memo = WordHitMemo()
        return screener
    }

    /// Screens each name; returns at most one match per name — its best list name scoring at
    /// or above the threshold — in the order the names were given.
    public func screen(_ names: [(role: ScreeningMatch.Role, name: String)]) -> [ScreeningMatch] {
        names.compactMap { role, name in
            let tokens = NameNormaliser.tokens(name)
            let hits = queryHits(tokens)
            return best(for: tokens, hits: hits, candidates: candidates(for: tokens, hits: hits))
                .map { match(role: role, name: name, variant: $0.variant, score: $0.score) }
        }
    }

    /// The same result as `screen`, by scoring every list name: the reference the prefilter
    /// is tested against. O(list size) per name.
    public func screenExhaustively(_ names: [(role: ScreeningMatch.Role, name: String)]) -> [ScreeningMatch] {
        names.compactMap { role, name in
            best(for: NameNormaliser.tokens(name), candidates: Array(variants.indices))
                .map { match(role: role, name: name, variant: $0.variant, score: $0.score) }
        }
    }

    /// The score of one name against every list entry it reaches the threshold with, best
    /// first (for an operator's "why was this held" view).
    public func matches(for name: String) -> [(entry: SanctionedEntry, matched: String, score: Double)] {
        let tokens = NameNormaliser.tokens(name)
        var bestPerEntry: [Int: (variant: Int, score: Double)] = [:]
        for v in candidates(for: tokens) {
            guard covers(tokens, v) else { continue }
            let score = NameSimilarity.score(tokens, variants[v].tokens)
            guard score >= threshold else { continue }
            let entry = variants[v].entry
            if let current = bestPerEntry[entry], current.score >= score { continue }
            bestPerEntry[entry] = (v, score)
        }
        return bestPerEntry.values
            .sorted { ($0.score, -$0.variant) > ($1.score, -$1.variant) }
            .map { (entries[variants[$0.variant].entry], variants[$0.variant].text, Self.rounded($0.score)) }
    }
}
