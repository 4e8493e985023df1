/// A decoded bank event attached to the `EventData` it was encoded into, so a reader of the
/// store's tail in this process gets it back without decoding (see `EventData.attachment`).
public final class AttachedBankEvent: Sendable {
    public let event: BankEvent

    public init(_ event: BankEvent) {
        self.event = event
    }
}
