/// What a cell means, not what it looks like: a theme maps each role to colours and attributes.
///
/// Panes speak only in roles, so the same `Screen` draws correctly in every theme, in 8 or 256
/// colours, and in monochrome.
enum Role: String, CaseIterable, Sendable, Hashable {
    case normal
    case dim
    case title
    case border
    case tab
    case tabActive
    case badge
    case header
    case selected
    case good
    case bad
    case warn
    case info
    case accent
    case key
    /// A footer or help key the operator's role does not cover: greyed.
    case keyDenied
    case status
    case dialog
    case button
    case buttonFocused
    case input
    case error
    case jsonKey
    case jsonString
    case jsonNumber
    case jsonLiteral
}
