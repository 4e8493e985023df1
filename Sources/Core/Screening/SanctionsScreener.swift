/// Screens names against the sanctioned-names list (primary names and aliases).
///
/// Built once per list version: every primary name and alias is normalised up front, its
/// whole words collected into a vocabulary (each with its Jaro–Winkler table, character-count
/// signature and the list names containing it), and the vocabulary indexed by first letter.
/// Screening a name:
/// 1. for each of its words, the list words with the same first letter at least
///    `min(threshold, tokenFloor)` alike (`wordHits`: a count bound discards most without
///    comparing; remembered per word in a bounded memo);
/// 2. the list names those reach, keeping only names *anchored* by a word pair at the
///    threshold and, when the threshold needs two aligned pairs, reached by two query words or
///    aligned through an initial or a pair across first letters (`candidates`);
/// 3. the full `NameSimilarity` score of each, reusing the similarities already computed.
/// Because `NameSimilarity` never scores above its best same-first-letter pair, and below
/// `singleWordFactor` times it with fewer than two aligned pairs, this finds exactly what
/// scoring every list name would (`screenExhaustively` is that brute force, kept for tests and
/// audits; the tests compare the two on seeded corpora).
///
/// A value type, immutable after `init` apart from its memo and scratch tables (both behind
/// locks and never changing a result): safe to share between threads.
public struct SanctionsScreener: Sendable {
    /// Scores at or above this hold a payment.
    public let threshold: Double
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
    let memo = WordHitMemo()
    /// Vocabulary words prepared for fast similarity (nil for words outside a–z, 0–9).
    let tabled: TabledVocabulary
    /// Vocabulary words by first scalar, with what the similarity bound needs inline.
    let byFirst: [UInt32: [(key: WordKey, id: Int32)]]
    /// All variants' words back to back, so the scan reads contiguous memory: variant `v`'s
    /// words are `wordStart[v]..<wordStart[v + 1]`.
    let wordStart: [Int32]
    /// Each word's vocabulary id (-1 for an initial).
    let wordIDs: [Int32]
    /// Per variant: the first letters of its words, and of its initials (`InitialLetters.bit`).
    /// What the candidate checks read of each posting's variant, next to the posting (read in
    /// order with the postings rather than looked up per variant).
    let postingFacts: [VariantFacts]
    /// Every vocabulary word's count signature, for pairs across first letters.
    let signatures: CountSignatures

    /// Indexes `entries`; `threshold` is clamped to 0.5...1 (below 0.5 everything would hold).
    public init(entries: [SanctionedEntry], threshold: Double = 0.85) {
        self.threshold = min(1, max(0.5, threshold))
        self.entries = entries
        var variants: [Variant] = []
        for (index, entry) in entries.enumerated() {
            variants.append(Variant(entry: index, text: entry.name, tokens: NameNormaliser.tokens(entry.name), isAlias: false))
            for alias in entry.aliases {
                variants.append(Variant(entry: index, text: alias, tokens: NameNormaliser.tokens(alias), isAlias: true))
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
            let union = CountSignatures.union(variants[v].ids.filter { $0 >= 0 }.map { signatures.words[Int($0)] })
            return VariantFacts(firstWord: wordStart[v], wordCount: Int32(tokens.count),
                                firsts: tokens.reduce(0) { $0 | InitialLetters.bit($1.first) },
                                initials: tokens.reduce(0) { $0 | ($1.isInitial ? InitialLetters.bit($1.first) : 0) },
                                union: union ?? CountSignatures.Word(level1: 0, level2: 0, first: 0, length: 64, excess: 0))
        }
        self.postingFacts = postings.flatMap { $0.map { variantFacts[Int($0)] } }
    }

    /// Screens each name; returns at most one match per name — its best list name scoring at
    /// or above the threshold — in the order the names were given.
    public func screen(_ names: [(role: ScreeningMatch.Role, name: String)]) -> [ScreeningMatch] {
        names.compactMap { role, name in
            let tokens = NameNormaliser.tokens(name)
            let hits = queryHits(tokens)
            let across = AcrossLetters(tokens, of: self)
            return best(for: tokens, hits: hits, across: across, candidates: candidates(for: tokens, hits: hits, across: across))
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

    // MARK: - Internals

    /// The variants that can score at or above the threshold against `tokens`, in order.
    ///
    /// Two necessary conditions, both implied by how `NameSimilarity` scores:
    /// 1. an *anchor*: a query word and a list word with the same first letter whose
    ///    Jaro–Winkler similarity reaches the threshold (the score never exceeds the best
    ///    anchor);
    /// 2. when either name has two or more words and the threshold is above
    ///    `NameSimilarity.singleWordFactor`, two different query words that each align with
    ///    a word of the list name (otherwise the score is at most `singleWordFactor` times the
    ///    anchor's). `wordHits` lists every list word with the same first letter a query word
    ///    can align with, so a list name reached by one query word only needs checking for
    ///    the pairs it does not cover: an initial (aligned exactly when the first letters
    ///    agree), or two words with different first letters at least `tokenFloor` alike.
    /// So neither condition ever discards a name the full scorer would hold.
    func candidates(for tokens: [NameToken]) -> [Int] {
        candidates(for: tokens, hits: queryHits(tokens), across: AcrossLetters(tokens, of: self))
    }

    /// `wordHits` of each whole query word (empty for initials and past the 31st word).
    func queryHits(_ tokens: [NameToken]) -> [[WordHit]] {
        tokens.enumerated().map { q, token in q < 31 && !token.isInitial ? wordHits(token) : [] }
    }

    func candidates(for tokens: [NameToken], hits: [[WordHit]], across: AcrossLetters) -> [Int] {
        // Per variant: bit q for each query word reaching it, bit 31 when anchored.
        let anchoredBit: UInt32 = 1 << 31
        var queryInitials: UInt32 = 0
        for token in tokens where token.isInitial { queryInitials |= InitialLetters.bit(token.first) }
        let needsTwoPairs = threshold > NameSimilarity.singleWordFactor
        var result: [Int] = []
        reachTables.withTable { reached in
            var touched = false
            postingStart.withUnsafeBufferPointer { starts in
                postingList.withUnsafeBufferPointer { list in
                    // Anchors first: only an anchored list name can be a candidate, so the
                    // other hits only add their bit to names already reached.
                    for (q, wordHits) in hits.enumerated() {
                        for hit in wordHits where hit.anchors {
                            let bits = 1 << UInt32(q) | anchoredBit
                            for k in Int(starts[Int(hit.id)])..<Int(starts[Int(hit.id) + 1]) {
                                reached[Int(list[k])] |= bits
                                touched = true
                            }
                        }
                    }
                    if !touched { return }
                    for (q, wordHits) in hits.enumerated() {
                        for hit in wordHits where !hit.anchors {
                            let bit: UInt32 = 1 << UInt32(q)
                            for k in Int(starts[Int(hit.id)])..<Int(starts[Int(hit.id) + 1]) where reached[Int(list[k])] != 0 {
                                reached[Int(list[k])] |= bit
                            }
                        }
                    }
                    // Every name reached is in an anchor's postings: visit each once (its
                    // entry is cleared on the first visit, leaving the table zeroed).
                    postingFacts.withUnsafeBufferPointer { facts in
                        for wordHits in hits {
                            for hit in wordHits where hit.anchors {
                                for k in Int(starts[Int(hit.id)])..<Int(starts[Int(hit.id) + 1]) {
                                    let v = Int(list[k])
                                    let reach = reached[v]
                                    if reach == 0 { continue }
                                    reached[v] = 0
                                    let words = Int(facts[k].wordCount)
                                    if needsTwoPairs && max(tokens.count, words) >= 2 {
                                        if min(tokens.count, words) < 2 { continue }
                                        let queryWords = reach & ~anchoredBit
                                        if queryWords.nonzeroBitCount < 2
                                            && !alignsThroughInitial(across, queryInitials: queryInitials, besides: queryWords, facts[k])
                                            && !alignsAcrossLetters(across, besides: queryWords, facts[k]) { continue }
                                    }
                                    result.append(v)
                                }
                            }
                        }
                    }
                }
            }
        }
        result.sort()
        return result
    }

    /// Whether a query word outside `besides` aligns with a word of the variant of `facts` through an
    /// initial: a query initial and a list word (or initial) with its letter, or a query word
    /// and a list initial with its first letter.
    func alignsThroughInitial(_ across: AcrossLetters, queryInitials: UInt32, besides: UInt32, _ facts: VariantFacts) -> Bool {
        if queryInitials & facts.firsts != 0 { return true }
        let initials = facts.initials
        if initials == 0 { return false }
        var rest = across.wholeWords & ~besides
        while rest != 0 {
            let q = rest.trailingZeroBitCount
            rest &= rest &- 1
            if InitialLetters.bit(across.firsts[q]) & initials != 0 { return true }
        }
        return false
    }

    /// Whether a whole query word outside `besides` and a whole word of the variant of `facts` with
    /// another first letter are at least `tokenFloor` alike.
    func alignsAcrossLetters(_ across: AcrossLetters, besides: UInt32, _ facts: VariantFacts) -> Bool {
        var others = across.wholeWords & ~besides
        guard others != 0 else { return false }
        // One bound against all the list name's words first: most names end here.
        var rest = others
        while rest != 0 {
            let q = rest.trailingZeroBitCount
            rest &= rest &- 1
            if !signatures.mayReachFloor(across.wordSignatures[q], facts.union) { others &= ~(1 << UInt32(q)) }
        }
        if others == 0 { return false }
        for w in Int(facts.firstWord)..<Int(facts.firstWord + facts.wordCount) {
            let id = Int(wordIDs[w])
            guard id >= 0 else { continue }
            let listFirst = signatures.first(id)
            var rest = others
            while rest != 0 {
                let q = rest.trailingZeroBitCount
                rest &= rest &- 1
                if across.firsts[q] != listFirst && across.similarity(q, id) >= NameSimilarity.tokenFloor { return true }
            }
        }
        return false
    }

    /// The list words with the same first letter as `token` and a similarity of at least
    /// `min(threshold, tokenFloor)` — `anchors` when it reaches the threshold. Memoised.
    func wordHits(_ token: NameToken) -> [WordHit] {
        if let known = memo.hits(for: token) { return known }
        var hits: [WordHit] = []
        let queryClasses = TabledWord(token)?.classes ?? []
        tabled.withBuffers { table in
            queryClasses.withUnsafeBufferPointer { query in
                /// Jaro–Winkler of the word and vocabulary word `id`, tabled when both allow it.
                func similarity(_ id: Int) -> Double {
                    if !query.isEmpty, let value = table.similarity(query, id) { return value }
                    return JaroWinkler.similarity(token, vocabulary[id])
                }
                if let bucket = byFirst[token.first] {
                    let floor = min(threshold, NameSimilarity.tokenFloor)
                    let key = WordKey(token)
                    for entry in bucket where key.upperBound(entry.key) >= floor {
                        let similarity = similarity(Int(entry.id))
                        if similarity >= floor { hits.append(WordHit(id: entry.id, anchors: similarity >= threshold, similarity: similarity)) }
                    }
                }
            }
        }
        memo.remember(hits, for: token)
        return hits
    }

    /// The best-scoring variant at or above the threshold; ties go to the earlier variant
    /// (an entry's primary name before its aliases, earlier entries first).
    func best(for tokens: [NameToken], candidates: [Int]) -> (variant: Int, score: Double)? {
        var best: (variant: Int, score: Double)?
        for v in candidates {
            let score = NameSimilarity.score(tokens, variants[v].tokens)
            guard score >= threshold else { continue }
            if let current = best, current.score >= score { continue }
            best = (v, score)
        }
        return best
    }

    /// `best(for:candidates:)` with whole-word similarities taken from `hits` rather than
    /// recomputed: they hold every list word with the same first letter at least
    /// `min(threshold, tokenFloor)` alike with each query word, with its exact similarity, so
    /// a same-letter pair not there scores 0 either way. Pairs across first letters come from
    /// `across` (computed once per name).
    func best(for tokens: [NameToken], hits: [[WordHit]], across: AcrossLetters, candidates: [Int]) -> (variant: Int, score: Double)? {
        var best: (variant: Int, score: Double)?
        let wordIDs = self.wordIDs // the closure captures this, not a copy of the screener
        for v in candidates {
            let first = Int(wordStart[v])
            let score = NameSimilarity.score(tokens, variants[v].tokens) { i, j in
                let id = Int(wordIDs[first + j])
                if across.firsts[i] != across.signatures.first(id) { return across.similarity(i, id) }
                for hit in hits[i] where hit.id == id { return hit.similarity }
                return 0
            }
            guard score >= threshold else { continue }
            if let current = best, current.score >= score { continue }
            best = (v, score)
        }
        return best
    }

    func match(role: ScreeningMatch.Role, name: String, variant index: Int, score: Double) -> ScreeningMatch {
        let variant = variants[index]
        let entry = entries[variant.entry]
        return ScreeningMatch(role: role, name: name, matched: variant.text, entryId: entry.entryId,
                              entryName: entry.name, score: Self.rounded(score))
    }

    /// Scores are recorded to four decimals (0.9333), so events read the same everywhere.
    static func rounded(_ score: Double) -> Double {
        (score * 10_000).rounded(.down) / 10_000
    }
}

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

/// A list word similar to a screened word: its vocabulary id, whether it reaches the
/// threshold (an anchor) or only the token floor, and the Jaro–Winkler similarity.
struct WordHit: Sendable {
    let id: Int32
    let anchors: Bool
    let similarity: Double
}

/// What a similarity bound needs of a word, packed so scanning a bucket touches one
/// contiguous array: length, the first four scalars and a character-count signature.
///
/// `levels.k` has bit `b` set when at least `k + 1` of the word's characters fall in class `b`
/// (the classes of `NameToken.bit`), so the characters two words share — as multisets, per
/// class — are at most the sum of the popcounts of the levels' intersections. Counts above
/// four in a class (`overflows`) fall back to the shorter length.
struct WordKey: Sendable {
    let levels: (UInt64, UInt64, UInt64, UInt64)
    let prefix: (UInt32, UInt32, UInt32, UInt32)
    let length: Int
    let overflows: Bool

    init(_ token: NameToken) {
        var l0: UInt64 = 0, l1: UInt64 = 0, l2: UInt64 = 0, l3: UInt64 = 0
        var overflows = false
        for scalar in token.scalars {
            let bit = NameToken.bit(of: scalar)
            if l0 & bit == 0 { l0 |= bit } else if l1 & bit == 0 { l1 |= bit } else if l2 & bit == 0 { l2 |= bit }
            else if l3 & bit == 0 { l3 |= bit } else { overflows = true }
        }
        levels = (l0, l1, l2, l3)
        self.overflows = overflows
        length = token.count
        let s = token.scalars
        prefix = (s.count > 0 ? s[0] : 0, s.count > 1 ? s[1] : 0, s.count > 2 ? s[2] : 0, s.count > 3 ? s[3] : 0)
    }

    /// At most how many characters the two words can match in Jaro's sense.
    @inline(__always)
    func shared(_ other: WordKey) -> Int {
        if overflows || other.overflows { return min(length, other.length) }
        return (levels.0 & other.levels.0).nonzeroBitCount + (levels.1 & other.levels.1).nonzeroBitCount
            + (levels.2 & other.levels.2).nonzeroBitCount + (levels.3 & other.levels.3).nonzeroBitCount
    }

    /// An upper bound of the Jaro–Winkler similarity of the two words: at most `shared`
    /// matches, no transpositions, and the true common prefix (the similarity grows with
    /// Jaro for a fixed prefix). Never below the true similarity.
    @inline(__always)
    func upperBound(_ other: WordKey) -> Double {
        let la = length, lb = other.length
        if la == 0 || lb == 0 { return 1 }
        let shared = shared(other)
        if shared == 0 { return 0 }
        let m = Double(shared)
        let jaro = (m / Double(la) + m / Double(lb) + 1) / 3
        guard jaro > JaroWinkler.boostThreshold else { return jaro }
        let limit = min(4, la, lb)
        var prefixLength = 0
        if limit > 0 && prefix.0 == other.prefix.0 {
            prefixLength = 1
            if limit > 1 && prefix.1 == other.prefix.1 {
                prefixLength = 2
                if limit > 2 && prefix.2 == other.prefix.2 {
                    prefixLength = 3
                    if limit > 3 && prefix.3 == other.prefix.3 { prefixLength = 4 }
                }
            }
        }
        return jaro + Double(prefixLength) * 0.1 * (1 - jaro)
    }
}

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
