import Foundation
import Store
import Synchronization

/// The current state processors and commands decide on, each the fold of the streams it
/// comes from, memoised per stream and refreshed by reading only what was appended since.
///
/// Not a read model for the screen (those are `BankReadModels`): this is the write side's view,
/// always current with the store. Thread-safe.
public final class BankViews: Sendable {
    public let store: any EventStore
    public let accounts: StreamFoldCache<AccountState>
    public let ledgers: StreamFoldCache<LedgerState>
    public let inbound: StreamFoldCache<InboundPaymentState>
    public let outbound: StreamFoldCache<OutboundPaymentState>
    let sanctionsList: StreamFoldCache<SanctionsListState>
    /// The bank's settings (the screening's hold threshold).
    let settings: StreamFoldCache<BankSettings>
    /// Events the bank just wrote, still decoded.
    public let decoded = DecodedEvents()
    private let makeScreener: @Sendable ([SanctionedEntry]) -> any NameScreening
    /// The screening of a list version and hold threshold, and the screener it derives from
    /// (built for the list with the configured threshold; a new threshold shares its index).
    private let screenerMemo = Mutex<(version: Int64?, holdAt: Int?, base: (any NameScreening)?, screener: (any NameScreening)?)>((nil, nil, nil, nil))

    /// - Parameter makeScreener: builds the screening for a list (the Sanctions domain's screener).
    /// - Parameter othersWrite: other processes append to the store too (see `StreamFoldCache`);
    ///   by default, whether the store says it has other writers (`PartitionLeasing`).
    public init(store: any EventStore, othersWrite: Bool? = nil, makeScreener: @escaping @Sendable ([SanctionedEntry]) -> any NameScreening) {
        self.store = store
        self.makeScreener = makeScreener
        let shared = othersWrite ?? ((store as? any PartitionLeasing)?.hasOtherWriters ?? false)
        accounts = StreamFoldCache(store: store, initial: .none, fold: { state, event, _ in state.apply(event) }, othersWrite: shared)
        ledgers = StreamFoldCache(store: store, initial: LedgerState(), fold: { state, event, _ throws(FaultReason) in try state.apply(event) },
                                  othersWrite: shared)
        inbound = StreamFoldCache(store: store, initial: .none, fold: { state, event, _ throws(FaultReason) in try state.apply(event) },
                                  isFinished: { $0.step?.isEnd ?? false }, othersWrite: shared)
        outbound = StreamFoldCache(store: store, initial: .none, fold: { state, event, _ throws(FaultReason) in try state.apply(event) },
                                   isFinished: { $0.step?.isEnd ?? false }, othersWrite: shared)
        sanctionsList = StreamFoldCache(store: store, initial: SanctionsListState(),
                                        fold: { state, event, version in state.apply(event, version: version) }, othersWrite: shared)
        settings = StreamFoldCache(store: store, initial: BankSettings(),
                                   fold: { state, event, version in state.apply(event, version: version) }, othersWrite: shared)
    }

    /// Folds a decision just appended into the memo of its stream, so the next step need not
    /// read and decode it back.
    public func record(_ decision: Decision, _ result: AppendResult) {
        // Each memo called as its own type, not through `StreamMemo`: the fold then runs
        // specialised for its state rather than through the state's generic witnesses.
        let (stream, first, events) = (decision.stream, result.firstVersion, decision.events)
        switch stream {
        case .payment(.inbound, _): inbound.record(stream.name, firstVersion: first, events: events)
        case .payment(.outbound, _): outbound.record(stream.name, firstVersion: first, events: events)
        case .ledger: ledgers.record(stream.name, firstVersion: first, events: events)
        case .account: accounts.record(stream.name, firstVersion: first, events: events)
        case .sanctionedNames: sanctionsList.record(stream.name, firstVersion: first, events: events)
        case .settings: settings.record(stream.name, firstVersion: first, events: events)
        case .sanctionsSnapshots, .scheme, .operators, .schedule: break
        }
    }

    /// Drops the memo of a stream an append found had moved (a wrong expected version), so the
    /// next decision on it reads what was appended.
    public func forget(_ stream: BankStream) {
        memo(of: stream)?.forget(stream.name)
    }

    /// The memo that folds `stream` (none for streams no decision reads).
    private func memo(of stream: BankStream) -> (any StreamMemo)? {
        switch stream {
        case .payment(.inbound, _): inbound
        case .payment(.outbound, _): outbound
        case .ledger: ledgers
        case .account: accounts
        case .sanctionedNames: sanctionsList
        case .settings: settings
        case .sanctionsSnapshots, .scheme, .operators, .schedule: nil
        }
    }

    /// One account's current state (`.none` when it was never opened).
    public func account(_ id: AccountID) throws(ViewError) -> AccountState {
        try accounts.state(of: BankStream.account(id).name).state
    }

    /// One account's ledger and its last version.
    public func ledger(_ id: AccountID) throws(ViewError) -> StreamFoldCache<LedgerState>.Folded {
        try ledgers.state(of: BankStream.ledger(id).name)
    }

    /// One account's ledger, for a posting appended to it at the version returned (see
    /// `StreamFoldCache.stateForAppend`).
    public func ledgerForAppend(_ id: AccountID) throws(ViewError) -> StreamFoldCache<LedgerState>.Folded {
        try ledgers.stateForAppend(of: BankStream.ledger(id).name)
    }

    /// The current sanctioned-names list and its version.
    ///
    /// The first call loads the list from its latest snapshot (`SanctionsList.load`), so it
    /// does not replay all history; later calls read only the changes since.
    public func sanctions() throws(ViewError) -> StreamFoldCache<SanctionsListState>.Folded {
        let stream = BankStream.sanctionedNames.name
        if !sanctionsList.isMemoised(stream) {
            do {
                let list = try SanctionsList.load(from: store)
                sanctionsList.start(stream, with: .init(state: list.state, version: list.version))
            } catch let error as EventStoreError {
                throw .store(error)
            } catch {
                // A malformed snapshot: fall back to folding the stream itself, which reports what it cannot decode.
            }
        }
        return try sanctionsList.state(of: stream)
    }

    /// The screening for the current list (remembering each name's result) at the hold
    /// threshold a supervisor set (`ScreeningThresholdSet`; else the configured one): rebuilt
    /// when the list changed, re-derived from the same index when only the threshold did.
    public func screening() throws(ViewError) -> any NameScreening {
        let list = try sanctions()
        let settings = try settings.state(of: BankStream.settings.name).state
        let holdAt = settings.screeningHoldAtIsSet ? settings.screeningHoldAt : nil
        return screenerMemo.withLock { memo in
            if let screener = memo.screener, memo.version == list.version, memo.holdAt == holdAt { return screener }
            let base = memo.version == list.version ? memo.base ?? makeScreener(list.state.entries) : makeScreener(list.state.entries)
            let screener = MemoizedScreening(holdAt.map { base.holding(at: Double($0) / 100) } ?? base)
            memo = (list.version, holdAt, base, screener)
            return screener
        }
    }
}
