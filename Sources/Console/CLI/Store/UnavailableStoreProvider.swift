import Foundation
import Store

/// Used until the durable file store is part of the build: every command that needs a store
/// says so plainly instead of pretending.
struct UnavailableStoreProvider: StoreProvider {
    private var refusal: CommandFailure { .refused("the durable store is not part of this build yet") }

    func storeExists(at directory: URL) -> Bool { FileManager.default.fileExists(atPath: directory.path) }
    func openForWriting(at directory: URL) async throws -> StoreHandle { throw refusal }
    func openReadOnly(at directory: URL) async throws -> StoreHandle { throw refusal }
    func verify(at directory: URL) async throws -> VerifySummary { throw refusal }
}
