import Foundation
import Store
@testable import Core

/// A tiny bank history written by hand, with a clock that ticks one second per event.
struct HandWrittenLog {
    var log = RecordedEventLog()
    var clock = Date(timeIntervalSince1970: 1_780_000_000)
    var nextId: UInt8 = 0

    static let ada = AccountID(sortCode: "401234", accountNumber: "12345706")!
    static let bob = AccountID(sortCode: "401234", accountNumber: "87654529")!
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func paymentId(_ n: UInt8) -> UUID {
        UUID(uuid: (0xAA, n, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, n))
    }

    mutating func id() -> UUID {
        nextId &+= 1
        return UUID(uuid: (0xEE, nextId, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0))
    }

    mutating func add<E: BankEventType>(_ event: E, _ stream: BankStream) throws {
        try log.append(event, to: stream, at: clock, id: id())
        clock = clock.addingTimeInterval(1)
    }

    var events: [RecordedEvent] { log.events }
}
