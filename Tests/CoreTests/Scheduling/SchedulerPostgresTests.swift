import Foundation
import PostgresStore
import Store
import Testing
@testable import Core

/// `BANK_TEST_POSTGRES`: a libpq URI of a server the tests may make schemas in; unset, skipped.
private let postgresURI: String? = ProcessInfo.processInfo.environment["BANK_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

/// Two banks' schedulers on one PostgreSQL database, ticking at once. (The PostgreSQL backend
/// admits one writing process per database today, so both banks share one store here; the
/// claim's exact expected version is what PostgreSQL checks either way.)
@Test(.enabled(if: postgresURI != nil, "BANK_TEST_POSTGRES is not set"))
func twoBanksOnOnePostgresDatabaseClaimEachOccurrenceOnce() async throws {
    let uri = try #require(postgresURI)
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let clock = ManualClock()
    let first = try PostgresEventStore.open(uri: uri, options: PostgresStoreOptions(schema: schema, clock: clock, readConnections: 2))
    let second = first
    defer {
        do { try PostgresEventStore.dropSchema(schema, uri: uri) } catch { Issue.record("could not drop schema \(schema): \(error)") }
    }
    let configuration = BankConfiguration(seed: 7, subscriptionTick: nil, followsLog: false, creator: "operator")
    let bank = try await Bank(store: first, clock: clock, configuration: configuration)
    try await bank.addOperator("jo", role: .operator, reason: "test staff", by: "operator")
    var ids: [UUID] = []
    for index in 0..<4 {
        ids.append(try await bank.schedule(standingPayment("2.0\(index)"), timing: PaymentTiming(on: "2026-06-0\(index + 1)", every: "week"), by: "jo").id)
    }
    let other = try await Bank(store: second, clock: clock, configuration: BankConfiguration(seed: 8, seedWhenEmpty: false, subscriptionTick: nil, followsLog: false))
    clock.set(bankDay("2026-06-30").start)
    async let a = bank.scheduler.tick()
    async let b = other.scheduler.tick()
    let (made, madeElsewhere) = try await (a, b)
    // Weekly from 1–4 June to 30 June (due at its start): 5, 5, 4, 4 occurrences. A payment
    // both schedulers wrote (one claimed, the other finished it) is stored once, counted twice.
    #expect(made + madeElsewhere >= 18)
    let payments = try requestedPayments(in: first)
    #expect(payments.count == 18)
    #expect(Set(payments.map(\.paymentId)).count == 18)
    for id in ids {
        let claimed = try claims(of: id, in: second)
        #expect(claimed.map(\.occurrence) == Array(1...claimed.count))
    }
    await other.close()
    await bank.close()
    await first.close()
}
