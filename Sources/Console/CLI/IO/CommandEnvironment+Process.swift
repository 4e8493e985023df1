import Foundation

extension CommandEnvironment {
    /// The real process: standard streams, environment variables, the durable store.
    static func process() -> CommandEnvironment {
        CommandEnvironment(
            standardOutput: FileDescriptorOutput(descriptor: STDOUT_FILENO),
            standardError: FileDescriptorOutput(descriptor: STDERR_FILENO),
            standardInput: .descriptor(STDIN_FILENO),
            variables: ProcessInfo.processInfo.environment,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            stores: FileStoreProvider(),
            seed: nil,
            console: nil
        )
    }
}
