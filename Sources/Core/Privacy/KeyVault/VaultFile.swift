#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file of the key vault: positional reads and writes, sync, the identity of the file
/// (device and inode, to see that another process replaced the vault) and an advisory lock.
///
/// Not thread-safe: the key store uses it under its lock. Closed at deinit.
// @unchecked Sendable: used by one thread at a time, under FileCustomerKeyStore's lock.
final class VaultFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    /// Opens `path` read-write; `create` makes it (mode 0600) when missing. Nil when it does not
    /// exist and `create` is false.
    init?(path: String, create: Bool) throws(PersonalDataError) {
        let descriptor = Glibc.open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0o600)
        if descriptor < 0 {
            if errno == ENOENT && !create { return nil }
            throw Self.failure(path, "cannot open")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { Glibc.close(descriptor) }

    static func failure(_ path: String, _ what: String) -> PersonalDataError {
        .keyStore("\(what) \(path): \(String(cString: strerror(errno)))")
    }

    func size() throws(PersonalDataError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.failure(path, "cannot stat") }
        return Int(info.st_size)
    }

    /// Device and inode of the open file.
    func identity() throws(PersonalDataError) -> [UInt64] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.failure(path, "cannot stat") }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Device and inode of the file at `path` now; nil when there is none.
    static func identity(at path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Reads exactly `buffer.count` bytes at `offset` (zeros past the end of the file).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(PersonalDataError) {
        guard let base = buffer.baseAddress else { return }
        let done = try repeating(buffer.count, "cannot read") { done in
            pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
        }
        if done < buffer.count { (base + done).initializeMemory(as: UInt8.self, repeating: 0, count: buffer.count - done) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PersonalDataError) {
        guard let base = bytes.baseAddress else { return }
        let done = try repeating(bytes.count, "cannot write") { done in
            pwrite(descriptor, base + done, bytes.count - done, off_t(offset + done))
        }
        guard done == bytes.count else { throw .keyStore("cannot write \(path): the write stopped short") }
    }

    /// Calls `call(done)` (a pread or pwrite of the rest, from `done` bytes on) until `total`
    /// bytes are done or it does nothing (end of file), again when interrupted; the bytes done.
    private func repeating(_ total: Int, _ what: String, _ call: (Int) -> Int) throws(PersonalDataError) -> Int {
        var done = 0
        while done < total {
            let count = call(done)
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path, what)
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    func write(_ bytes: [UInt8], at offset: Int) throws(PersonalDataError) {
        var failure: PersonalDataError?
        bytes.withUnsafeBytes { raw in
            do throws(PersonalDataError) { try write(raw, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads `count` bytes at `offset` (zeros past the end of the file).
    func read(_ count: Int, at offset: Int) throws(PersonalDataError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var failure: PersonalDataError?
        bytes.withUnsafeMutableBytes { raw in
            do throws(PersonalDataError) { try read(into: raw, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Sets the size (new bytes read as zeros).
    func resize(to size: Int) throws(PersonalDataError) {
        guard ftruncate(descriptor, off_t(size)) == 0 else { throw Self.failure(path, "cannot resize") }
    }

    /// Makes the writes so far durable (fdatasync).
    func sync() throws(PersonalDataError) {
        guard fdatasync(descriptor) == 0 else { throw Self.failure(path, "cannot sync") }
    }

    /// Overwrites the whole file with zeros and syncs it (a vault replaced by a larger one: the
    /// copies of keys it held do not stay behind in freed blocks).
    func erase() throws(PersonalDataError) {
        let size = try size()
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        var offset = 0
        while offset < size {
            let count = min(zeros.count, size - offset)
            try write(count == zeros.count ? zeros : Array(zeros[0..<count]), at: offset)
            offset += count
        }
        try sync()
    }

    /// Takes the exclusive advisory lock (`flock`), waiting for another process to let go;
    /// held until `unlock()` or close.
    func lock() throws(PersonalDataError) {
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { throw Self.failure(path, "cannot lock") }
        }
    }

    func unlock() { flock(descriptor, LOCK_UN) }
}
