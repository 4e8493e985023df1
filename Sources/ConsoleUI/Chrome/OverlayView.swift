/// Draws dialogs, prompts, the command line and toasts over the panes.
enum OverlayView {
    static func render(_ state: State, into screen: inout Screen) {
        switch state.overlay {
        case .help(let scroll)?: HelpOverlay.render(state, scroll: scroll, into: &screen)
        case .confirm(let confirmation)?: confirm(confirmation, state, &screen)
        case .prompt(let prompt)?: self.prompt(prompt, state, &screen)
        case .command(let field, let error)?: command(field, error: error, state, &screen)
        case .form(let form)?: PaymentFormView.render(form, state: state, into: &screen)
        case nil: break
        }
        toasts(state, &screen)
    }

    private static func confirm(_ confirmation: Confirmation, _ state: State, _ screen: inout Screen) {
        let width = min(screen.width - 4, max(40, confirmation.question.count + 6))
        // A question longer than the dialog wraps (an amount or a name is never cut off).
        let question = Text.wrap(confirmation.question, width: width - 4)
        let area = screen.bounds.centered(width: width, height: 5 + question.count)
        screen.fill(area, role: .dialog)
        let inner = screen.box(area, title: "Confirm", glyphs: state.glyphs)
        for (row, line) in question.enumerated() {
            screen.put(" " + line, in: inner, row: 1 + row, role: .dialog)
        }
        let buttons = inner.y + 2 + question.count
        let cancel = "[ Cancel ]", confirm = "[ \(confirmation.confirmLabel) ]"
        let x = inner.maxX - cancel.count - confirm.count - 3
        screen.put(cancel, x: x, y: buttons, role: confirmation.focusOnConfirm ? .button : .buttonFocused)
        screen.put(confirm, x: x + cancel.count + 2, y: buttons, role: confirmation.focusOnConfirm ? .buttonFocused : .button)
        screen.put("y/n", x: inner.x + 1, y: buttons, role: .dim)
    }

    private static func prompt(_ prompt: Prompt, _ state: State, _ screen: inout Screen) {
        let width = min(screen.width - 4, 64)
        // The label wraps rather than losing its end (the time machine's `g` explains its formats).
        let label = Text.wrap(prompt.label, width: width - 4)
        let area = screen.bounds.centered(width: width, height: 5 + label.count)
        screen.fill(area, role: .dialog)
        let inner = screen.box(area, title: "Enter submits · Esc cancels", glyphs: state.glyphs)
        for (row, line) in label.enumerated() {
            screen.put(" " + line, in: inner, row: row, role: .dialog)
        }
        screen.field(prompt.field, x: inner.x + 1, y: inner.y + label.count + 1, width: inner.width - 2, focused: true)
        if let error = prompt.error {
            screen.put(" " + error, in: inner, row: label.count + 2, role: .error)
        }
    }

    private static func command(_ field: TextField, error: String?, _ state: State, _ screen: inout Screen) {
        let y = screen.height - 1
        screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), role: .input)
        screen.put(":", x: 0, y: y, role: .input)
        screen.field(field, x: 1, y: y, width: screen.width - 1, focused: true)
    }

    private static func toasts(_ state: State, _ screen: inout Screen) {
        var y = screen.height - 2
        for toast in state.toasts.reversed() {
            let role: Role = switch toast.kind {
            case .info: .info
            case .success: .good
            case .failure: .bad
            }
            // A long message wraps over up to three lines (the last cut), newest at the bottom.
            let wrapped = Text.wrap(toast.text, width: screen.width - 6)
            let lines = wrapped.count <= 3 ? wrapped : Array(wrapped.prefix(2)) + [Text.fit(wrapped.dropFirst(2).joined(separator: " "), screen.width - 6)]
            for line in lines.reversed() where y > 0 {
                let text = " " + line + " "
                screen.put(text, x: screen.width - text.unicodeScalars.count - 1, y: y, role: role)
                screen.paint(Rect(x: screen.width - text.unicodeScalars.count - 1, y: y, width: text.unicodeScalars.count, height: 1), role: role)
                y -= 1
            }
        }
    }
}
