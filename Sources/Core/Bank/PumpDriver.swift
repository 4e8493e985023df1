import Foundation
import Store

/// Runs a `ProcessorPump` in the background, waking on every append: one consumer, in log order.
final class PumpDriver: ProcessorDriver {
    private let task: Task<Void, Never>

    init(store: any EventStore, processors: [any Processor]) {
        let pump = ProcessorPump(store: store, processors: processors)
        task = Task {
            while !Task.isCancelled {
                do {
                    try await pump.run()
                } catch {
                    return // the store closed
                }
                let position = pump.position
                if store.headPosition <= position {
                    await store.waitForEvents(beyond: position)
                    if Task.isCancelled || store.headPosition <= position { return }
                }
            }
        }
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}
