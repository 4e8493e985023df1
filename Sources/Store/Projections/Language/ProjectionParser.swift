/// Parses a projection's text into `ProjectionSyntax` (the grammar is in the README's
/// "Projections written at run time").
///
/// The first error stops it, with its line and column. Keywords (`when`, `where`, `groupBy`,
/// `as`, …) are reserved only where the grammar expects them.
struct ProjectionParser {
    private var tokens: [ProjectionToken]
    private var index = 0

    static func parse(_ text: String) throws(ProjectionLanguageError) -> ProjectionSyntax {
        var parser = ProjectionParser(tokens: try ProjectionLexer.tokens(text))
        return try parser.program()
    }

    private init(tokens: [ProjectionToken]) {
        self.tokens = tokens
    }

    // MARK: - Tokens

    private var current: ProjectionToken { tokens[index] }

    private mutating func next() -> ProjectionToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }
    private func isWord(_ word: String) -> Bool { current.kind == .identifier(word) }

    private mutating func expect(_ symbol: String, _ what: String) throws(ProjectionLanguageError) {
        guard isSymbol(symbol) else { throw unexpected(what) }
        _ = next()
    }

    private mutating func identifier(_ what: String) throws(ProjectionLanguageError) -> String {
        guard case .identifier(let name) = current.kind else { throw unexpected(what) }
        _ = next()
        return name
    }

    private func unexpected(_ what: String) -> ProjectionLanguageError {
        ProjectionLanguageError("expected \(what), found \(current.text)", at: current.location)
    }

    // MARK: - Program

    private mutating func program() throws(ProjectionLanguageError) -> ProjectionSyntax {
        let sourceLocation = current.location
        let source = try self.source()
        var handlers: [ProjectionSyntax.Handler] = []
        while current.kind != .end {
            guard isWord("when") else { throw unexpected(handlers.isEmpty ? "'when'" : "'when' or the end of the text") }
            handlers.append(try handler())
        }
        if handlers.isEmpty { throw ProjectionLanguageError("a projection needs at least one 'when' handler", at: current.location) }
        return ProjectionSyntax(source: source, sourceLocation: sourceLocation, handlers: handlers)
    }

    private mutating func source() throws(ProjectionLanguageError) -> ProjectionSyntax.Source {
        let what = "fromAll(), fromCategory(\"NAME\") or fromStreams(\"NAME\", ...)"
        guard case .identifier(let word) = current.kind, ["fromAll", "fromCategory", "fromStreams"].contains(word) else {
            throw unexpected(what)
        }
        _ = next()
        try expect("(", "'(' after \(word)")
        var names: [String] = []
        while case .string(let name) = current.kind {
            if name.isEmpty { throw ProjectionLanguageError("a stream or category name cannot be empty", at: current.location) }
            names.append(name)
            _ = next()
            guard isSymbol(",") else { break }
            _ = next()
        }
        let close = current.location
        try expect(")", names.isEmpty && word != "fromAll" ? "a quoted name" : "')'")
        switch (word, names.count) {
        case ("fromAll", 0): return .all
        case ("fromCategory", 1): return .category(names[0])
        case ("fromStreams", 1...): return .streams(names)
        case ("fromAll", _): throw ProjectionLanguageError("fromAll() takes no names", at: close)
        case ("fromCategory", _): throw ProjectionLanguageError("fromCategory takes one category name", at: close)
        default: throw ProjectionLanguageError("fromStreams needs at least one stream name", at: close)
        }
    }

    private mutating func handler() throws(ProjectionLanguageError) -> ProjectionSyntax.Handler {
        let location = next().location // `when`
        var types: [String]?
        if isWord("any") {
            _ = next()
        } else {
            var names = [try identifier("an event type or 'any'")]
            while isSymbol(",") {
                _ = next()
                names.append(try identifier("an event type"))
            }
            types = names
        }
        var condition: Expression?
        if isWord("where") {
            _ = next()
            condition = try expression()
        }
        let action: ProjectionSyntax.Action
        if isWord("remember") {
            _ = next()
            try expect("{", "'{' after remember")
            var bindings: [ProjectionSyntax.Binding] = []
            while !isSymbol("}") {
                let start = current.location
                let value = try expression()
                guard isWord("as") else { throw unexpected("'as NAME' after the value to remember") }
                _ = next()
                bindings.append(ProjectionSyntax.Binding(value: value, name: try identifier("a name after 'as'"), location: start))
            }
            _ = next()
            action = .remember(bindings)
        } else if isWord("forget") {
            _ = next()
            action = .forget
        } else {
            var keys: [Expression] = []
            if isWord("groupBy") {
                _ = next()
                keys.append(try expression())
                while isSymbol(",") {
                    _ = next()
                    keys.append(try expression())
                }
            }
            guard isSymbol("{") else {
                throw unexpected(keys.isEmpty ? "'where', 'groupBy', '{', 'remember' or 'forget'" : "',' or '{'")
            }
            _ = next()
            var aggregates: [ProjectionSyntax.Aggregate] = []
            while !isSymbol("}") {
                aggregates.append(try aggregate())
            }
            _ = next()
            action = .aggregate(groupBy: keys, aggregates: aggregates)
        }
        return ProjectionSyntax.Handler(types: types, condition: condition, action: action, location: location)
    }

    private mutating func aggregate() throws(ProjectionLanguageError) -> ProjectionSyntax.Aggregate {
        let location = current.location
        let names = ProjectionSyntax.AggregateKind.allCases.map(\.rawValue)
        guard case .identifier(let word) = current.kind, let kind = ProjectionSyntax.AggregateKind(rawValue: word) else {
            throw unexpected(names.joined(separator: ", ") + " or '}'")
        }
        _ = next()
        try expect("(", "'(' after \(word)")
        var argument: Expression?
        if kind == .count {
            guard isSymbol(")") else { throw ProjectionLanguageError("count() takes no argument", at: current.location) }
        } else {
            if isSymbol(")") { throw ProjectionLanguageError("\(word)() needs a value", at: current.location) }
            argument = try expression()
        }
        try expect(")", "')'")
        guard isWord("as") else { throw unexpected("'as NAME' after \(word)(…)") }
        _ = next()
        return ProjectionSyntax.Aggregate(kind: kind, argument: argument, name: try identifier("a name after 'as'"), location: location)
    }

    // MARK: - Expressions

    private mutating func expression() throws(ProjectionLanguageError) -> Expression {
        var left = try conjunction()
        while isWord("or") {
            let location = next().location
            left = .binary(.or, left, try conjunction(), location)
        }
        return left
    }

    private mutating func conjunction() throws(ProjectionLanguageError) -> Expression {
        var left = try negation()
        while isWord("and") {
            let location = next().location
            left = .binary(.and, left, try negation(), location)
        }
        return left
    }

    private mutating func negation() throws(ProjectionLanguageError) -> Expression {
        if isWord("not") {
            let location = next().location
            return .not(try negation(), location)
        }
        return try comparison()
    }

    private mutating func comparison() throws(ProjectionLanguageError) -> Expression {
        let left = try additive()
        for op in [Expression.Operator.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater] where isSymbol(op.rawValue) {
            let location = next().location
            let right = try additive()
            if case .symbol(let symbol) = current.kind, ["==", "!=", "<", "<=", ">", ">="].contains(symbol) {
                throw ProjectionLanguageError("comparisons do not chain: use 'and'", at: current.location)
            }
            return .binary(op, left, right, location)
        }
        return left
    }

    private mutating func additive() throws(ProjectionLanguageError) -> Expression {
        var left = try multiplicative()
        while isSymbol("+") || isSymbol("-") {
            let token = next()
            left = .binary(token.kind == .symbol("+") ? .add : .subtract, left, try multiplicative(), token.location)
        }
        return left
    }

    private mutating func multiplicative() throws(ProjectionLanguageError) -> Expression {
        var left = try unary()
        while isSymbol("*") || isSymbol("/") {
            let token = next()
            left = .binary(token.kind == .symbol("*") ? .multiply : .divide, left, try unary(), token.location)
        }
        return left
    }

    private mutating func unary() throws(ProjectionLanguageError) -> Expression {
        if isSymbol("-") {
            let location = next().location
            return .negate(try unary(), location)
        }
        return try primary()
    }

    private mutating func primary() throws(ProjectionLanguageError) -> Expression {
        let token = current
        switch token.kind {
        case .integer(let value):
            _ = next()
            return .literal(.int(value), token.location)
        case .decimal(let value):
            _ = next()
            return .literal(.double(value), token.location)
        case .string(let value):
            _ = next()
            return .literal(.string(value), token.location)
        case .symbol("("):
            _ = next()
            let inner = try expression()
            try expect(")", "')'")
            return inner
        case .identifier(let word):
            _ = next()
            switch word {
            case "true": return .literal(.bool(true), token.location)
            case "false": return .literal(.bool(false), token.location)
            case "null": return .literal(.null, token.location)
            default: break
            }
            if let root = Expression.Root(rawValue: word) {
                var fields: [String] = []
                while isSymbol(".") {
                    _ = next()
                    fields.append(try identifier("a field name after '.'"))
                }
                return .path(root, fields, token.location)
            }
            if isSymbol("(") {
                _ = next()
                var arguments: [Expression] = []
                if !isSymbol(")") {
                    arguments.append(try expression())
                    while isSymbol(",") {
                        _ = next()
                        arguments.append(try expression())
                    }
                }
                try expect(")", "',' or ')'")
                return .call(word, arguments, token.location)
            }
            throw ProjectionLanguageError("unknown name '\(word)': a value starts with data., metadata., remembered., event., a function call, a number, a string, true, false or null", at: token.location)
        default:
            throw unexpected("a value")
        }
    }
}
