import Foundation
import Testing
@testable import ConsoleUI

/// The console's JSON text, pinned to what Foundation's `prettyPrinted`/`sortedKeys` writer
/// showed before `JSONValue` replaced it: the event detail and the golden screens depend on it.
@Suite struct JSONPrettyTests {
    @Test func eventDataIsShownSortedIndentedAndWithNumbersInTheirShortestForm() {
        let data = Data(#"{"b":1.0,"a10":[],"a9":{},"B":"x/y\u0001","amount":1200.50,"ok":true,"n":null}"#.utf8)
        #expect(JSONPretty.lines(data) == [
            "{",
            #"  "a9" : {"#,
            "",
            "  },",
            #"  "a10" : ["#,
            "",
            "  ],",
            #"  "amount" : 1200.5,"#,
            #"  "b" : 1,"#,
            #"  "B" : "x/y\u0001","#,
            #"  "n" : null,"#,
            #"  "ok" : true"#,
            "}",
        ])
    }

    @Test func textThatIsNotJSONIsShownAsText() {
        #expect(JSONPretty.lines(Data("{oops".utf8)) == ["(not JSON)", "{oops"])
        #expect(JSONPretty.lines(Data()) == ["(empty)"])
    }

    @Test func aTimelineDigestIsCompactSortedAndDropsThePaymentID() {
        let data = Data(#"{"paymentId":"p-1","reason":"a/b","amount":12.0}"#.utf8)
        #expect(StoreReader.digest(data) == #"{"amount":12,"reason":"a/b"}"#)
    }
}
