import Testing
@testable import Core

/// A fictional list, in the shape of the seeds.
let screeningList: [SanctionedEntry] = [
    SanctionedEntry(entryId: "SN-0001", name: "Viktor Alekseevich Drozdov", aliases: ["Viktor Drozd", "V. A. Drozdov"]),
    SanctionedEntry(entryId: "SN-0002", name: "Mohammed Al-Rashid", aliases: ["Abu Karim"]),
    SanctionedEntry(entryId: "SN-0003", name: "José María Castañeda", aliases: []),
    SanctionedEntry(entryId: "SN-0004", name: "Jonathan Smithfield", aliases: ["Jon Smithfield"]),
    SanctionedEntry(entryId: "SN-0005", name: "Orion Maritime Trading Ltd", aliases: ["Orion Shipping"]),
    SanctionedEntry(entryId: "SN-0006", name: "Siobhan O'Callaghan", aliases: []),
]

func screenOne(_ name: String, threshold: Double = 0.85) -> ScreeningMatch? {
    SanctionsScreener(entries: screeningList, threshold: threshold).screen([(role: .originator, name: name)]).first
}

@Test(arguments: [
    ("Drozdov Viktor Alekseevich", "SN-0001", "Viktor Alekseevich Drozdov"),   // reordered
    ("Viktor Drozdov", "SN-0001", nil),                                        // missing middle name
    ("V Drozdov", "SN-0001", "V. A. Drozdov"),                                 // initial, via alias
    ("Viktor Drozd", "SN-0001", "Viktor Drozd"),                               // alias
    ("Victor Drozdov", "SN-0001", nil),                                        // transliteration
    ("MOHAMMED AL RASHID", "SN-0002", "Mohammed Al-Rashid"),                    // case, punctuation
    ("Muhammad Alrashid", "SN-0002", "Mohammed Al-Rashid"),                     // spelling variant, joined particle
    ("Jose Maria Castaneda", "SN-0003", "José María Castañeda"),               // accents
    ("Castaneda, Jose", "SN-0003", "José María Castañeda"),                    // reordered, missing middle name
    ("Jonathan Smithfeild", "SN-0004", "Jonathan Smithfield"),                 // transposition typo
    ("Orion Maritime Trading Limited", "SN-0005", "Orion Maritime Trading Ltd"), // legal suffix
    ("Siobhan OCallaghan", "SN-0006", "Siobhan O'Callaghan"),                  // apostrophe
])
func trueMatchesAreHeldWithTheListNameTheyMatched(name: String, entryId: String, matched: String?) throws {
    let match = try #require(screenOne(name))
    #expect(match.entryId == entryId)
    if let matched { #expect(match.matched == matched) }
    #expect(match.entryName == screeningList.first { $0.entryId == entryId }?.name)
    #expect(match.score >= 0.85)
    #expect(match.name == name)
    #expect(match.role == .originator)
}

@Test(arguments: [
    "Viktor Petrov",             // same first name, different surname
    "Drozdov",                   // one surname alone against a full name
    "Mohammed Khan",             // common first name only
    "Jane Smithfield",           // same surname, different first name
    "Jose Martinez",             // first name only
    "Orion Bakery",              // one word of an entity name
    "Sean Callaghan",            // different first name
    "Peter Parker",              // unrelated
    "",                          // empty
])
func nearMissesAreNotHeld(name: String) {
    #expect(screenOne(name) == nil)
}

@Test func anAliasMatchRecordsTheAliasAndThePrimaryName() throws {
    let match = try #require(screenOne("Abu Karim"))
    #expect(match.matched == "Abu Karim")
    #expect(match.entryName == "Mohammed Al-Rashid")
    #expect(match.entryId == "SN-0002")
    #expect(match.score == 1)
}

@Test func theThresholdDecidesWhatHolds() {
    // "Victor Drozdov" scores below 1 against "Viktor ... Drozdov": a threshold of 0.99 lets it pass.
    #expect(screenOne("Victor Drozdov", threshold: 0.99) == nil)
    #expect(screenOne("Victor Drozdov", threshold: 0.85) != nil)
}

@Test func screeningReturnsOneBestMatchPerNameInTheOrderGiven() {
    let screener = SanctionsScreener(entries: screeningList)
    let matches = screener.screen([
        (role: .originator, name: "Peter Parker"),
        (role: .beneficiary, name: "Jon Smithfield"),
        (role: .accountHolder, name: "Castañeda José María"),
    ])
    #expect(matches.map(\.role) == [.beneficiary, .accountHolder])
    #expect(matches.map(\.matched) == ["Jon Smithfield", "José María Castañeda"])
    #expect(matches.map(\.score) == [1, 1])
}

@Test func jaroWinklerMatchesTheTextbookValues() {
    func jw(_ a: String, _ b: String) -> Double {
        JaroWinkler.similarity(Array(a.unicodeScalars.map(\.value)), Array(b.unicodeScalars.map(\.value)))
    }
    #expect(abs(jw("martha", "marhta") - 0.9611) < 0.0001)
    #expect(abs(jw("dwayne", "duane") - 0.84) < 0.0001)
    #expect(abs(jw("dixon", "dicksonx") - 0.8133) < 0.0001)
    #expect(jw("abc", "xyz") == 0)
}

@Test func thePrefilterFindsExactlyWhatScoringEveryListNameFinds() {
    var names = SyntheticNames(seed: 2026)
    let list = names.list(count: 300)
    let payments = names.payments(count: 250, from: list, matchEvery: 4)
    for threshold in [0.8, 0.88] {
        let screener = SanctionsScreener(entries: list, threshold: threshold)
        let input = payments.map { (role: ScreeningMatch.Role.originator, name: $0) }
        let fast = screener.screen(input)
        #expect(fast == screener.screenExhaustively(input), "threshold \(threshold)")
        #expect(fast.count > 40, "the sample holds many true matches")
    }
}

@Test func theTabledJaroWinklerEqualsThePlainOneExactly() throws {
    var names = SyntheticNames(seed: 3)
    let words = (0..<400).map { _ in NameNormaliser.tokens(names.word())[0] }
        + ["martha", "marhta", "dwayne", "duane", "a", "ab", "ba", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"].map { NameNormaliser.tokens($0)[0] }
    for a in words.prefix(120) {
        for b in words {
            let fast = JaroWinkler.similarity(try #require(TabledWord(a)), try #require(TabledWord(b)))
            #expect(fast == JaroWinkler.similarity(a, b), "\(a) ~ \(b)")
        }
    }
    #expect(TabledWord(NameToken(scalars: Array("жук".unicodeScalars.map(\.value)))) == nil)
}

@Test func theCountBoundNeverFallsBelowTheSimilarity() throws {
    var names = SyntheticNames(seed: 4)
    let words = (0..<300).compactMap { _ in TabledWord(NameNormaliser.tokens(names.word())[0]) }
    #expect(words.count == 300)
    for a in words.prefix(100) {
        for b in words { #expect(a.upperBound(b) >= JaroWinkler.similarity(a, b)) }
    }
}

@Test func aMemoizedScreeningGivesWhatItsScreenerGivesForEveryRole() {
    let screener = SanctionsScreener(entries: [SanctionedEntry(entryId: "SN-1", name: "Boris Vantablack", aliases: ["Borys Wantablak"])], threshold: 0.85)
    let memoized = MemoizedScreening(screener, capacity: 2)
    let names: [(role: ScreeningMatch.Role, name: String)] = [(.originator, "Boris Vantablack"), (.beneficiary, "Ada Whitlock"),
                                                               (.accountHolder, "Borys Wantablak"), (.beneficiary, "Boris Vantablack")]
    for _ in 0..<3 {
        #expect(memoized.screen(names) == screener.screen(names))
        #expect(memoized.screen([names[3]]) == screener.screen([names[3]]))
    }
    #expect(screener.screen(names).count == 3)
}

@Test func theCountSignatureBoundNeverFallsBelowTheSimilarity() {
    var names = SyntheticNames(seed: 5)
    let words = (0..<250).map { _ in NameNormaliser.tokens(names.word())[0] }
        + ["martha", "marhta", "dwayne", "duane", "ab", "ba", "aaaaaaa", "aaaaaab", "bananaanan", "жук", "жужук", "müller", "muller",
           "o'brien", "x1x1x1x1x1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]
            .map { NameToken(scalars: Array($0.unicodeScalars.map(\.value))) }
    for a in words {
        for b in words.prefix(120) + words.suffix(16) {
            #expect(WordKey(a).upperBound(WordKey(b)) >= JaroWinkler.similarity(a, b), "\(a) ~ \(b)")
        }
    }
}

@Test func thePrefilterMatchesBruteForceOnNamesWithInitialsAndCrossLetterVariants() {
    let list = [SanctionedEntry(entryId: "SN-00001", name: "Katherine Ivanova Petrova", aliases: ["K. Petrova"]),
                SanctionedEntry(entryId: "SN-00002", name: "Jon Smyth", aliases: ["Cristina Mendes"]),
                SanctionedEntry(entryId: "SN-00003", name: "Aleksandr Q. Volkov", aliases: [])]
    let queries = ["Catherine Petrova", "Kristina Mendes", "A. Volkov", "Aleksandr Volkow", "Katherine I. Petrova",
                   "Jon Smith", "John Smyth", "Petrova Katherine", "Q Volkov Aleksandr", "Ivanova Katerine"]
    for threshold in [0.8, 0.85, 0.9] {
        let screener = SanctionsScreener(entries: list, threshold: threshold)
        let input = queries.map { (role: ScreeningMatch.Role.beneficiary, name: $0) }
        #expect(screener.screen(input) == screener.screenExhaustively(input), "threshold \(threshold)")
    }
    #expect(!SanctionsScreener(entries: list).screen([(role: .beneficiary, name: "Katherine I. Petrova")]).isEmpty)
}

@Test func theIndexedScreenerHoldsExactlyWhatBruteForceHoldsOnARealisticCorpus() {
    // Names of many traditions with aliases; every other query a distorted listed name —
    // typos on first letters included, so matches across first letters are exercised.
    var names = SyntheticNames(seed: 77)
    let list = names.list(count: 300)
    let queries = names.queries(count: 300, from: list, matchEvery: 2)
    let input = queries.map { (role: ScreeningMatch.Role.beneficiary, name: $0.name) }
    for threshold in [0.75, 0.82, 0.85, 0.9, 0.95] {
        let screener = SanctionsScreener(entries: list, threshold: threshold)
        let fast = screener.screen(input)
        let reference = screener.screenExhaustively(input)
        #expect(fast == reference, "threshold \(threshold)")
        // The memo must not change anything: screening again gives the same.
        #expect(screener.screen(input) == fast, "threshold \(threshold), memoised")
        if threshold == 0.85 { #expect(fast.count >= 140, "most of the 150 distortions hold") }
    }
}

@Test func theCrossLetterCountBoundNeverSkipsAWordAtTheTokenFloor() throws {
    var names = SyntheticNames(seed: 9)
    let list = names.list(count: 200)
    let vocabulary = Array(Set(list.flatMap { NameNormaliser.tokens($0.name) + $0.aliases.flatMap(NameNormaliser.tokens) }
        .filter { !$0.isInitial })).sorted { $0.description < $1.description }
    let signatures = CountSignatures(vocabulary)
    for word in vocabulary.prefix(150) + ["kristina", "cristina", "yevgeny", "evgeny", "jon", "ion"].map({ NameNormaliser.tokens($0)[0] }) {
        let signature = CountSignatures.signature(word)
        var skipped = 0
        for (id, other) in vocabulary.enumerated() where other.first != word.first {
            let kept = signatures.mayReachFloor(signature, id)
            if !kept { skipped += 1 }
            if JaroWinkler.similarity(word, other) >= NameSimilarity.tokenFloor {
                #expect(kept, "\(word) ~ \(other)")
                // A list name's union signature never skips a name one of whose words aligns.
                let name = [signatures.words[id], signatures.words[(id * 7 + 3) % vocabulary.count], signatures.words[(id + 1) % vocabulary.count]]
                #expect(signatures.mayReachFloor(signature, try #require(CountSignatures.union(name))), "\(word) ~ \(other) in a name")
            }
        }
        #expect(skipped > vocabulary.count / 2, "the bound skips most words (\(word))")
    }
}
