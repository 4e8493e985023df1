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

    @Test func anIdempotentBatchReportsTheOriginalInterleavedPositions() async throws {
        let inner = MemoryEventStore(clock: ManualClock())
        func line(_ stream: String, _ index: Int) -> String {
            #"{"stream":"\#(stream)","type":"T","data":\#(index),"id":"00000000-0000-4000-8000-00000000000\#(index)"}"#
        }
        // Earlier, one at a time: A and B interleave, so A's events sit at positions 0, 2, 4.
        for index in 0..<5 {
            let id = UUID(uuidString: "00000000-0000-4000-8000-00000000000\(index)")!
            _ = try await inner.append(to: index % 2 == 0 ? "A-1" : "B-1", expected: .any,
                                       events: [EventData(id: id, type: "T", data: Data(String(index).utf8))])
        }
        // Second run of A's lines alone: the first append waits at the gate while the other two
        // queue up behind it, so they go as one batch that is an exact retry.
        let second = GatedStore(inner)
        let output = BufferedOutput()
        let calls = Mutex(0)
        let replay = [line("A-1", 0), line("A-1", 2), line("A-1", 4)]
        let importing = Task {
            await ImportPipeline(store: second, output: output, json: false).run {
                let source = LineSource(data: Data(replay.joined(separator: "\n").utf8))
                return LineSource {
                    calls.withLock { $0 += 1 }
                    return source.next()
                }
            }
        }
        // The fourth call finds the end: by then all three lines were submitted.
        while calls.withLock({ $0 }) < 4 || second.arrived < 1 { await Task.yield() }
        second.open()
        _ = await importing.value
        #expect(output.text == "ok A-1 0 0\nok A-1 1 2\nok A-1 2 4\n")
        #expect(inner.headPosition == 5)
        #expect(second.arrived == 2)
    }
}
