import Foundation
import Store

extension Bank {
    /// Partitions each processor group is split into when several processes share a store
    /// (`SharedProcessorRunner`): what the processes divide between them.
    public static var processorPartitions: Int { SharedProcessorRunner.partitionCount }

    /// Whether the processors are running.
    public var isProcessing: Bool { state.withLock { $0.runner != nil } }

    /// Starts the processors (idempotent), and the scheduler's ticks every
    /// `configuration.subscriptionTick` (none when nil: tests call `scheduler.tick()`).
    public func startProcessors() async throws(BankError) {
        if isProcessing { return }
        let driver = try await makeDriver()
        let extra = state.withLock { state -> ProcessorDriver? in
            if state.runner != nil || state.closed { return driver }
            state.runner = driver
            return nil
        }
        await extra?.stop()
        if extra == nil, let tick = configuration.subscriptionTick { scheduler.start(interval: tick, sleep: { try await Task.sleep(for: $0) }) }
    }

    /// Stops the processors; a payment in flight continues when they start again.
    public func stopProcessors() async {
        let runner = state.withLock { state -> ProcessorDriver? in
            defer { state.runner = nil }
            return state.runner
        }
        await scheduler.stop()
        await runner?.stop()
    }
}

extension Bank {
    func makeDriver() async throws(BankError) -> ProcessorDriver {
        do {
            // A store several processes write shares the processing between them.
            if let shared = store as? any PartitionLeasing, let leases = try shared.openLeases(scope: "processors") {
                return try await SharedProcessorRunner.start(store: store, subscriptions: subscriptions, leases: leases,
                                                             processors: processors, consumersPerGroup: configuration.consumersPerGroup)
            }
            return try await ProcessorRunner.start(store: store, subscriptions: subscriptions, processors: processors,
                                                   consumersPerGroup: configuration.consumersPerGroup)
        } catch {
            throw .store(error)
        }
    }
}
