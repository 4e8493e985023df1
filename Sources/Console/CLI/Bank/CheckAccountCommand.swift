import Core

/// `check-account SORTCODE ACCOUNT`: Vocalink's modulus check on one account, without a store.
enum CheckAccountCommand {
    static let command = Command(spec: CommandSpec(
        name: "check-account",
        usage: ["check-account SORTCODE ACCOUNT [--json]"],
        summary: "check a UK sort code and account number with Vocalink's modulus checking",
        details: """
        Runs the checks Vocalink's tables (v7.70, shipped in seeds/modulus/) give the sort code: \
        MOD10, MOD11 or double alternate, with exceptions 1–14. Exit 0 when the account number is \
        valid (a sort code with no rule cannot be checked and counts as valid, saying so); exit 1 \
        when it fails, naming the check that failed; exit 2 for a malformed sort code or account \
        number. Reads no store. JSON: {"sortCode","accountNumber","valid","reason"}.
        """,
        positionals: [PositionalSpec(name: "SORTCODE"), PositionalSpec(name: "ACCOUNT")]
    ), run: run)

    static func run(_ context: CommandContext) async throws -> Int32 {
        let sortCode = context.arguments.positional(0) ?? ""
        let accountNumber = context.arguments.positional(1) ?? ""
        guard let code = SortCode(sortCode) else { throw CommandFailure.usage(BankError.malformedSortCode(sortCode).description) }
        guard let number = AccountNumber(accountNumber) else {
            throw CommandFailure.usage(BankError.malformedAccountNumber(accountNumber).description)
        }
        let account = AccountID(sortCode: code, accountNumber: number)
        let checker: ModulusChecker
        switch ModulusChecker.bundled {
        case .success(let loaded): checker = loaded
        case .failure(let error): throw CommandFailure.corrupt(error.description)
        }
        let verdict = checker.check(account)
        if context.json {
            context.output.line(JSONValue.object([
                ("sortCode", .string(code.digits)), ("accountNumber", .string(number.digits)),
                ("valid", .bool(verdict.isValid)), ("reason", .string(verdict.description)),
            ]).compact)
        } else {
            context.output.line("\(account): \(verdict.isValid ? "valid" : "invalid"): \(verdict)")
        }
        return verdict.isValid ? ExitCode.success : ExitCode.refused
    }
}
