import Testing
@testable import Core

/// `AESGCM` reuses its libcrypto contexts (`CipherContextPool`): nothing one seal or open
/// leaves in a context — its key, nonce, aad, tag, or a failed tag check — may reach the next.
@Suite struct AESGCMContextReuseTests {
    static let keyA = [UInt8](repeating: 0x11, count: AESGCM.keySize)
    static let keyB = (0..<AESGCM.keySize).map { UInt8($0 * 7 & 0xFF) }

    @Test func boxesSealedInTurnWithTwoKeysOpenOnlyWithTheirOwnKeyAndAad() throws {
        var boxes: [(box: [UInt8], key: [UInt8], aad: [UInt8], text: [UInt8])] = []
        for index in 0..<40 {
            let key = index.isMultiple(of: 2) ? Self.keyA : Self.keyB
            let aad = Array("pii:v1:key-\(index % 3):context".utf8)
            let text = Array("Name number \(index)".utf8) + [UInt8](repeating: UInt8(index), count: index % 5)
            boxes.append((try AESGCM.seal(text, key: key, aad: aad), key, aad, text))
        }
        for (index, sealed) in boxes.enumerated() {
            #expect(sealed.box.count == AESGCM.nonceSize + sealed.text.count + AESGCM.tagSize)
            let otherKey = sealed.key == Self.keyA ? Self.keyB : Self.keyA
            // A failed check between two good opens leaves nothing behind for the next.
            #expect(throws: AESGCM.Failure.authentication) { try AESGCM.open(sealed.box, key: otherKey, aad: sealed.aad) }
            #expect(try AESGCM.open(sealed.box, key: sealed.key, aad: sealed.aad) == sealed.text, "box \(index)")
            #expect(throws: AESGCM.Failure.authentication) { try AESGCM.open(sealed.box, key: sealed.key, aad: Array("other".utf8)) }
        }
    }

    @Test func twoSealsOfOneTextWithOneKeyDifferInNonceAndBothOpen() throws {
        let text = Array("Zebedee Quixotic".utf8), aad = Array("AccountOpened/holder".utf8)
        let first = try AESGCM.seal(text, key: Self.keyA, aad: aad)
        let second = try AESGCM.seal(text, key: Self.keyA, aad: aad)
        #expect(first.prefix(AESGCM.nonceSize) != second.prefix(AESGCM.nonceSize))
        #expect(try AESGCM.open(first, key: Self.keyA, aad: aad) == text)
        #expect(try AESGCM.open(second, key: Self.keyA, aad: aad) == text)
    }

    @Test func threeHundredSealsAcrossSeveralDrawsOfNoncesUseThreeHundredDifferentNonces() throws {
        // Nonces are drawn 64 at a time: 300 seals go through five draws.
        let text = Array("Zebedee Quixotic".utf8), aad = Array("AccountOpened/holder".utf8)
        var nonces: Set<[UInt8]> = []
        for _ in 0..<300 {
            let box = try AESGCM.seal(text, key: Self.keyA, aad: aad)
            let nonce = Array(box.prefix(AESGCM.nonceSize))
            #expect(nonce != [UInt8](repeating: 0, count: AESGCM.nonceSize))
            nonces.insert(nonce)
            #expect(try AESGCM.open(box, key: Self.keyA, aad: aad) == text)
        }
        #expect(nonces.count == 300)
    }

    @Test func anEmptyTextSealsToNonceAndTagAndOpensEmpty() throws {
        let box = try AESGCM.seal([], key: Self.keyB, aad: [])
        #expect(box.count == AESGCM.nonceSize + AESGCM.tagSize)
        #expect(try AESGCM.open(box, key: Self.keyB, aad: []) == [])
        #expect(throws: AESGCM.Failure.authentication) { try AESGCM.open(box, key: Self.keyA, aad: []) }
    }
}
