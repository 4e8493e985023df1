import Foundation
import Store
import Synchronization

/// An in-memory file system that models power loss: writes are only safe once synced.
///
/// Every file keeps its durable image and the writes made since its last sync. `crash(using:)`
/// turns each unsynced write into nothing, the whole write, or a torn write (a prefix, then
/// garbage), and returns the disk as it would be found after reboot. A crash can be armed to
/// happen at the Nth sync: that sync fails, and so does every write after it. File creation,
/// resizing, renames and removals are durable at once (a simplification: the store syncs the
/// directory after each of them anyway). Memory mapping is not offered, so the store's
/// pread path is what runs here.
final class SimulatedDisk: StoreFileSystem {
    struct File {
        var durable: [UInt8] = []
        var visible: [UInt8] = []
        var pending: [(offset: Int, bytes: [UInt8])] = []
    }

    struct State {
        var files: [String: File] = [:]
        var directories: Set<String> = []
        var locks: Set<String> = []
        var syncs = 0
        var crashAtSync: Int?
        var crashed = false
        /// Fail writes with this error (e.g. "No space left on device") instead of crashing.
        var writeError: String?
        var syncError: String?
        /// The files `writeError` and `syncError` hit: those whose path contains this. Segments
        /// by default, as a full disk fails the writes that need new blocks, not overwrites of
        /// the checkpoint's; "" for every file.
        var faultyPaths = ".log"
        /// Fail every attempt to grow a file (reserve, or resize beyond its size) with this
        /// error: a full disk at allocation time.
        var allocationError: String?
        /// Permission bits by path; files are created 0600 and directories 0700.
        var modes: [String: UInt16] = [:]
    }

    let state: Mutex<State>

    init(_ initial: State = State()) { state = Mutex(initial) }

    /// Arms a crash at the `n`th sync from now on (1 = the next one).
    func crash(atSync n: Int) { state.withLock { $0.crashAtSync = $0.syncs + n } }

    var syncCount: Int { state.withLock { $0.syncs } }
    var hasCrashed: Bool { state.withLock { $0.crashed } }

    /// The disk as found after a power loss now: unsynced writes dropped, applied or torn.
    func afterCrash(using random: inout SplitMix64) -> SimulatedDisk {
        let snapshot = state.withLock { $0 }
        var next = State()
        next.directories = snapshot.directories
        next.modes = snapshot.modes
        for (path, file) in snapshot.files.sorted(by: { $0.key < $1.key }) {
            var image = file.durable
            for write in file.pending {
                switch random.next() % 3 {
                case 0:
                    continue
                case 1:
                    Self.place(write.bytes[...], at: write.offset, in: &image)
                default:
                    let kept = Int(random.next() % UInt64(max(1, write.bytes.count)))
                    Self.place(write.bytes[..<kept], at: write.offset, in: &image)
                    let garbage = Int(random.next() % UInt64(max(1, write.bytes.count - kept + 1)))
                    let noise = (0..<garbage).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    Self.place(noise[...], at: write.offset + kept, in: &image)
                }
            }
            next.files[path] = File(durable: image, visible: image, pending: [])
        }
        return SimulatedDisk(next)
    }

    /// Changes bytes of a file's durable image in place (to model bit rot or tampering).
    func damage(_ path: String, _ body: (inout [UInt8]) -> Void) {
        state.withLock { state in
            guard var file = state.files[path] else { return }
            body(&file.durable)
            file.visible = file.durable
            file.pending = []
            state.files[path] = file
        }
    }

    func removeFile(_ path: String) { state.withLock { _ = $0.files.removeValue(forKey: path) } }

    func fileNames(in directory: String) -> [String] {
        state.withLock { state in
            state.files.keys.filter { $0.hasPrefix(directory + "/") }.map { String($0.dropFirst(directory.count + 1)) }.sorted()
        }
    }

    static func place(_ bytes: ArraySlice<UInt8>, at offset: Int, in image: inout [UInt8]) {
        if image.count < offset + bytes.count { image.append(contentsOf: repeatElement(0, count: offset + bytes.count - image.count)) }
        image.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
    }

    // MARK: - StoreFileSystem

    func createDirectory(_ path: String) throws(EventStoreError) {
        state.withLock { state in
            if state.directories.insert(path).inserted { state.modes[path] = 0o700 }
        }
    }

    func permissions(of path: String) throws(EventStoreError) -> UInt16 {
        try state.withLock { state throws(EventStoreError) -> UInt16 in
            guard state.files[path] != nil || state.directories.contains(path) else { throw .io(path: path, reason: "no such file") }
            return state.modes[path] ?? 0o600
        }
    }

    func setPermissions(of path: String, to mode: UInt16) throws(EventStoreError) {
        state.withLock { $0.modes[path] = mode }
    }

    func fileExists(_ path: String) -> Bool {
        state.withLock { $0.files[path] != nil || $0.directories.contains(path) }
    }

    func contentsOfDirectory(_ path: String) throws(EventStoreError) -> [String] {
        fileNames(in: path)
    }

    func open(_ path: String, mode: StoreFileMode) throws(EventStoreError) -> any StoreFile {
        try state.withLock { state throws(EventStoreError) in
            if state.files[path] == nil {
                guard mode == .create else { throw .io(path: path, reason: "no such file") }
                if state.crashed { throw .io(path: path, reason: "simulated power loss") }
                state.files[path] = File()
                state.modes[path] = 0o600
            }
        }
        return SimulatedFile(disk: self, path: path)
    }

    func remove(_ path: String) throws(EventStoreError) {
        try state.withLock { state throws(EventStoreError) in
            if state.crashed { throw .io(path: path, reason: "simulated power loss") }
            state.files[path] = nil
        }
    }

    func rename(_ source: String, to destination: String) throws(EventStoreError) {
        try state.withLock { state throws(EventStoreError) in
            if state.crashed { throw .io(path: source, reason: "simulated power loss") }
            guard let file = state.files.removeValue(forKey: source) else { throw .io(path: source, reason: "no such file") }
            state.files[destination] = File(durable: file.visible, visible: file.visible, pending: [])
            state.modes[destination] = state.modes.removeValue(forKey: source) ?? 0o600
        }
    }

    func syncDirectory(_ path: String) throws(EventStoreError) {
        try state.withLock { state throws(EventStoreError) in
            if state.crashed { throw .io(path: path, reason: "simulated power loss") }
        }
    }

    func lockDirectory(_ path: String) throws(EventStoreError) -> any StoreDirectoryLock {
        try state.withLock { state throws(EventStoreError) in
            if state.locks.contains(path) { throw .locked(directory: path, pid: 4242) }
            state.locks.insert(path)
        }
        return SimulatedLock(disk: self, path: path)
    }
}

final class SimulatedLock: StoreDirectoryLock {
    let disk: SimulatedDisk
    let path: String
    init(disk: SimulatedDisk, path: String) {
        self.disk = disk
        self.path = path
    }
    func release() { _ = disk.state.withLock { $0.locks.remove(path) } }
}

final class SimulatedFile: StoreFile {
    let disk: SimulatedDisk
    let path: String

    init(disk: SimulatedDisk, path: String) {
        self.disk = disk
        self.path = path
    }

    func size() throws(EventStoreError) -> UInt64 {
        UInt64(disk.state.withLock { $0.files[path]?.visible.count ?? 0 })
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventStoreError) -> Int {
        disk.state.withLock { state -> Int in
            guard let image = state.files[path]?.visible, Int(offset) < image.count else { return 0 }
            let count = min(buffer.count, image.count - Int(offset))
            image.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + Int(offset), byteCount: count)
            }
            return count
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(EventStoreError) {
        try disk.state.withLock { state throws(EventStoreError) in
            if state.crashed { throw .io(path: path, reason: "simulated power loss") }
            if let error = state.writeError, state.faultyPaths.isEmpty || path.contains(state.faultyPaths) {
                throw .io(path: path, reason: "write failed: " + error)
            }
            guard var file = state.files[path] else { throw .io(path: path, reason: "file removed") }
            let copy = Array(bytes)
            SimulatedDisk.place(copy[...], at: Int(offset), in: &file.visible)
            file.pending.append((Int(offset), copy))
            state.files[path] = file
        }
    }

    func sync() throws(EventStoreError) {
        try disk.state.withLock { state throws(EventStoreError) in
            if state.crashed { throw .io(path: path, reason: "simulated power loss") }
            if let error = state.syncError, state.faultyPaths.isEmpty || path.contains(state.faultyPaths) {
                throw .io(path: path, reason: error)
            }
            state.syncs += 1
            if let crashAt = state.crashAtSync, state.syncs >= crashAt {
                state.crashed = true
                throw .io(path: path, reason: "simulated power loss")
            }
            guard var file = state.files[path] else { return }
            file.durable = file.visible
            file.pending = []
            state.files[path] = file
        }
    }

    func reserve(size: UInt64) throws(EventStoreError) {
        if try self.size() < size { try resize(to: size) }
    }

    func dataEnd() throws(EventStoreError) -> UInt64 { try size() }

    func resize(to size: UInt64) throws(EventStoreError) {
        try disk.state.withLock { state throws(EventStoreError) in
            if state.crashed { throw .io(path: path, reason: "simulated power loss") }
            guard var file = state.files[path] else { throw .io(path: path, reason: "file removed") }
            if let error = state.allocationError, Int(size) > file.visible.count {
                throw .io(path: path, reason: "cannot reserve \(size) bytes: " + error)
            }
            for index in [0, 1] {
                var image = index == 0 ? file.durable : file.visible
                if image.count > Int(size) { image.removeLast(image.count - Int(size)) }
                else { image.append(contentsOf: repeatElement(0, count: Int(size) - image.count)) }
                if index == 0 { file.durable = image } else { file.visible = image }
            }
            state.files[path] = file
        }
    }

    func map(length: Int) -> UnsafeRawBufferPointer? { nil }

    func close() {}
}
