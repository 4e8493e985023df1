/// The file operations the durable store performs, behind a protocol so crash tests can
/// replace the real file system with one that loses or tears unsynced writes.
///
/// Paths are plain strings. Implementations must be safe to call from any thread.
///
/// Bank data is private: directories are created 0700 and files 0600, whatever the umask.
public protocol StoreFileSystem: Sendable {
    /// Creates `path` (and missing parents) as a directory, mode 0700 whatever the umask;
    /// succeeds if it already exists (leaving its mode as it is).
    func createDirectory(_ path: String) throws(EventStoreError)
    /// The permission bits (`0o777` at most) of a file or directory.
    func permissions(of path: String) throws(EventStoreError) -> UInt16
    /// The permission bits of each of the entries `names` of `directory`, in that order (what
    /// a writable open checks of every store file; by default `permissions(of:)` per path).
    func permissions(of names: [String], in directory: String) throws(EventStoreError) -> [UInt16]
    /// Sets the permission bits of a file or directory (chmod).
    func setPermissions(of path: String, to mode: UInt16) throws(EventStoreError)
    /// Whether `path` exists.
    func fileExists(_ path: String) -> Bool
    /// Names (not paths) of the entries of a directory.
    func contentsOfDirectory(_ path: String) throws(EventStoreError) -> [String]
    /// Calls `body` with the name of each entry of a directory as UTF-8 bytes, valid only
    /// during the call: what opening a store reads of every file in its directory, without a
    /// string per entry (by default, from `contentsOfDirectory`).
    func forEachName(in path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(EventStoreError)
    /// Opens a file; `.create` makes it when missing, mode 0600 whatever the umask.
    func open(_ path: String, mode: StoreFileMode) throws(EventStoreError) -> any StoreFile
    /// Deletes a file.
    func remove(_ path: String) throws(EventStoreError)
    /// Atomically replaces `destination` with `source`.
    func rename(_ source: String, to destination: String) throws(EventStoreError)
    /// Makes the directory's entries (created, renamed, removed files) durable.
    func syncDirectory(_ path: String) throws(EventStoreError)
    /// Takes the exclusive write lock of a store directory and records the caller's pid.
    ///
    /// Throws `EventStoreError.locked(directory:pid:)` naming the holder when another writer has it.
    func lockDirectory(_ path: String) throws(EventStoreError) -> any StoreDirectoryLock
}

/// How a file is opened.
public enum StoreFileMode: Sendable, Hashable {
    case readOnly
    case readWrite
    /// Read-write, created empty when missing.
    case create
}

/// An open file: positional reads and writes, sync, resize.
public protocol StoreFile: AnyObject, Sendable {
    /// The path it was opened at.
    var path: String { get }
    /// Current size in bytes.
    func size() throws(EventStoreError) -> UInt64
    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (short at end of file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventStoreError) -> Int
    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: UInt64) throws(EventStoreError)
    /// Makes every write so far durable (fdatasync).
    func sync() throws(EventStoreError)
    /// Sets the file's size, extending with zeros or cutting.
    func resize(to size: UInt64) throws(EventStoreError)
    /// Extends the file to at least `size` bytes with its blocks reserved on disk
    /// (`posix_fallocate`), so that writes within it cannot fail for want of space and a
    /// mapping of it never faults. Throws (ENOSPC: "No space left on device") when the space
    /// is not there. Where the file system cannot reserve space (EOPNOTSUPP, EINVAL) it only
    /// sets the size, sparse: writes may then fail with ENOSPC, a clean writer stop, and
    /// readers never touch the unwritten part through a mapping (see `dataEnd()`).
    func reserve(size: UInt64) throws(EventStoreError)
    /// Where the written data ends: the offset of the file's first hole (`SEEK_HOLE`), or its
    /// size when it has none or the file system cannot tell. Everything from there on reads as
    /// zeros; a reader that stops there never touches an unbacked page of a mapping (which
    /// faults with SIGBUS on a full tmpfs).
    func dataEnd() throws(EventStoreError) -> UInt64
    /// A read-only memory mapping of the first `length` bytes, or nil when not supported.
    ///
    /// The mapping stays valid until the file is closed; bytes written later through `write`
    /// become visible in it.
    func map(length: Int) -> UnsafeRawBufferPointer?
    /// Releases the file (and its mapping). Further calls fail.
    func close()
}

/// A held directory write lock; released by `release()` (or when the process ends).
public protocol StoreDirectoryLock: AnyObject, Sendable {
    func release()
}

extension StoreFileSystem {
    public func forEachName(in path: String, _ body: (UnsafeRawBufferPointer) -> Void) throws(EventStoreError) {
        for var name in try contentsOfDirectory(path) { name.withUTF8 { body(UnsafeRawBufferPointer($0)) } }
    }

    public func permissions(of names: [String], in directory: String) throws(EventStoreError) -> [UInt16] {
        var modes: [UInt16] = []
        modes.reserveCapacity(names.count)
        for name in names { modes.append(try permissions(of: directory + "/" + name)) }
        return modes
    }
}

extension StoreFile {
    /// Reads exactly `buffer.count` bytes or throws.
    func readExactly(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws(EventStoreError) {
        let count = try read(into: buffer, at: offset)
        if count != buffer.count {
            throw .io(path: path, reason: "short read of \(count) of \(buffer.count) bytes at offset \(offset)")
        }
    }
}

extension StoreFile {
    /// Reads up to `count` bytes at `offset` into a new array (shorter at end of file).
    func readBytes(count: Int, at offset: UInt64) throws(EventStoreError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let result = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(EventStoreError) -> Int in try read(into: raw, at: offset) }
        }
        let done = try result.get()
        buffer.removeLast(count - done)
        return buffer
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: UInt64) throws(EventStoreError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(EventStoreError) in try write(raw, at: offset) }
        }
        try result.get()
    }
}
