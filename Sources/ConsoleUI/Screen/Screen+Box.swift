extension Screen {
    /// Draws a box around `rect` with an optional title in its top edge; returns its interior.
    @discardableResult
    mutating func box(_ rect: Rect, title: String? = nil, glyphs: Glyphs, role: Role = .border, titleRole: Role = .title) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x + 1..<right {
            self[x, rect.y] = Cell(scalar: glyphs.horizontal, role: role)
            self[x, bottom] = Cell(scalar: glyphs.horizontal, role: role)
        }
        for y in rect.y + 1..<bottom {
            self[rect.x, y] = Cell(scalar: glyphs.vertical, role: role)
            self[right, y] = Cell(scalar: glyphs.vertical, role: role)
        }
        self[rect.x, rect.y] = Cell(scalar: glyphs.topLeft, role: role)
        self[right, rect.y] = Cell(scalar: glyphs.topRight, role: role)
        self[rect.x, bottom] = Cell(scalar: glyphs.bottomLeft, role: role)
        self[right, bottom] = Cell(scalar: glyphs.bottomRight, role: role)
        if let title, rect.width > 4 {
            put(" " + Text.fit(title, rect.width - 4, ascii: glyphs.isASCII) + " ", x: rect.x + 1, y: rect.y, role: titleRole, limit: right)
        }
        return rect.inset(1)
    }

    /// Draws a horizontal rule across a box at row `y`, joined to its sides, with an optional title.
    mutating func rule(_ rect: Rect, y: Int, title: String? = nil, glyphs: Glyphs, role: Role = .border) {
        guard rect.width >= 2 else { return }
        for x in rect.x..<rect.maxX { self[x, y] = Cell(scalar: glyphs.horizontal, role: role) }
        self[rect.x, y] = Cell(scalar: glyphs.teeRight, role: role)
        self[rect.maxX - 1, y] = Cell(scalar: glyphs.teeLeft, role: role)
        if let title, rect.width > 4 {
            put(" " + Text.fit(title, rect.width - 4, ascii: glyphs.isASCII) + " ", x: rect.x + 1, y: y, role: .title, limit: rect.maxX - 1)
        }
    }

    /// Draws a vertical divider inside a box at column `x`, joined to its top and bottom edges.
    mutating func divider(_ rect: Rect, x: Int, glyphs: Glyphs, role: Role = .border) {
        guard rect.height >= 2 else { return }
        for y in rect.y..<rect.maxY { self[x, y] = Cell(scalar: glyphs.vertical, role: role) }
        self[x, rect.y] = Cell(scalar: glyphs.teeDown, role: role)
        self[x, rect.maxY - 1] = Cell(scalar: glyphs.teeUp, role: role)
    }
}
