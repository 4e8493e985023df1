import Core
import Foundation
import Store

/// `operators [list | add NAME --role R | remove NAME]`: who may operate the bank.
enum OperatorsCommand {
    static let command = Command(spec: CommandSpec(
        name: "operators",
        usage: ["operators [list]", "operators add NAME --role viewer|operator|supervisor [--reason TEXT] [--by NAME]",
                "operators remove NAME [--reason TEXT] [--by NAME]"],
        summary: "list the bank's operators and their roles, or add, change or remove one",
        details: """
        Roles: viewer (reads only); operator (releases and rejects held payments below the \
        four-eyes threshold and gives the first approval above it, blocks and unblocks \
        accounts, sends payments); supervisor (everything: second approvals, closing accounts, \
        the sanctions list, settings, resetting projections, replaying parked messages, \
        managing operators). A new bank makes whoever creates it a supervisor. Adding someone \
        who is already an operator changes their role. Only a supervisor manages operators, \
        and the last supervisor cannot be removed or demoted. On the file store the operator \
        is a claimed name (--by, else BANK_OPERATOR, else the OS login name): anyone who can \
        write the data directory can claim any name. JSON: an array of {"name","role"}.
        """,
        positionals: [PositionalSpec(name: "ACTION", isOptional: true), PositionalSpec(name: "NAME", isOptional: true)],
        options: [
            OptionSpec("role", ["ROLE"], help: "viewer, operator or supervisor (add only)"),
            OptionSpec.reason(),
            OptionSpec.by(),
        ]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let arguments = context.arguments
        let reason = try BankArguments.reason(arguments.value("reason") ?? "by command line", for: "operators")
        switch (arguments.positional(0), arguments.positional(1)) {
        case (nil, _), ("list", nil):
            try refuseOptions(["role", "reason", "by"], context, for: "list")
            return try await list(context)
        case ("add", let name?):
            guard let text = arguments.value("role") else { throw CommandFailure.usage("add needs --role viewer|operator|supervisor") }
            guard let role = OperatorRole(rawValue: text) else {
                throw CommandFailure.usage("unknown role '\(text)': viewer, operator or supervisor")
            }
            try await BankSession.withBank(context, processors: false) { bank in
                try await bank.addOperator(name, role: role, reason: reason, by: BankSession.actor(context))
            }
            context.printDone("\(name) is \(role.withArticle)", [("name", .string(name)), ("role", .string(role.rawValue))])
            return ExitCode.success
        case ("remove", let name?):
            try refuseOptions(["role"], context, for: "remove")
            try await BankSession.withBank(context, processors: false) { bank in
                try await bank.removeOperator(name, reason: reason, by: BankSession.actor(context))
            }
            context.printDone("removed \(name)", [("removed", .string(name))])
            return ExitCode.success
        case ("add", nil), ("remove", nil):
            throw CommandFailure.usage("missing NAME")
        case ("list", _?):
            throw CommandFailure.usage("list takes no NAME")
        case (let action?, _):
            throw CommandFailure.usage("unknown action '\(action)': list, add or remove")
        }
    }

    private static func refuseOptions(_ names: [String], _ context: CommandContext, for action: String) throws {
        if let name = names.first(where: context.arguments.has) { throw CommandFailure.usage("--\(name) does not go with \(action)") }
    }

    private static func list(_ context: CommandContext) async throws -> Int32 {
        let roster = try await context.withReadOnlyStore { store in
            try BankSession.asCommand { () throws(BankError) in try OperatorRoster.load(from: store) }
        }
        if context.json {
            context.output.line(JSONValue.array(roster.sorted.map { member -> JSONValue in
                .object([("name", .string(member.name)), ("role", .string(member.role.rawValue))])
            }).compact)
            return ExitCode.success
        }
        var table = Table(["NAME", "ROLE"])
        for member in roster.sorted { table.append([member.name, member.role.rawValue]) }
        for line in table.lines() { context.output.line(line) }
        context.output.line("\(roster.roles.count) operator\(roster.roles.count == 1 ? "" : "s")")
        return ExitCode.success
    }
}
