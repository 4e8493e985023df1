/// One naming tradition for synthetic names: given names, common surnames, and a long tail of
/// plausible surnames built from stems and endings (so a large corpus keeps meeting surnames
/// it has not seen, as a real population does). Pools are space-separated; `_` joins words.
struct NameCulture: Sendable {
    /// How a middle name is formed.
    enum Middle: Sendable {
        /// None (the tradition has no middle names).
        case none
        /// Another given name.
        case given
        /// A patronymic from another given name (`Ivan` → `Ivanovich`, `Ivanovna` for women).
        case patronymic
        /// `bin`/`bint` and another given name.
        case lineage
        /// A second surname after the first (Spanish and Portuguese style).
        case secondSurname
    }

    /// What the stem + ending tail builds.
    enum Tail: Sendable {
        case surnames
        /// Given names, the two parts joined by `joiner` (`Xiao` + `ming`, `Min` + `-` + `jun`).
        case given(joiner: String)
    }

    let given: [String]
    /// Given names of women (for patronymics and surname agreement); a subset of `given`.
    let women: Set<String>
    let surnames: [String]
    let stems: [String]
    let endings: [String]
    let middle: Middle
    /// Russian-style surname agreement (`Ivanov` → `Ivanova`).
    let agrees: Bool
    let tail: Tail

    init(given: String, women: String = "", surnames: String, stems: String, endings: String,
         middle: Middle = .given, agrees: Bool = false, tail: Tail = .surnames) {
        func words(_ text: String) -> [String] {
            text.split(whereSeparator: \.isWhitespace).map { String($0.map { $0 == "_" ? " " : $0 }) }
        }
        let women = words(women)
        self.given = words(given) + women
        self.women = Set(women)
        self.surnames = words(surnames)
        self.stems = words(stems)
        self.endings = words(endings)
        self.middle = middle
        self.agrees = agrees
        self.tail = tail
    }
}
