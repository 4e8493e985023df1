import Core
import Foundation

/// Checks of the bank's command-line inputs: each refusal is one line naming what is wrong.
enum BankArguments {
    /// `SORTCODE ACCOUNT` as two words: sort code `401234` or `40-12-34`, eight-digit account.
    static func account(_ sortCode: String, _ accountNumber: String) throws(CommandFailure) -> AccountID {
        guard let code = SortCode(sortCode) else {
            throw .refused(BankError.malformedSortCode(sortCode).description)
        }
        guard let number = AccountNumber(accountNumber) else {
            throw .refused(BankError.malformedAccountNumber(accountNumber).description)
        }
        return AccountID(sortCode: code, accountNumber: number)
    }

    /// The two values of a `--to SORTCODE ACCOUNT` style option, or positionals at `index`.
    static func account(_ values: [String]) throws(CommandFailure) -> AccountID {
        guard values.count == 2 else { throw .usage("expected SORTCODE ACCOUNT") }
        return try account(values[0], values[1])
    }

    /// A positive amount of pounds with at most two decimals (`12`, `12.5`, `12.34`), at most
    /// `Money.max`: beyond it is refused like a malformed amount, saying so.
    static func amount(_ text: String) throws(CommandFailure) -> Money {
        do {
            return try Bank.parseAmount(text)
        } catch {
            throw .refused(error.description)
        }
    }

    /// The `--scheme NAME` option of the commands that make a payment; `scheme` reads it.
    static let schemeOption = OptionSpec("scheme", ["NAME"], help: "bacs, fps (default) or chaps")

    /// `bacs`, `fps` or `chaps` (any case); fps when not given.
    static func scheme(_ text: String?) throws(CommandFailure) -> Scheme {
        guard let text else { return .fps }
        guard let scheme = Scheme(name: text) else { throw .refused(BankError.unknownScheme(text).description) }
        return scheme
    }

    /// A payment id (UUID).
    static func paymentId(_ text: String) throws(CommandFailure) -> UUID {
        guard let id = UUID(uuidString: text) else { throw .refused(BankError.malformedPaymentId(text).description) }
        return id
    }

    /// A reason an operator must give: not empty, one line. Missing or blank, it is a usage
    /// error (exit 2) either way.
    static func reason(_ text: String?, for action: String) throws(CommandFailure) -> String {
        guard let text else { throw .usage("\(action) needs a reason: --reason TEXT") }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .usage("\(action) needs a reason: --reason TEXT") }
        guard !trimmed.contains(where: \.isNewline) else { throw .refused("the reason must be one line") }
        return trimmed
    }
}
