import Core
import Foundation
import Store

extension State {
    var simulatorSummary: String { simulator.summary }

    /// Prompts that belong to the bank panes.
    mutating func bankPromptSubmitted(_ purpose: Prompt.Purpose, text: String) -> [Effect] {
        switch purpose {
        case .flowFilter:
            flow.filter = text
            flow.list = ListPosition()
            flow.selected = nil
            return []
        case .timeMachineGoTo:
            return text.isEmpty ? [] : goTo(text)
        default:
            return []
        }
    }

    /// `:` commands that act on the bank; nil when `name` is not one of them.
    mutating func runBankCommand(_ name: String, _ args: [String]) -> [Effect]? {
        switch name {
        case "goto", "go":
            guard let target = args.first else { return refuse("usage: :goto POSITION|HH:MM:SS|ISO8601") }
            return goTo(args.joined(separator: " ").isEmpty ? target : args.joined(separator: " "))
        case "pay":
            // :pay SORTCODE ACCOUNT AMOUNT [FROM NAME...]
            guard args.count >= 3 else { return refuse("usage: :pay SORTCODE ACCOUNT AMOUNT [FROM NAME]") }
            var form = PaymentForm(toAccount: "\(args[0]) \(args[1])")
            form.fields[.amount] = TextField(args[2], limit: 16)
            if let account = PaymentForm.account("\(args[0]) \(args[1])").flatMap({ AccountID(sortCode: $0.sortCode, accountNumber: $0.accountNumber) }) {
                do throws(EventStoreError) {
                    if let holder = try bank.live.accounts.account(account)?.holder { form.fields[.toName] = TextField(holder, limit: 60) }
                } catch {
                    return refuse(State.accountsUnreadable(error))
                }
            }
            form.fields[.fromName] = TextField(args.count > 3 ? args.dropFirst(3).joined(separator: " ") : "Console Operator", limit: 60)
            guard let request = form.request(accounts: bank.live.accounts) else {
                form.showErrors = true
                overlay = .form(form)
                return []
            }
            return [.perform(.pay(request))]
        case "release", "reject":
            guard args.count >= 2 else { return refuse("usage: :\(name) PAYMENT-ID REASON") }
            let payment: PaymentSummary
            switch findPayment(args[0]) {
            case .success(let found): payment = found
            case .failure(let problem): return refuse(problem.message)
            }
            let reason = args.dropFirst().joined(separator: " ")
            let id = payment.id.uuidString.lowercased()
            let summary = State.describe(payment)
            overlay = .confirm(name == "release"
                ? releaseConfirmation(paymentID: id, summary: summary, reason: reason)
                : Confirmation(question: "Reject \(summary)?", confirmLabel: "Reject", action: .reject(paymentID: id, reason: reason)))
            return []
        case "payment":
            guard let text = args.first else { return refuse("usage: :payment ID (the whole id or its first 4+ characters)") }
            switch findPayment(text) {
            case .success(let payment): return openTimeline(payment)
            case .failure(let problem): return refuse(problem.message)
            }
        case "filter":
            pane = .flow
            return bankPromptSubmitted(.flowFilter, text: args.joined(separator: " "))
        case "rate":
            guard let rate = args.first.flatMap(Double.init), rate > 0 else { return refuse("usage: :rate PAYMENTS-PER-SECOND") }
            return controlSimulator(.rate(rate))
        case "pause": return controlSimulator(.pause)
        case "resume": return controlSimulator(.resume)
        case "mix":
            guard let preset = args.first, SimulatorPresets.names.contains(preset) else {
                return refuse("usage: :mix \(SimulatorPresets.names.joined(separator: "|"))")
            }
            return controlSimulator(.mix(preset))
        default:
            return nil
        }
    }

    /// Why `findPayment` found nothing, as the toast says it.
    struct PaymentLookupProblem: Error, Equatable {
        var message: String
    }

    /// A payment by full id or by a unique prefix of it (at least 4 characters).
    func findPayment(_ text: String) -> Result<PaymentSummary, PaymentLookupProblem> {
        let flow = bank.live.payments
        if let id = UUID(uuidString: text) {
            guard let payment = flow.payment(id) else { return .failure(.init(message: "no payment \(text.lowercased())")) }
            return .success(payment)
        }
        let prefix = text.lowercased().replacingOccurrences(of: "…", with: "")
        guard prefix.count >= 4 else {
            return .failure(.init(message: "\"\(text)\" is too short: give the payment id or its first 4 or more characters"))
        }
        let matches = FlowState.rows(flow, filter: "", limit: flow.windowCount).filter { $0.id.uuidString.lowercased().hasPrefix(prefix) }
        switch matches.count {
        case 0: return .failure(.init(message: "no payment id starts with \(prefix)"))
        case 1: return .success(matches[0])
        default: return .failure(.init(message: "\(matches.count) payments start with \(prefix): give more of the id"))
        }
    }

    // MARK: - New payment form

    mutating func openPaymentForm() -> [Effect] {
        var form = PaymentForm()
        var preferred: AccountSummary?
        if pane == .accounts, let row = accountsRow(accounts.list.cursor) {
            preferred = row
        } else {
            // The first open account: the memo's name for this test is fixed. Unreadable: the
            // form opens empty, and a toast says why.
            do throws(EventStoreError) {
                preferred = try bank.live.accounts.matching("first open account", in: 0..<1, countingBudget: 0) { $0.status == .open }.rows.first
            } catch {
                accountsReadFailed(error)
            }
        }
        if let account = preferred {
            form.fields[.toAccount] = TextField("\(account.id.sortCode) \(account.id.accountNumber)", limit: 20)
            form.fields[.toName] = TextField(account.holder, limit: 60)
        }
        overlay = .form(form)
        return []
    }

    mutating func handleFormKey(_ key: Key, _ current: PaymentForm) -> [Effect] {
        var form = current
        switch key {
        case .escape:
            overlay = nil
            return []
        case .tab, .down:
            form.focus = PaymentForm.Field(rawValue: (form.focus.rawValue + 1) % PaymentForm.Field.allCases.count) ?? .toAccount
        case .backTab, .up:
            let count = PaymentForm.Field.allCases.count
            form.focus = PaymentForm.Field(rawValue: (form.focus.rawValue + count - 1) % count) ?? .toAccount
        case .pageDown, .pageUp:
            guard form.focus == .toAccount else { break }
            let directory = bank.live.accounts
            guard directory.count > 0 else { break }
            let current = PaymentForm.account(form.text(.toAccount)).flatMap { AccountID(sortCode: $0.sortCode, accountNumber: $0.accountNumber) }
            let account: AccountSummary?
            do throws(EventStoreError) {
                let index = try current.flatMap { id throws(EventStoreError) in try directory.position(of: id) } ?? -1
                let next = key == .pageDown ? (index + 1) % directory.count : (index <= 0 ? directory.count - 1 : index - 1)
                account = try directory.listed(next..<next + 1).first
            } catch {
                accountsReadFailed(error)
                break
            }
            guard let account else { break }
            form.fields[.toAccount] = TextField("\(account.id.sortCode) \(account.id.accountNumber)", limit: 20)
            form.fields[.toName] = TextField(account.holder, limit: 60)
        case .enter:
            guard let request = form.request(accounts: bank.live.accounts) else {
                form.showErrors = true
                form.focus = PaymentForm.Field.allCases.first { form.error($0, accounts: bank.live.accounts) != nil } ?? form.focus
                overlay = .form(form)
                return []
            }
            overlay = nil
            // The form was open when the writer stopped: refused, without a "sending" first.
            if let refusal = writeRefusal { return refuse(refusal) }
            toast("sending \(request.amount) to \(Text.sortCode(request.toSortCode)) \(request.toAccountNumber)…", .info)
            return [.perform(.pay(request))]
        default:
            let before = form.text(.toAccount)
            var field = form.fields[form.focus] ?? TextField()
            if field.handle(key) { form.fields[form.focus] = field }
            // A To name that was the old account's holder (or empty) follows the account typed.
            if form.focus == .toAccount, before != form.text(.toAccount) {
                do throws(EventStoreError) {
                    let name = form.text(.toName)
                    // Not `||`: its right side may not throw a typed error.
                    let followed = name.isEmpty ? true : try name == holder(of: before)
                    if followed {
                        form.fields[.toName] = TextField(try holder(of: form.text(.toAccount)) ?? "", limit: 60)
                    }
                } catch {
                    // The To name stays as typed; the To account field says why too.
                    accountsReadFailed(error)
                }
            }
        }
        overlay = .form(form)
        return []
    }

    /// The holder of the bank's account written in `text`, if it is one.
    private func holder(of text: String) throws(EventStoreError) -> String? {
        guard let id = PaymentForm.account(text).flatMap({ AccountID(sortCode: $0.sortCode, accountNumber: $0.accountNumber) }) else { return nil }
        return try bank.live.accounts.account(id)?.holder
    }
}
