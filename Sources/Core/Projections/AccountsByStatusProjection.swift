import Store

/// The original demo's planned custom projection: accounts grouped by status, kept by the
/// store's projection host over `$ce-Accounts`.
///
/// Counts the open accounts and lists the blocked and closed ones (`AccountStatusTally`); one
/// partition (`""`).
public struct AccountsByStatusProjection: Projection {
    public typealias State = AccountStatusTally

    public static let name = "accounts-by-status"

    public init() {}

    public var name: String { Self.name }
    public var source: ProjectionSource { .category("Accounts") }
    public var initialState: AccountStatusTally { AccountStatusTally() }

    /// Folds an account event; a malformed one faults the projection with the reason.
    public func apply(_ state: inout AccountStatusTally, _ event: RecordedEvent) throws {
        do {
            state.apply(try BankEvent.decode(event))
        } catch .unknownType {
            return
        }
    }
}
