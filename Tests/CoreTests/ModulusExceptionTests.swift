import Foundation
import Testing
@testable import Core

/// Our own cases, beyond Vocalink's 34: each exception both ways, with the reason named.
@Test(arguments: [
    // Exception 1: 27 is added before the double-alternate test.
    ("118765", "64371389", "passes DBLAL (exception 1)"),
    ("118765", "64371388", "fails modulus check: DBLAL (exception 1) remainder 9 (total 89)"),
    // Exceptions 2 & 9: when the first check fails, sort code 309634 with the second line's weights.
    ("309070", "12345668", "passes MOD11 (exception 9) with sort code 309634"),
    ("309070", "12345669", "fails modulus check: neither check passes: MOD11 (exception 2) remainder 10 (total 241); MOD11 (exception 9) with sort code 309634 remainder 1 (total 210)"),
    // Exception 3: c = 6 or 9 skips the double-alternate check; otherwise both must pass.
    ("820000", "73688637", "passes MOD11"),
    ("820000", "73688647", "fails modulus check: MOD11 remainder 2 (total 167)"),
    // Exception 4: the remainder must equal the two-digit check digit gh.
    ("134020", "63849203", "passes MOD11 (exception 4)"),
    ("134020", "63849204", "fails modulus check: MOD11 (exception 4) remainder 3 (total 179)"),
    // Exception 5: substitution from scsubtab, then check digits g (MOD11) and h (DBLAL).
    ("938600", "42368003", "passes MOD11 (exception 5) with sort code 938611 and DBLAL (exception 5) with sort code 938611"),
    ("938600", "42368004", "fails modulus check: DBLAL (exception 5) with sort code 938611 remainder 7 (total 57)"),
    // Exception 6: a = 4…8 with g = h is a foreign-currency account; otherwise the checks apply.
    ("200915", "41011166", "a foreign-currency account (exception 6): not checked"),
    ("200915", "41011165", "fails modulus check: MOD11 (exception 6) remainder 3 (total 36)"),
    ("200915", "31011166", "fails modulus check: MOD11 (exception 6) remainder 4 (total 37)"),
    // Exception 7: g = 9 zeroes the weights u to b.
    ("772798", "99345694", "passes MOD11 (exception 7)"),
    ("772798", "99345684", "fails modulus check: MOD11 (exception 7) remainder 7 (total 359)"),
    // Exception 8: checked with sort code 090126.
    ("086090", "06774744", "passes MOD10 (exception 8) with sort code 090126"),
    ("086090", "06774745", "fails modulus check: MOD10 (exception 8) with sort code 090126 remainder 1 (total 161)"),
    // Exceptions 10 & 11: ab = 09 or 99 with g = 9 zeroes u to b; either check will do.
    ("871427", "09123496", "passes MOD11 (exception 10)"),
    ("871427", "09123497", "fails modulus check: neither check passes: MOD11 (exception 10) remainder 1 (total 122); MOD11 (exception 11) remainder 5 (total 247)"),
    // Exceptions 12 & 13: either check will do; a negative weight (h = -1) in both.
    ("074456", "11104103", "passes MOD11 (exception 12)"),
    ("074456", "11104102", "passes MOD10 (exception 13)"),
    // Exception 14: a failing check with h = 0, 1 or 9 is repeated on the number shifted right.
    ("180002", "00000190", "passes MOD11 (exception 14) on the account number shifted right"),
    ("180002", "00000191", "passes MOD11 (exception 14)"),
    ("180002", "00000195", "fails modulus check: MOD11 (exception 14) remainder 4 (total 26)"),
    // No rule: cannot be checked, treated as valid.
    ("000000", "12345678", "no modulus rule for the sort code: it cannot be checked and is treated as valid"),
])
func eachExceptionPassesAndFailsForTheReasonItNames(sortCode: String, accountNumber: String, reason: String) throws {
    let account = try #require(AccountID(sortCode: sortCode, accountNumber: accountNumber))
    #expect(try bundledChecker().check(account).description == reason)
}

@Test func aNegativeTotalStillHasARemainderFromZeroToTheModulus() throws {
    // 070116's MOD11 line weighs h with -1: zeros everywhere else leave a total of -h.
    let checker = try bundledChecker()
    let verdict = checker.check(try #require(AccountID(sortCode: "000000", accountNumber: "00000000")))
    #expect(verdict == .valid(.noRule))
    let rule = ModulusRule(start: 0, end: 999_999, algorithm: .mod11, weights: Array(repeating: 0, count: 13) + [-1])
    let single = ModulusChecker(table: ModulusTable(rules: [rule]))
    #expect(single.check(try #require(AccountID(sortCode: "000000", accountNumber: "00000003"))).description
        == "fails modulus check: MOD11 remainder 8 (total -3)")
    #expect(single.check(try #require(AccountID(sortCode: "000000", accountNumber: "00000000"))).isValid)
}

@Test(arguments: [
    ("010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2", "valacdos.txt:1: expected 17 or 18 fields, found 16"),
    ("\n010004 01671 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1", "valacdos.txt:2: \"010004 01671\" is not a range of 6-digit sort codes"),
    ("016715 010004 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1", "valacdos.txt:1: \"016715 010004\" is not a range of 6-digit sort codes"),
    ("010004 016715 MOD12 0 0 0 0 0 0 8 7 6 5 4 3 2 1", "valacdos.txt:1: algorithm \"MOD12\" is not MOD10, MOD11 or DBLAL"),
    ("010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 x", "valacdos.txt:1: weight \"x\" is not a number"),
    ("010004 016715 MOD11 0 0 0 0 0 0 8 7 6 5 4 3 2 1 15", "valacdos.txt:1: exception \"15\" is not 1 to 14"),
])
func aMalformedRuleLineIsRefusedWithItsLine(text: String, message: String) {
    #expect(throws: ModulusTableError.malformed(file: "valacdos.txt", line: Int(message.split(separator: ":")[1])!,
                                                reason: String(message.split(separator: ":", maxSplits: 2)[2].dropFirst()))) {
        try ModulusTable(weights: text, substitutions: "")
    }
}

@Test func aMalformedSubstitutionLineIsRefusedWithItsLine() {
    #expect(throws: ModulusTableError.malformed(file: "scsubtab.txt", line: 2, reason: "expected two 6-digit sort codes")) {
        try ModulusTable(weights: "", substitutions: "938173 938017\n938289\n")
    }
}

@Test func twoRulesForOneRangeRunInFileOrderAndTheLookupFindsRangeEnds() throws {
    let table = try bundledChecker().table
    #expect(table.rules(for: 401_234).map(\.algorithm) == [.mod11, .doubleAlternate])
    #expect(table.rules(for: 309_001).map(\.exception) == [2, 9])
    #expect(table.rules(for: 309_633).map(\.exception) == [2, 9])
    #expect(table.rules(for: 10_004).map(\.algorithm) == [.mod11])
    #expect(table.rules(for: 10_003).isEmpty)
    #expect(table.rules(for: 999_999).isEmpty)
}

@Test func theFirstValidNumberIsFoundFromAStartAndWrapsWithinItsRange() throws {
    let checker = try bundledChecker()
    let code = try #require(SortCode("401234"))
    #expect(checker.firstValidNumber(sortCode: code, from: 10_000_001)?.digits == "10000329")
    #expect(checker.firstValidNumber(sortCode: code, from: 10_000_329)?.digits == "10000329")
    #expect(checker.firstValidNumber(sortCode: code, from: 99_999_999)?.digits == "00000248")
    #expect(checker.firstValidNumber(sortCode: code, from: 10_000_001, limit: 10) == nil)
}
