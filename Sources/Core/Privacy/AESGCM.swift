import CLibcrypto

/// AES-256-GCM through OpenSSL's EVP interface, and random bytes from `RAND_bytes`.
///
/// Not hand-written crypto: libcrypto does the cipher; this only hands it buffers. A sealed box
/// is `nonce (12) ‖ ciphertext ‖ tag (16)`. Each `seal` takes a fresh random nonce from the
/// CSPRNG (drawn 64 at a time, each used once: `CipherContextPool.Context.drawNonce`), so
/// sealing the same text twice gives different bytes.
///
/// The one place Core draws randomness from the OS rather than an injected seed: keys and
/// nonces must never repeat or be predictable, which a replayable seed would defeat.
enum AESGCM {
    /// AES-256-GCM fetched once: OpenSSL 3 looks an algorithm up (`EVP_aes_256_gcm()` does it
    /// implicitly on every init, a measurable share of sealing a short name); nil falls back to that.
    // nonisolated(unsafe): a fetched EVP_CIPHER is immutable and may be shared between threads (OpenSSL 3).
    nonisolated(unsafe) private static let fetched: OpaquePointer? = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil)

    private static var cipher: OpaquePointer? { fetched ?? EVP_aes_256_gcm() }

    static let keySize = 32
    static let nonceSize = 12
    static let tagSize = 16

    /// Why libcrypto could not do what was asked.
    enum Failure: Error, Equatable {
        /// The OS random source failed (`RAND_bytes`).
        case randomness
        /// A libcrypto call failed while sealing.
        case sealing
        /// The box is too short, or its tag does not match: tampered, damaged or another key.
        case authentication
    }

    /// `count` bytes from libcrypto's CSPRNG.
    static func randomBytes(_ count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw .randomness }
        return bytes
    }

    /// Contexts kept between seals and between opens (see `CipherContextPool`).
    private static let sealers = CipherContextPool(encrypting: true) { AESGCM.cipher }
    private static let openers = CipherContextPool(encrypting: false) { AESGCM.cipher }

    /// Encrypts `plaintext` under `key`, authenticating `aad` with it.
    static func seal(_ plaintext: [UInt8], key: [UInt8], aad: [UInt8]) throws(Failure) -> [UInt8] {
        var box = [UInt8](repeating: 0, count: nonceSize + plaintext.count + tagSize)
        var failure: Failure?
        plaintext.withUnsafeBufferPointer { plain in
            aad.withUnsafeBufferPointer { aad in
                box.withUnsafeMutableBufferPointer { out in
                    do throws(Failure) { try seal(plain, key: key, aad: aad, UnsafeBufferPointer(start: nil, count: 0), into: out) } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
        return box
    }

    /// Encrypts `plaintext` under `key` into `box` (exactly `nonceSize + plaintext.count +
    /// tagSize` bytes: nonce, ciphertext, tag), authenticating `aad` then `moreAAD` (as one run
    /// of bytes: GCM takes its additional data in pieces).
    ///
    /// The nonce is drawn straight into the box and the context comes from a pool: nothing is
    /// allocated.
    static func seal(_ plaintext: UnsafeBufferPointer<UInt8>, key: [UInt8], aad: UnsafeBufferPointer<UInt8>,
                     _ moreAAD: UnsafeBufferPointer<UInt8>, into box: UnsafeMutableBufferPointer<UInt8>) throws(Failure) {
        guard key.count == keySize, box.count == nonceSize + plaintext.count + tagSize, let nonce = box.baseAddress,
              let context = sealers.take() else { throw .sealing }
        guard context.drawNonce(into: nonce) else { throw .randomness }
        // The cipher and direction stay from the pool's init; key and nonce reset the rest (the
        // nonce alone when the context was last set up with this key: its schedule is kept).
        let initialised = context.holds(key) ? EVP_EncryptInit_ex(context.pointer, nil, nil, nil, nonce)
            : EVP_EncryptInit_ex(context.pointer, nil, nil, key, nonce)
        guard initialised == 1 else { throw .sealing }
        context.keep(key)
        var aadLength: Int32 = 0
        if !aad.isEmpty, EVP_EncryptUpdate(context.pointer, nil, &aadLength, aad.baseAddress, Int32(aad.count)) != 1 { throw .sealing }
        if !moreAAD.isEmpty, EVP_EncryptUpdate(context.pointer, nil, &aadLength, moreAAD.baseAddress, Int32(moreAAD.count)) != 1 { throw .sealing }
        let body = nonce + nonceSize
        var written: Int32 = 0
        if !plaintext.isEmpty, EVP_EncryptUpdate(context.pointer, body, &written, plaintext.baseAddress, Int32(plaintext.count)) != 1 { throw .sealing }
        var final: Int32 = 0
        guard EVP_EncryptFinal_ex(context.pointer, body + Int(written), &final) == 1 else { throw .sealing }
        guard EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_GET_TAG, Int32(tagSize), body + plaintext.count) == 1 else { throw .sealing }
        sealers.giveBack(context)
    }

    /// Decrypts a box `seal` made with the same key and `aad`; `.authentication` when the tag
    /// does not match (the box was changed, or it was sealed with another key or context).
    static func open(_ box: [UInt8], key: [UInt8], aad: [UInt8]) throws(Failure) -> [UInt8] {
        guard key.count == keySize, box.count >= nonceSize + tagSize, let context = openers.take() else { throw .authentication }
        let bodyCount = box.count - nonceSize - tagSize
        var plaintext = [UInt8](repeating: 0, count: bodyCount)
        let ok = box.withUnsafeBufferPointer { input -> Bool in
            plaintext.withUnsafeMutableBufferPointer { out -> Bool in
                guard let nonce = input.baseAddress else { return false }
                let body = nonce + nonceSize
                let initialised = context.holds(key) ? EVP_DecryptInit_ex(context.pointer, nil, nil, nil, nonce)
                    : EVP_DecryptInit_ex(context.pointer, nil, nil, key, nonce)
                guard initialised == 1 else { return false }
                context.keep(key)
                var length: Int32 = 0
                if !aad.isEmpty, EVP_DecryptUpdate(context.pointer, nil, &length, aad, Int32(aad.count)) != 1 { return false }
                if bodyCount > 0, EVP_DecryptUpdate(context.pointer, out.baseAddress, &length, body, Int32(bodyCount)) != 1 { return false }
                let tag = UnsafeMutableRawPointer(mutating: body + bodyCount)
                guard EVP_CIPHER_CTX_ctrl(context.pointer, EVP_CTRL_GCM_SET_TAG, Int32(tagSize), tag) == 1 else { return false }
                var final: Int32 = 0
                var scratch: UInt8 = 0
                return withUnsafeMutablePointer(to: &scratch) { EVP_DecryptFinal_ex(context.pointer, out.baseAddress ?? $0, &final) } == 1
            }
        }
        // A failed tag check ends the operation cleanly; the next init with key and nonce starts afresh.
        openers.giveBack(context)
        guard ok else { throw .authentication }
        return plaintext
    }
}
