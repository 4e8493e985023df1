/// One token of a projection's text.
struct ProjectionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        case string(String)
        case integer(Int64)
        case decimal(Double)
        /// `(` `)` `{` `}` `,` `.` `+` `-` `*` `/` `==` `!=` `<` `<=` `>` `>=`
        case symbol(String)
        case end
    }

    var kind: Kind
    var location: SourceLocation

    /// How the token reads in an error message.
    var text: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .string(let value): "\"\(value)\""
        case .integer(let value): String(value)
        case .decimal(let value): String(value)
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the text"
        }
    }
}
