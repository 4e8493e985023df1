import Foundation

/// Where a `RecordedEvent`'s fields are: a box of its own (`RecordedEvent.Box`), or a checked
/// record in a block of records a read copied out of the log (`RecordBlock`), decoded when asked.
///
/// The event keeps one reference to its storage and the `Place` of its record in it (ignored by
/// a box), so reading a field is one indirect call: no reference counting, no copy of the rest.
protocol EventStorage: AnyObject, Sendable {
    func stream(_ place: RecordBlock.Place) -> String
    func version(_ place: RecordBlock.Place) -> Int64
    func position(_ place: RecordBlock.Place) -> UInt64
    func id(_ place: RecordBlock.Place) -> UUID
    func type(_ place: RecordBlock.Place) -> String
    func created(_ place: RecordBlock.Place) -> Date
    func data(_ place: RecordBlock.Place) -> Data
    func metadata(_ place: RecordBlock.Place) -> Data
    /// The appender's `EventData.attachment`, where the storage keeps one.
    var attachment: (any AnyObject & Sendable)? { get }
}
