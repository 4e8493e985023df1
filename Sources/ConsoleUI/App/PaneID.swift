/// The seven panes, in the order of their number keys `1`–`7`.
enum PaneID: Int, CaseIterable, Hashable, Sendable {
    case flow = 1, held, accounts, streams, subscriptions, timeMachine, audit

    var title: String {
        switch self {
        case .flow: "Flow"
        case .held: "Held"
        case .accounts: "Accounts"
        case .streams: "Streams"
        case .subscriptions: "Subs"
        case .timeMachine: "Time"
        case .audit: "Audit"
        }
    }

    /// The title on a narrow top bar (under 100 columns), where seven full titles leave no
    /// room for the store position.
    var shortTitle: String {
        switch self {
        case .accounts: "Accts"
        case .streams: "Strm"
        default: title
        }
    }

    /// The pane after this one, wrapping (Tab).
    var next: PaneID { PaneID(rawValue: rawValue % PaneID.allCases.count + 1) ?? .flow }
    /// The pane before this one, wrapping (Shift-Tab).
    var previous: PaneID { PaneID(rawValue: (rawValue + PaneID.allCases.count - 2) % PaneID.allCases.count + 1) ?? .flow }
}
