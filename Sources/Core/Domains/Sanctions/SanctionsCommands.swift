import Foundation
import Store

/// The Sanctions domain's commands: adding and removing names through `SanctionsList` (the
/// mutable collection backed by `SanctionedNames`), appended at the list's exact version, and
/// the snapshot it offers every `snapshotEvery` changes.
public enum SanctionsCommands {
    /// The decision adding `name` with `aliases` under the next never-used `SN-nnnn` id.
    public static func add(name: String, aliases: [String], by: String, list: SanctionsList) -> Result<Decision, BankError> {
        do {
            let added = try list.adding(name: name, aliases: aliases, by: by)
            return .success(decision(added, step: "add", list: list, correlation: added.entry.entryId))
        } catch {
            return .failure(refusal(error))
        }
    }

    /// The decision removing the entry whose id or primary name is `nameOrId`.
    public static func remove(_ nameOrId: String, by: String, list: SanctionsList) -> Result<Decision, BankError> {
        do {
            let removed = try list.removing(nameOrId.trimmingCharacters(in: .whitespaces), by: by)
            return .success(decision(removed, step: "remove", list: list, correlation: removed.entryId))
        } catch {
            return .failure(refusal(error))
        }
    }

    /// The snapshot to append, if the list offers one.
    public static func snapshot(of list: SanctionsList) -> Decision? {
        guard let snapshot = list.snapshotDue else { return nil }
        return snapshotDecision(snapshot)
    }

    /// The decision appending `snapshot`, in parts when it is too large for one event.
    public static func snapshotDecision(_ snapshot: SanctionsListSnapshotTaken) -> Decision {
        let parts = SanctionsListSnapshotTaken.parts(version: snapshot.version, entries: snapshot.entries)
        return Decision(stream: .sanctionsSnapshots, expected: .any, events: parts.map { part in
            PendingEvent(part, step: "snapshot@\(snapshot.version)" + (part.part.map { "#\($0)" } ?? ""),
                         correlationId: BankStream.sanctionedNames.name)
        })
    }

    private static func decision<E: BankEventType>(_ event: E, step: String, list: SanctionsList, correlation: String) -> Decision {
        Decision(stream: .sanctionedNames, expected: Decision.after(list.version),
                 events: [PendingEvent(event, step: "\(step)@\(list.version ?? -1)", correlationId: correlation)])
    }

    static func refusal(_ refusal: SanctionsList.Refusal) -> BankError {
        switch refusal {
        case .emptyName: .invalidName("the name is empty")
        case .nameTooLong(let name): .invalidName("longer than \(SanctionsList.maxNameLength) characters: \(name)")
        case .alreadyListed(let entryId, let name): .alreadySanctioned(name: name, entryId: entryId)
        case .notListed(let what): .notSanctioned(what)
        }
    }
}
