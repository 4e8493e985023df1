import Foundation
import Store
import Synchronization

/// Runs processors over `$all` in order, in the caller's task, until nothing is left to do.
///
/// The deterministic driver: tests use it to play given events through the bank, and it is the
/// same `ProcessorStep` the persistent-subscription runner uses. It keeps its position in
/// memory only; it is not a competing consumer (that is `ProcessorRunner`).
public final class ProcessorPump: Sendable {
    /// An input a processor could not handle, kept so tests and callers can see it.
    public struct Failure: Sendable, Equatable {
        public var position: UInt64
        public var processor: String
        public var error: ProcessingError
    }

    private let store: any EventStore
    private let processors: [any Processor]
    private let state: Mutex<(position: UInt64, failures: [Failure])>

    public init(store: any EventStore, processors: [any Processor], from position: UInt64 = 0) {
        self.store = store
        self.processors = processors
        state = Mutex((position, []))
    }

    /// Inputs that failed so far.
    public var failures: [Failure] { state.withLock { $0.failures } }

    /// The next `$all` position it will read.
    public var position: UInt64 { state.withLock { $0.position } }

    /// Handles every event up to the head, including those its own appends add; returns how
    /// many inputs it handled.
    @discardableResult
    public func run() async throws(EventStoreError) -> Int {
        var handled = 0
        while true {
            let from = state.withLock { $0.position }
            let page = try store.read(.all, from: .version(Int64(from)), direction: .forward, maxCount: 256)
            guard let last = page.last else { return handled }
            for input in page {
                try await handle(input)
                handled += 1
            }
            state.withLock { $0.position = last.position + 1 }
        }
    }

    /// Handles one event with every processor that consumes its type.
    public func handle(_ input: RecordedEvent) async throws(EventStoreError) {
        for processor in processors where processor.inputTypes.contains(input.type) {
            let writer = DomainWriter(identity: processor.identity, store: store)
            do {
                _ = try await ProcessorStep.handle(input, with: processor, writer: writer)
            } catch {
                if case .store(let storeError) = error, storeError == .closed { throw storeError }
                state.withLock { $0.failures.append(Failure(position: input.position, processor: processor.identity.description, error: error)) }
            }
        }
    }
}
