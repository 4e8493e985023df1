import Testing
@testable import Core

/// One of the 34 test cases of Vocalink's specification v7.70 (`published-cases.txt`).
struct PublishedCase: Sendable, CustomTestStringConvertible {
    var number: Int
    var sortCode: String
    var accountNumber: String
    var valid: Bool
    var scenario: String

    init(_ number: Int, _ sortCode: String, _ accountNumber: String, _ valid: Bool, _ scenario: String) {
        self.number = number
        self.sortCode = sortCode
        self.accountNumber = accountNumber
        self.valid = valid
        self.scenario = scenario
    }

    var testDescription: String { "\(number) \(sortCode) \(accountNumber): \(scenario)" }
}

let publishedCases = [
    PublishedCase(1, "089999", "66374958", true, "Pass modulus 10 check."),
    PublishedCase(2, "107999", "88837491", true, "Pass modulus 11 check."),
    PublishedCase(3, "202959", "63748472", true, "Pass modulus 11 and double alternate checks."),
    PublishedCase(4, "871427", "46238510", true, "Exception 10 & 11 where first check passes and second check fails."),
    PublishedCase(5, "872427", "46238510", true, "Exception 10 & 11 where first check fails and second check passes."),
    PublishedCase(6, "871427", "09123496", true, "Exception 10 where in the account number ab=09 and the g=9. The first check passes and second check fails."),
    PublishedCase(7, "871427", "99123496", true, "Exception 10 where in the account number ab=99 and the g=9. The first check passes and the second check fails."),
    PublishedCase(8, "820000", "73688637", true, "Exception 3, and the sorting code is the start of a range. As c=6 the second check should be ignored."),
    PublishedCase(9, "827999", "73988638", true, "Exception 3, and the sorting code is the end of a range. As c=9 the second check should be ignored."),
    PublishedCase(10, "827101", "28748352", true, "Exception 3. As c<>6 or 9 perform both checks pass."),
    PublishedCase(11, "134020", "63849203", true, "Exception 4 where the remainder is equal to the checkdigit."),
    PublishedCase(12, "118765", "64371389", true, "Exception 1 – ensures that 27 has been added to the accumulated total and passes double alternate modulus check."),
    PublishedCase(13, "200915", "41011166", true, "Exception 6 where the account fails standard check but is a foreign currency account."),
    PublishedCase(14, "938611", "07806039", true, "Exception 5 where the check passes."),
    PublishedCase(15, "938600", "42368003", true, "Exception 5 where the check passes with substitution."),
    PublishedCase(16, "938063", "55065200", true, "Exception 5 where both checks produce a remainder of 0 and pass."),
    PublishedCase(17, "772798", "99345694", true, "Exception 7 where passes but would fail the standard check."),
    PublishedCase(18, "086090", "06774744", true, "Exception 8 where the check passes."),
    PublishedCase(19, "309070", "02355688", true, "Exception 2 & 9 where the first check passes."),
    PublishedCase(20, "309070", "12345668", true, "Exception 2 & 9 where the first check fails and second check passes with substitution."),
    PublishedCase(21, "309070", "12345677", true, "Exception 2 & 9 where a≠0 and g≠9 and passes."),
    PublishedCase(22, "309070", "99345694", true, "Exception 2 & 9 where a≠0 and g=9 and passes."),
    PublishedCase(23, "938063", "15764273", false, "Exception 5 where the first checkdigit is correct and the second incorrect."),
    PublishedCase(24, "938063", "15764264", false, "Exception 5 where the first checkdigit is incorrect and the second correct."),
    PublishedCase(25, "938063", "15763217", false, "Exception 5 where the first checkdigit is incorrect with a remainder of 1."),
    PublishedCase(26, "118765", "64371388", false, "Exception 1 where it fails double alternate check."),
    PublishedCase(27, "203099", "66831036", false, "Pass modulus 11 check and fail double alternate check."),
    PublishedCase(28, "203099", "58716970", false, "Fail modulus 11 check and pass double alternate check."),
    PublishedCase(29, "089999", "66374959", false, "Fail modulus 10 check."),
    PublishedCase(30, "107999", "88837493", false, "Fail modulus 11 check."),
    PublishedCase(31, "074456", "12345112", true, "Exception 12/13 where passes modulus 11 check (in this example, modulus 10 check fails, however, there is no need for it to be performed as the first check passed)."),
    PublishedCase(32, "070116", "34012583", true, "Exception 12/13 where passes the modulus 11check (in this example, modulus 10 check passes as well, however, there is no need for it to be performed as the first check passed)."),
    PublishedCase(33, "074456", "11104102", true, "Exception 12/13 where fails the modulus 11 check, but passes the modulus 10 check."),
    PublishedCase(34, "180002", "00000190", true, "Exception 14 where the first check fails and the second check passes."),
]

/// The bundled tables' checker; a test fails (rather than crashes) when they do not load.
func bundledChecker() throws -> ModulusChecker {
    try ModulusChecker.bundled.get()
}

@Test(arguments: publishedCases)
func everyPublishedVocalinkCaseGetsItsExpectedAnswer(_ example: PublishedCase) throws {
    let account = try #require(AccountID(sortCode: example.sortCode, accountNumber: example.accountNumber))
    let verdict = try bundledChecker().check(account)
    #expect(verdict.isValid == example.valid, "\(verdict)")
}

@Test func theBundledTablesHoldEveryRuleAndSubstitution() throws {
    let table = try bundledChecker().table
    #expect(table.ruleCount == 1_138)
    #expect(table.substitutions.count == 21)
    #expect(table.substitutions[938600] == 938611)
}
