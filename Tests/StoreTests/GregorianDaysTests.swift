import Store
import Testing

@Suite struct GregorianDaysTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (1900, 3, 1, -25_508),
        (2024, 2, 29, 19_782), (9999, 12, 31, 2_932_896), (1, 1, 1, -719_162),
    ])
    func aDateAndItsDayCountSinceTheEpochMapBothWays(_ known: (year: Int, month: Int, day: Int, days: Int)) {
        #expect(GregorianDays.days(year: known.year, month: known.month, day: known.day) == known.days)
        let date = GregorianDays.date(days: known.days)
        #expect(date.year == known.year && date.month == known.month && date.day == known.day)
    }

    @Test func floorDivisionRoundsTowardMinusInfinity() {
        #expect(GregorianDays.floorDivide(-1, 86_400_000) == -1)
        #expect(GregorianDays.floorDivide(-86_400_000, 86_400_000) == -1)
        #expect(GregorianDays.floorDivide(86_399_999, 86_400_000) == 0)
    }
}
