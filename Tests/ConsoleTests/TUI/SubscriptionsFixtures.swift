import Store
@testable import ConsoleUI

extension PersistentGroupStats {
    /// A group with the figures the subscriptions pane shows; those it does not show
    /// (delivered, parked in all, waiting for a retry, the checkpoint's time) are zero or nil.
    static func shown(group: String, source: String, consumers: [PersistentConsumerStats] = [], inFlight: Int, acked: Int,
                      retried: Int, parked: Int, lag: Int64, lastCheckpoint: Int64?) -> PersistentGroupStats {
        PersistentGroupStats(group: group, source: source, strategy: .roundRobin, delivered: 0, inFlight: inFlight, acked: acked,
                             retried: retried, parkedTotal: 0, parked: parked, waitingForRetry: 0, lastCheckpoint: lastCheckpoint,
                             lastCheckpointTime: nil, lag: lag, lastError: nil, consumers: consumers)
    }
}

extension ProjectionRow {
    /// A projection with the figures the pane shows, in one partition; its checkpoint, which
    /// the pane does not show, nil.
    static func shown(name: String, source: String, runState: ProjectionRunState = .running, position: Int64, lag: Int64,
                      processed: Int, fault: ProjectionFault? = nil, stateLines: [String]) -> ProjectionRow {
        ProjectionRow(status: ProjectionStatus(name: name, source: source, runState: runState, fault: fault, position: position, lag: lag,
                                               eventsProcessed: processed, partitions: 1, checkpoint: nil, lastError: nil),
                      stateLines: stateLines)
    }
}
