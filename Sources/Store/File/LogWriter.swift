import Foundation

/// The writer thread's own state: where the log ends, the open segment, the reused encode
/// buffer and the checkpoint file.
///
/// Only the writer thread touches it once the store is open (and `close` after that thread ended).
// @unchecked: confined to the writer thread, as said above.
final class LogWriter: @unchecked Sendable {
    let directory: String
    let options: FileStoreOptions
    let generation: UInt32
    var end: LogLocation
    var position: UInt64
    var segment: Segment
    let checkpointFile: any StoreFile
    var checkpointSlot = 1
    let buffer = ByteWriter(capacity: 1 << 20)

    private init(directory: String, options: FileStoreOptions, generation: UInt32, end: LogLocation, position: UInt64,
                 segment: Segment, checkpointFile: any StoreFile) {
        self.directory = directory
        self.options = options
        self.generation = generation
        self.end = end
        self.position = position
        self.segment = segment
        self.checkpointFile = checkpointFile
    }

    /// Where the log written so far ends: the next record's location and position.
    var cursor: LogScanner.Cursor { LogScanner.Cursor(location: end, position: position, generation: generation) }

    /// Records a new writer generation in the checkpoint (synced) before anything is written.
    static func start(directory: String, options: FileStoreOptions, recovered: Recovered) throws(EventStoreError) -> LogWriter {
        let fs = options.fileSystem
        let path = directory + "/" + Checkpoint.fileName
        let existed = fs.fileExists(path)
        let checkpointFile = try fs.open(path, mode: .create)
        guard recovered.generation < UInt32.max else {
            throw .io(path: checkpointFile.path, reason: "writer generations are exhausted")
        }
        let generation = recovered.generation + 1
        let checkpoint = Checkpoint(generation: generation, end: recovered.cursor.location, position: recovered.cursor.position)
        do {
            for slot in 0..<Checkpoint.slotOffsets.count { try checkpoint.write(to: checkpointFile, slot: slot) }
            try checkpointFile.sync()
            // A new file's name is made durable once; an existing one's already is (a writable
            // open of a big store pays one sync less).
            if !existed { try fs.syncDirectory(directory) }
        } catch {
            checkpointFile.close()
            throw error
        }
        return LogWriter(directory: directory, options: options, generation: generation, end: recovered.cursor.location,
                         position: recovered.cursor.position, segment: recovered.segments[recovered.segments.count - 1],
                         checkpointFile: checkpointFile)
    }

    /// Records that everything up to `end`/`position` is durable (unsynced: it only ever lags the log).
    func writeCheckpoint() throws(EventStoreError) {
        let checkpoint = Checkpoint(generation: generation, end: end, position: position)
        try checkpoint.write(to: checkpointFile, slot: checkpointSlot)
        checkpointSlot = checkpointSlot == 1 ? 2 : 1
    }

    /// Records durably (slot 0, synced) that this writer stopped at `cursor` after a failed
    /// write: recovery drops whatever it wrote from there on, so appends reported failed never
    /// appear later. Overwrites bytes the checkpoint file already has, so it needs no new space.
    func recordStop(at cursor: LogScanner.Cursor) throws(EventStoreError) {
        let checkpoint = Checkpoint(generation: generation, end: cursor.location, position: cursor.position, stopped: true)
        try checkpoint.write(to: checkpointFile, slot: 0)
        try checkpointFile.sync()
    }

    func close() { checkpointFile.close() }
}
