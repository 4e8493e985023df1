import Foundation

extension State {
    /// Asks the simulator for a change and shows it at once, so the next key steps on from it.
    ///
    /// The footer shows what was asked for until every change sent has been answered: an answer
    /// to an earlier key (`+` → 10) arriving after a later one (`+` → 20) must not take the
    /// footer back, or the key after that would step from the stale value and a press be lost.
    mutating func controlSimulator(_ control: SimulatorControl) -> [Effect] {
        // Resuming sends payments, which a stopped writer cannot take; pausing, rate and mix write nothing.
        if control == .resume, let refusal = writeRefusal { return refuse(refusal) }
        switch control {
        case .pause: simulator.isPaused = true
        case .resume: simulator.isPaused = false
        case .rate(let rate): simulator.ratePerSecond = rate
        case .mix(let mix): simulator.mix = mix
        }
        simulatorRequests += 1
        return [.controlSimulator(control)]
    }

    /// The simulator's answer to a change (or its state at start): taken as it is once no
    /// later change is still on its way.
    mutating func simulatorChanged(_ status: SimulatorStatus) {
        simulatorRequests = max(0, simulatorRequests - 1)
        if simulatorRequests == 0 { simulator = status }
    }
}
