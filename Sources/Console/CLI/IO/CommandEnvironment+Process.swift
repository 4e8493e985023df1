import Core
import Foundation
import Store

extension CommandEnvironment {
    /// The real process: standard streams, environment variables, the durable store.
    static func process() -> CommandEnvironment {
        CommandEnvironment(
            standardOutput: FileDescriptorOutput(descriptor: STDOUT_FILENO),
            standardError: FileDescriptorOutput(descriptor: STDERR_FILENO),
            standardInput: .descriptor(STDIN_FILENO),
            variables: ProcessInfo.processInfo.environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            clock: SystemClock(),
            stores: StoreOpener(),
            seed: BankSession.seed(clock: SystemClock(), sanctions: SanctionsSeed.named(ProcessInfo.processInfo.environment["BANK_SEED_SANCTIONS"]) ?? .ofac),
            projections: BankProjectionHost.builtIn,
            console: { directory, theme in
                await ConsoleApp.run(options: ConsoleOptions(storeDirectory: directory, theme: theme))
            }
        )
    }
}
