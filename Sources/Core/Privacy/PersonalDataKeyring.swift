import Store
import Synchronization

/// The key stores this process has open, each for the event store it belongs to: the bank's
/// codec seals through the one registered for the store it writes (`DomainWriter`), and opens
/// a sealed field with whichever registered store has its key (`BankEvent.decode`).
///
/// Whoever opens a data directory or database registers its key store (the command line's
/// store opener, the console, `Bank.open(directory:)`, `BankConfiguration.personalData`) and
/// unregisters it at close. A store with none registered is written in plain text (the
/// in-memory stores of tests); a sealed field no registered store can open reads as
/// `PersonalData.forgotten`. Key ids carry 96 random bits, so two stores never answer for the
/// same id. Thread-safe.
public enum PersonalDataKeyring {
    /// A registration: the store is held weakly, so one freed without unregistering is never
    /// mistaken for a new store that happens to get its address.
    private struct Entry {
        weak var store: (any EventStore)?
        let personalData: PersonalData

        func belongs(to other: any EventStore) -> Bool { store.map { $0 === other } ?? false }
    }

    private static let entries = Mutex<[Entry]>([])

    /// Registers `personalData` as the key store of `store` (replacing an earlier one).
    public static func register(_ personalData: PersonalData, for store: any EventStore) {
        entries.withLock { entries in
            entries.removeAll { $0.store == nil || $0.belongs(to: store) }
            entries.append(Entry(store: store, personalData: personalData))
        }
    }

    /// Forgets the key store of `store` (at its close).
    public static func unregister(_ store: any EventStore) {
        entries.withLock { $0.removeAll { $0.store == nil || $0.belongs(to: store) } }
    }

    /// The key store registered for `store`, if any.
    public static func personalData(for store: any EventStore) -> PersonalData? {
        entries.withLock { $0.first { $0.belongs(to: store) }?.personalData }
    }

    /// `text` opened when it is sealed (`forgotten` when no registered store has its key,
    /// `unreadable` when it does not open); any other text as it is.
    public static func open(_ text: String, context: String) -> String {
        guard text.hasPrefix(PersonalData.prefix) else { return text }
        let candidates = entries.withLock { $0.filter { $0.store != nil }.map(\.personalData) }
        for candidate in candidates {
            switch candidate.open(sealed: Substring(text), context: context) {
            case .text(let plain): return plain
            case .unreadable: return PersonalData.unreadable
            case .noKey: continue
            }
        }
        return PersonalData.forgotten
    }
}
