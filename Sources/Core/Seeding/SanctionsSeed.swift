/// Which sanctions list a new bank is seeded with.
public enum SanctionsSeed: String, Sendable, Hashable, CaseIterable {
    /// OFAC's real SDN list shipped in `seeds/sanctions/` (imported as `sanctions import` does:
    /// a diff, then a snapshot). What the console and `bank-console` seed a data directory with.
    case ofac
    /// The dozen invented names of `seeds/sanctioned-names.txt`: small and fast, for tests that
    /// need a list they can name entries of.
    case fictional

    /// What `BANK_SEED_SANCTIONS` says (`ofac`, the default, or `fictional`); nil when it names
    /// neither.
    public static func named(_ value: String?) -> SanctionsSeed? {
        guard let value, !value.isEmpty else { return .ofac }
        return SanctionsSeed(rawValue: value.lowercased())
    }
}
