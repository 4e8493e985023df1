import Testing
@testable import ConsoleUI

/// Text wrapping for narrow panels (the held evidence).
@Suite struct TextWrapTests {
    @Test func longLinesBreakAtSpacesIndentedUnderTheirFirst() {
        #expect(Text.wrap("  ≈ \"Tibor Nachtschatten\" (list entry SN-0007, alias of \"T. Nachtschatten\")", width: 33) == [
            "  ≈ \"Tibor Nachtschatten\" (list",
            "    entry SN-0007, alias of \"T.",
            "    Nachtschatten\")",
        ])
        #expect(Text.wrap("short", width: 33) == ["short"])
    }

    @Test func aWordLongerThanTheLineIsCutAcrossLines() {
        #expect(Text.wrap("id a1dfea52-d547-4c1d-b59d-19c86333f1ae", width: 20) == [
            "id",
            "  a1dfea52-d547-4c1d",
            "  -b59d-19c86333f1ae",
        ])
    }
}
