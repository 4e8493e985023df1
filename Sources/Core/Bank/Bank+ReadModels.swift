import Foundation
import Store

/// How the bank's read models started.
public enum ReadModelsOrigin: Sendable, Equatable {
    /// Loaded from a save covering the log up to `position` (nil: an empty log); only the tail is folded.
    case resumed(position: UInt64?)
    /// Folded from the beginning of the log: nothing was saved (nil), or why the save was not used.
    case rebuilt(reason: String?)
}

extension Bank {
    /// How the read models started: resumed from their save, or rebuilt from the log and why.
    public var readModelsOrigin: ReadModelsOrigin { state.withLock { $0.origin } }

    /// How far the read models have folded the log: the position to read next and the store's head.
    public var readModelsProgress: (next: UInt64, head: UInt64) {
        (state.withLock { $0.followPosition }, store.headPosition)
    }

    /// Why the last save of the read models failed (they are folded on regardless, and the
    /// next save tries again), or nil.
    public var readModelsSaveFailure: ReadModelStateError? { state.withLock { $0.saveFailure } }

    /// Loads the saved read models when the configuration has a place for them and they can be
    /// trusted: written by this code, whole, and describing this log (its position is in the
    /// log and holds the event it names). Anything else is rebuilt from the log, and
    /// `readModelsOrigin` says why.
    func resumeReadModels() {
        guard let saved = configuration.readModelState else { return }
        let origin: ReadModelsOrigin
        do throws(ReadModelStateError) {
            guard let found = try saved.load() else {
                state.withLock { state in
                    // Folded from the start: its accounts list writes its pages beside the save.
                    state.readModels = saved.emptyOverview(window: state.readModels.payments.window)
                    state.origin = .rebuilt(reason: nil)
                }
                return
            }
            try check(found)
            state.withLock { state in
                state.readModels = found.overview
                state.followPosition = found.overview.nextPosition
                state.lastEventId = found.lastEventId
            }
            origin = .resumed(position: found.overview.position)
        } catch {
            state.withLock { $0.readModels = saved.emptyOverview(window: $0.readModels.payments.window) }
            origin = .rebuilt(reason: error.description)
        }
        state.withLock { $0.origin = origin }
    }

    /// Throws unless `saved` describes this log.
    private func check(_ saved: SavedOverview) throws(ReadModelStateError) {
        guard let position = saved.overview.position else { return }
        let head = store.headPosition
        guard position < head else { throw .notThisLog("it covers position \(position), the log ends before \(head)") }
        let event: RecordedEvent
        do {
            event = try store.event(at: position)
        } catch {
            throw .notThisLog("the event at position \(position) cannot be read: \(error)")
        }
        guard event.id == saved.lastEventId else { throw .notThisLog("another event is at position \(position)") }
    }

    /// Saves the read models as they are now (not when they stopped at a fault, nor when
    /// nothing changed since the last save). A failure is kept in `readModelsSaveFailure`;
    /// the read models carry on, and the next save tries again.
    ///
    /// The follower saves every `readModelSaveInterval` events, but never sooner than ten times
    /// the last save's duration after it: when most pages change between saves (a million
    /// accounts opened in one batch), saving takes at most a tenth of the follower's time.
    func saveReadModels() {
        guard let saved = configuration.readModelState else { return }
        // One save at a time, in position order: a slow save is never overwritten by an older one.
        saving.withLock { lastSaved in
            let (models, lastEventId) = state.withLock { ($0.readModels, $0.lastEventId) }
            guard models.fault == nil, let lastEventId, let position = models.position else { return }
            if let lastSaved, lastSaved >= position { return }
            let started = clock.now()
            do throws(ReadModelStateError) {
                try saved.save(models, lastEventId: lastEventId)
                lastSaved = position
                let ended = clock.now()
                state.withLock { state in
                    state.unsaved = state.readModels.eventCount - models.eventCount
                    state.saveFailure = nil
                    state.lastSave = (ended, ended.timeIntervalSince(started))
                }
            } catch {
                state.withLock { state in
                    state.unsaved = 0
                    state.saveFailure = error
                }
            }
        }
    }
}
