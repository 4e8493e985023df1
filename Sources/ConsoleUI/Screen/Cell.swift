/// One character cell of a `Screen`: a Unicode scalar and the role it is drawn in.
///
/// One scalar per cell keeps the grid exact: every character we draw (letters, `£`, box
/// drawing, arrows) occupies one column. Text wider than a column is replaced on the way in.
struct Cell: Hashable, Sendable {
    var scalar: Unicode.Scalar
    var role: Role

    static let blank = Cell(scalar: " ", role: .normal)
}
