import Foundation
import Testing
@testable import Core

/// The base64 a sealed name is written in is Foundation's: the opening side decodes it with
/// `Data(base64Encoded:)`.
@Suite struct Base64Tests {
    @Test func encodingMatchesFoundationForEveryLengthAndByte() {
        var generator = SeededBytes(state: 0x5EED)
        for length in 0...70 {
            let bytes = (0..<length).map { _ in generator.next() }
            let encoded = bytes.withUnsafeBufferPointer { input in
                [UInt8](unsafeUninitializedCapacity: Base64.encodedCount(length)) { out, count in
                    Base64.encode(input, into: out)
                    count = Base64.encodedCount(length)
                }
            }
            #expect(String(decoding: encoded, as: UTF8.self) == Data(bytes).base64EncodedString(), "length \(length)")
        }
        let all = [UInt8](0...255)
        let encoded = all.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: Base64.encodedCount(256)) { out, count in
                Base64.encode(input, into: out)
                count = Base64.encodedCount(256)
            }
        }
        #expect(String(decoding: encoded, as: UTF8.self) == Data(all).base64EncodedString())
    }

    @Test func decodingReadsBackEveryLengthAndRefusesAnythingButCanonicalBase64() {
        var generator = SeededBytes(state: 0xB0B)
        for length in 0...70 {
            let bytes = (0..<length).map { _ in generator.next() }
            let text = Array(Data(bytes).base64EncodedString().utf8)
            #expect(text.withUnsafeBufferPointer(Base64.decode) == bytes, "length \(length)")
        }
        for bad in ["A", "AB", "ABC", "A===", "AB=A", "=ABC", "AB C", "ABC*", "QUJDRA=", "QUJDRA=="+"="] {
            #expect(Array(bad.utf8).withUnsafeBufferPointer(Base64.decode) == nil, "\(bad)")
        }
        #expect(Array("QUI=".utf8).withUnsafeBufferPointer(Base64.decode) == Array("AB".utf8))
        // Padding bits that are not zero: never what an encoder writes.
        for noncanonical in ["QUJ=", "QR=="] { #expect(Array(noncanonical.utf8).withUnsafeBufferPointer(Base64.decode) == nil) }
    }

    /// A small fixed-seed byte source (xorshift64).
    struct SeededBytes {
        var state: UInt64
        mutating func next() -> UInt8 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }
}
