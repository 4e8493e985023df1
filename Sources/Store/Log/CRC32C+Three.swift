#if CRC32C_SSE42 && arch(x86_64)
import _Builtin_intrinsics.intel
#endif

extension CRC32C {
    /// The checksums of three buffers at once (each as `checksum(_:)` gives it, from 0).
    ///
    /// A record is usually too short for `checksum`'s three lanes, so one record's checksum is
    /// one chain of dependent `crc32` instructions (three cycles each). Three records' chains are
    /// independent: computed side by side they take about the time of one. Readers that check
    /// many records (a page of `$all`) check them three at a time this way.
    static func checksums(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer,
                          _ c: UnsafeRawBufferPointer) -> (UInt32, UInt32, UInt32) {
        #if CRC32C_SSE42 && arch(x86_64)
        hardwareChecksums(a, b, c)
        #else
        (softwareChecksum(a, continuing: 0), softwareChecksum(b, continuing: 0), softwareChecksum(c, continuing: 0))
        #endif
    }

    /// The three checksums by a given implementation, which must be `available` (for tests).
    static func checksums(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ c: UnsafeRawBufferPointer,
                          using implementation: Implementation) -> (UInt32, UInt32, UInt32) {
        switch implementation {
        case .software:
            return (softwareChecksum(a, continuing: 0), softwareChecksum(b, continuing: 0), softwareChecksum(c, continuing: 0))
        case .sse42:
            #if CRC32C_SSE42 && arch(x86_64)
            return hardwareChecksums(a, b, c)
            #else
            preconditionFailure("SSE4.2 CRC32C is not in this build; use CRC32C.available")
            #endif
        }
    }

    #if CRC32C_SSE42 && arch(x86_64)
    /// Three chains of `crc32` over the words the three buffers all have, interleaved; each
    /// buffer's remaining bytes are then finished by `hardwareChecksum`.
    static func hardwareChecksums(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer,
                                  _ c: UnsafeRawBufferPointer) -> (UInt32, UInt32, UInt32) {
        guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress else {
            return (hardwareChecksum(a, continuing: 0), hardwareChecksum(b, continuing: 0), hardwareChecksum(c, continuing: 0))
        }
        let common = min(a.count, b.count, c.count) & ~7
        var sa: UInt64 = 0xFFFF_FFFF, sb: UInt64 = 0xFFFF_FFFF, sc: UInt64 = 0xFFFF_FFFF
        var offset = 0
        while offset < common {
            sa = _mm_crc32_u64(sa, UInt64(littleEndian: pa.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            sb = _mm_crc32_u64(sb, UInt64(littleEndian: pb.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            sc = _mm_crc32_u64(sc, UInt64(littleEndian: pc.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        // The checksum so far is the state's complement; `hardwareChecksum` continues from it.
        func finish(_ bytes: UnsafeRawBufferPointer, _ state: UInt64) -> UInt32 {
            hardwareChecksum(UnsafeRawBufferPointer(rebasing: bytes[common...]), continuing: ~UInt32(truncatingIfNeeded: state))
        }
        return (finish(a, sa), finish(b, sb), finish(c, sc))
    }
    #endif
}
