/// The list words one screened word can align with, found once per word and remembered.
extension SanctionsScreener {
    /// The list words `token` can align with, each with its exact Jaro–Winkler similarity:
    /// - with the same first letter, a similarity of at least `min(threshold, tokenFloor)` —
    ///   `anchors` when it reaches the threshold;
    /// - with another first letter, at least `tokenFloor` (never an anchor);
    /// and in both cases a spelling that may agree (`NameSimilarity.spellingsMayAgree`: a pair
    /// that cannot scores 0 in `NameSimilarity`). Memoised (bounded).
    ///
    /// Most list words are ruled out by bounds on their character counts alone: Jaro–Winkler
    /// cannot reach the floor (`WordKey`, `CountSignatures`), or the two words differ by more
    /// letters than a spelling may (an edit changes at most one character of the multiset, so
    /// `max(|a|, |b|) − shared` edits at least).
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
                    for entry in bucket {
                        let longer = max(key.length, entry.key.length)
                        let edits = longer <= 3 ? 0 : longer <= 7 ? 1 : 2
                        guard abs(key.length - entry.key.length) <= edits, key.shared(entry.key) >= longer - edits,
                              key.upperBound(entry.key) >= floor else { continue }
                        let similarity = similarity(Int(entry.id))
                        if similarity >= floor && NameSimilarity.spellingsMayAgree(token, vocabulary[Int(entry.id)]) {
                            hits.append(WordHit(id: entry.id, anchors: similarity >= threshold, similarity: similarity))
                        }
                    }
                }
                acrossLetters(token, into: &hits, similarity: similarity)
            }
        }
        memo.remember(hits, for: token)
        return hits
    }

    /// Appends the list words with another first letter than `token` at least `tokenFloor`
    /// alike whose spelling may agree. Such words are within two edits, so of a length within
    /// two of the word's; only those lengths are read (`CountSignatures.byLength`).
    private func acrossLetters(_ token: NameToken, into hits: inout [WordHit], similarity: (Int) -> Double) {
        let length = token.count
        // An initial aligns by its letter alone; it has no spelling to agree.
        guard length >= 2 else { return }
        let signature = CountSignatures.signature(token)
        let first = token.first
        signatures.lengthStart.withUnsafeBufferPointer { starts in
            signatures.byLength.withUnsafeBufferPointer { words in
                signatures.minimumShared.withUnsafeBufferPointer { minimum in
                    for other in max(1, length - 2)...min(NameToken.maxLength, length + 2) {
                        let longer = max(length, other)
                        let edits = longer <= 3 ? 0 : longer <= 7 ? 1 : 2
                        guard edits > 0, abs(length - other) <= edits else { continue }
                        let needed = max(longer - edits, Int(minimum[Int(signature.length) * 65 + other]))
                        for k in Int(starts[other])..<Int(starts[other + 1]) {
                            let word = words[k]
                            guard word.first != first else { continue }
                            let shared = (signature.level1 & word.level1).nonzeroBitCount + (signature.level2 & word.level2).nonzeroBitCount
                                + Int(min(signature.excess, word.excess))
                            guard shared >= needed else { continue }
                            let id = Int(signatures.byLengthIDs[k])
                            let value = similarity(id)
                            if value >= NameSimilarity.tokenFloor && NameSimilarity.spellingsMayAgree(token, vocabulary[id]) {
                                hits.append(WordHit(id: Int32(id), anchors: false, similarity: value))
                            }
                        }
                    }
                }
            }
        }
    }
}
