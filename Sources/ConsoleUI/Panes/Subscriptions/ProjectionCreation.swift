import Core
import Foundation
import Store

/// The pane's `N`: a projection-language program read from a file, checked, recorded in the
/// store and started here at once (its state then grows in the pane as it catches up).
enum ProjectionCreation {
    static func create(_ name: String, path: String, on bank: Bank, defined: DefinedProjections, by operatorName: String,
                       action: Action) async -> CommandResult {
        func refused(_ message: String) -> CommandResult { CommandResult(action: action, succeeded: false, message: message) }
        guard let text = read(path) else { return refused("cannot read \(path) as UTF-8 text") }
        let projection: TextProjection
        do {
            projection = try TextProjection(name: name, text: text)
        } catch {
            return refused("\(path):\(error)")
        }
        do {
            _ = try bank.authorize(.resetProjection, by: operatorName)
            try await ProjectionDefinitions.define(projection, in: bank.store)
            try await defined.sync()
        } catch let error as BankError {
            return refused(error.description)
        } catch EventStoreError.projectionExists {
            return refused("a projection named \(name) exists already")
        } catch {
            return refused("\(error)")
        }
        return CommandResult(action: action, succeeded: true, message: "created \(name): running from the beginning of time")
    }

    /// `path` relative to the working directory, else the bundled example of that name.
    static func read(_ path: String) -> String? {
        var url = URL(fileURLWithPath: path)
        if !FileManager.default.fileExists(atPath: url.path),
           let bundled = BundledSeeds.directory?.appendingPathComponent("projections").appendingPathComponent(path),
           FileManager.default.fileExists(atPath: bundled.path) {
            url = bundled
        }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
