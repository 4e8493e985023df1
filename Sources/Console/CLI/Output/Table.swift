/// Rows of text printed as aligned columns, for people.
///
/// Numbers are right-aligned when the column says so; lines carry no trailing spaces.
struct Table {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? Array(repeating: .left, count: headers.count)
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// The lines of the table, header first; an empty table is just its header.
    func lines(header: Bool = true) -> [String] {
        let all = header ? [headers] + rows : rows
        var widths = Array(repeating: 0, count: headers.count)
        for row in all {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                let isLast = column == row.count - 1
                let padding = String(repeating: " ", count: max(0, widths[min(column, widths.count - 1)] - cell.count))
                if column > 0 { line += "  " }
                switch alignments[min(column, alignments.count - 1)] {
                case .right: line += padding + cell
                case .left: line += isLast ? cell : cell + padding
                }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
