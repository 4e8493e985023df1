/// How each `Role` looks: colours and attributes, loaded from a `themes/NAME.theme` file.
///
/// A theme is data, not code; the terminal adapter turns it into colour pairs. The format is
/// documented in `themes/README.md` and parsed by `Theme.parse`.
struct Theme: Hashable, Sendable {
    var name: String
    var styles: [Role: ThemeStyle]

    /// The style of a role; a role the file does not mention looks like `normal`.
    func style(_ role: Role) -> ThemeStyle {
        styles[role] ?? styles[.normal] ?? ThemeStyle()
    }

    /// Whether any role uses a colour (a mono theme uses attributes only).
    var usesColour: Bool {
        styles.values.contains { $0.foreground != nil || $0.background != nil }
    }
}

/// One role's look.
struct ThemeStyle: Hashable, Sendable {
    var foreground: ThemeColour?
    var background: ThemeColour?
    var bold = false
    var dim = false
    var underline = false
    var reverse = false
}

/// A colour: one of the 256 xterm colours, with the 8-colour stand-in used on terminals that
/// have only 8 (given in the file, or the nearest of the 8).
struct ThemeColour: Hashable, Sendable {
    /// 0–255; 0–7 are the basic colours, 8–15 their bright versions.
    var index: Int
    /// 0–7, used when the terminal has fewer than 256 colours.
    var fallback: Int

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    init(index: Int, fallback: Int? = nil) {
        self.index = index
        self.fallback = fallback ?? ThemeColour.nearestBasic(index)
    }

    /// The colour to use on a terminal with `colours` colours.
    func resolved(forColours colours: Int) -> Int {
        colours >= 256 ? index : (colours >= 16 && index < 16 ? index : fallback)
    }

    /// The nearest of the 8 basic colours to an xterm-256 colour.
    static func nearestBasic(_ index: Int) -> Int {
        if index < 8 { return index }
        if index < 16 { return index - 8 }
        let rgb: (Int, Int, Int)
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            rgb = (level, level, level)
        } else {
            let cube = index - 16, steps = [0, 95, 135, 175, 215, 255]
            rgb = (steps[cube / 36], steps[cube / 6 % 6], steps[cube % 6])
        }
        let (r, g, b) = rgb
        let brightest = max(r, g, b)
        if brightest < 60 { return 0 }
        let threshold = brightest / 2 + 20
        let bits = (r > threshold ? 1 : 0) | (g > threshold ? 2 : 0) | (b > threshold ? 4 : 0)
        return bits == 0 ? 7 : bits
    }
}
