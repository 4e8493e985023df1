extension ReadModelStateStore {
    /// An empty overview, its accounts list kept in memory.
    public func emptyOverview(window: Int) -> BankOverview { BankOverview(window: window) }
}
