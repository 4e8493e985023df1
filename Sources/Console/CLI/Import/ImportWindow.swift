import Foundation

/// Bounds what `import` holds in flight — lines and bytes — so memory stays constant.
///
/// The reading thread `acquire`s before taking a line on; the printer `release`s once the
/// line's outcome is printed. A line larger than the byte budget still goes through alone.
// @unchecked: the two counters are only read or written while holding `condition`.
final class ImportWindow: @unchecked Sendable {
    private let maxLines: Int
    private let maxBytes: Int
    private let condition = NSCondition()
    private var lines = 0
    private var bytes = 0

    init(maxLines: Int, maxBytes: Int) {
        self.maxLines = maxLines
        self.maxBytes = maxBytes
    }

    /// Blocks the calling thread until one more line of `size` bytes fits.
    func acquire(bytes size: Int) {
        condition.lock()
        while lines > 0 && (lines >= maxLines || bytes + size > maxBytes) {
            condition.wait()
        }
        lines += 1
        bytes += size
        condition.unlock()
    }

    /// Gives back what `acquire` took.
    func release(bytes size: Int) {
        condition.lock()
        lines -= 1
        bytes -= size
        condition.signal()
        condition.unlock()
    }
}
