import Foundation
@testable import ConsoleUI

/// Fixed inputs for the console's tests: a clock that never moves and small stores of streams.
enum Fixture {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func state(width: Int = 80, height: Int = 24) -> State {
        State(size: Size(width: width, height: height), glyphs: .unicode, now: now)
    }

    static let streams: [StreamsState.StreamInfoRow] = [
        .init(name: "Accounts-401234-12345706", lastVersion: 0),
        .init(name: "Accounts-401234-87654529", lastVersion: 1),
        .init(name: "Ledger-401234-12345706", lastVersion: 3),
        .init(name: "Payments-Inbound-19b2aa00-0000-4000-8000-00000000000e", lastVersion: 4),
        .init(name: "SanctionedNames", lastVersion: 2),
        // The store's own streams, hidden from the list until `s` shows them.
        .init(name: "$$$projections-accounts-by-status-checkpoint", lastVersion: 0),
        .init(name: "$persistentSubscriptionConfig", lastVersion: 2),
    ]

    /// Events of each type in the fixture log, the store's own (`$…`) included.
    static let eventTypes: [String: Int64] = [
        "AccountOpened": 2, "InboundPaymentHeld": 1, "LedgerEntryPosted": 4, "$PersistentConfig": 3, "$ProjectionCheckpoint": 1,
    ]

    /// A state on the Streams pane with the fixture streams loaded.
    static func streamsState(width: Int = 80, height: Int = 24) -> State {
        var state = state(width: width, height: height)
        state.pane = .streams
        state.storePosition = 13
        state.streams.streams = streams
        state.streams.eventTypes = eventTypes
        state.streams.streamsIndexCount = 7
        return state
    }

    /// The stream browser showing `detail`, opened from `page()`.
    static func streamsDetailState() -> State {
        var state = streamsState()
        state.streams.mode = .detail
        state.streams.page = page()
        state.streams.detail = detail
        return state
    }

    static func page(stream: String = "$ce-Ledger", from: Int64 = 0, count: Int = 4, total: Int64 = 4) -> StreamPage {
        var rows: [EventRow] = []
        for index in 0..<count {
            let number = from + Int64(index)
            let position = UInt64(3 + index * 2)
            let created = now.addingTimeInterval(Double(index))
            rows.append(EventRow(number: number, event: EventHeading(stream: "Ledger-401234-12345706", version: number,
                                                                    position: position, type: "LedgerEntryPosted", created: created)))
        }
        return StreamPage(stream: stream, from: from, rows: rows, total: total)
    }

    static var detail: EventDetail {
        EventDetail(row: page().rows[1], id: "6f1c0a1e-0000-4000-8000-000000000001", via: "$ce-Ledger",
                    dataLines: ["{", "  \"amount\" : \"52.10\",", "  \"entry\" : 1", "}"],
                    metadataLines: ["{", "  \"$causationId\" : \"abc\",", "  \"$correlationId\" : \"19b2\"", "}"])
    }
}

/// Applies messages in order and returns the final state with every effect asked for.
func run(_ state: State, _ messages: [Msg]) -> (State, [Effect]) {
    var current = state
    var effects: [Effect] = []
    for message in messages {
        let (next, more) = update(current, message)
        current = next
        effects += more
    }
    return (current, effects)
}

func keys(_ text: String) -> [Msg] {
    text.map { .keyPressed(.char($0)) }
}
