import CNcurses
import Foundation

#if os(Linux)
typealias WindowPointer = UnsafeMutablePointer<WINDOW>
#else
typealias WindowPointer = OpaquePointer
#endif

/// The real terminal, through ncursesw. The only code in the program that talks to ncurses.
///
/// Confined to the thread that created it (ncurses is not thread-safe). Draws a `Screen` by
/// comparing it with the last one and repainting only changed cells; decodes keys, mouse and
/// resizes into `TerminalInput`.
final class NcursesTerminal: Terminal {
    private let window: WindowPointer
    private var previous: Screen?
    private var pairs: [Role: (attrs: UInt32, pair: Int32)] = [:]
    private var stopped = false
    let hasColour: Bool
    let colours: Int

    /// Takes over the terminal: checks it is a TTY with a known TERM, then enters raw mode.
    init(environment: [String: String]) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty else { throw .unknownTerminalType("(unset)") }
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        guard shim_newterm() != nil else { throw .unknownTerminalType(term) }
        window = shim_stdscr()
        set_escdelay(25)
        raw()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        shim_enable_mouse()
        hasColour = has_colors()
        if hasColour {
            start_color()
            use_default_colors()
        }
        colours = hasColour ? Int(shim_colors()) : 0
        wclear(window)
        wrefresh(window)
    }

    deinit { shutdown() }

    var size: Size { Size(width: Int(shim_cols()), height: Int(shim_lines())) }

    /// Maps every role of `theme` to attributes and a colour pair.
    func apply(_ theme: Theme) {
        pairs = [:]
        for (index, role) in Role.allCases.enumerated() {
            let style = theme.style(role)
            var attrs = shim_a_normal()
            if style.bold { attrs |= shim_a_bold() }
            if style.dim { attrs |= shim_a_dim() }
            if style.underline { attrs |= shim_a_underline() }
            if style.reverse { attrs |= shim_a_reverse() }
            var pair: Int32 = 0
            if hasColour, style.foreground != nil || style.background != nil, index + 1 < Int(shim_color_pairs()) {
                pair = Int32(index + 1)
                let fg = style.foreground.map { Int16($0.resolved(forColours: colours)) } ?? -1
                let bg = style.background.map { Int16($0.resolved(forColours: colours)) } ?? -1
                init_pair(Int16(pair), fg, bg)
            }
            pairs[role] = (attrs, pair)
        }
        previous = nil
    }

    // MARK: - Input

    func readInput(timeoutMilliseconds: Int) -> TerminalInput? {
        wtimeout(window, Int32(timeoutMilliseconds))
        var value: UInt32 = 0
        let result = shim_get_wch(window, &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES { return decodeKeyCode(Int32(value)) }
        return decodeCharacter(value)
    }

    private func decodeKeyCode(_ code: Int32) -> TerminalInput? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END, KEY_LL: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_RESIZE:
            previous = nil
            return .resized(size)
        case KEY_MOUSE:
            var x: Int32 = 0, y: Int32 = 0
            switch shim_get_mouse(&x, &y) {
            case 1: return .mouse(MouseEvent(kind: .click, x: Int(x), y: Int(y)))
            case 4: return .mouse(MouseEvent(kind: .wheelUp, x: Int(x), y: Int(y)))
            case 5: return .mouse(MouseEvent(kind: .wheelDown, x: Int(x), y: Int(y)))
            default: return nil
            }
        default:
            for n in 1...12 where code == shim_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    private func decodeCharacter(_ value: UInt32) -> TerminalInput? {
        switch value {
        case 27: return .key(.escape)
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.control(Character(Unicode.Scalar(value + 96) ?? "?")))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    // MARK: - Output

    func draw(_ screen: Screen) {
        let full = previous.map { $0.width != screen.width || $0.height != screen.height } ?? true
        if full { werase(window) }
        for y in 0..<screen.height {
            var x = 0
            while x < screen.width {
                if !full, let previous, previous[x, y] == screen[x, y] {
                    x += 1
                    continue
                }
                // A run of changed cells in one role, written with one call.
                let role = screen[x, y].role
                var text = String.UnicodeScalarView()
                let start = x
                while x < screen.width, screen[x, y].role == role,
                      full || previous.map({ $0[x, y] != screen[x, y] }) ?? true {
                    // Every cell is single-width and printable; checked again at the last step
                    // so no control character can reach the terminal by any path.
                    text.append(Screen.singleWidth(screen[x, y].scalar))
                    x += 1
                }
                let style = pairs[role] ?? (shim_a_normal(), 0)
                shim_wattr_set(window, style.attrs, style.pair)
                // The bottom-right cell cannot be written without scrolling on some terminals.
                if y == screen.height - 1, x == screen.width {
                    text = String.UnicodeScalarView(text.dropLast())
                }
                _ = mvwaddstr(window, Int32(y), Int32(start), String(text))
            }
        }
        if let cursor = screen.cursor {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(window)
        previous = screen
    }

    func shutdown() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        endwin()
    }
}
