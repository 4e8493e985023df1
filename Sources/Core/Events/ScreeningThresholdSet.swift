/// `BankSettings`: sanctions screening holds a payment when one of its names scores this much
/// or more against a list entry (a score from 0 to 100; the bank accepts
/// `BankSettings.screeningHoldRange`). Applies from the next payment screened.
public struct ScreeningThresholdSet: BankEventType {
    public static let eventType = "ScreeningThresholdSet"
    public var wrapped: BankEvent { .screeningThresholdSet(self) }
    /// The hold threshold, 0–100.
    public var holdAt: Int
    public var by: String
    public var reason: String

    public init(holdAt: Int, by: String, reason: String) {
        self.holdAt = holdAt
        self.by = by
        self.reason = reason
    }
}
