/// Words that say what kind of business a name is, not whose it is: `BANK`, `TRADING`,
/// `INTERNATIONAL`, `SERVICES`, legal forms such as `FZCO` or `JSC`.
///
/// A list name that is not a person's holds only when the screened name has every one of the
/// list name's *distinctive* words (its whole words that are not generic), so `International
/// Bank` does not hold on `KISH INTERNATIONAL BANK`, nor `Global Services Ltd` on `VENTORA
/// GLOBAL SERVICES`. A list name made only of generic words needs all of them.
enum GenericWords {
    static let words: Set<String> = [
        // Legal forms and their abbreviations (after normalisation).
        "sa", "sl", "srl", "spa", "bv", "nv", "ag", "kg", "ab", "as", "oy", "pte", "pty", "sdn", "bhd", "fzco", "fze", "fzc", "fzllc",
        "dmcc", "ooo", "oao", "zao", "pao", "ao", "jsc", "ojsc", "cjsc", "pjsc", "ojs", "lp", "company", "companies", "firm",
        "cia", "compania", "societe", "sociedad", "sarl", "sas", "est", "establishment", "ltda", "gie",
        // What a business does.
        "bank", "banking", "banque", "banco", "international", "intl", "trading", "trade", "traders", "trader", "general",
        "group", "holding", "holdings", "services", "service", "global", "shipping", "ship", "ships", "marine",
        "maritime", "navigation", "line", "lines", "star", "industries", "industrial", "industry", "import", "export",
        "imports", "exports", "investment", "investments", "invest", "development", "national", "united", "foreign",
        "enterprise", "enterprises", "petroleum", "oil", "gas", "energy", "commercial", "commerce", "engineering",
        "construction", "technology", "technologies", "tech", "electronics", "electronic", "systems", "solutions",
        "logistics", "transport", "transportation", "airlines", "airline", "airways", "air", "aviation", "insurance",
        "finance", "financial", "capital", "partners", "institute", "organization", "organisation", "office", "center",
        "centre", "agency", "foundation", "association", "union", "bureau", "ministry", "department", "committee",
        "research", "scientific", "science", "production", "manufacturing", "factory", "plant", "mining", "metals",
        "metal", "steel", "chemical", "chemicals", "pharmaceutical", "pharmaceuticals", "medical", "food", "foods",
        "agricultural", "products", "product", "supply", "supplies", "equipment", "machinery", "electric", "power",
        "exchange", "money", "real", "estate", "property", "properties", "media", "communications", "telecom",
        "network", "world", "worldwide", "new", "first", "great", "royal", "state", "public", "joint", "stock", "open",
        "closed", "the", "of", "and", "for", "management", "consulting", "consultants", "distribution", "resources",
        "shipbuilding", "tanker", "tankers", "vessel", "freight", "cargo", "express", "gold", "jewellery", "jewelry",
        "textile", "textiles", "auto", "motors", "computer", "computing", "software", "security", "defense", "defence",
        "mechanical", "precision", "automation", "design", "bureau", "limited", "ltd", "llc", "inc", "corp", "co", "plc",
        "gmbh", "llp", "corporation", "incorporated", "sons", "brothers", "bros",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "middle",
        "plumbing", "builders", "building", "bakery", "haulage", "carpets", "estates", "catering", "accountants", "solicitors",
        "architects", "printing", "garage", "dental", "practice", "pharmacy", "veterinary", "surgery", "brokers", "stores",
        "store", "shop", "supermarket", "restaurant", "hotel", "travel", "tours", "farm", "farms", "dairy", "studio",
        "studios", "marketing", "recruitment", "cleaning", "training", "education", "school", "college", "clinic", "care",
        "health", "healthcare", "fashion", "clothing", "furniture", "timber", "glass", "paper", "packaging", "plastics",
        "parts", "spares", "components", "tools", "hardware", "consultancy", "contractors", "developments", "ventures",
    ]

    /// The token indexes of `tokens` a screened name must contain for a hit, or nil when the
    /// rule does not apply: a person's name (`kind` individual), or a name of unknown kind
    /// without a generic word (the screener's usual alignment decides alone).
    ///
    /// A person written `SURNAME, Given Names` (OFAC's form) needs the surname: a missing
    /// middle name still hits, a missing surname does not (`Mohammed Ali` is not `KONY, Ali
    /// Mohammed`).
    static func required(_ text: String, _ tokens: [NameToken], kind: String?) -> Requirement? {
        if kind == "individual" {
            guard let comma = text.firstIndex(of: ",") else { return nil }
            let surname = Set(NameNormaliser.tokens(String(text[..<comma])).filter { !$0.isInitial })
            let indexes = tokens.indices.filter { surname.contains(tokens[$0]) }
            return indexes.isEmpty ? nil : Requirement(words: indexes, anyOne: true)
        }
        let generic = tokens.map { !$0.isInitial && words.contains($0.description) }
        if kind == nil && !generic.contains(true) { return nil }
        let distinctive = tokens.indices.filter { !tokens[$0].isInitial && !generic[$0] }
        let whole = tokens.indices.filter { !tokens[$0].isInitial }
        return distinctive.isEmpty ? Requirement(words: whole, closed: true) : Requirement(words: distinctive)
    }

    /// What a screened name must contain to hit one list name.
    struct Requirement: Sendable, Hashable {
        /// Token indexes of the list name.
        var words: [Int]
        /// One of `words` is enough (a person's surnames: `ESTRADA GONZALEZ` may be written
        /// `Estrada`); otherwise all are needed.
        var anyOne = false
        /// The list name is all generic words: the screened name may have no other words
        /// (`M AND S TRADING` is not `Moore Trading and Co`).
        var closed = false
    }

    /// Whether a screened word and a required list word are the same word: equal, or (same
    /// first letter) spellings of one another; a company's words of fewer than 8 letters
    /// must be equal (`Andrew`/`Andrea` are other names, `Aerocaribean` a slip).
    static func same(_ query: NameToken, _ word: NameToken, exactBelow: Int) -> Bool {
        if query == word { return true }
        guard query.first == word.first, word.count >= exactBelow else { return false }
        return NameSimilarity.spellingsAgree(query, word)
    }
}
