import Foundation
@testable import Store
import Testing

/// Programs the checker refuses before they run, each with its line and column.
@Suite struct ProjectionLanguageCheckTests {
    func refusal(_ text: String) -> String? {
        do {
            try TextProjection.check(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aProgramWithoutASourceIsRefusedAtItsFirstWord() {
        #expect(refusal("when Paid { count() as n }") == "1:1: expected fromAll(), fromCategory(\"NAME\") or fromStreams(\"NAME\", ...), found 'when'")
    }

    @Test func syntaxErrorsNameTheLineAndColumn() {
        #expect(refusal("fromAll()\nwhen Paid\nwhere data.amount = 5 { count() as n }") == "3:19: '=' is not an operator: compare with '=='")
        #expect(refusal("fromCategory(\"Acc\")\nwhen Paid {\n  count() as n\n  total(data.x) as t\n}") == "4:3: expected count, sum, min, max, last or '}', found 'total'")
        #expect(refusal("fromCategory(\"Acc\")") == "1:20: a projection needs at least one 'when' handler")
        #expect(refusal("fromCategory(\"Acc\", \"B\") when A { count() as n }") == "1:24: fromCategory takes one category name")
        #expect(refusal("fromAll()\nwhen A where data.a < 1 < 2 { count() as n }") == "2:25: comparisons do not chain: use 'and'")
        #expect(refusal("fromAll() when A { sum() as n }") == "1:24: sum() needs a value")
        #expect(refusal("fromAll() when A { count() as n } \"stray") == "1:35: this string has no closing quote")
    }

    @Test func namesAndTypesTheTextCanTellAreChecked() {
        #expect(refusal("fromAll()\nwhen A { sum(\"x\") as n }") == "2:14: sum needs a number, not a string")
        #expect(refusal("fromAll()\nwhen A where data.a > \"x\" + 1 { count() as n }") == "2:23: '+' needs numbers, not a string")
        #expect(refusal("fromAll()\nwhen A where 1 < \"x\" { count() as n }") == "2:16: '<' cannot compare a number with a string")
        #expect(refusal("fromAll()\nwhen A where pence(data.a) { count() as n }") == "2:14: 'where' needs a true/false condition, not a number")
        #expect(refusal("fromAll()\nwhen A { last(round(data.a)) as n }") == "2:15: unknown function 'round' (functions: coalesce, day, hour, number, pence, string)")
        #expect(refusal("fromAll()\nwhen A { last(remembered.amount) as n }") == "2:15: nothing remembers 'amount'")
        #expect(refusal("fromAll()\nwhen A { last(event.when) as n }") == "2:15: event has the fields created, position, stream, type, version: event.NAME")
        #expect(refusal("fromAll()\nwhen A { count() as n }\nwhen B { sum(data.x) as n }") == "3:10: 'n' is a count at 2:10: one name, one kind of aggregate")
        #expect(refusal("fromAll()\nwhen A { count() as n count() as n }") == "2:23: 'n' is defined twice in this handler")
        #expect(refusal("fromAll()\nwhen A, A { count() as n }") == "2:1: event type A is named twice")
        #expect(refusal("fromAll()\nwhen A groupBy true { count() as n }") == "2:16: groupBy needs a string or a number, not a boolean")
    }

    @Test func theBundledExamplesAndAFullProgramPassTheChecks() {
        #expect(refusal("""
        # every kind of aggregate, grouped twice
        fromStreams("Acc-1", "Acc-2")
        when Deposited, Withdrawn
        where not (data.amount == null) and (data.amount >= 0 or event.type == "Withdrawn")
        groupBy event.stream, day(event.created) {
          count() as n
          sum(number(data.amount) * 2 - 1) as total
          min(data.amount) as smallest
          max(string(data.amount)) as largest
          last(coalesce(metadata.actor, "nobody")) as by
        }
        when Opened remember { data.holder as holder }
        when any where remembered.holder != null { last(remembered.holder) as holder }
        when Closed forget
        """) == nil)
    }
}
