import Foundation
import Core

/// The payments the flow pane lists, newest first, without copying the whole flow when no
/// filter is set (rendering reads only the rows on screen).
enum FlowRows {
    case all(PaymentFlow)
    case filtered([PaymentSummary])

    init(_ flow: PaymentFlow, filter: String) {
        self = filter.trimmingCharacters(in: .whitespaces).isEmpty ? .all(flow) : .filtered(FlowState.rows(flow, filter: filter))
    }

    var count: Int {
        switch self {
        case .all(let flow): flow.count
        case .filtered(let rows): rows.count
        }
    }

    subscript(index: Int) -> PaymentSummary {
        switch self {
        case .all(let flow): flow.payments[flow.count - 1 - index]
        case .filtered(let rows): rows[index]
        }
    }

    func firstIndex(of id: UUID) -> Int? {
        switch self {
        case .all(let flow):
            // Newest first: scan back from the newest, up to the pane's window.
            for index in 0..<min(flow.count, FlowState.window) where flow.payments[flow.count - 1 - index].id == id { return index }
            return nil
        case .filtered(let rows):
            return rows.firstIndex { $0.id == id }
        }
    }
}
