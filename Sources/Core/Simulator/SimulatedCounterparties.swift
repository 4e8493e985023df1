import Foundation
import Store

/// The names on the other side of the simulator's payments: ordinary UK people and companies
/// (`OrdinaryUKNames`), and, for the sanctioned kind, a name from the bank's sanctions list
/// written as a payment would carry it, half the time as one of its near-variants
/// (`RealListVariants`: word order, accents, a slip, a transliteration, an alias …), so a
/// hold carries the evidence a real one would.
enum SimulatedCounterparties {
    /// An ordinary person's name (one in four a company's when `companies` is true).
    static func ordinary(_ rng: inout SplitMix64, companies: Bool = true) -> String {
        var names = OrdinaryUKNames(seed: rng.next())
        return companies && rng.next() % 4 == 0 ? names.company() : names.person()
    }

    /// A name from `entries`: the entry's own name or alias, or a near-variant of it; an
    /// ordinary name when the list is empty.
    static func listed(_ rng: inout SplitMix64, entries: [SanctionedEntry]) -> String {
        guard !entries.isEmpty else { return ordinary(&rng) }
        let entry = entries[Int(rng.next() % UInt64(entries.count))]
        var variants = RealListVariants(seed: rng.next(), entries: [])
        if rng.next() % 2 == 0 {
            // A near-variant: each kind in turn from a random start, the first that applies.
            let kinds = RealListVariants.Kind.allCases
            let start = Int(rng.next() % UInt64(kinds.count))
            for offset in 0..<kinds.count {
                if let name = variants.variant(of: entry, kinds[(start + offset) % kinds.count]), fits(name) { return name }
            }
        }
        // Written as a payment would (`Vladimir Putin`, not `PUTIN, Vladimir`).
        let names = ([entry.name] + entry.aliases).map { RealListVariants.natural($0, person: entry.kind == "individual").joined(separator: " ") }
            .filter(fits)
        guard !names.isEmpty else { return ordinary(&rng) }
        return names[Int(rng.next() % UInt64(names.count))]
    }

    /// Whether a payment can carry `name`: at most 50 characters of the schemes' set (so the
    /// payment is screened, not returned as malformed).
    static func fits(_ name: String) -> Bool {
        name.count <= 50 && PaymentValidation.isSchemeText(name) && !name.trimmingCharacters(in: .whitespaces).isEmpty
    }
}
