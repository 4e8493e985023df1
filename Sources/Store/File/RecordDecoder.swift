import Foundation

/// Builds the events of one read from their records in the mapped log, allocating as little
/// as it can, as a read returns many events whose names repeat and whose bytes are small.
///
/// - Stream and type names: it keeps the last long stream name and a few types it made (seeded
///   with the stream or type the read is about) and hands out the same `String` (a retain, or
///   for a small string a copy, not a new validated string) when a record's bytes match one.
/// - Data and metadata: `share` copies the bytes of a run of records into one buffer; each
///   event's `data`/`metadata` is then a slice of it (a retain, not a malloc). Such a slice's
///   `startIndex` is where it sits in the buffer, as for any `Data` slice; fields of 14 bytes
///   or fewer are stored inline instead.
///
/// A buffer is shared by at most one run (64 records), so an event kept long keeps at most
/// that run's bytes alive, never a whole page.
struct RecordDecoder {
    /// Fields this small live inline in `Data` (no allocation), so they are not shared.
    static let inlineLimit = 14
    /// Names this short are small strings, stored in place: making one allocates nothing.
    static let smallString = 15
    /// Most types remembered.
    static let typeSlots = 8

    private var stream: String?
    private var types: [String] = []
    private var nextType = 0
    /// The run's shared bytes, and where the next field starts in them.
    private var shared = Data()
    private var cursor = 0

    /// A decoder for a read of `target`: its stream, or its type, is known before any record.
    init(for target: ReadTarget) {
        switch target {
        case .stream(let name): stream = name
        case .eventType(let type): types.append(type)
        case .category, .streams, .all: break
        }
    }

    /// Bytes of `record` that `share` copies (its fields too big to live inline).
    static func sharedSize(of record: LogRecord) -> Int {
        let data = record.dataBytes.count, metadata = record.metadataBytes.count
        return (data > inlineLimit ? data : 0) + (metadata > inlineLimit ? metadata : 0)
    }

    /// Copies the big fields of `records` (in order) into one new buffer of `size` bytes, the
    /// sum of their `sharedSize`; `event` then hands out slices of it in the same order.
    mutating func share(size: Int, of records: (_ each: (LogRecord) -> Void) -> Void) {
        cursor = 0
        guard size > 0 else {
            shared = Data()
            return
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        var filled = 0
        func copy(_ bytes: UnsafeRawBufferPointer) {
            guard bytes.count > Self.inlineLimit, let base = bytes.baseAddress, filled + bytes.count <= size else { return }
            (buffer + filled).copyMemory(from: base, byteCount: bytes.count)
            filled += bytes.count
        }
        records { record in
            copy(record.dataBytes)
            copy(record.metadataBytes)
        }
        shared = Data(bytesNoCopy: buffer, count: size, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    /// The event of `record`, its big fields sliced from the shared buffer (records must come in
    /// the order they were shared in).
    mutating func event(_ record: LogRecord, link: IndexEntry?) -> RecordedEvent {
        let streamName = self.streamName(record.streamBytes)
        let typeName = self.typeName(record.typeBytes)
        let data = bytes(record.dataBytes)
        let metadata = bytes(record.metadataBytes)
        return RecordedEvent(stream: streamName, version: record.version, position: record.position, id: record.id,
                             type: typeName, created: record.created, data: data, metadata: metadata, link: link)
    }

    private mutating func bytes(_ field: UnsafeRawBufferPointer) -> Data {
        guard let base = field.baseAddress, !field.isEmpty else { return Data() }
        guard field.count > Self.inlineLimit, cursor + field.count <= shared.count else {
            return Data(bytes: base, count: field.count)
        }
        defer { cursor += field.count }
        let start = shared.startIndex + cursor
        return shared[start..<(start + field.count)]
    }

    /// A stream name: a small string is made directly (reads of `$all` and of indexes meet
    /// streams in turn, so looking one up would mostly miss); a longer one is looked up first.
    private mutating func streamName(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.count <= Self.smallString { return String(decoding: bytes, as: UTF8.self) }
        if let stream, Self.matches(stream, bytes) { return stream }
        let name = String(decoding: bytes, as: UTF8.self)
        stream = name
        return name
    }

    /// A type name: reads see few types, so even a small string is looked up first (comparing
    /// its bytes is cheaper than validating them into a new string).
    private mutating func typeName(_ bytes: UnsafeRawBufferPointer) -> String {
        for type in types where Self.matches(type, bytes) { return type }
        let name = String(decoding: bytes, as: UTF8.self)
        if types.count < Self.typeSlots {
            types.append(name)
        } else {
            types[nextType] = name
            nextType = (nextType + 1) % Self.typeSlots
        }
        return name
    }

    /// Whether `string`'s UTF-8 is exactly `bytes`.
    private static func matches(_ string: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let utf8 = string.utf8
        guard utf8.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        // The counts are equal and not zero, so the string's storage has an address.
        return utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress.unsafelyUnwrapped, base, bytes.count) == 0 }
            ?? utf8.elementsEqual(bytes)
    }
}
