import Store

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
