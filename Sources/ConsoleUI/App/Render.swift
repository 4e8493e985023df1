/// The console's `render`: draws a `State` into a fresh `Screen` of the state's size.
///
/// Pure and total: any state, any size, never a crash. Too small a window gets a message
/// instead of a broken layout.
func render(_ state: State) -> Screen {
    var screen = Screen(width: state.size.width, height: state.size.height)
    if state.size.isTooSmall {
        tooSmall(state, &screen)
        return screen
    }
    TopBar.render(state, into: &screen)
    let body = Rect(x: 0, y: 1, width: screen.width, height: screen.height - 2)
    switch state.pane {
    case .flow: FlowView.render(state, in: body, into: &screen)
    case .held: HeldView.render(state, in: body, into: &screen)
    case .accounts: AccountsView.render(state, in: body, into: &screen)
    case .streams: StreamsView.render(state, in: body, into: &screen)
    case .subscriptions: SubscriptionsView.render(state, in: body, into: &screen)
    case .timeMachine: TimeView.render(state, in: body, into: &screen)
    case .audit: AuditView.render(state, in: body, into: &screen)
    }
    Footer.render(state, into: &screen)
    OverlayView.render(state, into: &screen)
    // Whatever a pane wrote, an ASCII terminal gets only ASCII.
    if state.glyphs.isASCII { screen.replaceNonASCII() }
    return screen
}

private func tooSmall(_ state: State, _ screen: inout Screen) {
    let lines = [
        "bank-console needs at least \(Size.minimum.width)×\(Size.minimum.height);",
        "this window is \(state.size.width)×\(state.size.height).",
        "Enlarge it, or press q to quit.",
    ]
    for (index, line) in lines.enumerated() {
        let y = screen.height / 2 - 1 + index
        let text = state.glyphs.isASCII ? line.replacingOccurrences(of: "×", with: "x") : line
        screen.put(text, x: max(0, (screen.width - text.count) / 2), y: y, role: .warn)
    }
}
