import Core
import Foundation
import Store

/// `bank-console` as a function: arguments in, exit code out, all I/O through the environment.
///
/// `main.swift` is a thin shell over `run`; tests call it in-process with buffers and an
/// in-memory store.
struct CommandLineTool: Sendable {
    var environment: CommandEnvironment
    var commands: [Command] = CommandCatalog.all

    init(environment: CommandEnvironment, commands: [Command] = CommandCatalog.all) {
        self.environment = environment
        self.commands = commands
    }

    private var parser: ArgumentParser {
        ArgumentParser(commands: Dictionary(commands.map { ($0.spec.name, $0.spec) }, uniquingKeysWith: { first, _ in first }),
                       consoleOptions: CommandCatalog.consoleOptions)
    }

    /// Runs one command line (without the program name) and returns the exit code.
    func run(_ arguments: [String]) async -> Int32 {
        let invocation: Invocation
        do {
            invocation = try parser.parse(arguments)
        } catch {
            // `bank-console read: missing STREAM …`, like the commands' own refusals.
            let message = (error.command == nil ? "bank-console: " : "bank-console ") + DisplayText.messageLine(error.description)
            return fail(message, status: ExitCode.usage, json: arguments.prefix { $0 != "--" }.contains("--json"))
        }
        switch invocation {
        case .help(let name, let store):
            if let name, let command = commands.first(where: { $0.spec.name == name }) {
                environment.standardOutput.write(HelpText.command(command.spec))
            } else {
                environment.standardOutput.write(HelpText.overview(commands))
            }
            let named = storeChoice(store)
            environment.standardOutput.write(HelpText.store(named.text, from: named.source, workingDirectory: environment.workingDirectory))
            return ExitCode.success
        case .console(let parsed):
            let directory: URL
            do {
                directory = try storeDirectory(parsed)
            } catch {
                return fail("bank-console: " + Self.oneLine(error.message), status: ExitCode.usage, json: false)
            }
            if case .notAStore(let reason) = environment.stores.inspect(directory) {
                environment.standardError.line("bank-console: " + StoreDirectory.notAStoreMessage(directory, reason: reason))
                return ExitCode.refused
            }
            guard let console = environment.console else {
                environment.standardError.line("bank-console: the console (TUI) is not available in this build; run 'bank-console help' for the commands")
                return ExitCode.refused
            }
            return await console(directory, parsed.value("theme"))
        case .command(let name, let parsed):
            guard let command = commands.first(where: { $0.spec.name == name }) else {
                environment.standardError.line("bank-console: unknown command '\(name)'")
                return ExitCode.usage
            }
            let location: URL
            do {
                location = try storeDirectory(parsed)
            } catch {
                return fail("bank-console \(name): " + Self.oneLine(error.message), status: ExitCode.usage, json: parsed.has("json"))
            }
            let context = CommandContext(arguments: parsed, environment: environment, storeDirectory: location)
            return await execute(command, context)
        }
    }

    private func execute(_ command: Command, _ context: CommandContext) async -> Int32 {
        let prefix = "bank-console \(command.spec.name): "
        let (message, status): (String, Int32)
        do {
            return try await command.run(context)
        } catch let failure as CommandFailure {
            switch failure {
            case .refused(let reason):
                (message, status) = (prefix + Self.oneLine(reason), ExitCode.refused)
            case .corrupt(let reason):
                (message, status) = (prefix + Self.oneLine(reason), ExitCode.corrupt)
            case .usage(let text):
                (message, status) = (prefix + Self.oneLine(text) + " (see 'bank-console \(command.spec.name) --help')", ExitCode.usage)
            }
        } catch let error as EventStoreError {
            if case .corrupt = error {
                (message, status) = (prefix + Self.oneLine(error.description), ExitCode.corrupt)
            } else {
                (message, status) = (prefix + Self.oneLine(error.description), ExitCode.refused)
            }
        } catch {
            (message, status) = (prefix + Self.oneLine(String(describing: error)), ExitCode.refused)
        }
        return fail(message, status: status, json: context.json)
    }

    /// Reports a failure: one line on standard error, and with `--json` also
    /// `{"ok":false,"error":MESSAGE,"exitCode":N}` on standard output, so a script reading the
    /// JSON sees every outcome in the same shape.
    private func fail(_ message: String, status: Int32, json: Bool) -> Int32 {
        environment.standardError.line(message)
        if json {
            environment.standardOutput.line(JSONValue.object([
                ("ok", .bool(false)), ("error", .string(message)), ("exitCode", .number(String(status))),
            ]).compact)
        }
        return status
    }

    /// `--store`, else `$BANK_STORE`, else `./bank-data`: a directory relative to the working
    /// directory, or a PostgreSQL URI (`StoreLocation`).
    func storeDirectory(_ parsed: ParsedArguments) throws(CommandFailure) -> URL {
        try StoreLocation.resolve(storeChoice(parsed.value("store")).text, workingDirectory: environment.workingDirectory)
    }

    /// What names the store, and what gave it: `--store`'s value if given, else `$BANK_STORE`,
    /// else `bank-data` (help says which).
    func storeChoice(_ option: String?) -> (text: String, source: String) {
        if let option { return (option, "--store") }
        if let variable = environment.variables["BANK_STORE"], !variable.isEmpty { return (variable, "$BANK_STORE") }
        return ("bank-data", "the default")
    }

    /// Keeps an error message on one line, whatever it contains.
    /// Control characters are escaped and long words (an echoed argument) cut.
    static func oneLine(_ text: String) -> String {
        DisplayText.messageLine(text)
    }
}
