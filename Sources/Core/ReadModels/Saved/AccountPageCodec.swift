import Foundation

/// The bytes of a saved page of accounts: each row in a compact binary layout, so a million
/// accounts load in about a second (JSON took half a minute).
///
/// Little-endian; strings as a 32-bit byte count and UTF-8; optionals as a 0/1 byte and the
/// value; dates as the bit pattern of their seconds since 2001, so they round-trip exactly.
/// The file around it is framed and checksummed (`StateFileFraming`); a body that does not
/// decode is `ReadModelStateError.corrupt`.
enum AccountPageCodec {
    static func encode(_ rows: [AccountDirectory.Row]) -> Data {
        var out = Writer()
        out.int(Int64(rows.count))
        for row in rows {
            out.string(row.id.sortCode.digits)
            out.string(row.id.accountNumber.digits)
            out.flag(row.summary != nil)
            if let summary = row.summary {
                out.string(summary.holder)
                out.string(summary.status.rawValue)
                out.int(summary.balance.pence)
                out.optionalString(summary.statusReason)
                out.optionalString(summary.statusChangedBy)
                out.date(summary.opened)
                out.date(summary.lastChanged)
                out.int(Int64(summary.entries))
            }
            out.int(row.balance.pence)
            out.int(Int64(row.entries))
            out.flag(row.lastEntryPosition != nil)
            if let position = row.lastEntryPosition { out.int(Int64(bitPattern: position)) }
            out.flag(row.lastEntryCreated != nil)
            if let created = row.lastEntryCreated { out.date(created) }
            out.int(Int64(bitPattern: row.changedPosition))
        }
        return out.data
    }

    /// The rows of a page body; throws a reason when it is not one.
    static func decode(_ data: Data) throws(DecodingProblem) -> [AccountDirectory.Row] {
        var input = Reader(bytes: [UInt8](data))
        let count = try input.int()
        guard count >= 0, count <= data.count else { throw DecodingProblem("impossible row count \(count)") }
        var rows: [AccountDirectory.Row] = []
        rows.reserveCapacity(Int(count))
        for _ in 0..<count {
            let sortCode = try input.string(), number = try input.string()
            guard let id = AccountID(sortCode: sortCode, accountNumber: number) else { throw DecodingProblem("bad account \(sortCode) \(number)") }
            var summary: AccountSummary?
            if try input.flag() {
                let holder = try input.string(), statusText = try input.string()
                guard let status = AccountStatus(rawValue: statusText) else { throw DecodingProblem("bad status \(statusText)") }
                summary = AccountSummary(id: id, holder: holder, status: status, balance: try input.money(),
                                         statusReason: try input.optionalString(), statusChangedBy: try input.optionalString(),
                                         opened: try input.date(), lastChanged: try input.date(), entries: Int(try input.int()))
            }
            let balance = try input.money()
            let entries = Int(try input.int())
            let lastEntryPosition = try input.flag() ? UInt64(bitPattern: try input.int()) : nil
            let lastEntryCreated = try input.flag() ? try input.date() : nil
            rows.append(AccountDirectory.Row(id: id, summary: summary, balance: balance, entries: entries, lastEntryPosition: lastEntryPosition,
                                             lastEntryCreated: lastEntryCreated, changedPosition: UInt64(bitPattern: try input.int())))
        }
        guard input.atEnd else { throw DecodingProblem("bytes after the last row") }
        return rows
    }

    /// Why a body does not decode.
    struct DecodingProblem: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private struct Writer {
        var data = Data()

        mutating func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        mutating func flag(_ value: Bool) { data.append(value ? 1 : 0) }
        mutating func date(_ value: Date) { int(Int64(bitPattern: value.timeIntervalSinceReferenceDate.bitPattern)) }
        mutating func string(_ value: String) {
            let bytes = Array(value.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { data.append(contentsOf: $0) }
            data.append(contentsOf: bytes)
        }
        mutating func optionalString(_ value: String?) {
            flag(value != nil)
            if let value { string(value) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ count: Int) throws(DecodingProblem) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - offset >= count else { throw DecodingProblem("cut short at byte \(offset)") }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func int() throws(DecodingProblem) -> Int64 {
            var value: UInt64 = 0
            for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
            return Int64(bitPattern: value)
        }

        /// An amount, checked to be in `Money`'s range before it is made one.
        mutating func money() throws(DecodingProblem) -> Money {
            let pence = try int()
            guard pence >= -Money.max.pence, pence <= Money.max.pence else { throw DecodingProblem("amount out of range: \(pence) pence") }
            return Money(pence: pence)
        }

        mutating func flag() throws(DecodingProblem) -> Bool {
            switch try take(1).first {
            case 0: return false
            case 1: return true
            default: throw DecodingProblem("bad flag at byte \(offset - 1)")
            }
        }

        mutating func date() throws(DecodingProblem) -> Date {
            Date(timeIntervalSinceReferenceDate: Double(bitPattern: UInt64(bitPattern: try int())))
        }

        mutating func string() throws(DecodingProblem) -> String {
            var length: UInt32 = 0
            for (shift, byte) in try take(4).enumerated() { length |= UInt32(byte) << (8 * UInt32(shift)) }
            return String(decoding: try take(Int(length)), as: UTF8.self)
        }

        mutating func optionalString() throws(DecodingProblem) -> String? {
            try flag() ? try string() : nil
        }
    }
}
