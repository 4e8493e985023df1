/// Turns `CommandLine.arguments` (without the program name) into an `Invocation`.
///
/// Grammar: one subcommand word anywhere; `--name value`, `--name=value`, multi-value options
/// (`--to SORTCODE ACCOUNT`, or `--to=SORTCODE ACCOUNT`) and flags may come before or after
/// it; `--` ends options; `-h`/`--help` anywhere asks for help. Every problem is a `UsageError`
/// naming the offending word.
struct ArgumentParser: Sendable {
    /// The subcommands, by name.
    var commands: [String: CommandSpec]
    /// Options accepted when there is no subcommand (the console).
    var consoleOptions: [OptionSpec]

    /// The pseudo-spec for the console (no subcommand).
    private var consoleSpec: CommandSpec {
        CommandSpec(name: "", usage: [], summary: "", options: consoleOptions)
    }

    func parse(_ arguments: [String]) throws(UsageError) -> Invocation {
        let optionsEnd = arguments.firstIndex(of: "--") ?? arguments.count
        let candidates = arguments[..<optionsEnd].indices.filter { commands[arguments[$0]] != nil || arguments[$0] == "help" }
        var firstError: UsageError?
        let helpSpec = CommandSpec(name: "help", usage: [], summary: "", positionals: [PositionalSpec(name: "COMMAND", isOptional: true)])
        for index in candidates {
            let name = arguments[index]
            guard let spec = name == "help" ? helpSpec : commands[name] else { continue }
            switch scan(arguments, commandAt: index, spec: spec) {
            case .success(let parsed):
                return try invocation(name: name, spec: spec, parsed)
            case .failure(.beforeCommand(let error)):
                if firstError == nil { firstError = error }
            case .failure(.afterCommand(let error)):
                throw error
            }
        }
        switch scan(arguments, commandAt: nil, spec: consoleSpec) {
        case .success(let parsed):
            if parsed.has("help") { return .help(command: nil, store: parsed.value("store")) }
            try checkValues(parsed, spec: consoleSpec, command: nil)
            return .console(parsed)
        case .failure(.beforeCommand(let error)), .failure(.afterCommand(let error)):
            throw firstError ?? error
        }
    }

    private func invocation(name: String, spec: CommandSpec, _ parsed: ParsedArguments) throws(UsageError) -> Invocation {
        if name == "help" {
            if let topic = parsed.positional(0) {
                guard commands[topic] != nil else { throw UsageError(message: "unknown command \(DisplayText.quoted(topic))", command: nil) }
                return .help(command: topic, store: parsed.value("store"))
            }
            return .help(command: nil, store: parsed.value("store"))
        }
        if parsed.has("help") { return .help(command: name, store: parsed.value("store")) }
        let range = spec.positionalRange
        if parsed.positionals.count < range.min {
            let missing = spec.positionals[parsed.positionals.count].name
            throw UsageError(message: "\(name): missing \(missing)", command: name)
        }
        if let max = range.max, parsed.positionals.count > max {
            throw UsageError(message: "\(name): unexpected argument \(DisplayText.quoted(parsed.positionals[max]))", command: name)
        }
        var joined = parsed
        if let last = spec.positionals.last, last.isVariadic, !last.keepsApart, parsed.positionals.count > spec.positionals.count {
            let head = parsed.positionals.prefix(spec.positionals.count - 1)
            let tail = parsed.positionals.dropFirst(spec.positionals.count - 1)
            joined.positionals = Array(head) + [tail.joined(separator: " ")]
        }
        try checkValues(joined, spec: spec, command: name)
        return .command(name: name, joined)
    }

    /// Checks every option value and positional against what its spec accepts: numbers in
    /// range, no control characters in text, no empty path.
    private func checkValues(_ parsed: ParsedArguments, spec: CommandSpec, command: String?) throws(UsageError) {
        func fail(_ message: String) -> UsageError {
            UsageError(message: command.map { "\($0): " + message } ?? message, command: command)
        }
        for name in parsed.options.keys.sorted() {
            guard let option = spec.option(named: name), let values = parsed.options[name] else { continue }
            for value in values {
                if let problem = option.value.check(value, as: "--" + name) { throw fail(problem) }
            }
        }
        for (index, value) in parsed.positionals.enumerated() where !spec.positionals.isEmpty {
            let positional = spec.positionals[min(index, spec.positionals.count - 1)]
            if let problem = positional.value.check(value, as: positional.name) { throw fail(problem) }
        }
    }

    enum ScanFailure: Error {
        /// The words before the candidate subcommand do not parse: it is probably not the subcommand.
        case beforeCommand(UsageError)
        /// The subcommand is right but its arguments are wrong.
        case afterCommand(UsageError)
    }

    /// Walks every word except the subcommand's, collecting options and positionals.
    private func scan(_ arguments: [String], commandAt commandIndex: Int?, spec: CommandSpec) -> Result<ParsedArguments, ScanFailure> {
        let commandName = commandIndex.map { arguments[$0] }
        let context = commandName.flatMap { commands[$0] != nil ? $0 : nil }
        func fail(_ index: Int, _ message: String) -> Result<ParsedArguments, ScanFailure> {
            let error = UsageError(message: context.map { "\($0): " + message } ?? message, command: context)
            if let commandIndex, index < commandIndex { return .failure(.beforeCommand(error)) }
            return .failure(.afterCommand(error))
        }
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let word = arguments[index]
            if index == commandIndex { index += 1; continue }
            if !optionsEnded && word == "--" { optionsEnded = true; index += 1; continue }
            if optionsEnded || !Self.looksLikeOption(word) {
                if let commandIndex, index < commandIndex {
                    return fail(index, "unexpected argument \(DisplayText.quoted(word)) before the command")
                }
                if commandIndex == nil {
                    return fail(index, "unknown command \(DisplayText.quoted(word))")
                }
                parsed.positionals.append(word)
                index += 1
                continue
            }
            if word == "-h" {
                parsed.options["help"] = []
                index += 1
                continue
            }
            guard word.hasPrefix("--") else { return fail(index, "unknown option \(DisplayText.quoted(word))") }
            let body = word.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let option = spec.option(named: name) else { return fail(index, "unknown option \(DisplayText.quoted("--" + name))") }
            if parsed.options[name] != nil && name != "help" { return fail(index, "option '--\(name)' given more than once") }
            if option.isFlag {
                if inlineValue != nil { return fail(index, "option '--\(name)' takes no value") }
                parsed.options[name] = []
                index += 1
                continue
            }
            var values: [String] = []
            if let inlineValue { values.append(inlineValue) }
            index += 1
            while values.count < option.valueNames.count {
                let missing = "option '\(option.synopsis)' is missing \(option.valueNames[values.count])"
                guard index < arguments.count, index != commandIndex, arguments[index] != "--" else {
                    // Running into the candidate subcommand means this word was a value, not the subcommand.
                    if let commandIndex, index == commandIndex {
                        return .failure(.beforeCommand(UsageError(message: context.map { "\($0): " + missing } ?? missing, command: context)))
                    }
                    return fail(index - 1, missing)
                }
                let value = arguments[index]
                if value.hasPrefix("--"), spec.option(named: String(value.dropFirst(2).prefix { $0 != "=" })) != nil {
                    return fail(index, missing)
                }
                values.append(value)
                index += 1
            }
            parsed.options[name] = values
        }
        return .success(parsed)
    }

    /// `-x` and `--x` are options; `-` (stdin) and negative numbers such as `-5` are not.
    private static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        let second = word[word.index(after: word.startIndex)]
        return !(second.isNumber || second == ".")
    }
}
