import Foundation

/// The bytes of one page of the accounts list: its rows sorted by account, laid out so that one
/// account is found by binary search and decoded alone.
///
/// `count u32 | count × key u64 | count × end u32 | rows`, little-endian: the keys
/// (`AccountKey`) ascending, then where each row's bytes end within `rows`. A row: the
/// summary (a 0/1 flag, then holder, status, balance, reason and who as optional strings,
/// opened, last changed, entries), the ledger's balance, entries, last entry position and time
/// (each optional), and the position of the last status change. Strings are a 32-bit byte
/// count and UTF-8; dates the bit pattern of their seconds since 2001, so they round-trip
/// exactly. The record around a page is checksummed (`AccountPageFile`); a body that does not
/// decode is `DecodingProblem`, never a trap.
enum AccountPageCodec {
    static func encode(_ rows: [AccountDirectory.Row]) -> Data {
        var body = Writer()
        var ends: [UInt32] = []
        ends.reserveCapacity(rows.count)
        for row in rows {
            encode(row, into: &body)
            ends.append(UInt32(body.data.count))
        }
        var out = Writer()
        out.data.reserveCapacity(4 + rows.count * 12 + body.data.count)
        out.u32(UInt32(rows.count))
        for row in rows { out.u64(AccountKey.of(row.id)) }
        for end in ends { out.u32(end) }
        out.data.append(body.data)
        return out.data
    }

    private static func encode(_ row: AccountDirectory.Row, into out: inout Writer) {
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

    /// Why a body does not decode.
    struct DecodingProblem: Error, Equatable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// A page body read in place: its keys, and any row decoded on its own.
    struct Page {
        let bytes: [UInt8]
        let count: Int
        private let keysAt = 4
        private var endsAt: Int { 4 + count * 8 }
        private var rowsAt: Int { 4 + count * 12 }

        init(_ data: Data) throws(DecodingProblem) {
            bytes = [UInt8](data)
            guard bytes.count >= 4 else { throw DecodingProblem("no row count") }
            count = Int(Self.u32(bytes, 0))
            guard count <= (bytes.count - 4) / 12 else { throw DecodingProblem("impossible row count \(count)") }
        }

        func key(_ index: Int) -> UInt64 { Self.u64(bytes, keysAt + index * 8) }

        /// The index of the row of `key`, or nil.
        func index(of key: UInt64) -> Int? {
            var low = 0, high = count
            while low < high {
                let middle = (low + high) / 2
                if self.key(middle) < key { low = middle + 1 } else { high = middle }
            }
            return low < count && self.key(low) == key ? low : nil
        }

        func row(_ index: Int) throws(DecodingProblem) -> AccountDirectory.Row {
            let start = index == 0 ? 0 : Int(Self.u32(bytes, endsAt + (index - 1) * 4))
            let end = Int(Self.u32(bytes, endsAt + index * 4))
            guard start <= end, rowsAt + end <= bytes.count else { throw DecodingProblem("row \(index) out of bounds") }
            guard let id = AccountKey.id(key(index)) else { throw DecodingProblem("bad account key \(key(index))") }
            var input = Reader(bytes: bytes, offset: rowsAt + start, end: rowsAt + end)
            let row = try AccountPageCodec.row(id, &input)
            guard input.atEnd else { throw DecodingProblem("bytes after row \(index)") }
            return row
        }

        /// Every row, checked: keys ascending and the last row ending where the body does.
        func rows() throws(DecodingProblem) -> [AccountDirectory.Row] {
            guard count == 0 || rowsAt + Int(Self.u32(bytes, endsAt + (count - 1) * 4)) == bytes.count else {
                throw DecodingProblem("bytes after the last row")
            }
            var rows: [AccountDirectory.Row] = []
            rows.reserveCapacity(count)
            for index in 0..<count {
                if index > 0, key(index - 1) >= key(index) { throw DecodingProblem("accounts out of order at row \(index)") }
                rows.append(try row(index))
            }
            return rows
        }

        static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
            var value: UInt32 = 0
            for shift in 0..<4 { value |= UInt32(bytes[at + shift]) << (8 * UInt32(shift)) }
            return value
        }

        static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
            var value: UInt64 = 0
            for shift in 0..<8 { value |= UInt64(bytes[at + shift]) << (8 * UInt64(shift)) }
            return value
        }
    }

    private static func row(_ id: AccountID, _ input: inout Reader) throws(DecodingProblem) -> AccountDirectory.Row {
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
        return AccountDirectory.Row(id: id, summary: summary, balance: balance, entries: entries, lastEntryPosition: lastEntryPosition,
                                    lastEntryCreated: lastEntryCreated, changedPosition: UInt64(bitPattern: try input.int()))
    }

    private struct Writer {
        var data = Data()

        mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        mutating func int(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        mutating func flag(_ value: Bool) { data.append(value ? 1 : 0) }
        mutating func date(_ value: Date) { int(Int64(bitPattern: value.timeIntervalSinceReferenceDate.bitPattern)) }
        mutating func string(_ value: String) {
            let bytes = Array(value.utf8)
            u32(UInt32(bytes.count))
            data.append(contentsOf: bytes)
        }
        mutating func optionalString(_ value: String?) {
            flag(value != nil)
            if let value { string(value) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset: Int
        let end: Int

        var atEnd: Bool { offset == end }

        mutating func take(_ count: Int) throws(DecodingProblem) -> ArraySlice<UInt8> {
            guard count >= 0, end - offset >= count else { throw DecodingProblem("cut short at byte \(offset)") }
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
