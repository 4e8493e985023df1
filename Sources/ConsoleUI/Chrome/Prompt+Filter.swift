extension Prompt {
    /// The prompt every list pane opens on `/`: its current filter, ready to edit.
    static func filter(_ label: String, current: String, purpose: Purpose, limit: Int = 60) -> Prompt {
        Prompt(label: label, field: TextField(current, limit: limit), purpose: purpose)
    }
}
