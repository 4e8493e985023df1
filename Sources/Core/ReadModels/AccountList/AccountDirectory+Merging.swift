import Foundation
import Store

extension AccountDirectory {
    /// Merges the overlay into its pages: each page with changed rows is written again (split
    /// when over `pageRows`) at the end of the sink's file, or kept in memory without a sink.
    /// The pages written are not durable until a save syncs the file and names them.
    public mutating func merge() throws(EventStoreError) {
        guard overlayCount > 0 else { return }
        let file = try sink?.file()
        var merged: [Page] = []
        merged.reserveCapacity(pages.count + overlay.count)
        for index in pages.indices {
            guard overlay[index] != nil else {
                merged.append(pages[index])
                continue
            }
            merged += try Self.pages(of: try rows(ofPage: index), into: file)
        }
        pages = merged
        overlay = [:]
        overlayCount = 0
    }

    /// Every page written in `file` (what a save names): the overlay merged in, pages in memory
    /// written, and pages of another file copied across byte for byte (checked against their
    /// checksums). Pages already in `file` are kept where they are.
    func written(into file: AccountPageFile) throws(EventStoreError) -> [Page] {
        var result: [Page] = []
        result.reserveCapacity(pages.count + overlay.count)
        for index in pages.indices {
            var page = pages[index]
            if overlay[index] != nil {
                result += try Self.pages(of: try rows(ofPage: index), into: file)
                continue
            }
            switch page.body {
            case .empty:
                continue
            case .memory(let rows):
                result += try Self.pages(of: rows, into: file)
                continue
            case .stored(let stored) where stored.file.path == file.path:
                break
            case .stored(let stored):
                let bytes = try stored.file.bytes(stored)
                let copied = try file.append(bytes)
                guard copied.checksum == stored.checksum else {
                    throw .corrupt(file: stored.file.path, offset: stored.offset, reason: "checksum mismatch in a page of the accounts list")
                }
                page.body = .stored(copied)
            }
            result.append(page)
        }
        return result
    }

    /// Bytes of the pages held in `file` (to tell how much of it is garbage).
    func storedBytes(in file: AccountPageFile) -> UInt64 {
        pages.reduce(0) { total, page in
            guard case .stored(let stored) = page.body, stored.file.path == file.path else { return total }
            return total + UInt64(stored.length)
        }
    }

    /// `rows` (in account order) as pages of at most `pageRows`, evenly filled, written in
    /// `file` (nil: kept in memory).
    static func pages(of rows: [Row], into file: AccountPageFile?) throws(EventStoreError) -> [Page] {
        guard !rows.isEmpty else { return [] }
        let chunks = (rows.count + pageRows - 1) / pageRows
        let size = (rows.count + chunks - 1) / chunks
        var pages: [Page] = []
        var start = 0
        while start < rows.count {
            let chunk = Array(rows[start..<min(rows.count, start + size)])
            start += size
            let body: Body = if let file { .stored(try file.append(page: AccountPageCodec.encode(chunk))) } else { .memory(chunk) }
            pages.append(Page(first: AccountKey.of(chunk[0].id), body: body, rows: chunk.count,
                              listed: chunk.reduce(0) { $0 + ($1.summary == nil ? 0 : 1) }, token: AccountMatchMemo.newToken()))
        }
        return pages
    }
}
