import Foundation
import Testing
@testable import ConsoleUI

/// Issue 16 item 6: every key press counts, however fast the keys come and whenever the
/// simulator's answers arrive.
@Suite struct SimulatorKeyTests {
    static func state(rate: Double = 5, mix: String = "default") -> State {
        var state = PaneBankFixture.state()
        state.simulator = SimulatorStatus(isRunning: true, isPaused: false, ratePerSecond: rate, mix: mix)
        return state
    }

    static func answer(rate: Double, mix: String = "default", paused: Bool = false) -> Msg {
        .simulatorChanged(SimulatorStatus(isRunning: true, isPaused: paused, ratePerSecond: rate, mix: mix))
    }

    @Test func twoQuickPlusesMoveTheRateTwoSteps() {
        let (state, effects) = run(Self.state(rate: 5), keys("++"))
        #expect(effects == [.controlSimulator(.rate(10)), .controlSimulator(.rate(20))])
        #expect(state.simulator.ratePerSecond == 20)
    }

    @Test func fourQuickMinusesFromFiveStopAtTheSlowestRate() {
        let (state, effects) = run(Self.state(rate: 5), keys("----"))
        #expect(effects == [.controlSimulator(.rate(2)), .controlSimulator(.rate(1)), .controlSimulator(.rate(1)), .controlSimulator(.rate(1))])
        #expect(state.simulator.summary == "sim ▶ 1/s default")
    }

    @Test func twoQuickMsMoveTwoPresets() {
        let (state, effects) = run(Self.state(), keys("mm"))
        #expect(effects == [.controlSimulator(.mix("valid")), .controlSimulator(.mix("holds"))])
        #expect(state.simulator.mix == "holds")
    }

    @Test func anAnswerToAnEarlierKeyDoesNotTakeTheRateBackBeforeTheLastAnswer() {
        // + + then the first answer (10) arrives, then + again: 5 → 10 → 20 → 50.
        let (state, effects) = run(Self.state(rate: 5), keys("++") + [Self.answer(rate: 10)] + keys("+"))
        #expect(effects == [.controlSimulator(.rate(10)), .controlSimulator(.rate(20)), .controlSimulator(.rate(50))])
        #expect(state.simulator.ratePerSecond == 50)
        // Once every change is answered, the simulator's own word stands.
        let settled = run(state, [Self.answer(rate: 20), Self.answer(rate: 50, mix: "holds")]).0
        #expect(settled.simulator.summary == "sim ▶ 50/s holds")
        #expect(settled.simulatorRequests == 0)
    }

    @Test func pausingTwiceQuicklyPausesThenResumes() {
        let (state, effects) = run(Self.state(), keys("pp"))
        #expect(effects == [.controlSimulator(.pause), .controlSimulator(.resume)])
        #expect(state.simulator.isPaused == false)
    }

    @Test func theRateCommandCountsAsAChangeToo() {
        let (state, effects) = run(Self.state(rate: 5), [.keyPressed(.char(":"))] + keys("rate 7") + [.keyPressed(.enter)] + keys("+"))
        #expect(effects == [.controlSimulator(.rate(7)), .controlSimulator(.rate(10))])
        #expect(state.simulator.ratePerSecond == 10)
    }
}
