import Foundation
import Store

/// The console's live feed: the events of `$all` after those its views already cover, into
/// the inbox, in order — waiting while the inbox is full, so memory stays bounded however far
/// behind the UI is.
enum LiveFeed {
    /// Events posted between two looks at the inbox's room (so the inbox holds at most its
    /// capacity plus this many).
    static let checkEvery = 256

    /// Runs until cancelled or the store closes; a read error is posted as `.loadFailed`.
    /// - Parameter position: the last position the console's views cover (nil: none).
    static func run(store: any EventStore, after position: UInt64?, inbox: Inbox) async {
        let start: SubscriptionStart = position.map { .after(Int64($0)) } ?? .beginning
        var posted = 0
        do {
            for try await message in store.subscribe(to: .all, from: start) {
                guard case .event(let event) = message else { continue }
                if posted % checkEvery == 0 { await inbox.roomForEvents() }
                if Task.isCancelled { return }
                inbox.post(event: event)
                posted += 1
            }
        } catch {
            inbox.post(.loadFailed("live feed stopped: \(error)"))
        }
    }
}
