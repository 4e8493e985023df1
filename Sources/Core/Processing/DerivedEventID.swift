import Foundation

/// Deterministic event ids: the id of an event a processor writes is a hash of the id of the
/// event that caused it and a step label, so a redelivered input yields the same id and the
/// store's idempotency drops the duplicate.
///
/// A UUIDv5-style name-based id (version nibble 5, RFC 4122 variant) built from two
/// independent 64-bit FNV-1a/splitmix hashes; stable across runs and platforms.
public enum DerivedEventID {
    /// The id for output `step` of processing the event `input`.
    public static func make(from input: UUID, step: String) -> UUID {
        var hashes = Hashes()
        withUnsafeBytes(of: input.uuid) { hashes.add($0) }
        var step = step
        step.withUTF8 { hashes.add(UnsafeRawBufferPointer($0)) }
        return hashes.uuid
    }

    /// A name-based id from arbitrary text (seeding, simulator): equal names give equal ids.
    public static func make(name: String) -> UUID {
        var hashes = Hashes()
        var name = name
        name.withUTF8 { hashes.add(UnsafeRawBufferPointer($0)) }
        return hashes.uuid
    }

    /// Two FNV-1a hashes with different bases over the same bytes, fed in pieces.
    private struct Hashes {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x84222325_cbf29ce4

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            for byte in bytes {
                high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
                low = (low ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }

        /// Version nibble 5, RFC 4122 variant.
        var uuid: UUID {
            let high = DerivedEventID.mix(high)
            let low = DerivedEventID.mix(low ^ high)
            var bytes = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0),
                         UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
            withUnsafeMutableBytes(of: &bytes) { u in
                for i in 0..<8 {
                    u[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
                    u[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
                }
                u[6] = (u[6] & 0x0F) | 0x50
                u[8] = (u[8] & 0x3F) | 0x80
            }
            return UUID(uuid: bytes)
        }
    }

    fileprivate static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
