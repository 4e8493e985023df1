import Foundation
import Synchronization

/// Where a command writes text: standard output or error, or a buffer in tests.
protocol TextOutput: Sendable {
    /// Writes `text` as is (callers add their own newlines).
    func write(_ text: String)
}

extension TextOutput {
    /// Writes `line` and a newline, with any control character in it (other than newline and
    /// tab) shown as `\u{1B}`: text from the log never reaches the terminal as a command.
    func line(_ line: String) {
        write(DisplayText.escaped(line, keeping: ["\n", "\t"]) + "\n")
    }
}

/// Writes straight to a file descriptor (unbuffered, so a line is out once `write` returns).
struct FileDescriptorOutput: TextOutput {
    let descriptor: Int32

    func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return // The reader went away (EPIPE): nothing sensible is left to do with the text.
                }
                offset += written
            }
        }
    }
}

/// Collects everything written, for tests.
final class BufferedOutput: TextOutput {
    private let buffer = Mutex("")

    init() {}

    func write(_ text: String) {
        buffer.withLock { $0 += text }
    }

    /// Everything written so far.
    var text: String { buffer.withLock { $0 } }
}
