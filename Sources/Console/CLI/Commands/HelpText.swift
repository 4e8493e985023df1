import Foundation

/// The text `--help` and `bank-console help` print.
enum HelpText {
    /// The overview: every command's usage and summary.
    static func overview(_ commands: [Command]) -> String {
        var text = """
        bank-console: the operations console of an event-sourced bank

        usage: bank-console [--store DIR|URI] [--theme NAME]  open the console (TUI)
               bank-console COMMAND [ARGUMENTS] [OPTIONS]     run one command

        commands:

        """
        for command in commands {
            for usage in command.spec.usage { text += "  " + usage + "\n" }
            text += "        " + command.spec.summary + "\n"
        }
        text += "\n"
        text += options(CommandSpec.globalOptions, title: "options of every command")
        text += "\n" + options(CommandCatalog.consoleOptions.filter { $0.name == "theme" }, title: "options of the console")
        text += "\n" + wrap("Options may come before or after the command. Exit codes: 0 success, 1 refused "
            + "(bad input, wrong version, unknown stream or payment), 2 usage error, 3 corrupt store.", width: 80)
        text += "\n'bank-console COMMAND --help' describes one command.\n"
        return text
    }

    /// One command's usage, description and options.
    static func command(_ spec: CommandSpec) -> String {
        var text = ""
        for (offset, usage) in spec.usage.enumerated() {
            text += (offset == 0 ? "usage: " : "       ") + "bank-console " + usage + "\n"
        }
        text += "\n" + spec.summary + "\n"
        if !spec.details.isEmpty { text += "\n" + wrap(spec.details, width: 80) + "\n" }
        if !spec.options.isEmpty { text += "\n" + options(spec.options, title: "options") }
        text += "\n" + options(CommandSpec.globalOptions, title: "global options")
        return text
    }

    /// The line that ends every help: which store a command (or the console) run from here
    /// would open (`from` says what named it), or why `text` names none.
    static func store(_ text: String, from source: String, workingDirectory: URL) -> String {
        do throws(CommandFailure) {
            let location = try StoreLocation.resolve(text, workingDirectory: workingDirectory)
            let kind = StoreLocation.isPostgres(location) ? "PostgreSQL database" : "data directory"
            return "\nstore: \(StoreLocation.describe(location)) (\(kind), from \(source))\n"
        } catch {
            return "\nstore: none (from \(source)): " + DisplayText.messageLine(error.message) + "\n"
        }
    }

    /// Breaks `text` into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.joined(separator: "\n")
    }

    private static func options(_ options: [OptionSpec], title: String) -> String {
        var table = Table(["", ""])
        for option in options {
            table.append(["  " + (option.name == "help" ? "-h, --help" : option.synopsis), option.help])
        }
        return title + ":\n" + table.lines(header: false).joined(separator: "\n") + "\n"
    }
}
