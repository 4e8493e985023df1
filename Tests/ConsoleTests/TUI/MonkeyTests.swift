import Foundation
import Store
import Testing
@testable import ConsoleUI

@Suite struct MonkeyTests {
    static let keyPool: [Key] = [
        .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backTab,
        .backspace, .delete, .function(1), .function(5), .control("a"), .control("u"),
    ] + "1234567890qjkhlgG/?:fnpam+-yYrRbuxX £é中\u{301} ".map { Key.char($0) }

    @Test(arguments: [1, 2, 3])
    func thousandsOfRandomKeysAndResizesNeverCrash(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var state = Fixture.streamsState()
        var quits = 0
        for step in 0..<4_000 {
            let msg: Msg
            switch Int.random(in: 0..<100, using: &rng) {
            case 0..<80:
                msg = .keyPressed(Self.keyPool.randomElement(using: &rng)!)
            case 80..<85:
                msg = .resized(Size(width: Int.random(in: 1...220, using: &rng), height: Int.random(in: 1...70, using: &rng)))
            case 85..<90:
                let count = Int.random(in: 0...30, using: &rng)
                let from = Int64.random(in: 0...50, using: &rng)
                msg = .pageLoaded(Fixture.page(stream: state.streams.page?.stream ?? "$all", from: from, count: count, total: from + Int64(count) + Int64.random(in: 0...5, using: &rng)))
            case 90..<94:
                let events = (0..<Int.random(in: 0...5, using: &rng)).map { RecordedEventFixture.event(stream: "Ledger-401234-1234567\($0)", position: UInt64(step + $0), type: "T\($0)") }
                msg = .eventsArrived(events, head: UInt64(step + 10))
            case 94..<96:
                msg = .eventLoaded(Fixture.detail)
            case 96..<98:
                msg = .tick(Fixture.now.addingTimeInterval(Double(step)))
            default:
                msg = .commandFinished(CommandResult(action: .release(paymentID: "p", reason: "r"), succeeded: Bool.random(using: &rng), message: "done"))
            }
            let (next, effects) = update(state, msg)
            if effects.contains(where: { if case .quit = $0 { true } else { false } }) { quits += 1 }
            state = next
            let screen = render(state)
            #expect(screen.width == state.size.width && screen.height == state.size.height)
        }
        // The monkey presses q often; the console asked to quit and carried on being usable.
        #expect(quits > 0)
    }
}
