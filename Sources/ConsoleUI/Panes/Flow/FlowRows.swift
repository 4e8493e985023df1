import Foundation
import Core

/// The payments the flow pane lists (the bank's recent window), newest first, without copying
/// the window when no filter is set (rendering reads only the rows on screen).
enum FlowRows {
    case all(PaymentOverview)
    case filtered([PaymentSummary])

    init(_ flow: PaymentOverview, filter: String) {
        self = filter.trimmingCharacters(in: .whitespaces).isEmpty ? .all(flow) : .filtered(FlowState.rows(flow, filter: filter))
    }

    var count: Int {
        switch self {
        case .all(let flow): flow.windowCount
        case .filtered(let rows): rows.count
        }
    }

    /// The row at `index` (0 is the newest); nil past the end.
    subscript(index: Int) -> PaymentSummary? {
        switch self {
        case .all(let flow): flow.newest(index)
        case .filtered(let rows): rows.indices.contains(index) ? rows[index] : nil
        }
    }

    func firstIndex(of id: UUID) -> Int? {
        switch self {
        case .all(let flow):
            // Newest first: scan back from the newest, up to the pane's window.
            for index in 0..<min(flow.windowCount, FlowState.window) where flow.newest(index)?.id == id { return index }
            return nil
        case .filtered(let rows):
            return rows.firstIndex { $0.id == id }
        }
    }
}
