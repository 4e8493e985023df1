import Core

/// The command line's refusal of raw writes to what belongs to the bank, shared by `append`
/// and `import`.
///
/// The bank's categories (`BankCategory`: accounts, ledgers, payments, schemes, the sanctions
/// list) are written only by the bank's own commands and processors, through their domain's
/// writer; a raw event there could create money or release a sanctions hold. So is any event
/// of one of the bank's types, on whatever stream. Each refusal names the command that does
/// the job.
enum BankOwnedStreams {
    /// Refuses `stream` and `type` when they are the bank's; nothing is written.
    static func refuse(stream: String, type: String) throws(CommandFailure) {
        if let category = BankCategory(streamName: stream) {
            throw .refused("\(stream) belongs to the bank; use \(command(for: category))")
        }
        if BankEvent.isBankEventType(type) {
            throw .refused("\(type) is one of the bank's event types, written only by the bank; use the bank's commands (pay, send, release, reject, block, sanctions)")
        }
    }

    /// The commands that write a category.
    static func command(for category: BankCategory) -> String {
        switch category {
        case .accounts: "seed, block, unblock or close"
        case .ledger: "pay/send"
        case .sanctionedNames, .sanctionsSnapshots: "sanctions add/remove"
        case .payments: "pay, send, release or reject"
        case .scheme: "pay or run (the simulated scheme)"
        case .operators: "operators add/remove"
        case .settings: "settings"
        case .scheduledPayments: "send --on or cancel-scheduled"
        }
    }
}
