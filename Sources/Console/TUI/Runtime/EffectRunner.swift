import Foundation
import Store

/// Performs `Effect`s off the UI thread and posts what came of them to the `Inbox`.
struct EffectRunner: Sendable {
    let reader: StoreReader
    let inbox: Inbox
    /// Carries out an operator's action against the bank.
    let performAction: @Sendable (Action) async -> CommandResult

    func run(_ effect: Effect) {
        let reader = reader, inbox = inbox, performAction = performAction
        switch effect {
        case .quit:
            return
        case .loadStreams:
            Task.detached { inbox.post(.streamsLoaded(reader.streams())) }
        case let .loadPage(stream, from, count):
            Task.detached {
                do throws(EventStoreError) {
                    inbox.post(.pageLoaded(try reader.page(of: stream, from: from, count: count)))
                } catch {
                    inbox.post(.loadFailed("\(stream): \(error)"))
                }
            }
        case let .loadEvent(stream, version, via):
            Task.detached {
                do throws(EventStoreError) {
                    inbox.post(.eventLoaded(try reader.detail(stream: stream, version: version, via: via)))
                } catch {
                    inbox.post(.loadFailed("\(stream)@\(version): \(error)"))
                }
            }
        case .perform(let action):
            Task.detached { inbox.post(.commandFinished(await performAction(action))) }
        }
    }
}
