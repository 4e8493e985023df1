import Foundation
import Testing
@testable import Console

@Suite struct LineSourceTests {
    func lines(_ text: String, maxLineLength: Int = 100, chunkSize: Int = 4) -> [LineSource.Line] {
        let source = LineSource(data: Data(text.utf8), maxLineLength: maxLineLength, chunkSize: chunkSize)
        var result: [LineSource.Line] = []
        while let line = source.next() { result.append(line) }
        return result
    }

    @Test func linesSpanningChunksComeBackWhole() {
        #expect(lines("hello world\r\n\nlast") == [.text(Array("hello world".utf8)), .text([]), .text(Array("last".utf8))])
    }

    @Test func anOverlongLineIsReportedAndSkippedWithoutBufferingIt() {
        #expect(lines("short\n" + String(repeating: "x", count: 50) + "\nafter\n", maxLineLength: 10)
            == [.text(Array("short".utf8)), .tooLong(length: 50), .text(Array("after".utf8))])
    }

    @Test func emptyInputHasNoLines() {
        #expect(lines("") == [])
    }
}
