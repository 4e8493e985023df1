import Synchronization
import Testing
@testable import ConsoleUI

/// The simulator's changes are applied in the order the keys were pressed.
@Suite struct SerialLaneTests {
    @Test func jobsRunOneAfterAnotherInTheOrderAdded() async {
        let lane = SerialLane()
        let seen = Mutex<[Int]>([])
        for index in 0..<200 {
            lane.add {
                // A job that suspends must still finish before the next one starts.
                if index % 3 == 0 { await Task.yield() }
                seen.withLock { $0.append(index) }
            }
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in lane.add { done.resume() } }
        #expect(seen.withLock { $0 } == Array(0..<200))
    }
}
