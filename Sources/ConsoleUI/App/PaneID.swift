/// The six panes, in the order of their number keys `1`–`6`.
enum PaneID: Int, CaseIterable, Hashable, Sendable {
    case flow = 1, held, accounts, streams, subscriptions, timeMachine

    var title: String {
        switch self {
        case .flow: "Flow"
        case .held: "Held"
        case .accounts: "Accounts"
        case .streams: "Streams"
        case .subscriptions: "Subs"
        case .timeMachine: "Time"
        }
    }

    /// The pane after this one, wrapping (Tab).
    var next: PaneID { PaneID(rawValue: rawValue % 6 + 1) ?? .flow }
    /// The pane before this one, wrapping (Shift-Tab).
    var previous: PaneID { PaneID(rawValue: (rawValue + 4) % 6 + 1) ?? .flow }
}
