import Foundation
import Store
import Testing
@testable import Core

/// Personal data sealed with a customer's key (AES-256-GCM through libcrypto), and forgotten
/// by deleting the key.
@Suite struct PersonalDataTests {
    static let ada = AccountID(sortCode: "401234", accountNumber: "11111299")!

    /// A key store in a fresh temporary directory (removed by the caller).
    static func keyStore() -> (PersonalData, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pii-keys-\(UUID().uuidString)")
        return (PersonalData(keys: FileCustomerKeyStore(directory: directory, durable: false)), directory)
    }

    @Test func aSealedNameOpensWithItsKeyAndContextOnly() throws {
        let (personalData, directory) = Self.keyStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try personalData.seal("Zebedee Quixotic", owner: .customer(Self.ada), context: "AccountOpened/holder")
        let second = try personalData.seal("Zebedee Quixotic", owner: .customer(Self.ada), context: "AccountOpened/holder")
        #expect(first.hasPrefix("pii:v1:401234-11111299."))
        #expect(!first.contains("Zebedee"))
        #expect(first != second, "a fresh nonce per field")
        #expect(personalData.open(sealed: Substring(first), context: "AccountOpened/holder") == .text("Zebedee Quixotic"))
        #expect(personalData.open(sealed: Substring(first), context: "InboundPaymentReceived/from/name") == .unreadable)
        var tampered = Array(first)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
        #expect(personalData.open(sealed: Substring(String(tampered)), context: "AccountOpened/holder") == .unreadable)
        #expect(try personalData.seal("", owner: .customer(Self.ada), context: "c") == "")
    }

    @Test func forgettingDeletesTheKeyAndANewKeyNeverOpensTheOldText() throws {
        let (personalData, directory) = Self.keyStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sealed = try personalData.seal("Ottoline Farquharson", owner: .customer(Self.ada), context: "AccountOpened/holder")
        let key = try #require(try personalData.keys.currentKey(for: .customer(Self.ada), creating: false))
        let vault = directory.appendingPathComponent("vault.keys")
        let attributes = try FileManager.default.attributesOfItem(atPath: vault.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: directory.path)[.posixPermissions] as? Int) == 0o700)
        #expect(try personalData.forget(.customer(Self.ada)) == true)
        #expect(try Data(contentsOf: vault).range(of: key.material) == nil)
        #expect(try personalData.forget(.customer(Self.ada)) == false)
        #expect(personalData.open(sealed: Substring(sealed), context: "AccountOpened/holder") == .noKey)
        // Data sealed after forgetting gets a new key with a new id; the old text stays forgotten.
        let later = try personalData.seal("New Name", owner: .customer(Self.ada), context: "AccountOpened/holder")
        #expect(later.split(separator: ":")[2] != sealed.split(separator: ":")[2])
        #expect(personalData.open(sealed: Substring(sealed), context: "AccountOpened/holder") == .noKey)
        #expect(personalData.open(sealed: Substring(later), context: "AccountOpened/holder") == .text("New Name"))
    }

    @Test func aBankEventIsSealedByItsWriterAndOpenedByEveryDecodeUntilForgotten() async throws {
        let (personalData, directory) = Self.keyStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = MemoryEventStore(clock: ManualClock(Date(timeIntervalSince1970: 1_780_000_000)))
        PersonalDataKeyring.register(personalData, for: store)
        defer { PersonalDataKeyring.unregister(store) }
        let writer = DomainWriter(identity: WriterIdentity(domain: .accounts, name: "test"), store: store)
        let opened = AccountOpened(account: Self.ada, holder: "Zebedee Quixotic")
        let data = try BankCodec.eventData(opened, id: UUID(), metadata: EventMetadata(correlationId: "c", causationId: "c"))
        try await writer.append(to: .account(Self.ada), expected: .noStream, events: [data])
        let recorded = try store.read(.stream(BankStream.account(Self.ada).name), maxCount: 10)[0]
        let raw = String(decoding: recorded.data, as: UTF8.self)
        #expect(!raw.contains("Zebedee") && raw.contains(#""holder":"pii:v1:401234-11111299."#))
        #expect(try BankEvent.decode(type: recorded.type, data: recorded.data) == .accountOpened(opened))
        #expect(String(decoding: PersonalDataKeyring.opened(recorded.data, type: recorded.type), as: UTF8.self).contains(#""holder":"Zebedee Quixotic""#))
        try personalData.forget(.customer(Self.ada))
        #expect(try BankEvent.decode(type: recorded.type, data: recorded.data)
                == .accountOpened(AccountOpened(account: Self.ada, holder: PersonalData.forgotten)))
        #expect(String(decoding: PersonalDataKeyring.opened(recorded.data, type: recorded.type), as: UTF8.self).contains(#""holder":"[forgotten]""#))
    }

    @Test func theRawJSONViewOpensTheSameFieldsTheDecoderDoes() async throws {
        let (personalData, directory) = Self.keyStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = MemoryEventStore(clock: ManualClock(Date(timeIntervalSince1970: 1_780_000_000)))
        PersonalDataKeyring.register(personalData, for: store)
        defer { PersonalDataKeyring.unregister(store) }
        let paymentId = UUID(uuidString: "00000000-0000-4000-8000-000000000009")!
        let received = InboundPaymentReceived(paymentId: paymentId, scheme: .fps, amount: "5",
                                              from: PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Zebedee Quixotic"),
                                              to: PaymentParty(sortCode: "401234", accountNumber: "11111299", name: "Ada Whitlock"), reference: "rent")
        let held = InboundPaymentHeld(paymentId: paymentId, matches: [
            ScreeningMatch(role: .originator, name: "Zebedee Quixotic", matched: "Zebadiah Quick", entryId: "SN-9", entryName: "Zebadiah Quick", score: 0.9),
        ], threshold: 0.85)
        let writer = DomainWriter(identity: WriterIdentity(domain: .payments, name: "test"), store: store)
        let metadata = EventMetadata(correlationId: "c", causationId: "c")
        try await writer.append(to: .payment(.inbound, paymentId), expected: .noStream, events: [
            try BankCodec.eventData(received, id: UUID(), metadata: metadata), try BankCodec.eventData(held, id: UUID(), metadata: metadata),
        ])
        let events = try store.read(.stream(BankStream.payment(.inbound, paymentId).name), maxCount: 10)
        for event in events {
            #expect(!String(decoding: event.data, as: UTF8.self).contains("Zebedee"))
            let opened = String(decoding: PersonalDataKeyring.opened(event.data, type: event.type), as: UTF8.self)
            #expect(opened.contains("Zebedee Quixotic") && !opened.contains(PersonalData.prefix), "\(event.type): \(opened)")
        }
        // The hold names the payment's account through its first event: sealed with Ada's key.
        #expect(String(decoding: events[1].data, as: UTF8.self).contains("pii:v1:401234-11111299."))
        #expect(try BankEvent.decode(events[1]) == held.wrapped)
    }

    @Test func aStoreWithNoKeyStoreIsWrittenAsBefore() async throws {
        let store = MemoryEventStore(clock: ManualClock(Date(timeIntervalSince1970: 1_780_000_000)))
        let writer = DomainWriter(identity: WriterIdentity(domain: .accounts, name: "test"), store: store)
        let opened = AccountOpened(account: Self.ada, holder: "Ada Whitlock")
        try await writer.append(to: .account(Self.ada), expected: .noStream,
                                events: [try BankCodec.eventData(opened, id: UUID(), metadata: EventMetadata(correlationId: "c", causationId: "c"))])
        let recorded = try store.read(.stream(BankStream.account(Self.ada).name), maxCount: 10)[0]
        #expect(recorded.data == (try BankCodec.encode(opened)))
    }

    @Test func savedReadModelsAreSealedWholeAndRebuiltOnceTheirKeyIsGone() throws {
        let (personalData, directory) = Self.keyStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = directory.appendingPathComponent("read-models")
        var overview = BankOverview()
        let opened = AccountOpened(account: Self.ada, holder: "Zebedee Quixotic")
        try overview.apply(RecordedEvent(stream: BankStream.account(Self.ada).name, version: 0, position: 0, id: UUID(), type: AccountOpened.eventType,
                                         created: Date(timeIntervalSince1970: 0), data: try BankCodec.encode(opened), metadata: Data()),
                           decoded: .accountOpened(opened))
        #expect(try overview.accounts.account(Self.ada)?.holder == "Zebedee Quixotic")
        let saver = FileReadModelStateStore(directory: models, personalData: personalData)
        try saver.save(overview, lastEventId: UUID())
        for name in try FileManager.default.contentsOfDirectory(atPath: models.path) {
            let bytes = try Data(contentsOf: models.appendingPathComponent(name))
            #expect(bytes.range(of: Data("Zebedee".utf8)) == nil, "\(name)")
            #expect(bytes.starts(with: Data("PIIF1 read-models.".utf8)), "\(name)")
        }
        #expect(try FileReadModelStateStore(directory: models, personalData: personalData).load()?.overview.accounts == overview.accounts)
        try personalData.forget(.readModels)
        #expect(throws: ReadModelStateError.corrupt(file: "overview.state", reason: "its key was deleted (a customer was forgotten since it was saved)")) {
            try FileReadModelStateStore(directory: models, personalData: personalData).load()
        }
    }
}
