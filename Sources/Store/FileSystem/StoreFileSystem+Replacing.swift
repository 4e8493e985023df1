extension StoreFileSystem {
    /// Puts the bytes of `buffer` at `path` whole or not at all: writes them to `path.tmp` (removing one left
    /// by a crash), syncs it, then renames it over `path`. The rename is durable only once the
    /// caller syncs the directory. Takes the buffer, not its bytes, so that it outlives the write.
    func replace(_ path: String, with buffer: ByteWriter) throws(EventStoreError) {
        let temporary = path + ".tmp"
        if fileExists(temporary) { try remove(temporary) }
        let file = try open(temporary, mode: .create)
        defer { file.close() }
        try file.write(buffer.bytes, at: 0)
        try file.sync()
        try rename(temporary, to: path)
    }
}
