import Foundation

extension UUID {
    /// A deterministic id for an event the store itself writes (metadata, tombstones), from its
    /// position: `bankstor` + the position, the same bytes in every backend.
    package init(storeEventAt position: UInt64) {
        var bytes: uuid_t = (0x62, 0x61, 0x6E, 0x6B, 0x73, 0x74, 0x6F, 0x72, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw.storeBytes(of: position.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        self.init(uuid: bytes)
    }
}
