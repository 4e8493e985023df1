/// An editable one-line text field: insert, Backspace, Delete, Left/Right, Home/End.
struct TextField: Hashable, Sendable {
    private(set) var characters: [Character]
    /// Insertion point, 0...characters.count.
    private(set) var cursor: Int
    /// Longest text accepted, in characters.
    var limit: Int

    init(_ text: String = "", limit: Int = 200) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
        self.limit = limit
    }

    var text: String { String(characters) }

    /// Applies an editing key; returns false when the key is not an editing key.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let character):
            guard characters.count < limit else { return true }
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeAll()
            cursor = 0
        default: return false
        }
        return true
    }
}

extension Screen {
    /// Draws a text field in `width` columns at (x, y), scrolled so the cursor shows; when
    /// `focused`, places the terminal cursor.
    mutating func field(_ field: TextField, x: Int, y: Int, width: Int, focused: Bool) {
        guard width > 1 else { return }
        let start = max(0, field.cursor - (width - 1))
        let visible = String(field.characters.dropFirst(start).prefix(width))
        fill(Rect(x: x, y: y, width: width, height: 1), role: .input)
        put(visible, x: x, y: y, role: .input, limit: x + width)
        if focused { cursor = (x + field.cursor - start, y) }
    }
}
