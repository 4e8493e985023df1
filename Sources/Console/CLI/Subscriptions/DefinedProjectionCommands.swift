import Core
import Foundation
import Store

/// `projections create NAME --file F` and `projections delete NAME`: projections written in
/// the projection language, recorded in the store's `$projection-definitions`.
enum DefinedProjectionCommands {
    /// Reads and checks the program, then records it. A syntax or check error is
    /// `F:LINE:COL: message` and writes nothing.
    static func create(_ name: String, _ context: CommandContext) async throws -> Int32 {
        guard let path = context.arguments.value("file") else { throw CommandFailure.usage("create needs --file F") }
        let text = try read(path, context)
        let projection: TextProjection
        do {
            projection = try TextProjection(name: name, text: text)
        } catch {
            throw CommandFailure.refused("\(path):\(error)")
        }
        let reserved = Set(context.environment.projections().map(\.name))
        try await context.withWritableStore { store in
            try authorize(store, context)
            do throws(EventStoreError) {
                try await ProjectionDefinitions.define(projection, in: store, reserved: reserved)
            } catch .projectionExists {
                throw CommandFailure.refused("a projection named \(name) exists already" + (reserved.contains(name) ? " (written in Swift)" : ""))
            }
        }
        context.printDone("created \(name) (source \(projection.source)): every console and command on this store runs it; 'projection \(name)' shows its state",
                          [("name", .string(name))])
        return ExitCode.success
    }

    static func delete(_ name: String, _ context: CommandContext) async throws -> Int32 {
        let builtIn = Set(context.environment.projections().map(\.name))
        if builtIn.contains(name) { throw CommandFailure.refused("\(name) is written in Swift and cannot be deleted") }
        try await context.withWritableStore { store in
            try authorize(store, context)
            do throws(EventStoreError) {
                try await ProjectionDefinitions.delete(name, in: store)
            } catch .projectionNotFound {
                throw CommandFailure.refused("no projection named \(name) was created with 'projections create'")
            }
        }
        context.printDone("deleted \(name)", [("name", .string(name))])
        return ExitCode.success
    }

    /// Defining and deleting projections needs the role that resets them (a supervisor).
    private static func authorize(_ store: any EventStore, _ context: CommandContext) throws {
        try BankSession.checkClaim(context)
        let roster = try BankSession.asCommand { () throws(BankError) in try OperatorRoster.load(from: store) }
        let actor = BankSession.actor(context)
        if roster.refusal(of: .resetProjection, by: actor) != nil {
            throw CommandFailure.refused("\(actor) is \(roster.role(of: actor)?.withArticle ?? "not an operator of this bank"): "
                                        + "creating and deleting projections needs a supervisor")
        }
    }

    /// The program's text: `path` relative to the working directory, else the bundled
    /// example of that name (`seeds/projections/`).
    static func read(_ path: String, _ context: CommandContext) throws(CommandFailure) -> String {
        var url = URL(fileURLWithPath: path, relativeTo: context.environment.workingDirectory)
        if !FileManager.default.fileExists(atPath: url.path),
           let bundled = BundledSeeds.directory?.appendingPathComponent("projections").appendingPathComponent(path),
           FileManager.default.fileExists(atPath: bundled.path) {
            url = bundled
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .refused("cannot read \(path) as UTF-8 text")
        }
    }
}
