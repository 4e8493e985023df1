/// A decoded bank event attached to the `EventData` it was encoded into, so a reader of the
/// store's tail in this process gets it back without decoding (see `EventData.attachment`).
///
/// The event is always the plain one, with its personal fields open, even where the data holds
/// them sealed.
public final class AttachedBankEvent: Sendable {
    public let event: BankEvent
    /// Whether the data already holds the event's personal fields sealed, so the append does not
    /// seal them again (`DomainWriter.eventData(of:causedBy:actor:)`).
    let sealed: Bool

    public convenience init(_ event: BankEvent) {
        self.init(event, sealed: false)
    }

    init(_ event: BankEvent, sealed: Bool) {
        self.event = event
        self.sealed = sealed
    }
}
