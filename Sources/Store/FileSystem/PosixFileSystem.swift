#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The real file system through POSIX calls: pread/pwrite, fdatasync, mmap, flock.
public struct PosixFileSystem: StoreFileSystem {
    public init() {}

    static func failure(_ path: String, _ what: String) -> EventStoreError {
        let code = errno
        return .io(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }

    public func createDirectory(_ path: String) throws(EventStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o700) == 0 {
                // mkdir's mode is cut by the umask: set it exactly.
                if chmod(prefix, 0o700) != 0 { throw Self.failure(prefix, "cannot set mode 0700") }
            } else if errno != EEXIST {
                throw Self.failure(prefix, "cannot create directory")
            }
        }
    }

    public func permissions(of path: String) throws(EventStoreError) -> UInt16 {
        var info = stat()
        if stat(path, &info) != 0 { throw Self.failure(path, "cannot stat") }
        return UInt16(truncatingIfNeeded: info.st_mode) & 0o777
    }

    /// One `fstatat` per name against the directory opened once: the kernel looks up each
    /// name in the directory, not the directory's whole path again (a store of 10 M events has
    /// some fifty files).
    public func permissions(of names: [String], in directory: String) throws(EventStoreError) -> [UInt16] {
        let fd = posixOpen(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { throw Self.failure(directory, "cannot open directory") }
        defer { posixClose(fd) }
        var modes: [UInt16] = []
        modes.reserveCapacity(names.count)
        var info = stat()
        for name in names {
            // Flags 0: a symbolic link is followed, as stat(2) follows it in `permissions(of:)`.
            if fstatat(fd, name, &info, 0) != 0 { throw Self.failure(directory + "/" + name, "cannot stat") }
            modes.append(UInt16(truncatingIfNeeded: info.st_mode) & 0o777)
        }
        return modes
    }

    public func setPermissions(of path: String, to mode: UInt16) throws(EventStoreError) {
        if chmod(path, mode_t(mode)) != 0 { throw Self.failure(path, "cannot set mode \(String(mode, radix: 8))") }
    }

    public func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public func contentsOfDirectory(_ path: String) throws(EventStoreError) -> [String] {
        guard let dir = opendir(path) else { throw Self.failure(path, "cannot list directory") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `readdir` over the directory, each name passed as the bytes of its `d_name`.
    public func forEachName(in path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(EventStoreError) {
        guard let dir = opendir(path) else { throw Self.failure(path, "cannot list directory") }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                guard let base = raw.baseAddress else { return }
                let length = strnlen(base.assumingMemoryBound(to: CChar.self), raw.count)
                let name = UnsafeRawBufferPointer(rebasing: raw[0..<length])
                guard !(length == 1 && name[0] == UInt8(ascii: ".")),
                      !(length == 2 && name[0] == UInt8(ascii: ".") && name[1] == UInt8(ascii: ".")) else { return }
                body(name)
            }
        }
    }

    public func open(_ path: String, mode: StoreFileMode) throws(EventStoreError) -> any StoreFile {
        let flags: Int32 = switch mode {
        case .readOnly: O_RDONLY
        case .readWrite: O_RDWR
        case .create: O_RDWR | O_CREAT
        }
        let fd = posixOpen(path, flags | O_CLOEXEC, 0o600)
        if fd < 0 { throw Self.failure(path, "cannot open") }
        // A file the store creates is 0600 whatever the umask (open's mode is cut by it).
        if mode == .create, fchmod(fd, 0o600) != 0 {
            let error = Self.failure(path, "cannot set mode 0600")
            posixClose(fd)
            throw error
        }
        return PosixFile(path: path, fd: fd, writable: mode != .readOnly)
    }

    public func remove(_ path: String) throws(EventStoreError) {
        if unlink(path) != 0 { throw Self.failure(path, "cannot remove") }
    }

    public func rename(_ source: String, to destination: String) throws(EventStoreError) {
        if posixRename(source, destination) != 0 { throw Self.failure(destination, "cannot rename \(source)") }
    }

    public func syncDirectory(_ path: String) throws(EventStoreError) {
        let fd = posixOpen(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw Self.failure(path, "cannot open directory") }
        defer { posixClose(fd) }
        if fsync(fd) != 0 { throw Self.failure(path, "cannot sync directory") }
    }

    public func lockDirectory(_ path: String) throws(EventStoreError) -> any StoreDirectoryLock {
        let lockPath = path + "/lock"
        let fd = posixOpen(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if fd < 0 { throw Self.failure(lockPath, "cannot open lock file") }
        if fchmod(fd, 0o600) != 0 {
            let error = Self.failure(lockPath, "cannot set mode 0600")
            posixClose(fd)
            throw error
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            posixClose(fd)
            guard code == EWOULDBLOCK else {
                throw .io(path: lockPath, reason: "cannot lock: \(String(cString: strerror(code)))")
            }
            let text = count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
            let pid = Int32(text.split(separator: "\n").first.map(String.init) ?? "") ?? 0
            throw .locked(directory: path, pid: pid)
        }
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        if written != text.count || ftruncate(fd, off_t(text.count)) != 0 {
            let error = Self.failure(lockPath, "cannot write pid")
            posixClose(fd)
            throw error
        }
        return PosixDirectoryLock(fd: fd)
    }
}

/// The write lock: an flock held on the open lock file.
final class PosixDirectoryLock: StoreDirectoryLock {
    private let fd: Mutex<Int32>

    init(fd: Int32) { self.fd = Mutex(fd) }

    func release() {
        fd.withLock { fd in
            guard fd >= 0 else { return }
            flock(fd, LOCK_UN)
            posixClose(fd)
            fd = -1
        }
    }

    deinit { release() }
}

/// An open POSIX file descriptor with an optional read-only mapping.
final class PosixFile: StoreFile {
    let path: String
    private let fd: Int32
    private let writable: Bool
    // @unchecked: a raw address and length, only read or changed under the mutex below.
    private struct Mapping: @unchecked Sendable {
        var base: UnsafeMutableRawPointer?
        var length: Int
    }
    private let mapping = Mutex(Mapping(base: nil, length: 0))
    private let closed = Atomic<Bool>(false)

    init(path: String, fd: Int32, writable: Bool) {
        self.path = path
        self.fd = fd
        self.writable = writable
    }

    func size() throws(EventStoreError) -> UInt64 {
        var info = stat()
        if fstat(fd, &info) != 0 { throw PosixFileSystem.failure(path, "cannot stat") }
        return UInt64(info.st_size)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventStoreError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        return try repeating(buffer.count, at: offset, "read") { done in
            pread(fd, base + done, buffer.count - done, off_t(offset) + off_t(done))
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(EventStoreError) {
        guard let base = bytes.baseAddress else { return }
        let done = try repeating(bytes.count, at: offset, "write") { done in
            pwrite(fd, base + done, bytes.count - done, off_t(offset) + off_t(done))
        }
        // A write that moves nothing is no end of file: it would never finish (errno says nothing).
        if done < bytes.count { throw .io(path: path, reason: "write stopped after \(done) of \(bytes.count) bytes at offset \(offset)") }
    }

    /// Calls `transfer` (a `pread` or `pwrite` of the bytes after the first `done`) until `count`
    /// bytes are done or it moves none (the end of the file), again when a signal interrupted
    /// it; how many bytes were done. Throws, naming `what` and the offset, on any other failure.
    private func repeating(_ count: Int, at offset: UInt64, _ what: String, _ transfer: (_ done: Int) -> Int) throws(EventStoreError) -> Int {
        var done = 0
        while done < count {
            let moved = transfer(done)
            if moved < 0 {
                if errno == EINTR { continue }
                throw PosixFileSystem.failure(path, "\(what) failed at offset \(offset)")
            }
            if moved == 0 { break }
            done += moved
        }
        return done
    }

    func sync() throws(EventStoreError) {
        #if canImport(Glibc)
        let result = fdatasync(fd)
        #else
        let result = fsync(fd)
        #endif
        if result != 0 { throw PosixFileSystem.failure(path, "sync failed") }
    }

    func resize(to size: UInt64) throws(EventStoreError) {
        if ftruncate(fd, off_t(size)) != 0 { throw PosixFileSystem.failure(path, "cannot resize to \(size)") }
    }

    func reserve(size: UInt64) throws(EventStoreError) {
        #if canImport(Glibc)
        let current = try self.size()
        // posix_fallocate returns the error rather than setting errno.
        let code = posix_fallocate(fd, 0, off_t(max(size, current)))
        if code == 0 { return }
        guard code == EOPNOTSUPP || code == EINVAL else {
            throw .io(path: path, reason: "cannot reserve \(size) bytes: \(String(cString: strerror(code)))")
        }
        #endif
        // No way to reserve here: a sparse file, whose writes report ENOSPC themselves.
        if try self.size() < size { try resize(to: size) }
    }

    func dataEnd() throws(EventStoreError) -> UInt64 {
        let size = try self.size()
        let hole = lseek(fd, 0, seekHole)
        return hole >= 0 ? min(size, UInt64(hole)) : size
    }

    func map(length: Int) -> UnsafeRawBufferPointer? {
        mapping.withLock { mapping -> UnsafeRawBufferPointer? in
            if let base = mapping.base {
                return mapping.length >= length ? UnsafeRawBufferPointer(start: base, count: length) : nil
            }
            guard length > 0, !closed.load(ordering: .relaxed) else { return nil }
            let base = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0)
            guard let base, base != MAP_FAILED else { return nil }
            mapping.base = base
            mapping.length = length
            return UnsafeRawBufferPointer(start: base, count: length)
        }
    }

    func close() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        mapping.withLock { mapping in
            if let base = mapping.base { munmap(base, mapping.length) }
            mapping.base = nil
        }
        posixClose(fd)
    }

    deinit { close() }
}

/// `SEEK_HOLE`, which Glibc declares only for `_GNU_SOURCE`.
#if canImport(Glibc)
private let seekHole: Int32 = 4
#else
private let seekHole: Int32 = SEEK_HOLE
#endif

// Free functions so the type's own `open`/`close`/`rename` members do not shadow the C calls.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 { open(path, flags, mode) }
private func posixClose(_ fd: Int32) { _ = close(fd) }
private func posixRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
