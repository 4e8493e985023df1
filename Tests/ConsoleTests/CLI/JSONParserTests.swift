import Core
import Testing
@testable import Console

@Suite struct JSONParserTests {
    func reason(_ text: String) -> String? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func parsesEveryKindOfValueKeepingMemberOrderAndNumberText() throws {
        let value = try JSONParser.parse(#" {"z":1.50,"a":[true,false,null,"x\n\u00e9\ud83d\ude00"],"e":-2E+3} "#)
        #expect(value == .object([
            ("z", .number("1.50")),
            ("a", .array([.bool(true), .bool(false), .null, .string("x\né😀")])),
            ("e", .number("-2E+3")),
        ]))
        #expect(value.compact == #"{"z":1.50,"a":[true,false,null,"x\né😀"],"e":-2E+3}"#)
    }

    @Test func rejectsWhatIsNotJSONSayingWhere() {
        #expect(reason("") == "invalid JSON at byte 0: unexpected end of input")
        #expect(reason("{\"a\":1,}") == "invalid JSON at byte 7: expected a member name in quotes")
        #expect(reason("[1 2]") == "invalid JSON at byte 3: expected ',' or ']' but found '2'")
        #expect(reason("01") == "invalid JSON at byte 1: unexpected text after the value")
        #expect(reason("\"\u{01}\"") == "invalid JSON at byte 2: control character in a string")
        #expect(reason(#""\ud800""#) == "invalid JSON at byte 7: unpaired surrogate in \\u escape")
        #expect(reason("tru") == "invalid JSON at byte 0: invalid literal")
        #expect(reason("1.") == "invalid JSON at byte 2: expected a digit after '.'")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(reason(deep) == "invalid JSON at byte 256: nested deeper than 256 levels")
    }

    @Test func topLevelMembersKnowTheirSourceRanges() throws {
        let bytes = Array(#"{"a": {"b" : 1} ,"c":"d"}"#.utf8)
        let members = try JSONParser.parseTopLevelObject(bytes)
        #expect(members.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [#"{"b" : 1}"#, #""d""#])
    }

    @Test func prettyOutputIndentsByTwoSpaces() throws {
        #expect(try JSONParser.parse(#"{"a":[1,{}],"b":{"c":[]}}"#).pretty == """
            {
              "a": [
                1,
                {}
              ],
              "b": {
                "c": []
              }
            }
            """)
    }

    @Test func stringsAreEscapedOnOutput() {
        #expect(JSONValue.quoted("a\"b\\c\u{07}\t") == #""a\"b\\c\u0007\t""#)
    }
}
