import Foundation
import Store

/// The bank's continuous projections in a process that runs the bank (the console, `run`):
/// those written in Swift (`builtIn`) and those operators defined at run time
/// (`$projection-definitions`), resumed from their checkpoints and followed live. Definitions
/// created or deleted by other processes are picked up every `followInterval`. On a store
/// several processes write, each projection runs in one of them at a time (`Projections`
/// shares them by lease); the others show where it stands.
public final class BankProjectionHost: Sendable {
    /// The projections the bank defines in Swift, the same in every process and command.
    public static let builtIn: @Sendable () -> [any Projection] = { [AccountsByStatusProjection(), FraudAnalysisProjection()] }
    /// How often the definitions stream is looked at for projections defined elsewhere.
    public static let followInterval = Duration.seconds(2)

    public let projections: Projections
    public let defined: DefinedProjections
    private let following: Task<Void, Never>?

    /// Registers every projection and, when `running`, starts them (a headless console asked to
    /// run none of the bank's background work registers them stopped).
    public init(store: any EventStore, clock: any StoreClock, running: Bool) async throws(EventStoreError) {
        projections = Projections(store: store, clock: clock)
        for projection in Self.builtIn() { try projections.register(projection) }
        defined = DefinedProjections(projections: projections, store: store, start: running)
        guard running else {
            following = nil
            return
        }
        projections.startAll()
        try await defined.sync()
        following = Task { [defined] in
            while !Task.isCancelled {
                do { try await Task.sleep(for: Self.followInterval) } catch { return }
                _ = try? await defined.sync() // a failed look is kept in `defined.problems` and tried again
            }
        }
    }

    /// What is wrong with the projections, a line each: one that faulted (with the event it
    /// stopped at), a checkpoint it could not store, a definition that could not be read or
    /// started, the leases that could not be looked at. Empty when all is well.
    public var problems: [String] {
        var lines: [String] = projections.status().compactMap { status in
            if let fault = status.fault { return "projection \(status.name) faulted\(Self.place(of: fault)): \(fault.message)" }
            if let error = status.lastError { return "projection \(status.name): storing its checkpoint: \(error)" }
            return nil
        }
        lines += defined.problems.map { "projection " + $0 }
        if let error = projections.sharingError { lines.append("projection leases: " + error) }
        return lines
    }

    private static func place(of fault: ProjectionFault) -> String {
        if let stream = fault.stream, let version = fault.version { return " at \(stream)@\(version)" }
        if let position = fault.position { return " at position \(position)" }
        return ""
    }

    /// Stops following definitions and every projection (checkpoints written, leases given up).
    public func stop() async {
        following?.cancel()
        await following?.value
        await projections.close()
    }
}
