extension Screen {
    /// One-column ASCII stand-ins for the symbols the panes use.
    private static let asciiFallbacks: [Unicode.Scalar: Unicode.Scalar] = [
        "←": "<", "→": ">", "↑": "^", "↓": "v", "▶": ">", "▸": ">", "◆": "#", "▲": "^", "▼": "v",
        "●": "*", "•": "*", "■": "#", "…": "~", "≈": "~", "×": "x", "–": "-", "—": "-", "▏": "_",
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+", "┬": "+", "┴": "+", "├": "+", "┤": "+",
    ]

    /// Replaces every character an ASCII-only terminal cannot show with a one-column stand-in
    /// (`?` when there is none), so a non-UTF-8 locale never gets bytes it would garble.
    /// One pass over the cells; the grid never shifts.
    mutating func replaceNonASCII() {
        for y in 0..<height {
            for x in 0..<width where !self[x, y].scalar.isASCII {
                self[x, y].scalar = Screen.asciiFallbacks[self[x, y].scalar] ?? "?"
            }
        }
    }
}
