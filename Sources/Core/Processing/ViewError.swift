import Foundation
import Store

/// Why the write side's view of a stream (`BankViews`, `StreamFoldCache`) could not be had.
public enum ViewError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store refused or failed.
    case store(EventStoreError)
    /// An event on the stream cannot be trusted; the view stops at it.
    case fault(EventFault)

    public var description: String {
        switch self {
        case .store(let error): error.description
        case .fault(let fault): fault.description
        }
    }
}
