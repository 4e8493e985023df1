import Core

/// Who sits at the console: the name the bank records their actions under, and what the bank's
/// roster and settings say they may do.
///
/// Read at start and again whenever the `Operators` or `BankSettings` stream changes (both are
/// small streams). The console only greys and refuses keys with it; the bank checks every
/// action again, so a stale roster can never let anything through.
struct ConsoleOperator: Hashable, Sendable {
    var name: String
    /// The roster as last read; nil until the first read comes back.
    var roster: OperatorRoster?
    /// The four-eyes threshold, as last read.
    var settings = BankSettings()
    /// The roster or settings changed (or were never read) since the last read was asked for.
    var stale = true
    /// A read was asked for and has not come back.
    var loading = false

    init(name: String) {
        self.name = name
    }

    /// The operator's role; nil when the roster does not know the name or is not read yet.
    var role: OperatorRole? { roster?.role(of: name) }

    /// Why this operator may not do `action`, in one line (`release needs the operator role;
    /// you are a viewer`); nil when they may, or while the roster is not read yet.
    ///
    /// The decision is the roster's (`OperatorAction.requiredRole`); only the words are the console's.
    func refusal(of action: OperatorAction) -> String? {
        guard let roster, roster.refusal(of: action, by: name) != nil else { return nil }
        let what = action.description.replacingOccurrences(of: "-", with: " ")
        let needed = action.requiredRole
        guard let role = roster.role(of: name) else { return "\(what) needs the \(needed) role; \(name) is not an operator" }
        return "\(what) needs the \(needed) role; you are \(role == .operator ? "an" : "a") \(role)"
    }

    /// What the header shows, and whether in the warning colour: `alice · supervisor`, or
    /// `bob · not an operator` when the roster does not know the name (`alice` alone until it is read).
    func label(separator: String) -> (text: String, warn: Bool) {
        guard let roster else { return (name, false) }
        guard let role = roster.role(of: name) else { return ("\(name) \(separator) not an operator", true) }
        return ("\(name) \(separator) \(role)", false)
    }

    /// The role alone, for a header with no room for the name.
    func shortLabel() -> (text: String, warn: Bool)? {
        guard let roster else { return nil }
        guard let role = roster.role(of: name) else { return ("no role", true) }
        return (role.description, false)
    }
}
