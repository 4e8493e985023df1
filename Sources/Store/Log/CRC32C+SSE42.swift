#if CRC32C_SSE42 && arch(x86_64)
import _Builtin_intrinsics.intel

extension CRC32C {
    /// Bytes per lane of the three-lane blocks, longest first: blocks of three lanes of 512
    /// repeat, then at most one block of each shorter lane, then eight bytes at a time.
    ///
    /// None is shorter than 128: the bench's records (344 bytes) went no faster in
    /// `read.stream100` with lanes of 64 and 32, whose joins look up tables a cold read has
    /// evicted, so records that size are checksummed in one lane.
    private static let laneLengths = [512, 256, 128]

    /// For each lane length, four 256-entry tables that carry a CRC state over that many zero
    /// bytes (table k takes byte k of the state), flattened: lane i's table k at `(4i + k) * 256`.
    private static let shiftTables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: laneLengths.count * 4 * 256)
        for (lane, length) in laneLengths.enumerated() {
            // The state is carried linearly: find where each of its 32 bits goes, then add them up.
            let bits = (0..<32).map { bit in
                var state = UInt64(1) << UInt64(bit)
                for _ in 0..<(length / 8) { state = _mm_crc32_u64(state, 0) }
                return UInt32(truncatingIfNeeded: state)
            }
            for k in 0..<4 {
                for byte in 0..<256 {
                    var shifted: UInt32 = 0
                    for bit in 0..<8 where byte & (1 << bit) != 0 { shifted ^= bits[8 * k + bit] }
                    tables[(4 * lane + k) * 256 + byte] = shifted
                }
            }
        }
        return tables
    }()

    /// The checksum computed with SSE4.2's `crc32` instruction.
    ///
    /// The instruction takes three cycles but can start one each cycle, so buffers of 384 bytes
    /// or more are split into three lanes checksummed side by side, whose states are then
    /// joined (shifting the earlier lanes' states over the later lanes' lengths by table).
    /// Requires SSE4.2 (every x86_64 CPU since 2008; x86-64-v2): Package.swift builds Store with
    /// `-msse4.2` on x86_64, so a CPU without it stops on an illegal instruction.
    static func hardwareChecksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32) -> UInt32 {
        guard var pointer = bytes.baseAddress else { return crc }
        var remaining = bytes.count
        var state = ~crc
        if remaining >= 3 * 128 {
            shiftTables.withUnsafeBufferPointer { buffer in
                // The tables hold 4 × 256 entries per lane length; `threeLanes` masks its indices.
                let tables = buffer.baseAddress.unsafelyUnwrapped
                for (level, length) in laneLengths.enumerated() {
                    // Each length but the longest runs at most once: less than 3 × twice it is left.
                    while remaining >= 3 * length {
                        state = threeLanes(pointer, length: length, state: state, shift: tables + level * 4 * 256)
                        pointer += 3 * length
                        remaining -= 3 * length
                    }
                }
            }
        }
        var wide = UInt64(state)
        while remaining >= 8 {
            wide = _mm_crc32_u64(wide, UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self)))
            pointer += 8
            remaining -= 8
        }
        state = UInt32(truncatingIfNeeded: wide)
        while remaining > 0 {
            state = _mm_crc32_u8(state, pointer.load(as: UInt8.self))
            pointer += 1
            remaining -= 1
        }
        return ~state
    }

    /// The state after `3 * length` bytes at `pointer`, from `state`: three lanes of `length`
    /// (a multiple of 8) checksummed together, the first from `state`, the others from zero.
    private static func threeLanes(_ pointer: UnsafeRawPointer, length: Int, state: UInt32, shift: UnsafePointer<UInt32>) -> UInt32 {
        var a = UInt64(state), b: UInt64 = 0, c: UInt64 = 0
        var offset = 0
        while offset < length {
            a = _mm_crc32_u64(a, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            b = _mm_crc32_u64(b, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: length + offset, as: UInt64.self)))
            c = _mm_crc32_u64(c, UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 2 * length + offset, as: UInt64.self)))
            offset += 8
        }
        // A state carried over `length` zero bytes, then the next lane's state added: the CRC
        // state is linear, so this is the state after both lanes.
        func carried(_ value: UInt32) -> UInt32 {
            shift[Int(value & 0xFF)] ^ shift[256 + Int((value >> 8) & 0xFF)]
                ^ shift[512 + Int((value >> 16) & 0xFF)] ^ shift[768 + Int(value >> 24)]
        }
        return carried(carried(UInt32(truncatingIfNeeded: a)) ^ UInt32(truncatingIfNeeded: b)) ^ UInt32(truncatingIfNeeded: c)
    }
}
#endif
