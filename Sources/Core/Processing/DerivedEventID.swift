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
        var bytes = [UInt8]()
        bytes.reserveCapacity(16 + step.utf8.count)
        withUnsafeBytes(of: input.uuid) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: step.utf8)
        return fromHash(of: bytes)
    }

    /// A name-based id from arbitrary text (seeding, simulator): equal names give equal ids.
    public static func make(name: String) -> UUID {
        fromHash(of: Array(name.utf8))
    }

    private static func fromHash(of bytes: [UInt8]) -> UUID {
        let high = mix(fnv(bytes, basis: 0xcbf2_9ce4_8422_2325))
        let low = mix(fnv(bytes, basis: 0x84222325_cbf29ce4) ^ high)
        var u = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            u[i] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(i)))
            u[8 + i] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(i)))
        }
        u[6] = (u[6] & 0x0F) | 0x50
        u[8] = (u[8] & 0x3F) | 0x80
        return UUID(uuid: (u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7],
                           u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]))
    }

    private static func fnv(_ bytes: [UInt8], basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
