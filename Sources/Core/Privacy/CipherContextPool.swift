import CLibcrypto
import Synchronization

/// A few libcrypto cipher contexts kept between uses, each already set up for one cipher and
/// one direction, so sealing a short name does not allocate a context and its provider state
/// afresh every time (`EVP_CIPHER_CTX_new`, then an init that names the cipher).
///
/// A context is taken by one caller at a time and given back after use; the next user sets its
/// own key and nonce (an init with the cipher left out keeps the cipher and direction and
/// resets the rest: aad, counter, tag). Thread-safe. At most `capacity` contexts are kept; more
/// made under contention are freed when given back.
final class CipherContextPool: Sendable {
    /// One context, owned by whoever took it from the pool.
    // @unchecked Sendable: a context is used by one thread at a time (taken from and given back to the locked pool).
    final class Context: @unchecked Sendable {
        let pointer: OpaquePointer
        /// Nonces drawn from libcrypto's CSPRNG together and handed out one per seal, each once
        /// (`RAND_bytes` costs about as much for 64 nonces as for one, ~0.8 µs a call here).
        /// Nonces are public, so holding the next few in memory reveals nothing; empty until a
        /// seal first draws.
        private var nonces: [UInt8] = []
        private var nextNonce = 0
        /// The key the context was last set up with: its AES key schedule and GHASH key are
        /// kept, so a use with the same key (a payment's names, sealed one after another with
        /// its account's key) sets only the nonce, and skips a third of libcrypto's work.
        private var key: [UInt8] = []

        /// Whether the context was last set up with `key` (an init that names only a nonce keeps it).
        func holds(_ key: [UInt8]) -> Bool { !self.key.isEmpty && self.key == key }

        /// Records that the context was just set up with `key`.
        func keep(_ key: [UInt8]) { self.key = key }

        fileprivate init(pointer: OpaquePointer) { self.pointer = pointer }

        deinit { EVP_CIPHER_CTX_free(pointer) }

        /// Writes a fresh random nonce of `AESGCM.nonceSize` bytes to `nonce`; false when the
        /// OS random source fails.
        func drawNonce(into nonce: UnsafeMutablePointer<UInt8>) -> Bool {
            let size = AESGCM.nonceSize
            if nextNonce + size > nonces.count {
                if nonces.isEmpty { nonces = [UInt8](repeating: 0, count: size * Self.noncesPerDraw) }
                guard nonces.withUnsafeMutableBufferPointer({ RAND_bytes($0.baseAddress, Int32($0.count)) }) == 1 else { return false }
                nextNonce = 0
            }
            nonces.withUnsafeMutableBufferPointer { drawn in
                guard let start = drawn.baseAddress?.advanced(by: nextNonce) else { return }
                nonce.update(from: start, count: size)
                // Wiped once handed out: no nonce can be handed out twice.
                start.update(repeating: 0, count: size)
            }
            nextNonce += size
            return true
        }

        private static let noncesPerDraw = 64
    }

    private let encrypting: Bool
    private let cipher: @Sendable () -> OpaquePointer?
    private let capacity: Int
    private let idle = Mutex<[Context]>([])

    /// - Parameter encrypting: contexts for `EVP_Encrypt*` (true) or `EVP_Decrypt*` (false).
    init(encrypting: Bool, capacity: Int = 8, cipher: @escaping @Sendable () -> OpaquePointer?) {
        self.encrypting = encrypting
        self.capacity = capacity
        self.cipher = cipher
    }

    /// A context set up for the cipher and direction (nil when libcrypto cannot make one).
    func take() -> Context? {
        if let kept = idle.withLock({ $0.popLast() }) { return kept }
        guard let pointer = EVP_CIPHER_CTX_new() else { return nil }
        let context = Context(pointer: pointer)
        let ready = encrypting ? EVP_EncryptInit_ex(pointer, cipher(), nil, nil, nil) : EVP_DecryptInit_ex(pointer, cipher(), nil, nil, nil)
        return ready == 1 ? context : nil
    }

    /// Gives a context back after a use that reached its end; one left mid-operation by a
    /// failure is dropped (freed) rather than kept.
    func giveBack(_ context: Context) {
        idle.withLock { idle in
            if idle.count < capacity { idle.append(context) }
        }
    }
}
