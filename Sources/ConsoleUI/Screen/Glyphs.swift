/// The drawing characters: Unicode box drawing on a UTF-8 locale, plain ASCII elsewhere.
struct Glyphs: Hashable, Sendable {
    var horizontal: Unicode.Scalar
    var vertical: Unicode.Scalar
    var topLeft: Unicode.Scalar
    var topRight: Unicode.Scalar
    var bottomLeft: Unicode.Scalar
    var bottomRight: Unicode.Scalar
    var teeDown: Unicode.Scalar
    var teeUp: Unicode.Scalar
    var teeRight: Unicode.Scalar
    var teeLeft: Unicode.Scalar
    var pointer: String
    var arrow: String
    var ellipsis: String
    var bullet: String
    var knob: String
    var up: String
    var down: String
    var cursor: String
    /// Sparkline levels from lowest to highest.
    var spark: [String]
    var isASCII: Bool

    static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeDown: "┬", teeUp: "┴", teeRight: "├", teeLeft: "┤",
        pointer: "▸", arrow: "─▶", ellipsis: "…", bullet: "●", knob: "◆", up: "▲", down: "▼", cursor: "▏",
        spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], isASCII: false)

    static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeDown: "+", teeUp: "+", teeRight: "+", teeLeft: "+",
        pointer: ">", arrow: "->", ellipsis: "~", bullet: "*", knob: "#", up: "^", down: "v", cursor: "_",
        spark: [".", ".", ":", ":", "-", "=", "+", "#"], isASCII: true)

    /// Unicode when the locale's character set is UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
    static func forLocale(environment: [String: String]) -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let upper = locale.uppercased()
        return upper.contains("UTF-8") || upper.contains("UTF8") ? .unicode : .ascii
    }
}
