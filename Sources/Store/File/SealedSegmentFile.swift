import Synchronization

/// The file of a sealed segment, opened on its first use rather than when the store opens, so
/// that opening a store costs the same however many segments its log has.
///
/// What opening the store checked of every segment is checked here, at that first use: the
/// file is there (else `.corrupt(file:offset:reason:)` "segment file is missing") and is full
/// size, as every sealed segment is ("sealed segment is cut short"). A file that fails is
/// never opened, and every use fails the same way. Read-only: a sealed segment is never
/// written again.
// @unchecked: the stored properties are immutable but `state`, which a mutex guards.
final class SealedSegmentFile: StoreFile, @unchecked Sendable {
    private let directory: String
    private let index: Int
    private let fileSystem: any StoreFileSystem
    /// The size every sealed segment of the store has.
    private let segmentSize: Int
    private let state = Mutex(State())

    private struct State {
        var file: (any StoreFile)?
        var closed = false
    }

    init(directory: String, index: Int, fileSystem: any StoreFileSystem, segmentSize: Int) {
        self.directory = directory
        self.index = index
        self.fileSystem = fileSystem
        self.segmentSize = segmentSize
    }

    /// The file's name and path (made when asked: opening makes one of these per sealed segment).
    private var name: String { LogFormat.segmentName(index) }
    var path: String { directory + "/" + name }

    /// Whether the file has been opened (by a use).
    var isOpen: Bool { state.withLock { $0.file != nil } }

    /// The file, opened and checked on the first call.
    private func opened() throws(EventStoreError) -> any StoreFile {
        let current = state.withLock { ($0.file, $0.closed) }
        if let file = current.0 { return file }
        guard !current.1 else { throw .io(path: path, reason: "file is closed") }
        guard fileSystem.fileExists(path) else { throw .corrupt(file: name, offset: 0, reason: "segment file is missing") }
        let file = try fileSystem.open(path, mode: .readOnly)
        let size: UInt64
        do throws(EventStoreError) {
            size = try file.size()
        } catch {
            file.close()
            throw error
        }
        guard size >= UInt64(segmentSize) else {
            file.close()
            throw .corrupt(file: name, offset: size, reason: "sealed segment is cut short: \(size) of \(segmentSize) bytes")
        }
        let kept = state.withLock { state -> (any StoreFile)? in
            guard !state.closed else { return nil }
            if let earlier = state.file { return earlier }
            state.file = file
            return file
        }
        if kept !== file { file.close() }
        guard let kept else { throw .io(path: path, reason: "file is closed") }
        return kept
    }

    func size() throws(EventStoreError) -> UInt64 { try opened().size() }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventStoreError) -> Int {
        try opened().read(into: buffer, at: offset)
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(EventStoreError) {
        throw .io(path: path, reason: "a sealed segment is not written")
    }

    func sync() throws(EventStoreError) { try opened().sync() }

    func resize(to size: UInt64) throws(EventStoreError) {
        throw .io(path: path, reason: "a sealed segment is not resized")
    }

    func reserve(size: UInt64) throws(EventStoreError) {
        throw .io(path: path, reason: "a sealed segment is not resized")
    }

    func dataEnd() throws(EventStoreError) -> UInt64 { try opened().dataEnd() }

    /// The mapping, once the file opens; nil when it cannot, and a reader then reads the file
    /// instead, which meets the reason as an error.
    func map(length: Int) -> UnsafeRawBufferPointer? {
        do throws(EventStoreError) {
            return try opened().map(length: length)
        } catch {
            return nil
        }
    }

    func close() {
        let file = state.withLock { state -> (any StoreFile)? in
            defer {
                state.file = nil
                state.closed = true
            }
            return state.file
        }
        file?.close()
    }
}
