import Foundation

/// How the screener finds and scores the list names a screened name can reach.
extension SanctionsScreener {
    /// The variants that can score at or above the threshold against `tokens`, in order.
    ///
    /// Two necessary conditions, both implied by how `NameSimilarity` scores:
    /// 1. an *anchor*: a query word and a list word with the same first letter whose
    ///    Jaro–Winkler similarity reaches the threshold (the score never exceeds the best
    ///    anchor);
    /// 2. when either name has two or more words and the threshold is above
    ///    `NameSimilarity.singleWordFactor`, two different query words that each align with
    ///    a word of the list name (otherwise the score is at most `singleWordFactor` times the
    ///    anchor's). `wordHits` lists every list word a query word can align with — same first
    ///    letter or not — so a list name reached by one query word only needs checking for an
    ///    initial (aligned exactly when the first letters agree).
    /// So neither condition ever discards a name the full scorer would hold.
    func candidates(for tokens: [NameToken]) -> [Int] {
        candidates(for: tokens, hits: queryHits(tokens))
    }

    /// `wordHits` of each whole query word (empty for initials and past the 31st word).
    func queryHits(_ tokens: [NameToken]) -> [[WordHit]] {
        tokens.enumerated().map { q, token in q < 31 && !token.isInitial ? wordHits(token) : [] }
    }

    func candidates(for tokens: [NameToken], hits: [[WordHit]]) -> [Int] {
        // Per variant: bit q for each query word reaching it, bit 31 when anchored.
        let anchoredBit: UInt32 = 1 << 31
        var queryInitials: UInt32 = 0
        var wholeWords: UInt32 = 0
        for (q, token) in tokens.prefix(31).enumerated() {
            if token.isInitial { queryInitials |= InitialLetters.bit(token.first) } else { wholeWords |= 1 << UInt32(q) }
        }
        let needsTwoPairs = threshold > NameSimilarity.singleWordFactor
        var result: [Int] = []
        // The closures below capture these arrays, not a copy of the screener.
        let postingStart = self.postingStart, postingList = self.postingList, postingFacts = self.postingFacts
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
                    if needsTwoPairs {
                        for (q, wordHits) in hits.enumerated() {
                            for hit in wordHits where !hit.anchors {
                                let bit: UInt32 = 1 << UInt32(q)
                                for k in Int(starts[Int(hit.id)])..<Int(starts[Int(hit.id) + 1]) where reached[Int(list[k])] != 0 {
                                    reached[Int(list[k])] |= bit
                                }
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
                                            && !Self.alignsThroughInitial(tokens, wholeWords: wholeWords, queryInitials: queryInitials,
                                                                          besides: queryWords, facts[k]) { continue }
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
    static func alignsThroughInitial(_ tokens: [NameToken], wholeWords: UInt32, queryInitials: UInt32, besides: UInt32,
                              _ facts: VariantFacts) -> Bool {
        if queryInitials & facts.firsts != 0 { return true }
        let initials = facts.initials
        if initials == 0 { return false }
        var rest = wholeWords & ~besides
        while rest != 0 {
            let q = rest.trailingZeroBitCount
            rest &= rest &- 1
            if InitialLetters.bit(tokens[q].first) & initials != 0 { return true }
        }
        return false
    }

    /// The best-scoring variant at or above the threshold; ties go to the earlier variant
    /// (an entry's primary name before its aliases, earlier entries first).
    func best(for tokens: [NameToken], candidates: [Int]) -> (variant: Int, score: Double)? {
        var best: (variant: Int, score: Double)?
        for v in candidates where covers(tokens, v) {
            let score = NameSimilarity.score(tokens, variants[v].tokens)
            guard score >= threshold else { continue }
            if let current = best, current.score >= score { continue }
            best = (v, score)
        }
        return best
    }

    /// `best(for:candidates:)` with whole-word similarities taken from `hits` rather than
    /// recomputed: they hold every list word at least `min(threshold, tokenFloor)` alike with
    /// the same first letter, and at least `tokenFloor` alike with another, whose spelling may
    /// agree with each query word, with its exact similarity — so a pair not there scores 0
    /// either way (`NameSimilarity.pair` aligns only pairs at `tokenFloor` whose spellings agree).
    func best(for tokens: [NameToken], hits: [[WordHit]], candidates: [Int]) -> (variant: Int, score: Double)? {
        var best: (variant: Int, score: Double)?
        let wordIDs = self.wordIDs // the closure captures this, not a copy of the screener
        for v in candidates where covers(tokens, v) {
            let first = Int(wordStart[v])
            let score = NameSimilarity.score(tokens, variants[v].tokens) { i, j in
                let id = wordIDs[first + j]
                for hit in hits[i] where hit.id == id { return hit.similarity }
                return 0
            }
            guard score >= threshold else { continue }
            if let current = best, current.score >= score { continue }
            best = (v, score)
        }
        return best
    }

    /// Whether the screened name has every word variant `v` requires (`GenericWords`): a
    /// company's distinctive words, spelled alike (`NameSimilarity.spellingsAgree`).
    func covers(_ tokens: [NameToken], _ v: Int) -> Bool {
        guard let required = variants[v].required else { return true }
        let words = variants[v].tokens
        let exactBelow = variants[v].isPerson ? 0 : 8
        func found(_ index: Int) -> Bool { tokens.contains { GenericWords.same($0, words[index], exactBelow: exactBelow) } }
        if required.anyOne { return required.words.contains(where: found) }
        guard required.words.allSatisfy(found) else { return false }
        if required.closed {
            // Every whole word of the screened name must be one of the list name's.
            return tokens.allSatisfy { token in token.isInitial || words.contains { GenericWords.same(token, $0, exactBelow: exactBelow) } }
        }
        return true
    }

    func match(role: ScreeningMatch.Role, name: String, variant index: Int, score: Double) -> ScreeningMatch {
        let variant = variants[index]
        let entry = entries[variant.entry]
        return ScreeningMatch(role: role, name: name, matched: variant.text, entryId: entry.entryId,
                              entryName: entry.name, score: Self.rounded(score), entryKind: entry.kind, programs: entry.programs,
                              listNumber: entry.listNumber)
    }

    /// Scores are recorded to four decimals (0.9333), so events read the same everywhere.
    static func rounded(_ score: Double) -> Double {
        (score * 10_000).rounded(.down) / 10_000
    }
}
