import Synchronization

/// The log's segments by number, `0 ..< count`: those the store opened or made (the first and
/// the last at open, each one the writer adds) and, for the sealed ones between, a `Segment`
/// made on first use (`Segment(sealed:...)`, whose file opens then too), so that opening a
/// store makes no object per segment of its log. A value: copies share the segments made on
/// first use (`SealedSegments`), never more than one per number.
struct SegmentList: Sendable {
    /// One past the last segment's number.
    private(set) var count = 0
    /// The segments the store opened or made, by number.
    private var made: [Int: Segment] = [:]
    /// Where every other number below `count` gets its segment.
    private var sealed: SealedSegments?

    init() {}

    /// `count` segments, those in `made` as given, the others sealed segments of `directory`
    /// made on first use.
    init(count: Int, made: [Int: Segment], directory: String, fileSystem: any StoreFileSystem, segmentSize: Int) {
        self.count = count
        self.made = made
        sealed = made.count < count ? SealedSegments(directory: directory, fileSystem: fileSystem, segmentSize: segmentSize) : nil
    }

    var isEmpty: Bool { count == 0 }

    /// Segment `index` (below `count`).
    subscript(index: Int) -> Segment {
        get {
            if let segment = made[index] { return segment }
            if let sealed { return sealed.segment(index) }
            // Every number below `count` not in `made` is a sealed segment found at open, so
            // `sealed` is set: this is a number past the log, as for an array out of range,
            // a segment that is not there (every use of it fails, "segment file is missing").
            return Segment(sealed: index, directory: "/nonexistent", fileSystem: PosixFileSystem(), segmentSize: 4096)
        }
        set { made[index] = newValue }
    }

    /// The segments made so far (opened or made by the store, or made on first use), by number.
    var existing: [Int: Segment] {
        var all = sealed?.made ?? [:]
        all.merge(made) { $1 }
        return all.filter { $0.key < count }
    }

    mutating func append(_ segment: Segment) {
        made[count] = segment
        count += 1
    }

    mutating func append(contentsOf segments: [Segment]) {
        for segment in segments { append(segment) }
    }

    /// Removes the last segment and returns it.
    @discardableResult
    mutating func removeLast() -> Segment {
        let last = self[count - 1]
        made[count - 1] = nil
        count -= 1
        return last
    }

    mutating func removeAll() {
        made = [:]
        sealed = nil
        count = 0
    }
}

/// The sealed segments a `SegmentList` makes on first use, kept once made.
// @unchecked: every stored property is immutable but `segments`, which a mutex guards.
final class SealedSegments: @unchecked Sendable {
    private let directory: String
    private let fileSystem: any StoreFileSystem
    private let segmentSize: Int
    private let segments = Mutex<[Int: Segment]>([:])

    init(directory: String, fileSystem: any StoreFileSystem, segmentSize: Int) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.segmentSize = segmentSize
    }

    var made: [Int: Segment] { segments.withLock { $0 } }

    func segment(_ index: Int) -> Segment {
        segments.withLock { segments in
            if let segment = segments[index] { return segment }
            let segment = Segment(sealed: index, directory: directory, fileSystem: fileSystem, segmentSize: segmentSize)
            segments[index] = segment
            return segment
        }
    }
}
