import Foundation

extension Pacs008Reader {
    /// Fewer documents than this per worker are read on the caller's task: splitting them
    /// costs more than it saves.
    static let documentsPerWorker = 64

    /// Reads every document, in order, on as many cores as the machine has: each worker takes
    /// one contiguous slice, so the answer is the same as `documents.map(read)`.
    public static func readAll(_ documents: [Data]) async -> [Result<Pacs008Message, Pacs008Error>] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, documents.count / documentsPerWorker)
        guard workers > 1 else { return documents.map(read) }
        let size = (documents.count + workers - 1) / workers
        return await withTaskGroup(of: (Int, [Result<Pacs008Message, Pacs008Error>]).self) { group in
            for start in stride(from: 0, to: documents.count, by: size) {
                let slice = documents[start..<min(documents.count, start + size)]
                group.addTask { (start, slice.map(read)) }
            }
            var slices: [(Int, [Result<Pacs008Message, Pacs008Error>])] = []
            for await slice in group { slices.append(slice) }
            return slices.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
