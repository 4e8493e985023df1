import Foundation

/// Reads a `LedgerEntryPosted` straight from the bytes the bank writes for it, without building
/// a JSON object: statements decode thousands of entries at once.
///
/// Only the exact shape `JSONWriter` produces is accepted — keys in order, ASCII text with no
/// escapes — and anything else returns nil, so the caller decodes it the general way (which
/// also reports what is wrong). For the bytes it accepts it gives what `BankEvent.decode` gives.
enum LedgerEntryBytes {
    static func decode(_ data: Data) -> LedgerEntryPosted? {
        data.withUnsafeBytes { raw -> LedgerEntryPosted? in
            var cursor = Cursor(bytes: raw)
            guard cursor.literal(#"{"account":{"accountNumber":""#), let number = cursor.text(),
                  cursor.literal(#","sortCode":""#), let sortCode = cursor.text(),
                  cursor.literal(#"},"amount":""#), let amount = cursor.text().flatMap(Money.init(parsing:)),
                  cursor.literal(#","balanceAfter":""#), let balanceAfter = cursor.text().flatMap(Money.init(parsing:)),
                  cursor.literal(#","description":""#), let description = cursor.text(),
                  cursor.literal(#","kind":""#), let kind = cursor.text().flatMap(LedgerEntryKind.init(rawValue:)),
                  let account = AccountID(sortCode: sortCode, accountNumber: number) else { return nil }
            var paymentId: UUID?
            if cursor.literal(#","paymentId":""#) {
                guard let id = cursor.text().flatMap(UUID.init(uuidString:)) else { return nil }
                paymentId = id
            }
            guard cursor.literal("}"), cursor.atEnd else { return nil }
            // A payment's description is sealed personal data: opened as `BankEvent.decode` opens it.
            return LedgerEntryPosted(account: account, amount: amount, balanceAfter: balanceAfter, kind: kind, paymentId: paymentId,
                                     description: PersonalDataKeyring.open(description, context: "LedgerEntryPosted/description"))
        }
    }

    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var atEnd: Bool { index == bytes.count }

        /// Consumes `expected` when the bytes continue with it.
        mutating func literal(_ expected: StaticString) -> Bool {
            let count = expected.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            let matches = expected.withUTF8Buffer { expected in
                memcmp(bytes.baseAddress! + index, expected.baseAddress!, count) == 0
            }
            if matches { index += count }
            return matches
        }

        /// Printable ASCII up to the closing quote (consumed); nil at an escape or anything else.
        mutating func text() -> String? {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                guard byte >= 0x20, byte <= 0x7E, byte != 0x5C else { return nil }
                index += 1
            }
            return nil
        }
    }
}
