import Foundation
import Store
import Testing
@testable import Core

/// A small seeded bank on an in-memory store with its processors driven by a pump, for
/// given-events → when → then-events tests.
struct BankFixture {
    static let ada = AccountID(sortCode: "401234", accountNumber: "11111299")!
    static let bob = AccountID(sortCode: "401234", accountNumber: "22222507")!
    static let cora = AccountID(sortCode: "401234", accountNumber: "33333418")!
    static let dan = AccountID(sortCode: "401234", accountNumber: "44444469")!
    static let accounts = [
        SeedAccount(account: ada, holder: "Ada Whitlock", status: .open, openingBalance: Money(pence: 10_000)),
        SeedAccount(account: bob, holder: "Bob Tumbleton", status: .blocked, openingBalance: Money(pence: 5_000)),
        SeedAccount(account: cora, holder: "Cora Pike", status: .closed, openingBalance: .zero),
        SeedAccount(account: dan, holder: "Magda Crowthorne", status: .open, openingBalance: Money(pence: 2_000)),
    ]
    static let sanctioned = [
        SanctionedEntry(entryId: "SN-0001", name: "Boris Vantablack", aliases: ["Borys Wantablak"]),
        SanctionedEntry(entryId: "SN-0002", name: "Magdalena Crowthorne-Vasquez", aliases: ["Magda Crowthorne"]),
    ]
    static let paymentId = UUID(uuidString: "00000000-0000-4000-8000-000000000001")!
    static let at = Date(timeIntervalSince1970: 1_780_000_000)

    let clock: ManualClock
    let store: MemoryEventStore
    var rejectPercent: Int

    init(rejectPercent: Int = 0) async throws {
        clock = ManualClock(Self.at)
        store = MemoryEventStore(clock: clock)
        self.rejectPercent = rejectPercent
        _ = try await BankSeeder(store: store, clock: clock).seed(SeedFiles(accounts: Self.accounts, sanctionedNames: Self.sanctioned))
    }

    /// Fresh processors with fresh caches, as after a restart.
    func processors() -> [any Processor] {
        let views = BankViews(store: store) { SanctionsScreener(entries: $0, threshold: 0.85) }
        let percent = rejectPercent
        return [InboundPaymentProcessor(views: views), OutboundPaymentProcessor(views: views), LedgerProcessor(views: views),
                SchemeAnswerProcessor(views: views, rejectPercent: { percent })]
    }

    /// The scheme sends an inbound payment to this bank.
    func schemeSends(amount: String = "25.00", from: PaymentParty = PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Alice Abbott"),
                     to: PaymentParty = PaymentParty(sortCode: "401234", accountNumber: "11111299", name: "Ada Whitlock"),
                     reference: String = "Invoice 7", id: UUID = paymentId) async throws {
        let sent = InboundPaymentSentByScheme(paymentId: id, scheme: .fps, amount: amount, from: from, to: to, reference: reference)
        let metadata = EventMetadata(correlationId: id.uuidString.lowercased(), causationId: id.uuidString.lowercased())
        _ = try await store.append(to: BankStream.scheme(.fps).name, expected: .any,
                                   events: [BankCodec.eventData(sent, id: DerivedEventID.make(name: "test:\(id)"), metadata: metadata)])
    }

    /// The operator requests an outbound payment.
    func operatorSends(amount: String = "30.00", from: AccountID = ada,
                       to: PaymentParty = PaymentParty(sortCode: "601234", accountNumber: "12345679", name: "Walsh Carter"),
                       reference: String = "Rent", id: UUID = paymentId) async throws {
        let requested = OutboundPaymentRequested(paymentId: id, scheme: .bacs, from: from, amount: amount, to: to, reference: reference, requestedBy: "jo")
        try await append(.payment(.outbound, id), requested)
    }

    /// Appends one event as the test's "given" or "when".
    func append<E: BankEventType>(_ stream: BankStream, _ event: E) async throws {
        let metadata = EventMetadata(correlationId: "test", causationId: "test")
        _ = try await store.append(to: stream.name, expected: .any,
                                   events: [BankCodec.eventData(event, id: DerivedEventID.make(name: "test:\(stream):\(store.headPosition)"), metadata: metadata)])
    }

    /// Runs every processor over the whole log until nothing is left to do.
    @discardableResult
    func run() async throws -> ProcessorPump {
        let pump = ProcessorPump(store: store, processors: processors())
        try await pump.run()
        return pump
    }

    /// The decoded events of a stream (empty when it does not exist).
    func events(_ stream: BankStream) throws -> [BankEvent] {
        guard store.lastVersion(of: stream.name) != nil else { return [] }
        return try store.read(.stream(stream.name)).map { try BankEvent.decode($0) }
    }

    func inbound(_ id: UUID = paymentId) throws -> [BankEvent] { try events(.payment(.inbound, id)) }
    func outbound(_ id: UUID = paymentId) throws -> [BankEvent] { try events(.payment(.outbound, id)) }

    /// Every event of `$all`, handled once more by every processor: must write nothing.
    func redeliverEverything() async throws {
        let pump = ProcessorPump(store: store, processors: processors())
        for event in try store.read(.all) { try await pump.handle(event) }
    }

    static func decision(by: String, reason: String) -> OperatorDecision {
        OperatorDecision(by: by, at: at, reason: reason)
    }
}
