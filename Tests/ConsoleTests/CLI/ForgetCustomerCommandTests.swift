import Core
import Foundation
import Store
import Testing
@testable import Console

/// `forget-customer` on a real data directory: names are never on disk in plain text, and once
/// a customer is forgotten every view shows `[forgotten]` while money and the audit trail stay.
@Suite(.serialized) struct ForgetCustomerCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("forget-customer-\(UUID().uuidString)")
    var directory: URL { root.appendingPathComponent("bank-data") }
    static let names = ["Zebedee Quixotic", "Ottoline Farquharson", "Wilhelmina Pargeter", "Ada Whitlock"]
    static let ada = AccountID(sortCode: "401234", accountNumber: "10000329")!

    /// Runs a command line on the file store in `root`, as the real binary does.
    func run(_ arguments: [String]) async -> CLIHarness.Run {
        let output = BufferedOutput(), errors = BufferedOutput()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
        let environment = CommandEnvironment(
            standardOutput: output, standardError: errors, standardInput: .bytes(Data()),
            variables: ["BANK_OPERATOR": "sam"], workingDirectory: root, clock: clock, stores: FileStoreProvider(durability: .os),
            seed: BankSession.seed(clock: clock), projections: { [] }, console: nil)
        let status = await CommandLineTool(environment: environment).run(arguments)
        return CLIHarness.Run(status: status, output: output.text, errors: errors.text)
    }

    func run(_ line: String) async -> CLIHarness.Run { await run(line.split(separator: " ").map(String.init)) }

    /// Every file under the data directory that holds `text`'s bytes.
    func filesHolding(_ text: String) throws -> [String] {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { url in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return false }
            return try Data(contentsOf: url).range(of: Data(text.utf8)) != nil
        }.map(\.lastPathComponent)
    }

    @Test func namesNeverReachTheDiskAndAForgottenCustomerReadsForgottenEverywhereWithMoneyIntact() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(await run("seed").status == 0)
        #expect(await run(["pay", "--to", "401234", "10000329", "--amount", "12.34", "--from-name", "Zebedee Quixotic",
                           "--to-name", "Ottoline Farquharson", "--reference", "rent"]).status == 0)
        let sent = await run(["send", "--from", "401234", "10000329", "--to", "200000", "12345803", "--amount", "2.34",
                              "--to-name", "Wilhelmina Pargeter"])
        #expect(sent.status == 0 && sent.output.contains("of £2.34"), "\(sent)")
        let held = await run(["pay", "--to", "401234", "10000329", "--amount", "1", "--from-name", "Vladimir Putin", "--to-name", "Ada W"])
        #expect(held.output.contains("held for sanctions review"))
        // `run` folds the whole log and saves the bank-wide views in read-models/ at its close.
        #expect(await run("run --for 0 --rate 0").status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("read-models/overview.state").path))
        for name in Self.names {
            #expect(try filesHolding(name) == [], "\(name) on disk in plain text")
        }
        #expect(await run("account 401234 10000329").output.contains("Ada Whitlock"), "the holder reads back while the key is there")
        let balanceBefore = await run("balance 401234 10000329").output
        #expect(balanceBefore.hasPrefix("40-12-34 10000329 Ada Whitlock: £12,5"), "\(balanceBefore)")

        let key = try #require(try keyOf(.customer(Self.ada)))
        #expect(try keyOf(.readModels) != nil)
        let forgotten = await run(["forget-customer", "401234", "10000329", "--reason", "customer asked"])
        #expect(forgotten.status == 0, "\(forgotten)")
        #expect(forgotten.output.hasPrefix("40-12-34 10000329: personal data forgotten (key \(key.id) deleted; customer asked)\n"))
        #expect(try keyOf(.customer(Self.ada)) == nil && keyOf(.readModels) == nil)
        #expect(try Data(contentsOf: directory.appendingPathComponent("keys/vault.keys")).range(of: key.material) == nil,
                "the key's slot is overwritten")

        #expect(await run("balance 401234 10000329").output == balanceBefore.replacingOccurrences(of: "Ada Whitlock", with: "[forgotten]"))
        let ledger = await run("ledger 401234 10000329 --csv").output
        #expect(ledger.contains("12.34") && ledger.contains("2.34") && ledger.contains("[forgotten]"), "\(ledger)")
        #expect(!ledger.contains("Zebedee") && !ledger.contains("Wilhelmina"))
        let raw = await run(["read", "Accounts-401234-10000329", "--json"]).output
        #expect(raw.contains(#""holder":"[forgotten]""#))
        let payments = await run(["read", "$ce-Payments", "--json"]).output
        #expect(!payments.contains("Zebedee") && !payments.contains("Ottoline") && payments.contains("[forgotten]"))
        let audit = await run("audit --action forget").output
        #expect(audit.contains("sam") && audit.contains("customer asked") && audit.contains("personal data forgotten"))
        // The read models saved before were sealed with a key forgetting deleted: rebuilt, without the names.
        #expect(await run("run --for 0 --rate 0").status == 0)
        #expect(await run(["accounts", "--json"]).output.contains(#""accountNumber":"10000329","name":"[forgotten]""#))

        // Idempotent: nothing more to delete, nothing written.
        let again = await run(["forget-customer", "401234", "10000329", "--reason", "again"])
        #expect(again.status == 0 && again.output == "40-12-34 10000329: already forgotten; nothing written\n")
        // The bank no longer knows the holder's name, so a payment must bring it: refused, nothing written.
        let positionBefore = await run(["read", "$all", "--backward", "--count", "1", "--json"]).output
        let nameless = await run(["pay", "--to", "401234", "10000329", "--amount", "1"])
        #expect(nameless.status == 1 && nameless.errors == "bank-console pay: the name of the holder of 40-12-34 10000329 has been forgotten: "
            + "give the beneficiary's name (--to-name)\n", "\(nameless)")
        #expect(await run(["read", "$all", "--backward", "--count", "1", "--json"]).output == positionBefore)
        // A payment that arrives later is screened on its real names, and sealed with a new key.
        let later = await run(["pay", "--to", "401234", "10000329", "--amount", "1", "--from-name", "Vladimir Putin", "--to-name", "A Customer"])
        #expect(later.output.contains("held for sanctions review: Vladimir Putin ~ PUTIN, Vladimir"))
        #expect(try filesHolding("A Customer") == [])
    }

    @Test func anUnknownAccountOrAMissingReasonIsRefusedAndWritesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(await run("seed").status == 0)
        let unknown = await run(["forget-customer", "401234", "99999999", "--reason", "x"])
        #expect(unknown.status == 1 && unknown.errors == "bank-console forget-customer: no account 40-12-34 99999999 at this bank\n")
        let noReason = await run(["forget-customer", "401234", "10000329"])
        #expect(noReason.status == 2 && noReason.errors.contains("needs a reason"))
        #expect(try keyOf(.customer(Self.ada)) != nil)
    }

    /// The key the data directory's vault holds for `owner` now.
    private func keyOf(_ owner: KeyOwner) throws -> CustomerKey? {
        try FileCustomerKeyStore(directory: directory.appendingPathComponent("keys")).currentKey(for: owner, creating: false)
    }
}
