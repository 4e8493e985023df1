import Testing
@testable import Core

@Suite struct OrdinaryUKNamesTests {
    /// The simulator's people: a middle name is never the first name again, and every name
    /// is two or three words from the pools.
    @Test func aMiddleNameNeverRepeatsTheFirstName() {
        var names = OrdinaryUKNames(seed: 7)
        var middles = 0
        for _ in 0..<20_000 {
            let words = names.person().split(separator: " ").map(String.init)
            #expect((2...3).contains(words.count))
            #expect(OrdinaryUKNames.firstNames.contains(words[0]))
            if words.count == 3 {
                middles += 1
                #expect(words[0] != words[1], "\(words.joined(separator: " "))")
            }
        }
        // About one in four has one.
        #expect((4_000...6_000).contains(middles))
    }
}
