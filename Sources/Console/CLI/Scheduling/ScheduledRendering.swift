import Core
import Foundation

/// How `scheduled`, `send --on` and `cancel-scheduled` print a schedule.
enum ScheduledRendering {
    /// `{"id","from","to","toName","amount","reference","scheme","repeat","every","until","firstDue","next","status","paid","lastPaymentId","requestedBy","cancelled"}`.
    static func json(_ s: ScheduledPaymentSummary) -> [(key: String, value: JSONValue)] {
        [
            ("id", .string(s.id.lowercasedString)),
            ("from", .string(s.from.sortCode.digits + " " + s.from.accountNumber.digits)),
            ("to", .string(s.to.sortCode + " " + s.to.accountNumber)),
            ("toName", .string(s.to.name)),
            ("amount", .string(s.amount)),
            ("reference", .string(s.reference)),
            ("scheme", .string(s.scheme.rawValue)),
            ("every", s.every.map { .string($0.rawValue) } ?? .null),
            ("until", s.until.map { .string($0.description) } ?? .null),
            ("firstDue", .string(s.firstDue.description)),
            ("next", s.next.map { .string($0.description) } ?? .null),
            ("status", .string(s.status.rawValue)),
            ("paid", .number(String(s.paid))),
            ("lastPaymentId", s.lastPaymentId.map { .string($0.lowercasedString) } ?? .null),
            ("requestedBy", .string(s.requestedBy)),
            ("cancelled", s.cancelled.map { decision in
                .object([("by", .string(decision.by)), ("reason", .string(decision.reason))])
            } ?? .null),
        ]
    }

    /// `£5.00 from 40-12-34 10000329 to Walsh Carter 20-00-00 12345803, monthly, next 2027-01-31 (active)`.
    static func sentence(_ s: ScheduledPaymentSummary) -> String {
        let amount = Money(parsing: s.amount)?.description ?? s.amount
        let next = s.next.map { "next \($0)" } ?? "no more payments"
        return "\(amount) from \(s.from) to \(s.to.name) \(s.to.sortCode) \(s.to.accountNumber), \(s.repeatText), \(next) (\(s.status.rawValue))"
    }

    /// Prints what became of a schedule: `VERB ID: SENTENCE` then `note`; JSON: the schedule
    /// object, as `scheduled --json` prints it.
    static func printChanged(_ summary: ScheduledPaymentSummary, _ verb: String, note: String = "", _ context: CommandContext) {
        if context.json {
            context.output.line(JSONValue.object(json(summary)).compact)
        } else {
            context.output.line("\(verb) \(summary.id.lowercasedString): \(sentence(summary))\(note)")
        }
    }

    /// The listing: id, next day, from, to, amount, repeat, status, reference.
    static func table(_ schedules: [ScheduledPaymentSummary]) -> [String] {
        var table = Table(["ID", "NEXT", "FROM", "TO", "AMOUNT", "REPEAT", "PAID", "STATUS", "REFERENCE"],
                          alignments: [.left, .left, .left, .left, .right, .left, .right, .left, .left])
        for s in schedules {
            table.append([s.id.lowercasedString, s.next?.description ?? "-", s.from.description, s.to.name,
                          Money(parsing: s.amount)?.description ?? s.amount, s.repeatText, String(s.paid), s.status.rawValue, s.reference])
        }
        return table.lines()
    }
}
