/// A key the operator pressed, decoded by the terminal adapter from whatever the terminal sent.
package enum Key: Hashable, Sendable {
    /// A printable character (UTF-8 text arrives one character at a time).
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// F1…F12.
    case function(Int)
    /// Ctrl + a letter, e.g. `.control("c")`.
    case control(Character)
}

/// A mouse action at a cell of the screen.
package struct MouseEvent: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
    var kind: Kind
    var x: Int
    var y: Int
}

/// Width and height of the terminal in cells.
package struct Size: Hashable, Sendable {
    var width: Int
    var height: Int

    /// The smallest size the console lays out for.
    static let minimum = Size(width: 80, height: 24)
    var isTooSmall: Bool { width < Size.minimum.width || height < Size.minimum.height }
}
