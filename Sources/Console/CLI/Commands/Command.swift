/// A subcommand: its grammar and what it does.
///
/// `run` returns the exit code for success-like outcomes (0, or 1 for `import` with bad
/// lines) and throws `CommandFailure` or a store error to refuse.
struct Command: Sendable {
    var spec: CommandSpec
    var run: @Sendable (CommandContext) async throws -> Int32
}
