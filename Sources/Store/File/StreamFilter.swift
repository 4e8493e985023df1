/// A blocked Bloom filter over the stream names of an index part, so that a stream lookup
/// skips the parts that cannot hold the stream (a payment's stream lives in one part of many)
/// with one 64-byte read each instead of a binary search.
///
/// About 10 bits a stream in blocks of 512 bits (one cache line); a name sets 6 bits of the one
/// block its hash picks: about 1 % of the names a part does not hold pass, and every name it
/// holds does. The hash is FNV-1a over the name's UTF-8 bytes, finished by SplitMix64's mixer:
/// the same in every process and on every machine, as the filter is saved in the part.
struct StreamFilter {
    /// Words (u64) of one block.
    static let blockWords = 8
    static let bitsPerName = 6

    /// The hash of a name, computed once per lookup and tried against every part.
    struct Hash: Equatable {
        var block: UInt64
        var bits: UInt64

        init(_ utf8: UnsafeRawBufferPointer) {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in utf8 {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01B3
            }
            block = Self.mix(h)
            bits = Self.mix(h ^ 0x9E37_79B9_7F4A_7C15)
        }

        static func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// The word (within a block) and the mask of the `n`th bit this name sets.
        func bit(_ n: Int) -> (word: Int, mask: UInt64) {
            let index = Int((bits >> UInt64(n * 9)) & 511)
            return (index >> 6, 1 << UInt64(index & 63))
        }
    }

    /// The byte offset, within a filter of `blocks` blocks (a power of two), of the block
    /// that `hash` picks.
    static func blockOffset(of hash: Hash, blocks: Int) -> Int {
        Int(hash.block & UInt64(blocks - 1)) * blockWords * 8
    }

    /// Whether `block` (the filter block `hash` picks, `blockWords` words) has every bit the
    /// name sets: false means the part does not hold it.
    static func passes(_ hash: Hash, block: UnsafeRawBufferPointer) -> Bool {
        for n in 0..<bitsPerName {
            let (word, mask) = hash.bit(n)
            if block.integer(at: word * 8, as: UInt64.self) & mask == 0 { return false }
        }
        return true
    }

    /// Words of the filter of a part of `streams` streams: a power of two of blocks (none
    /// without streams).
    static func words(forStreams streams: Int) -> Int {
        guard streams > 0 else { return 0 }
        var blocks = 1
        while blocks * 512 < streams * 10 { blocks *= 2 }
        return blocks * blockWords
    }

    /// The filter of `names`, as the words a part saves.
    static func words(of names: [String]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: words(forStreams: names.count))
        let blocks = UInt64(words.count / blockWords)
        for var name in names {
            let hash = name.withUTF8 { Hash(UnsafeRawBufferPointer($0)) }
            let base = Int(hash.block & (blocks - 1)) * blockWords
            for n in 0..<bitsPerName {
                let (word, mask) = hash.bit(n)
                words[base + word] |= mask
            }
        }
        return words
    }
}
