import Foundation
import Store

extension SchemeSimulator {
    /// The index with one entry per account, in the order they were opened: a window of it
    /// costs what it holds, whatever the bank's size (listing every `Accounts-` stream for each
    /// batch cost a million names in a bank of a million).
    static let openingsIndex = "$et-" + AccountOpened.eventType

    /// The accounts a batch starting at message `sequence` draws from, in order of account id:
    /// every account in a bank of up to `accountsReadUpTo`, else the window of that many that
    /// the batch's number selects (`window(of:size:sequence:)`) over the order of opening;
    /// with the number of accounts in the bank.
    func accountWindow(sequence: UInt64) throws(ViewError) -> (ids: [AccountID], bankSize: Int) {
        let count = try accountsOpened()
        var ids: [AccountID] = []
        for range in Self.window(of: count, size: Self.accountsReadUpTo, sequence: sequence) where !range.isEmpty {
            let entries = try openings(from: .version(Int64(range.lowerBound)), direction: .forward, maxCount: range.count)
            ids += entries.compactMap { event in
                if case .account(let id) = BankStream(name: event.stream) { return id }
                return nil
            }
        }
        return (ids.sorted(), count)
    }

    /// How many accounts were opened: one past the last entry of the openings index.
    private func accountsOpened() throws(ViewError) -> Int {
        guard let last = try openings(from: .end, direction: .backward, maxCount: 1).first else { return 0 }
        return Int((last.link?.version ?? -1) + 1)
    }

    private func openings(from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(ViewError) -> [RecordedEvent] {
        do throws(EventStoreError) {
            return try views.store.read(Self.openingsIndex, from: start, direction: direction, maxCount: maxCount)
        } catch .streamNotFound {
            return []
        } catch {
            throw .store(error)
        }
    }
}
