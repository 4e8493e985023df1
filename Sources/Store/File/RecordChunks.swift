import Foundation
import Synchronization

/// The buffers reads copy records into (`RecordRun`), kept for reuse when their events are gone.
///
/// A read of `$all` goes through the log a page at a time, each page's runs copying about as
/// many bytes as the page's records take. Buffers taken from and given back to `malloc` cost a
/// page fault per 4 KiB touched whenever `free` hands the heap's top back to the system, which
/// it does as soon as a page's buffers are freed together; a buffer reused from here is already
/// mapped, and likely still in cache. Runs of at least half a chunk take a chunk; smaller ones
/// (reads of a few events, which may be kept long) get a buffer of their exact size.
///
/// Thread-safe (one lock, taken once a run). Holds at most `kept` idle chunks (4 MiB) for the
/// whole process, however many stores and reads there are.
enum RecordChunks {
    /// Bytes of a chunk; a run stops before its frames would take more (a bigger record still
    /// makes a run of its own, in a buffer of its size).
    static let size = 32 << 10
    /// Most idle chunks kept.
    static let kept = 128

    // @unchecked: the pointers are idle chunks nobody else holds; they only move in and out
    // under the lock.
    private struct Idle: @unchecked Sendable {
        var chunks: [UnsafeMutableRawPointer] = []
    }

    private static let idle = Mutex(Idle())

    /// A buffer for `count` bytes, owned by the returned `Data` (which gives a chunk back here
    /// when the last slice of it goes), and where its bytes start.
    static func buffer(count: Int) -> (Data, UnsafeMutableRawPointer) {
        guard count >= size / 2, count <= size else {
            let bytes = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
            return (Data(bytesNoCopy: bytes, count: count, deallocator: .custom { pointer, _ in pointer.deallocate() }), bytes)
        }
        let reused = idle.withLock { $0.chunks.popLast() }
        let chunk = reused ?? UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        return (Data(bytesNoCopy: chunk, count: count, deallocator: .custom { pointer, _ in giveBack(pointer) }), chunk)
    }

    /// Keeps an idle chunk for the next run, or frees it when enough are kept.
    private static func giveBack(_ chunk: UnsafeMutableRawPointer) {
        let keptIt = idle.withLock { idle in
            guard idle.chunks.count < kept else { return false }
            idle.chunks.append(chunk)
            return true
        }
        if !keptIt { chunk.deallocate() }
    }
}
