@testable import Store
import Testing

/// The record checksum matches the published CRC-32C check values, by every implementation.
@Suite struct CRC32CTests {
    @Test func theStandardCheckStringHasTheCastagnoliCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func thirtyTwoZeroBytesHaveTheRFC3720Value() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    }

    @Test func aChecksumContinuedOverTwoPartsEqualsTheWhole() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = CRC32C.checksum(bytes)
        for split in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let first = bytes[..<split].withUnsafeBytes { CRC32C.checksum($0) }
            let both = bytes[split...].withUnsafeBytes { CRC32C.checksum($0, continuing: first) }
            #expect(both == whole, "split at \(split)")
        }
    }

    @Test func anX86BuildChecksWithTheInstruction() {
        #if arch(x86_64)
        #expect(CRC32C.available == [.software, .sse42])
        #else
        #expect(CRC32C.available == [.software])
        #endif
    }

    @Test(arguments: CRC32C.available)
    func everyImplementationGivesThePublishedCheckValues(_ implementation: CRC32C.Implementation) {
        func check(_ bytes: [UInt8]) -> UInt32 { bytes.withUnsafeBytes { CRC32C.checksum($0, using: implementation) } }
        #expect(check([]) == 0)
        #expect(check(Array("123456789".utf8)) == 0xE306_9283)
        #expect(check([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(check([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(check((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(check((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    @Test(arguments: CRC32C.available)
    func everyImplementationAgreesWithTheTablesOnEveryLengthAndAlignment(_ implementation: CRC32C.Implementation) {
        var random = SplitMix64(seed: 0xC3C3_2C)
        let bytes = (0..<(1024 + 64)).map { _ in UInt8.random(in: 0...255, using: &random) }
        var disagreements: [String] = []
        bytes.withUnsafeBytes { all in
            for length in 0...1024 {
                let offset = Int.random(in: 0..<64, using: &random)
                let start = UInt32.random(in: 0...UInt32.max, using: &random)
                let part = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                let expected = CRC32C.checksum(part, continuing: start, using: .software)
                let actual = CRC32C.checksum(part, continuing: start, using: implementation)
                if actual != expected { disagreements.append("length \(length) offset \(offset)") }
            }
        }
        #expect(disagreements == [])
    }

    @Test(arguments: CRC32C.available)
    func everyImplementationAgreesWithTheTablesOnBuffersSpanningManyLanes(_ implementation: CRC32C.Implementation) {
        var random = SplitMix64(seed: 0x1A4E5)
        let bytes = (0..<(8192 + 64)).map { _ in UInt8.random(in: 0...255, using: &random) }
        var disagreements: [String] = []
        bytes.withUnsafeBytes { all in
            for length in [1535, 1536, 1537, 2303, 2304, 3071, 3072, 3167, 3168, 4703, 8192] + (0..<64).map({ _ in Int.random(in: 1025...8192, using: &random) }) {
                let offset = Int.random(in: 0..<64, using: &random)
                let part = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                if CRC32C.checksum(part, using: implementation) != CRC32C.checksum(part, using: .software) {
                    disagreements.append("length \(length) offset \(offset)")
                }
            }
        }
        #expect(disagreements == [])
    }

    @Test(arguments: CRC32C.available)
    func everyImplementationReadsBuffersAtEveryOffsetIntoAWord(_ implementation: CRC32C.Implementation) {
        let bytes = (0..<600).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 3) }
        bytes.withUnsafeBytes { all in
            for offset in 0..<16 {
                for length in [1, 7, 8, 9, 63, 64, 65, 191, 192, 193, 336, 577] {
                    let part = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
                    #expect(CRC32C.checksum(part, using: implementation) == CRC32C.checksum(part, using: .software),
                            "offset \(offset) length \(length)")
                }
            }
        }
    }
}
