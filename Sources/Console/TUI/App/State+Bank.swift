/// The bank panes' share of the state (wired to Core's read models).
extension State {
    var heldCount: Int { 0 }
    var simulatorSummary: String { "sim -" }
    static func bankHintsPlaceholder() {}
}

func renderBankPane(_ state: State, in area: Rect, into screen: inout Screen) {}

extension Footer {
    static func bankHints(for state: State) -> [(String, String)] { [] }
}

extension State {
    mutating func bankPromptSubmitted(_ purpose: Prompt.Purpose, text: String) -> [Effect] { [] }
    mutating func runBankCommand(_ name: String, _ args: [String]) -> [Effect]? { nil }
}
