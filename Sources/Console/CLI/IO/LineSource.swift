import Foundation

/// A source of input lines read in fixed-size chunks, so memory stays constant for any input.
///
/// Lines end at `\n` (a trailing `\r` is dropped); a last line without a newline counts. A
/// line longer than `maxLineLength` is reported as `.tooLong` and skipped to its end, never
/// buffered whole. Blocking: call it from a thread that may block, not from the async pool.
final class LineSource {
    /// What `next()` yields.
    enum Line: Equatable {
        case text([UInt8])
        case tooLong(length: Int)
    }

    private let readChunk: (inout [UInt8]) -> Result<Int, ReadFailure>
    /// When set, lines come from here instead of chunks (composition and tests).
    private var produce: (() -> Line?)?
    private let maxLineLength: Int
    private var chunk: [UInt8]
    private var chunkStart = 0
    private var chunkEnd = 0
    private var finished = false
    /// Set when reading failed (an errno); the input then ends early.
    private(set) var readError: Int32?

    /// Reads from a file descriptor (a file, a pipe or standard input).
    convenience init(descriptor: Int32, maxLineLength: Int = 8 << 20, chunkSize: Int = 64 << 10) {
        self.init(maxLineLength: maxLineLength, chunkSize: chunkSize) { buffer in
            while true {
                let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                if count >= 0 { return .success(count) }
                if errno != EINTR { return .failure(ReadFailure(code: errno)) }
            }
        }
    }

    /// Reads from bytes in memory (tests, small inputs).
    convenience init(data: Data, maxLineLength: Int = 8 << 20, chunkSize: Int = 64 << 10) {
        var offset = 0
        self.init(maxLineLength: maxLineLength, chunkSize: chunkSize) { buffer in
            let count = min(buffer.count, data.count - offset)
            buffer.replaceSubrange(0..<count, with: data[(data.startIndex + offset)..<(data.startIndex + offset + count)])
            offset += count
            return .success(count)
        }
    }

    /// Yields the lines `produce` returns until it returns nil.
    convenience init(lines produce: @escaping () -> Line?) {
        self.init(maxLineLength: 0, chunkSize: 0) { _ in .success(0) }
        self.produce = produce
    }

    /// An errno from `read`.
    struct ReadFailure: Error {
        var code: Int32
    }

    private init(maxLineLength: Int, chunkSize: Int, readChunk: @escaping (inout [UInt8]) -> Result<Int, ReadFailure>) {
        self.readChunk = readChunk
        self.maxLineLength = maxLineLength
        self.chunk = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The next line, or nil at the end of the input.
    func next() -> Line? {
        if let produce { return produce() }
        var line: [UInt8] = []
        var length = 0
        var tooLong = false
        while true {
            if chunkStart == chunkEnd {
                if finished { break }
                chunkStart = 0
                switch readChunk(&chunk) {
                case .success(let count):
                    chunkEnd = count
                case .failure(let failure):
                    readError = failure.code
                    chunkEnd = 0
                }
                if chunkEnd == 0 {
                    finished = true
                    break
                }
            }
            let window = chunk[chunkStart..<chunkEnd]
            if let newline = window.firstIndex(of: UInt8(ascii: "\n")) {
                length += newline - chunkStart
                if !tooLong && length <= maxLineLength { line.append(contentsOf: chunk[chunkStart..<newline]) }
                chunkStart = newline + 1
                return finish(line, length: length, tooLong: tooLong || length > maxLineLength)
            }
            length += window.count
            if length > maxLineLength {
                tooLong = true
                line = []
            } else {
                line.append(contentsOf: window)
            }
            chunkStart = chunkEnd
        }
        if length == 0 && !tooLong { return nil }
        return finish(line, length: length, tooLong: tooLong || length > maxLineLength)
    }

    private func finish(_ line: [UInt8], length: Int, tooLong: Bool) -> Line {
        if tooLong { return .tooLong(length: length) }
        if line.last == UInt8(ascii: "\r") { return .text(Array(line.dropLast())) }
        return .text(line)
    }
}
