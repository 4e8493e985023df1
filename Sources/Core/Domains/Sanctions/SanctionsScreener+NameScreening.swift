/// The Sanctions domain's screener is what payment processors screen with.
extension SanctionsScreener: NameScreening {}
