import Foundation
import Store
import Synchronization

/// The real file system, but every change to it (create, write, sync, rename, remove) after
/// the first `allowed` fails, as a crash at that point would leave it. For tests.
final class FailingFileSystem: StoreFileSystem {
    private let base = PosixFileSystem()
    private let left: Mutex<Int>

    init(allowed: Int) { left = Mutex(allowed) }

    /// Whether any change was refused.
    var failed: Bool { left.withLock { $0 < 0 } }

    func change() throws(EventStoreError) {
        let allowed = left.withLock { left -> Bool in
            left -= 1
            return left >= 0
        }
        if !allowed { throw .io(path: "simulated", reason: "crash") }
    }

    func createDirectory(_ path: String) throws(EventStoreError) { try base.createDirectory(path) }
    func permissions(of path: String) throws(EventStoreError) -> UInt16 { try base.permissions(of: path) }
    func setPermissions(of path: String, to mode: UInt16) throws(EventStoreError) { try base.setPermissions(of: path, to: mode) }
    func fileExists(_ path: String) -> Bool { base.fileExists(path) }
    func contentsOfDirectory(_ path: String) throws(EventStoreError) -> [String] { try base.contentsOfDirectory(path) }
    func open(_ path: String, mode: StoreFileMode) throws(EventStoreError) -> any StoreFile {
        if mode != .readOnly { try change() }
        let file = try base.open(path, mode: mode)
        return mode == .readOnly ? file : FailingFile(file, fileSystem: self)
    }
    func remove(_ path: String) throws(EventStoreError) {
        try change()
        try base.remove(path)
    }
    func rename(_ source: String, to destination: String) throws(EventStoreError) {
        try change()
        try base.rename(source, to: destination)
    }
    func syncDirectory(_ path: String) throws(EventStoreError) {
        try change()
        try base.syncDirectory(path)
    }
    func lockDirectory(_ path: String) throws(EventStoreError) -> any StoreDirectoryLock { try base.lockDirectory(path) }
}

/// A file whose writes and syncs count against its `FailingFileSystem`.
final class FailingFile: StoreFile {
    private let base: any StoreFile
    private let fileSystem: FailingFileSystem

    init(_ base: any StoreFile, fileSystem: FailingFileSystem) {
        self.base = base
        self.fileSystem = fileSystem
    }

    var path: String { base.path }
    func size() throws(EventStoreError) -> UInt64 { try base.size() }
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventStoreError) -> Int { try base.read(into: buffer, at: offset) }
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(EventStoreError) {
        try fileSystem.change()
        // A torn write: half of it reaches the file before the crash.
        try base.write(UnsafeRawBufferPointer(rebasing: bytes.prefix(bytes.count / 2)), at: offset)
        try fileSystem.change()
        try base.write(UnsafeRawBufferPointer(rebasing: bytes.dropFirst(bytes.count / 2)), at: offset + UInt64(bytes.count / 2))
    }
    func sync() throws(EventStoreError) {
        try fileSystem.change()
        try base.sync()
    }
    func resize(to size: UInt64) throws(EventStoreError) { try base.resize(to: size) }
    func reserve(size: UInt64) throws(EventStoreError) { try base.reserve(size: size) }
    func dataEnd() throws(EventStoreError) -> UInt64 { try base.dataEnd() }
    func map(length: Int) -> UnsafeRawBufferPointer? { base.map(length: length) }
    func close() { base.close() }
}
