/// The Sanctions domain's screener is what payment processors screen with.
extension SanctionsScreener: NameScreening {
    public func holding(at threshold: Double) -> any NameScreening { withThreshold(threshold) }
}
