/// Days since 1970-01-01 and the year, month and day they fall on, in the proleptic Gregorian
/// calendar, by arithmetic alone (Howard Hinnant's `days_from_civil` and `civil_from_days`): no
/// `Calendar`, no time zone. What the projection language's `event.created`, and the bank's
/// `BankDate` and `ISO8601Milliseconds`, count days with.
package enum GregorianDays {
    /// Days since 1970-01-01 of `year`-`month`-`day` (negative before it). `month` is 1...12;
    /// `day` is not checked against the month's length.
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The year, month (1...12) and day of the day `days` days after 1970-01-01.
    package static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `a / b` rounded toward minus infinity (`b` > 0).
    package static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
