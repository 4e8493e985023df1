import Foundation

extension FileEventStore {
    // MARK: - Verifying

    /// Checks every record's CRC, framing and position in every segment, the checkpoint and the
    /// index snapshot, without trusting the in-memory index. Reads the whole log: O(size).
    public func verify() throws(EventStoreError) -> StoreVerifyReport {
        try Self.verify(directory: URL(fileURLWithPath: directory), fileSystem: fileSystem)
    }

    /// Checks a store directory without opening it as a store (works beside a running writer,
    /// and on a store too damaged to open). Throws only when the directory cannot be read.
    public static func verify(directory: URL, fileSystem: any StoreFileSystem = PosixFileSystem()) throws(EventStoreError) -> StoreVerifyReport {
        let path = directory.standardizedFileURL.path
        var report = StoreVerifyReport()
        guard fileSystem.fileExists(path) else { throw .io(path: path, reason: "no store in this directory") }

        // The checkpoint first: it says how much must be intact.
        var durable: Checkpoint?
        var fence: LogScanner.Fence?
        let checkpointPath = path + "/" + Checkpoint.fileName
        if fileSystem.fileExists(checkpointPath) {
            let file = try fileSystem.open(checkpointPath, mode: .readOnly)
            defer { file.close() }
            let slots = try Checkpoint.readSlots(file)
            for slot in 0..<Checkpoint.slotOffsets.count where !slots.contains(where: { $0.slot == slot }) {
                report.problems.append(.init(file: Checkpoint.fileName, offset: Checkpoint.slotOffsets[slot], reason: "checkpoint slot \(slot) is damaged"))
            }
            durable = slots.max(by: { $0.checkpoint.position < $1.checkpoint.position })?.checkpoint
            report.checkpointPosition = durable?.position
            fence = slots.first(where: { $0.slot == 0 })?.checkpoint.fence
        }

        let indices = try fileSystem.contentsOfDirectory(path).compactMap(LogFormat.segmentIndex(ofName:)).sorted()
        report.segments = indices.count
        // Sealed segments are full size (the largest file's): a shorter one lost its end.
        var sizes: [Int: UInt64] = [:]
        for index in indices {
            let file = try fileSystem.open(path + "/" + LogFormat.segmentName(index), mode: .readOnly)
            defer { file.close() }
            sizes[index] = try file.size()
        }
        let segmentSize = sizes.values.max() ?? 0
        for index in indices.dropLast() where sizes[index, default: 0] < segmentSize {
            report.problems.append(.init(file: LogFormat.segmentName(index), offset: sizes[index, default: 0],
                                         reason: "sealed segment is cut short: \(sizes[index, default: 0]) of \(segmentSize) bytes"))
        }
        /// Set once a record the fence rules out is met: the log ends there.
        var fenced = false
        var position: UInt64 = 0
        var locations: [UInt64] = []
        /// Set after a problem cut a segment short: the next segment's start is taken as given.
        var resync = false
        var expectedIndex = 0
        for index in indices where !fenced {
            while expectedIndex < index {
                report.problems.append(.init(file: LogFormat.segmentName(expectedIndex), offset: 0, reason: "segment file is missing"))
                expectedIndex += 1
            }
            expectedIndex = index + 1
            let name = LogFormat.segmentName(index)
            let isLast = index == indices.last
            let file = try fileSystem.open(path + "/" + name, mode: .readOnly)
            let size = try file.size()
            let segment = Segment(index: index, file: file, mappedLength: Int(size))
            try segment.withBytes(limit: Int(size)) { bytes throws(EventStoreError) in
                switch SegmentHeader.decode(bytes) {
                case .failure(let error):
                    report.problems.append(.init(file: name, offset: 0, reason: error.reason))
                    return
                case .success(let header):
                    if header.segment != index {
                        report.problems.append(.init(file: name, offset: 0, reason: "header names segment \(header.segment)"))
                    }
                    if header.firstPosition != position && !resync {
                        report.problems.append(.init(file: name, offset: 0,
                                                     reason: "segment starts at position \(header.firstPosition), expected \(position)"))
                    }
                    position = header.firstPosition
                    resync = false
                }
                var offset = LogFormat.segmentHeaderSize
                func stop(_ reason: String) {
                    if isLast && position >= durable?.position ?? 0 {
                        report.tornTail = .init(file: name, offset: UInt64(offset), reason: "unfinished write after the durable tail")
                    } else {
                        report.problems.append(.init(file: name, offset: UInt64(offset), reason: reason))
                        resync = true
                    }
                }
                while true {
                    switch LogFrame.read(bytes, at: offset, verify: false) {
                    case .end:
                        return
                    case .invalid(let reason):
                        return stop(reason)
                    case .record(let record, let size):
                        let sound = CRC32C.checksum(record.payload) == bytes.integer(at: offset + 4, as: UInt32.self)
                        if sound, let fence, LogLocation(segment: index, offset: UInt64(offset)) >= fence.location,
                           record.generation < fence.minimumGeneration {
                            // Stale bytes, or appends a writer reported failed: the next writable open drops them.
                            fenced = true
                            report.tornTail = .init(file: name, offset: UInt64(offset), reason: "records after the last acknowledged append")
                            return
                        }
                        if !sound {
                            // The framing still holds, so the records after this one can be checked.
                            if isLast && position >= durable?.position ?? 0 { return stop("checksum mismatch") }
                            report.problems.append(.init(file: name, offset: UInt64(offset), reason: "checksum mismatch"))
                        } else if record.position != position {
                            return stop("record holds position \(record.position), expected \(position)")
                        }
                        position += 1
                        report.events += 1
                        locations.append(LogLocation(segment: index, offset: UInt64(offset)).packed)
                        offset += size
                    }
                }
            }
        }
        if let durable, position < durable.position {
            report.problems.append(.init(file: indices.last.map(LogFormat.segmentName) ?? LogFormat.segmentName(0), offset: 0,
                                         reason: "the log holds \(position) events but the checkpoint says \(durable.position) were durable"))
        }
        try verifySnapshot(directory: path, fileSystem: fileSystem, locations: locations,
                           segments: (count: indices.count, size: Int(segmentSize)), report: &report)
        return report
    }
}

extension FileEventStore {
    /// Checks the saved index: the manifest's checksum, then each part it names (checksums,
    /// consistency) and that the part places its events where the log has them.
    static func verifySnapshot(directory: String, fileSystem: any StoreFileSystem, locations: [UInt64], segments: (count: Int, size: Int),
                               report: inout StoreVerifyReport) throws(EventStoreError) {
        guard let loaded = try IndexManifest.load(directory: directory, fileSystem: fileSystem) else { return }
        switch loaded {
        case .failure(let problem):
            report.problems.append(problem)
        case .success(let manifest):
            report.snapshotPosition = manifest.end
            for entry in manifest.entries {
                switch try IndexPartFile.open(entry, directory: directory, fileSystem: fileSystem, thorough: true) {
                case .failure(let problem):
                    report.problems.append(problem)
                case .success(let part):
                    let name = IndexPart.fileName(entry.range)
                    guard entry.range.upperBound <= UInt64(locations.count) else {
                        report.problems.append(.init(file: name, offset: 0,
                                                     reason: "index part covers up to \(entry.range.upperBound) events, the log holds \(locations.count)"))
                        continue
                    }
                    // Every block was checked by the thorough open: these reads cannot fail.
                    var locationsOfPart: [UInt64] = []
                    try part.appendLocations(part.range, to: &locationsOfPart)
                    if let mismatch = part.range.first(where: { locationsOfPart[Int($0 - part.range.lowerBound)] != locations[Int($0)] }) {
                        report.problems.append(.init(file: name, offset: 0,
                                                     reason: "index part places position \(mismatch) elsewhere than the log"))
                    }
                }
            }
            try verifyStreamFilter(manifest, directory: directory, fileSystem: fileSystem, segments: segments, report: &report)
        }
    }

    /// Checks the store-wide stream filter (`StoreStreamFilter`), when there is one: its own
    /// checks (as its first use makes them), then that it is, byte for byte, the filter the
    /// parts it covers make. It is derived, and the store never trusts one that fails a check,
    /// so a damaged one loses nothing; verify names it all the same. One that covers other parts
    /// than the index's first (a save that sealed a part crashed before writing it, or a
    /// reindex) is stale, not damaged: unused until a save writes it again.
    static func verifyStreamFilter(_ manifest: IndexManifest, directory: String, fileSystem: any StoreFileSystem, segments: (count: Int, size: Int),
                                   report: inout StoreVerifyReport) throws(EventStoreError) {
        let name = StoreStreamFilter.fileName
        guard fileSystem.fileExists(directory + "/" + name) else { return }
        let remedy = " (the store does not use it; the next save that seals an index part writes it again, and removing it is safe)"
        // Each segment made on first use and read only up to its written end.
        let log = SegmentList(count: segments.count, made: [:], directory: directory, fileSystem: fileSystem, segmentSize: segments.size)
        let filter = StoreStreamFilterFile(directory: directory, fileSystem: fileSystem, segments: log)
        guard let entries = filter.entries() else {
            report.problems.append(.init(file: name, offset: 0, reason: (filter.problem ?? "cannot be read") + remedy))
            return
        }
        guard entries.count <= manifest.entries.count, Array(manifest.entries.prefix(entries.count)) == entries else { return }
        var parts: [IndexPartFile] = []
        for entry in entries {
            // A part that fails its checks is reported above.
            guard case .success(let part) = try IndexPartFile.open(entry, directory: directory, fileSystem: fileSystem) else { return }
            parts.append(part)
        }
        guard let expected = try StoreStreamFilter.build(over: parts)?.encoded() else { return }
        let file = try fileSystem.open(directory + "/" + name, mode: .readOnly)
        defer { file.close() }
        let size = Int(try file.size())
        let actual = try file.readBytes(count: size, at: 0)
        let differs = withExtendedLifetime(expected) {
            let want = expected.bytes
            return zip(want, actual).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? (want.count == actual.count ? nil : min(want.count, actual.count))
        }
        if let offset = differs {
            report.problems.append(.init(file: name, offset: UInt64(offset), reason: "stream filter differs from the index parts it covers" + remedy))
        }
    }
}
