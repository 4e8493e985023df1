extension State {
    /// The filter keys every list pane shares: `/` asks for the list's filter in a prompt (with
    /// the filter in force as its text), Esc clears a filter that is set and then `cleared`
    /// puts the list back at its top. False for any other key (and for Esc with no filter).
    mutating func handleFilterKey(_ key: Key, _ filter: WritableKeyPath<State, String>, prompt label: String,
                                  purpose: Prompt.Purpose, limit: Int = 60, cleared: (inout State) -> Void) -> Bool {
        switch key {
        case .char("/"):
            overlay = .prompt(.filter(label, current: self[keyPath: filter], purpose: purpose, limit: limit))
        case .escape where !self[keyPath: filter].isEmpty:
            self[keyPath: filter] = ""
            cleared(&self)
        default:
            return false
        }
        return true
    }
}
