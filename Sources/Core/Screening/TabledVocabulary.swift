/// Every vocabulary word's `TabledWord` in flat arrays, so comparing a screened word with
/// thousands of list words neither chases a pointer per word nor retains anything: word
/// `id`'s classes are `classes[classStart[id]..<classStart[id + 1]]` and its position masks
/// `positions[id * 36..<(id + 1) * 36]`. Words outside a–z and 0–9 are not tabled.
struct TabledVocabulary: Sendable {
    let classes: [UInt8]
    let classStart: [Int32]
    let positions: [UInt64]
    let isTabled: [Bool]

    init(_ words: [NameToken]) {
        var classes: [UInt8] = [], classStart: [Int32] = [0], positions: [UInt64] = [], isTabled: [Bool] = []
        for word in words {
            let table = TabledWord(word)
            classes += table?.classes ?? []
            classStart.append(Int32(classes.count))
            positions += table?.positions ?? [UInt64](repeating: 0, count: TabledWord.classCount)
            isTabled.append(table != nil)
        }
        self.classes = classes
        self.classStart = classStart
        self.positions = positions
        self.isTabled = isTabled
    }

    /// The arrays as raw buffers, for the length of `body`.
    struct Buffers {
        let classes: UnsafeBufferPointer<UInt8>
        let classStart: UnsafeBufferPointer<Int32>
        let positions: UnsafeBufferPointer<UInt64>
        let isTabled: UnsafeBufferPointer<Bool>

        /// `JaroWinkler.similarity` of a word with classes `query` (non-empty, at most 64)
        /// and word `id`; nil when `id` is not tabled.
        @inline(__always)
        func similarity(_ query: UnsafeBufferPointer<UInt8>, _ id: Int) -> Double? {
            guard isTabled[id] else { return nil }
            let other = UnsafeBufferPointer(rebasing: classes[Int(classStart[id])..<Int(classStart[id + 1])])
            let masks = UnsafeBufferPointer(rebasing: positions[id * TabledWord.classCount..<(id + 1) * TabledWord.classCount])
            return JaroWinkler.similarity(query, other, masks)
        }
    }

    func withBuffers<T>(_ body: (Buffers) -> T) -> T {
        classes.withUnsafeBufferPointer { classes in
            classStart.withUnsafeBufferPointer { classStart in
                positions.withUnsafeBufferPointer { positions in
                    isTabled.withUnsafeBufferPointer { isTabled in
                        body(Buffers(classes: classes, classStart: classStart, positions: positions, isTabled: isTabled))
                    }
                }
            }
        }
    }
}
