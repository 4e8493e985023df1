import Foundation
import Store
import Testing
@testable import Core

/// `pacs.008` in and out of the bank: the simulator writes its payments as messages, another
/// bank imports them and makes the same payments; importing again makes none.
@Suite struct Pacs008ImportTests {
    /// A fresh directory for the simulator's files.
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pacs008-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every message in `directory`, read and checked, in name order.
    static func messages(in directory: URL) throws -> [Pacs008Message] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { name in
            try Pacs008Reader.read(Data(contentsOf: directory.appendingPathComponent(name))).get()
        }
    }

    /// The payment's `InboundPaymentReceived`.
    static func received(_ id: UUID, in store: any EventStore) throws -> InboundPaymentReceived {
        let first = try #require(try store.read(BankStream.payment(.inbound, id).name).first)
        guard case .inboundPaymentReceived(let received) = try BankEvent.decode(type: first.type, data: first.data) else {
            throw Pacs008Error(path: "test", reason: "the first event is \(first.type)")
        }
        return received
    }

    @Test func paymentsTheSimulatorWritesAsPacs008ImportAsTheSamePayments() async throws {
        let folder = try Self.directory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sender, senderStore, _) = try await openTestBank(seed: 7)
        sender.simulator.update { $0.mix = [.valid: 8, .blockedOrClosed: 1, .poison: 1] }
        sender.simulator.writePacs008(to: Pacs008Output(directory: folder))
        let sent = try await sender.simulator.sendNext(40)
        let payments = sent.compactMap { message -> InboundPaymentSentByScheme? in
            if case .payment(let payment) = message { return payment }
            return nil
        }
        #expect(payments.count > 30 && payments.count < 40) // poison messages are not payments and are not written
        #expect(payments.allSatisfy { $0.iso?.uetr == $0.paymentId.lowercasedString })

        let messages = try Self.messages(in: folder)
        #expect(messages.flatMap(\.payments).sorted { $0.paymentId.uuidString < $1.paymentId.uuidString }
            == payments.sorted { $0.paymentId.uuidString < $1.paymentId.uuidString })

        let (receiver, receiverStore, _) = try await openTestBank(seed: 8)
        let imported = try await receiver.importPayments(messages)
        #expect(imported.flatMap { $0 }.allSatisfy { $0.status == .sent })
        for payment in payments {
            let there = try await sender.waitUntilAtRest(.inbound, payment.paymentId)
            let here = try await receiver.waitUntilAtRest(.inbound, payment.paymentId)
            #expect(here.status == there.status)
            #expect(here.amount == there.amount && here.account == there.account && here.reason == there.reason)
            #expect(try Self.received(payment.paymentId, in: receiverStore) == Self.received(payment.paymentId, in: senderStore))
        }
        for account in Set(payments.compactMap(\.to.account)) {
            let balance = try receiver.account(sortCode: account.sortCode.digits, accountNumber: account.accountNumber.digits).balance
            #expect(balance == (try sender.account(sortCode: account.sortCode.digits, accountNumber: account.accountNumber.digits).balance))
        }
        // Back into the bank that sent them: every one is there already, nothing is written.
        let head = senderStore.headPosition
        let again = try await sender.importPayments(messages)
        #expect(again.flatMap { $0 }.allSatisfy { $0.status == .alreadyImported })
        #expect(senderStore.headPosition == head)
        await sender.close()
        await receiver.close()
    }

    @Test func importingTheSameMessageTwiceMakesOnePayment() async throws {
        let (bank, store, _) = try await openTestBank()
        let data = try Pacs008ReaderTests.sample("pacs008-valid.xml")
        let message = try Pacs008Reader.read(data).get()
        let first = try await bank.importPayments([message, message])
        #expect(first.map { $0.map(\.status) } == [[.sent, .sent], [.alreadyImported, .alreadyImported]])
        let outcome = try await bank.waitUntilAtRest(.inbound, message.transactions[0].uetr)
        #expect(outcome.status == .settled)
        #expect(outcome.balanceAfter == Money(pence: 1_375_000))
        let schemeEvents = store.lastVersion(of: BankStream.scheme(.chaps).name)
        let second = try await bank.importPayments([message])
        #expect(second.map { $0.map(\.status) } == [[.alreadyImported, .alreadyImported]])
        #expect(store.lastVersion(of: BankStream.scheme(.chaps).name) == schemeEvents)
        #expect(try bank.account(sortCode: "401234", accountNumber: "10000329").balance == Money(pence: 1_375_000))
        await bank.close()
    }

    @Test func anImportedPaymentCarriesItsIsoIdsIntoTheReadModels() async throws {
        let (bank, store, _) = try await openTestBank()
        let message = try Pacs008Reader.read(try Pacs008ReaderTests.sample("pacs008-valid.xml")).get()
        _ = try await bank.importPayments([message])
        let id = message.transactions[1].uetr
        _ = try await bank.waitUntilAtRest(.inbound, id)
        let read = try #require(try EntityReads.payment(id, in: store))
        let summary = try #require(read.models.payments.payment(id))
        #expect(summary.iso == IsoPaymentIds(messageId: "CHAPS20261204BANKA0001", endToEndId: "RENT-DEC-2026",
                                            uetr: "3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56"))
        #expect(summary.state == .settled)
        await bank.close()
    }

    @Test func anImportedPaymentToAnAccountFailingTheModulusCheckIsReturned() async throws {
        let (bank, _, _) = try await openTestBank()
        let text = String(decoding: try Pacs008ReaderTests.sample("pacs008-valid.xml"), as: UTF8.self)
            .replacingOccurrences(of: "<Id>10000329</Id>", with: "<Id>10000328</Id>")
        let message = try Pacs008Reader.read(Data(text.utf8)).get()
        _ = try await bank.importPayments([message])
        let outcome = try await bank.waitUntilAtRest(.inbound, message.transactions[0].uetr)
        #expect(outcome.status == .returned)
        #expect(outcome.reason?.detail.contains("fails modulus check") == true)
        await bank.close()
    }
}
