import Core
import Foundation
import Store
import Synchronization

/// Streams NDJSON lines into the store with many appends in flight, printing one line per
/// input line in input order, each only once its event is durable (or refused).
///
/// A dedicated thread reads and parses lines (reading may block on a pipe); `ImportLanes`
/// appends them; the caller's task prints outcomes in order. `ImportWindow` bounds the lines
/// and bytes in flight, so memory does not grow with the input. Blank lines are skipped but
/// counted, so line numbers match the input; so are the `[`/`]` lines and trailing commas of
/// `read --json`, whose output therefore imports as it is.
struct ImportPipeline: Sendable {
    var store: any EventStore
    var output: any TextOutput
    var json: Bool
    var maxLinesInFlight = 1024
    var maxBytesInFlight = 64 << 20

    /// What happened over the whole input.
    struct Summary: Sendable, Equatable {
        var appended = 0
        var failed = 0
        /// The store stopped taking appends; the rest of the input was not read.
        var stoppedBy: String?
        /// Reading the input failed (an errno message); the lines before it were imported.
        var readError: String?
    }

    /// Imports everything `makeSource` yields; returns when every line is accounted for.
    func run(_ makeSource: @escaping @Sendable () -> LineSource) async -> Summary {
        let window = ImportWindow(maxLines: maxLinesInFlight, maxBytes: maxBytesInFlight)
        let lanes = ImportLanes(store: store)
        let stopped = StopFlag()
        let (slots, continuation) = AsyncStream.makeStream(of: ImportSlot.self)
        let readError = ReadErrorBox()
        let reader = Thread {
            let source = makeSource()
            Self.read(source, window: window, lanes: lanes, stopped: stopped, into: continuation)
            readError.code.withLock { $0 = source.readError }
            continuation.finish()
        }
        reader.name = "bank-console import reader"
        reader.start()

        var summary = Summary()
        for await slot in slots {
            let outcome = await slot.outcome()
            switch outcome {
            case let .appended(stream, version, position):
                summary.appended += 1
                output.line(EventInput.okLine(stream: stream, version: version, position: position, json: json))
            case let .failed(reason, fatal):
                summary.failed += 1
                output.line(errorLine(slot.line, reason))
                if fatal && summary.stoppedBy == nil {
                    summary.stoppedBy = reason
                    stopped.flag.store(true, ordering: .releasing)
                }
            }
            window.release(bytes: slot.cost)
        }
        // The reader records its error before finishing the stream, so this sees it.
        summary.readError = readError.code.withLock { $0 }.map { String(cString: strerror($0)) }
        return summary
    }

    private func errorLine(_ line: Int, _ reason: String) -> String {
        let reason = CommandLineTool.oneLine(reason)
        if json {
            return JSONValue.object([("ok", .bool(false)), ("line", .number(String(line))), ("error", .string(reason))]).compact
        }
        return "error \(line) \(reason)"
    }

    /// The reading thread: every line gets a slot, in order; stops early once the store fails.
    /// The caller finishes `continuation` afterwards.
    private static func read(_ source: LineSource, window: ImportWindow, lanes: ImportLanes,
                             stopped: StopFlag, into continuation: AsyncStream<ImportSlot>.Continuation) {
        var number = 0
        while !stopped.flag.load(ordering: .acquiring), let line = source.next() {
            number += 1
            switch line {
            case .text(var bytes):
                while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
                // `read --json` prints an array one event per line: its brackets and commas are skipped.
                if bytes.isEmpty || bytes == [UInt8(ascii: "[")] || bytes == [UInt8(ascii: "]")] { continue }
                if bytes.last == UInt8(ascii: ",") { bytes.removeLast() }
                window.acquire(bytes: bytes.count)
                let slot = ImportSlot(line: number, cost: bytes.count)
                continuation.yield(slot)
                switch ImportLine.parse(bytes) {
                case .success(let parsed): lanes.submit(parsed, slot: slot)
                case .failure(let failure): slot.fulfil(.failed(reason: failure.reason, fatal: false))
                }
            case .tooLong(let length):
                window.acquire(bytes: 0)
                let slot = ImportSlot(line: number, cost: 0)
                continuation.yield(slot)
                slot.fulfil(.failed(reason: "line of \(length) bytes is too long", fatal: false))
            }
        }
    }
}

/// The errno the reading thread ran into, if any.
final class ReadErrorBox: Sendable {
    let code = Mutex<Int32?>(nil)
}

/// Set when the store stops taking appends, so the reader stops reading.
final class StopFlag: Sendable {
    let flag = Atomic<Bool>(false)
}

extension CommandFailure {
    /// The message, whatever the kind.
    var reason: String {
        switch self {
        case .refused(let reason), .corrupt(let reason), .usage(let reason): reason
        }
    }
}
