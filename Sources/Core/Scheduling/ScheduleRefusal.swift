import Foundation

/// Why the bank refused to schedule or cancel a payment (`BankError.schedule`). Nothing is written.
public enum ScheduleRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// A date not written `YYYY-MM-DD`, or not a day of the calendar.
    case malformedDate(String)
    /// A first day before today (in Europe/London).
    case dateInPast(BankDate, today: BankDate)
    /// `--until` before the first day.
    case untilBeforeFirst(until: BankDate, first: BankDate)
    /// `--until` without `--every`.
    case untilWithoutRepeat
    case unknownFrequency(String)
    case unknownSchedule(String)
    /// Nothing left to cancel: its occurrences are all due or paid.
    case alreadyDue(scheduleId: UUID, due: BankDate)
    case alreadyCancelled(UUID)
    /// A standing order whose last occurrence has passed.
    case finished(UUID)

    public var description: String {
        switch self {
        case .malformedDate(let text): "malformed date \"\(text)\": expected YYYY-MM-DD, e.g. 2027-01-31"
        case let .dateInPast(date, today): "\(date) is in the past (today is \(today) in Europe/London)"
        case let .untilBeforeFirst(until, first): "--until \(until) is before the first payment on \(first)"
        case .untilWithoutRepeat: "--until needs --every week or --every month"
        case .unknownFrequency(let text): "unknown frequency \"\(text)\": expected week or month"
        case .unknownSchedule(let text): "no scheduled payment \(text)"
        case let .alreadyDue(id, due): "scheduled payment \(id.lowercasedString) was already due on \(due): too late to cancel"
        case .alreadyCancelled(let id): "scheduled payment \(id.lowercasedString) is already cancelled"
        case .finished(let id): "standing order \(id.lowercasedString) has made its last payment"
        }
    }
}
