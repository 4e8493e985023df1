extension BankSession {
    /// Whether a command's bank folds the whole log into its bank-wide read models.
    ///
    /// Where it does on a data directory, they are resumed from `read-models/` and saved there
    /// again when the bank closes, so the console opens on them without folding the log.
    enum Folding: Sendable, Equatable {
        /// It does not: the command reads only the streams it needs (the write commands).
        case off
        /// It does, on any store, and shows them (`run`'s progress).
        case always
        /// Only where they are saved (a data directory): `seed` folds what it wrote for the
        /// console's sake, which on a store with nowhere to save them would be work for nothing.
        case whereSaved
    }
}
