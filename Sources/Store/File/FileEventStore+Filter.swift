extension FileEventStore {
    // MARK: - The store-wide stream filter

    /// Writes the store-wide stream filter (`StoreStreamFilter`) again when the one in force
    /// does not cover exactly the sealed parts of `saved` (the first parts of at least
    /// `sealedPartEvents` events): after a save that sealed a part, or when the one on disk
    /// is missing, stale or damaged. Part of a save, after its manifest: a crash before it
    /// leaves the filter of the parts sealed earlier, which still stands for them; a failure
    /// (a sealed part found damaged) leaves the save done, and the caller keeps the reason.
    ///
    /// Cost: every sealed part's names table read and hashed (about 0.1 s a million names),
    /// once per sealed part, on the save's thread (in the background, or at close).
    func saveFilter(of saved: SavedIndex, segments: SegmentList) throws(EventStoreError) {
        let sealed = saved.parts.prefix { UInt64($0.range.count) >= options.sealedPartEvents }.map(\.entry)
        guard !sealed.isEmpty, saved.filter?.entries() != sealed else { return }
        var parts: [IndexPartFile] = []
        for entry in sealed {
            // Opened here, not through the store's `SavedPart`, so that what building reads of
            // the parts is unmapped when it is done rather than kept by the store.
            switch try IndexPartFile.open(entry, directory: directory, fileSystem: fileSystem) {
            case .failure(let problem):
                throw .corrupt(file: problem.file, offset: problem.offset, reason: problem.reason + SavedPart.remedy)
            case .success(let file):
                guard try file.isBorneOut(by: segments) else {
                    throw .corrupt(file: file.name, offset: 0, reason: "index part does not match the log" + SavedPart.remedy)
                }
                parts.append(file)
            }
        }
        guard let filter = try StoreStreamFilter.build(over: parts) else { return }
        try filter.write(directory: directory, fileSystem: fileSystem)
        let file = StoreStreamFilterFile(directory: directory, fileSystem: fileSystem, segments: segments)
        state.withLock { $0.saved.filter = file }
    }
}
