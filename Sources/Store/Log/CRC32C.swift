/// CRC-32C (Castagnoli): the checksum framing every log record (checked on every read), the
/// checkpoint and the index snapshot.
///
/// On x86_64 it uses SSE4.2's `crc32` instruction (Package.swift builds Store with `-msse4.2`,
/// so the store needs an x86-64-v2 CPU: any x86_64 since 2008); elsewhere slicing-by-16 tables.
/// Both give the same checksums (tests compare them), so logs move between machines.
public enum CRC32C {
    /// The ways this build can compute a checksum.
    enum Implementation: CaseIterable, Sendable {
        case software
        case sse42
    }

    /// The implementations this build has: software always, the instruction where built for it.
    static var available: [Implementation] {
        #if CRC32C_SSE42 && arch(x86_64)
        [.software, .sse42]
        #else
        [.software]
        #endif
    }

    /// The checksum of `bytes`, continuing from `crc` (the checksum of earlier bytes; 0 to start).
    ///
    /// O(n): with SSE4.2 several GB/s (about 20 M records of 336 bytes a second), in software
    /// about 1–2 GB/s.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        #if CRC32C_SSE42 && arch(x86_64)
        hardwareChecksum(bytes, continuing: crc)
        #else
        softwareChecksum(bytes, continuing: crc)
        #endif
    }

    /// The checksum of a byte array.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The checksum by a given implementation, which must be `available` (for tests and benches).
    static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0, using implementation: Implementation) -> UInt32 {
        switch implementation {
        case .software:
            return softwareChecksum(bytes, continuing: crc)
        case .sse42:
            #if CRC32C_SSE42 && arch(x86_64)
            return hardwareChecksum(bytes, continuing: crc)
            #else
            // A caller's mistake: tests and benches pick from `available`, which lacks `.sse42` here.
            preconditionFailure("SSE4.2 CRC32C is not in this build; use CRC32C.available")
            #endif
        }
    }
}
