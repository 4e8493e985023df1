/// A grid of cells that the UI renders into and a terminal draws.
///
/// This is the only thing panes ever see: they write characters with roles into rectangles of
/// it. It knows nothing of ncurses; the terminal adapter diffs two screens and repaints only
/// the cells that changed. Writes outside the grid are clipped, never a crash.
package struct Screen: Hashable, Sendable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    /// Where the terminal should show its cursor (a text field being edited), if anywhere.
    var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Fills a rectangle with one character in one role.
    mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", role: Role = .normal) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let cell = Cell(scalar: scalar, role: role)
        for y in y0..<y1 {
            let base = y * width
            for x in x0..<x1 { cells[base + x] = cell }
        }
    }

    /// Sets the role of every cell of a rectangle, keeping the characters (a highlight bar).
    mutating func paint(_ rect: Rect, role: Role) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            let base = y * width
            for x in x0..<x1 { cells[base + x].role = role }
        }
    }

    /// Writes `text` from (x, y) in `role`, stopping at `limit` (exclusive column, default the
    /// screen's edge). Returns the column after the last character written.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard y >= 0, y < height else { return x }
        var column = x
        let base = y * width
        for scalar in text.unicodeScalars {
            if column >= end { break }
            if column >= 0 {
                cells[base + column] = Cell(scalar: Screen.singleWidth(scalar), role: role)
            }
            column += 1
        }
        return column
    }

    /// Writes `text` into a rectangle's row, truncated with `…` when it does not fit.
    @discardableResult
    mutating func put(_ text: String, in rect: Rect, row: Int, role: Role = .normal, ascii: Bool = false) -> Int {
        guard row >= 0, row < rect.height else { return rect.x }
        return put(Text.fit(text, rect.width, ascii: ascii), x: rect.x, y: rect.y + row, role: role, limit: rect.maxX)
    }

    /// The screen as plain text rows, trailing spaces kept (golden files compare these).
    var lines: [String] {
        (0..<height).map { y in
            var line = String.UnicodeScalarView()
            for x in 0..<width { line.append(cells[y * width + x].scalar) }
            return String(line)
        }
    }

    /// Replaces scalars that do not take exactly one column (controls, combining marks, wide
    /// East Asian characters) so the grid never drifts.
    ///
    /// A control character (from a name or a reason in the log) is never sent to the terminal,
    /// where it could move the cursor or recolour the screen: C0 controls and DEL show as their
    /// visible Control Pictures (`ESC` as `␛`, `?` on an ASCII terminal), C1 controls as `?`.
    static func singleWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x20 { return Unicode.Scalar(0x2400 + value) ?? "?" }
        if value == 0x7f { return "\u{2421}" }
        if (0x80..<0xa0).contains(value) { return "?" }
        if value < 0x300 { return scalar }
        // Common one-column symbols (punctuation, arrows, box drawing, blocks, shapes): no lookup.
        if (0x2010...0x2027).contains(value) || (0x2190...0x21FF).contains(value) || (0x2500...0x25FF).contains(value) { return scalar }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control: return "?"
        default: break
        }
        if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
            || (0x20000...0x3FFFD).contains(value) {
            return "?"
        }
        return scalar
    }
}

extension Screen {
    package static func == (lhs: Screen, rhs: Screen) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursorX == rhs.cursorX && lhs.cursorY == rhs.cursorY
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }
}

extension Screen {
    /// Writes `text` into a column `width` cells wide at (x, y): left- or right-aligned, cut
    /// with an ellipsis when longer. Returns the column after it. Builds no padded strings
    /// (the hot path of long lists).
    @discardableResult
    mutating func column(_ text: String, x: Int, y: Int, width: Int, role: Role, right: Bool = false, ascii: Bool = false) -> Int {
        guard width > 0 else { return x }
        let count = text.unicodeScalars.count
        if count <= width {
            put(text, x: right ? x + width - count : x, y: y, role: role, limit: x + width)
        } else {
            let end = put(text, x: x, y: y, role: role, limit: x + width - 1)
            put(ascii ? "~" : "…", x: end, y: y, role: role, limit: x + width)
        }
        return x + width
    }
}
