/// Draws the new-payment form over the panes, with each field's validation message.
enum PaymentFormView {
    static func render(_ form: PaymentForm, state: State, into screen: inout Screen) {
        let g = state.glyphs
        let fields = PaymentForm.Field.allCases
        let area = screen.bounds.centered(width: min(screen.width - 4, 72), height: fields.count * 2 + 4)
        screen.fill(area, role: .dialog)
        let inner = screen.box(area, title: "New inbound payment from the scheme", glyphs: g)
        let accounts = state.bank.live.accounts
        for (index, field) in fields.enumerated() {
            let y = inner.y + index * 2
            let focused = field == form.focus
            let label = state.glyphs.isASCII ? field.label.replacingOccurrences(of: "£", with: "GBP") : field.label
            screen.put(Text.right(label, 13) + " ", x: inner.x, y: y, role: focused ? .title : .dialog, limit: inner.maxX)
            screen.field(form.fields[field] ?? TextField(), x: inner.x + 14, y: y, width: inner.width - 15, focused: focused)
            let error = form.error(field, accounts: accounts)
            if let error, form.showErrors || (focused && !(form.fields[field]?.text.isEmpty ?? true)) {
                screen.put(Text.fit(error, inner.width - 15), x: inner.x + 14, y: y + 1, role: .error, limit: inner.maxX)
            } else if field == .toAccount, focused {
                screen.put("PgUp/PgDn pick an account", x: inner.x + 14, y: y + 1, role: .dim, limit: inner.maxX)
            }
        }
        screen.put(" Tab/↑↓ field  Enter send  Esc cancel", in: inner, row: inner.height - 1, role: .dim, ascii: g.isASCII)
    }
}
