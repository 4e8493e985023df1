import Foundation
import Testing
@testable import ConsoleUI

@Suite struct ScreenGoldenTests {
    @Test(arguments: [(80, 24), (160, 48)])
    func streamListMatchesGolden(width: Int, height: Int) {
        expectGolden(render(Fixture.streamsState(width: width, height: height)), "streams-list-\(width)x\(height)")
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func streamEventsMatchGolden(width: Int, height: Int) {
        var state = Fixture.streamsState(width: width, height: height)
        state.streams.mode = .events
        state.streams.page = Fixture.page(count: 4, total: 4)
        state.streams.pageCursor = 2
        state.streams.following = true
        expectGolden(render(state), "streams-events-\(width)x\(height)")
    }

    @Test func eventDetailMatchesGolden() {
        var state = Fixture.streamsState()
        state.streams.mode = .detail
        state.streams.detail = Fixture.detail
        expectGolden(render(state), "streams-detail-80x24")
    }

    @Test func helpOverlayMatchesGolden() {
        var state = Fixture.state()
        state.overlay = .help(scroll: 0)
        expectGolden(render(state), "help-80x24")
    }

    @Test func confirmationDialogMatchesGolden() {
        var state = Fixture.state()
        state.overlay = .confirm(Confirmation(question: "Release £52.10 to Leo Glass?", confirmLabel: "Release", action: .release(paymentID: "p", reason: "r")))
        expectGolden(render(state), "confirm-80x24")
    }

    @Test func tooSmallAWindowSaysSoInsteadOfDrawingPanes() {
        let screen = render(Fixture.state(width: 60, height: 10))
        #expect(screen.lines[4] == "             bank-console needs at least 80×24;             ")
        #expect(screen.lines[5] == "                   this window is 60×10.                    ")
    }

    @Test func asciiGlyphsDrawBoxesWithoutUnicode() {
        var state = Fixture.streamsState()
        state.glyphs = .ascii
        let lines = render(state).lines
        #expect(lines[1].hasPrefix("+ Streams (12) * 5 system hidden, s shows -----"))
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
    }
}
