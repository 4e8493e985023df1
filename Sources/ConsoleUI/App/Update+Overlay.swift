import Foundation

extension State {
    /// Keys while an overlay is open: the overlay takes them all.
    mutating func handleOverlayKey(_ key: Key, _ current: Overlay) -> [Effect] {
        switch current {
        case .help(let scroll):
            switch key {
            case .escape, .char("?"), .char("q"), .enter, .function(1): overlay = nil
            case .down, .char("j"): overlay = .help(scroll: min(scroll + 1, HelpOverlay.maxScroll(for: self)))
            case .up, .char("k"): overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown, .char(" "): overlay = .help(scroll: min(scroll + 10, HelpOverlay.maxScroll(for: self)))
            case .pageUp: overlay = .help(scroll: max(0, scroll - 10))
            case .home, .char("g"): overlay = .help(scroll: 0)
            case .end, .char("G"): overlay = .help(scroll: HelpOverlay.maxScroll(for: self))
            default: break
            }
            return []
        case .confirm(var confirmation):
            switch key {
            case .char("y"), .char("Y"):
                overlay = nil
                return perform(confirmation.action)
            case .char("n"), .char("N"), .escape:
                overlay = nil
            case .enter:
                overlay = nil
                return confirmation.focusOnConfirm ? perform(confirmation.action) : []
            case .tab, .backTab, .left, .right, .char("h"), .char("l"):
                confirmation.focusOnConfirm.toggle()
                overlay = .confirm(confirmation)
            default: break
            }
            return []
        case .prompt(var prompt):
            switch key {
            case .escape:
                overlay = nil
                return promptCancelled(prompt)
            case .enter:
                overlay = nil
                return promptSubmitted(prompt)
            default:
                if prompt.field.handle(key) {
                    prompt.error = nil
                    overlay = .prompt(prompt)
                    return promptEdited(prompt)
                }
                return []
            }
        case .form(let form):
            return handleFormKey(key, form)
        case .command(var field, _):
            switch key {
            case .escape:
                overlay = nil
            case .enter:
                overlay = nil
                return runCommand(field.text)
            default:
                if field.handle(key) { overlay = .command(field, error: nil) }
            }
            return []
        }
    }

    /// Carries out a confirmed action: quitting at once, anything else through the bank.
    mutating func perform(_ action: Action) -> [Effect] {
        if case .quit = action { return [.quit(code: 0)] }
        // Confirmed before the writer stopped: refused here, so it is never counted as running.
        if let refusal = writeRefusal { return refuse(refusal) }
        // `:release` and `:reject` reach here without a key: the role is checked here too.
        if let refusal = refusal(operatorAction(for: action)) { return refuse(refusal) }
        pendingActions += 1
        return [.perform(action)]
    }

    /// A prompt's text changed (filters apply as you type).
    private mutating func promptEdited(_ prompt: Prompt) -> [Effect] {
        setListFilter(prompt.purpose, prompt.field.text)
    }

    private mutating func promptCancelled(_ prompt: Prompt) -> [Effect] {
        setListFilter(prompt.purpose, "")
    }

    /// The list filters follow the prompt as it is typed; Esc in the prompt clears them.
    private mutating func setListFilter(_ purpose: Prompt.Purpose, _ text: String) -> [Effect] {
        switch purpose {
        case .streamFilter:
            streams.filter = text
            streams.list = ListPosition()
        case .heldFilter:
            held.filter = text
            held.cursor = 0
        case .accountsFilter:
            accounts.filter = text
            accounts.list = ListPosition()
        case .subscriptionsFilter:
            subscriptions.filter = text
            subscriptionsFilterChanged()
        case .auditFilter:
            return auditFilterChanged(text)
        default: break
        }
        return []
    }

    private mutating func promptSubmitted(_ prompt: Prompt) -> [Effect] {
        let text = prompt.field.text.trimmingCharacters(in: .whitespaces)
        func requireReason() -> Bool {
            if text.isEmpty {
                var again = prompt
                again.error = "a reason is required"
                overlay = .prompt(again)
                return false
            }
            return true
        }
        switch prompt.purpose {
        case .streamFilter, .heldFilter, .accountsFilter, .subscriptionsFilter, .auditFilter:
            return []
        case .flowFilter, .timeMachineGoTo:
            return bankPromptSubmitted(prompt.purpose, text: text)
        case .projectionFile:
            return projectionFileSubmitted(prompt, text: text)
        case let .releaseReason(id, summary):
            guard requireReason() else { return [] }
            overlay = .confirm(releaseConfirmation(paymentID: id, summary: summary, reason: text))
        case let .rejectReason(id, summary):
            guard requireReason() else { return [] }
            overlay = .confirm(Confirmation(question: "Reject \(summary)?", confirmLabel: "Reject",
                                            action: .reject(paymentID: id, reason: text)))
        case let .accountReason(verb, sortCode, number, holder):
            guard requireReason() else { return [] }
            let action: Action = switch verb {
            case .block: .block(sortCode: sortCode, accountNumber: number, reason: text)
            case .unblock: .unblock(sortCode: sortCode, accountNumber: number, reason: text)
            case .close: .close(sortCode: sortCode, accountNumber: number, reason: text)
            }
            overlay = .confirm(Confirmation(
                question: "\(verb.rawValue.capitalized) \(Text.sortCode(sortCode)) \(number) (\(holder))?",
                confirmLabel: verb.rawValue.capitalized, action: action))
        }
        return []
    }
}
