import Foundation

/// FNV-1a hashing that is the same in every process (Swift's `Hasher` is seeded per process),
/// for pinned-consumer buckets and for deterministic ids of the store's own events.
enum StableHash {
    static func fnv1a(_ text: String, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A version-8-style UUID derived from `parts`: the same parts give the same id.
    static func uuid(_ parts: String...) -> UUID {
        let text = parts.joined(separator: "\u{1F}")
        let high = fnv1a(text)
        let low = fnv1a(text, seed: high ^ 0x9e37_79b9_7f4a_7c15)
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (UInt64(index) * 8))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (UInt64(index) * 8))
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x80
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
