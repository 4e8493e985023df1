import Foundation
import Store

/// The framing of every saved read-model file: one text header line, then the body.
///
/// `KIND FORMAT CODE CRC32C LENGTH\n` — what the file holds, the framing's format, the
/// read-model code version, the CRC32C of the body (hex) and its length in bytes. A reader
/// checks each before it decodes anything.
enum StateFileFraming {
    static let format = 1

    /// The bytes of a file of `kind` holding `body`.
    static func frame(kind: String, body: Data) -> Data {
        let checksum = body.withUnsafeBytes { CRC32C.checksum($0) }
        var file = Data("\(kind) \(format) \(BankOverview.codeVersion) \(String(checksum, radix: 16)) \(body.count)\n".utf8)
        file.append(body)
        return file
    }

    /// The body of `file` (named `name`, for errors), checked.
    static func body(of file: Data, kind: String, name: String) throws(ReadModelStateError) -> Data {
        guard let newline = file.firstIndex(of: UInt8(ascii: "\n")) else { throw .corrupt(file: name, reason: "no header") }
        let fields = String(decoding: file[file.startIndex..<newline], as: UTF8.self).split(separator: " ")
        guard fields.count == 5, fields[0] == kind else { throw .corrupt(file: name, reason: "not a \(kind) file") }
        guard Int(fields[1]) == format else { throw .corrupt(file: name, reason: "unknown format \(fields[1])") }
        guard let code = Int(fields[2]) else { throw .corrupt(file: name, reason: "unreadable code version") }
        if code != BankOverview.codeVersion { throw .stale(saved: code, current: BankOverview.codeVersion) }
        guard let checksum = UInt32(fields[3], radix: 16), let length = Int(fields[4]) else {
            throw .corrupt(file: name, reason: "unreadable header")
        }
        let body = file[(newline + 1)...]
        guard body.count == length else { throw .corrupt(file: name, reason: "\(body.count) bytes of body, the header says \(length)") }
        let actual = body.withUnsafeBytes { CRC32C.checksum($0) }
        guard actual == checksum else { throw .corrupt(file: name, reason: "checksum mismatch") }
        return Data(body)
    }
}

extension StateFileFraming {
    /// JSON for saved state: dates as Foundation keeps them (seconds since 2001 as a double,
    /// which round-trips exactly; the bank's ISO 8601 would round them to the millisecond).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .deferredToDate
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return decoder
    }
}
