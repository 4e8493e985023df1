import Foundation
import Testing
@testable import Core

private func day(_ text: String) -> BankDate { BankDate(text)! }

@Test func aMonthlyOrderOnThe31stPaysOnTheLastDayOfShorterMonthsAndReturnsToThe31st() {
    let first = day("2027-01-31")
    let days = (0..<5).map { first.adding(months: $0, anchor: 31).description }
    #expect(days == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"])
}

@Test func februaryOfALeapYearHas29Days() {
    #expect(day("2028-01-30").adding(months: 1, anchor: 30).description == "2028-02-29")
    #expect(day("2100-01-29").adding(months: 1, anchor: 29).description == "2100-02-28")
    #expect(day("2027-12-31").adding(months: 2, anchor: 31).description == "2028-02-29")
}

@Test func weeksCrossMonthsAndYears() {
    #expect(day("2026-12-29").adding(days: 7).description == "2027-01-05")
    #expect(day("2028-02-26").adding(days: 7).description == "2028-03-04")
    #expect(day("2027-03-01").adding(days: -1).description == "2027-02-28")
}

@Test func onlyRealDaysWrittenYYYYMMDDParse() {
    #expect(BankDate("2027-02-29") == nil)
    #expect(BankDate("2027-2-01") == nil)
    #expect(BankDate("27-02-01") == nil)
    #expect(BankDate("2027-13-01") == nil)
    #expect(BankDate("tomorrow") == nil)
    #expect(BankDate("2027-0a-01") == nil)
    #expect(BankDate("2028-02-29")?.description == "2028-02-29")
}

@Test func aDayStartsAtMidnightInLondonWhichIsAnHourBeforeMidnightUTCInSummer() {
    // 2027-07-01 00:00 BST is 2027-06-30 23:00 UTC; 2027-01-15 00:00 GMT is 00:00 UTC.
    #expect(day("2027-07-01").start == Date(timeIntervalSince1970: 1_814_396_400))
    #expect(day("2027-01-15").start == Date(timeIntervalSince1970: 1_799_971_200))
    #expect(BankDate.containing(Date(timeIntervalSince1970: 1_814_396_400)) == day("2027-07-01"))
    #expect(BankDate.containing(Date(timeIntervalSince1970: 1_814_396_399)) == day("2027-06-30"))
}

@Test func datesEncodeAsTheirText() throws {
    let data = try JSONEncoder().encode([day("2027-03-09")])
    #expect(String(decoding: data, as: UTF8.self) == #"["2027-03-09"]"#)
    #expect(try JSONDecoder().decode([BankDate].self, from: data) == [day("2027-03-09")])
    #expect(throws: DecodingError.self) { try JSONDecoder().decode([BankDate].self, from: Data(#"["2027-02-30"]"#.utf8)) }
}
