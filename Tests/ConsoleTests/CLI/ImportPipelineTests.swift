import Foundation
import Store
import Synchronization
import Testing
@testable import Console

@Suite struct ImportPipelineTests {
    /// NDJSON for `count` events on `streams` streams.
    static func input(count: Int, streams: Int) -> Data {
        Data((0..<count).map { #"{"stream":"S-\#($0 % streams)","type":"T","data":\#($0)}"# + "\n" }.joined().utf8)
    }

    @Test func theReaderStopsAtTheWindowWhileAppendsAreStuck() async throws {
        let store = GatedStore(MemoryEventStore(clock: ManualClock()))
        let output = BufferedOutput()
        let pipeline = ImportPipeline(store: store, output: output, json: false, maxLinesInFlight: 8, maxBytesInFlight: 1 << 20)
        let linesRead = Mutex(0)
        let input = Self.input(count: 100, streams: 100)
        let importing = Task {
            await pipeline.run {
                let source = LineSource(data: input)
                return LineSource {
                    guard let line = source.next() else { return nil }
                    linesRead.withLock { $0 += 1 }
                    return line
                }
            }
        }
        // Wait (by yielding, not sleeping) until the window is full: 8 appends at the gate.
        while store.arrived < 8 { await Task.yield() }
        // The reader may have read one more line and be blocked acquiring its slot; no further.
        #expect(linesRead.withLock { $0 } <= 9)
        #expect(output.text.isEmpty)
        store.open()
        let summary = await importing.value
        #expect(summary == ImportPipeline.Summary(appended: 100, failed: 0, stoppedBy: nil))
        #expect(store.headPosition == 100)
        #expect(output.text.split(separator: "\n").map { $0.split(separator: " ")[1] } == (0..<100).map { "S-\($0)" })
    }
}
