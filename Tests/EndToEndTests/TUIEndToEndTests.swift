import Foundation
import Store
import Testing

/// The console end to end: the real `bank-console` in tmux, driven with keys, checked on the
/// screen and in the store. Skipped (with a message) when tmux is not installed.
@Suite(.serialized, .enabled(if: TUITmux.tmuxPath != nil, "tmux is not installed; the console's end-to-end tests need it"))
struct TUIEndToEndTests {
    /// From the bundled seeds: an open account, and a name on the invented sanctions list
    /// (`BANK_SEED_SANCTIONS=fictional`, see `TUITmux`).
    static let openAccount = (sortCode: "401234", number: "10000469")
    static let sanctionedName = "Boris Vantablack"

    /// Starts the console, waits for it to be up, and pauses the simulator so only the test's
    /// own payments move.
    func start(width: Int = 120, height: Int = 40) async throws -> TUITmux {
        let console = try TUITmux(width: width, height: height)
        // A fresh data directory is created and seeded first: under the whole suite on two
        // cores (a debug build) that alone has taken more than 30 s.
        try await console.waitFor("Pipeline", timeout: 180)
        try await console.waitFor("sim ▶")
        try console.press("p")
        try await console.waitFor("sim paused")
        return console
    }

    /// Sends a payment from a sanctioned name with `:pay`, waits until it is held, and puts the
    /// held queue's cursor on it; returns its id (read from the evidence panel).
    func holdAPayment(_ console: TUITmux, amount: String) async throws -> String {
        try console.press(":")
        try console.type("pay \(Self.openAccount.sortCode) \(Self.openAccount.number) \(amount) \(Self.sanctionedName)")
        try console.press("Enter")
        try await console.waitFor(": held")
        try console.press("2")
        func heldRows(_ screen: String) -> [String] {
            screen.split(separator: "\n").map(String.init).filter { $0.contains("│") && $0.contains("…") && $0.contains("─▶") }
        }
        // Waits for the held pane drawn with the payment's row (a capture may catch the redraw half done).
        let screen = try await console.waitFor("the held payment of \(amount) listed") { screen in
            screen.contains("Held payments") && heldRows(screen).contains { $0.contains(amount) }
        }
        let rows = heldRows(screen)
        guard let index = rows.firstIndex(where: { $0.contains(amount) }) else {
            Issue.record("the held payment of \(amount) is not listed:\n\(screen)")
            throw TUITmux.TimedOut()
        }
        for _ in 0..<index { try console.press("j") }
        let selected = try await console.waitFor("cursor on \(amount)") { screen in
            screen.split(separator: "\n").contains { $0.contains("▸") && $0.contains(amount) }
        }
        guard let idLine = selected.split(separator: "\n").first(where: { $0.contains("│ id ") }),
              let id = idLine.split(separator: " ").first(where: { $0.count == 36 && $0.contains("-") }) else {
            Issue.record("no payment id in the evidence panel:\n\(selected)")
            throw TUITmux.TimedOut()
        }
        return String(id)
    }

    /// On the selected held payment: `a` (release) or `r` (reject), the reason typed and sent;
    /// returns once the confirmation dialog shows its button (nothing decided yet).
    func askToDecide(_ console: TUITmux, releasing: Bool, reason: String) async throws {
        try console.press(releasing ? "a" : "r")
        try await console.waitFor(releasing ? "Reason for releasing" : "Reason for rejecting")
        try console.type(reason)
        try console.press("Enter")
        try await console.waitFor(releasing ? "[ Release ]" : "[ Reject ]")
    }

    /// Event types of a payment's stream, read from the store (read-only, while or after it runs).
    func eventTypes(of paymentID: String, in directory: URL) throws -> [String] {
        let store = try FileEventStore.open(directory: directory, options: FileStoreOptions(readOnly: true))
        defer { Task { await store.close() } }
        return try store.read("Payments-Inbound-\(paymentID)").map(\.type)
    }

    func quit(_ console: TUITmux) async throws {
        try console.press("q")
        #expect(try await console.exitCode() == 0)
    }

    @Test func startsOnAFreshDataDirectoryAndQExitsZeroRestoringTheTerminal() async throws {
        let console = try await start()
        let screen = try console.capture()
        #expect(screen.contains("1 Flow"))
        #expect(screen.contains("4 Streams"))
        #expect(FileManager.default.fileExists(atPath: console.dataDirectory.path))
        try await quit(console)
        // Back on the normal screen (out of the alternate screen): the terminal was restored.
        #expect(try console.paneFlags().hasPrefix("0 "))
        #expect(try !console.capture().contains("Pipeline"))
    }

    @Test func releasingAHeldPaymentWithKeysSettlesItInTheStore() async throws {
        let console = try await start()
        let id = try await holdAPayment(console, amount: "52.10")
        try await askToDecide(console, releasing: true, reason: "known customer, checked by phone")
        try console.press("y")
        try await console.waitFor("settled, balance")
        try await quit(console)
        let types = try eventTypes(of: id, in: console.dataDirectory)
        #expect(types.contains("InboundHeldPaymentReleased"))
        #expect(types.last == "InboundPaymentBalanceUpdated")
    }

    @Test func rejectingAHeldPaymentFailsItInTheStore() async throws {
        let console = try await start()
        let id = try await holdAPayment(console, amount: "61.30")
        try await askToDecide(console, releasing: false, reason: "confirmed match")
        // Enter takes the focused button, which starts on Cancel: nothing happens.
        try console.press("Enter")
        try await console.waitFor("dialog closed") { !$0.contains("[ Reject ]") }
        #expect(try eventTypes(of: id, in: console.dataDirectory).last == "InboundPaymentHeld")
        try await askToDecide(console, releasing: false, reason: "confirmed match")
        try console.press("y")
        try await console.waitFor("rejected")
        try await quit(console)
        let types = try eventTypes(of: id, in: console.dataDirectory)
        #expect(types.contains("InboundHeldPaymentRejected"))
        #expect(types.last == "InboundPaymentFailed")
    }

    @Test func theTimeMachineShowsAnEarlierBalance() async throws {
        let console = try await start()
        try console.press(":")
        try console.type("pay \(Self.openAccount.sortCode) \(Self.openAccount.number) 1000.00 Time Traveller")
        try console.press("Enter")
        try await console.waitFor("settled, balance")
        try console.press("6")
        try await console.waitFor("Accounts now")
        // Step back past the settlement, one event at a time (events of payments the simulator
        // sent before it was paused may follow it): the account shows its balance then, marked
        // as different from now (▲: it is higher now).
        func showsTheOpeningBalance(_ screen: String) -> Bool {
            screen.split(separator: "\n").contains { $0.contains("Desmond Otterburn") && $0.contains("£150.00") && $0.contains("▲") }
        }
        func positionLine(_ screen: String) -> String? {
            screen.split(separator: "\n").first { $0.contains("● position") }.map(String.init)
        }
        var screen = try console.capture()
        for _ in 0..<200 where !showsTheOpeningBalance(screen) {
            let before = positionLine(screen)
            try console.press("Left")
            screen = try await console.waitFor("a step back") { positionLine($0) != before }
        }
        #expect(showsTheOpeningBalance(screen), "the opening balance; screen was:\n\(screen)")
        #expect(screen.contains("Accounts as of"))
        try console.press("Escape")
        try await console.waitFor("Accounts now")
        try await quit(console)
    }

    @Test func theStreamBrowserFindsAStreamByFilter() async throws {
        let console = try await start()
        try console.press("4")
        try await console.waitFor("Streams (")
        try console.press("/")
        try console.type("Ledger-40")
        try console.press("Enter")
        // The title shows the filter while the prompt is still open (it filters as you type):
        // wait for the prompt to close and the list to settle, which fails if Accounts stay listed.
        try await console.waitFor("the list filtered to Ledger-40") { screen in
            screen.contains("filter \"Ledger-40\"") && !screen.contains("Enter submits") && !screen.contains("Accounts-4")
                && screen.contains("│▸ Ledger-40")
        }
        try console.press("Enter")
        let stream = try await console.waitFor("LedgerEntryPosted")
        #expect(stream.contains("┌ Ledger-40"))
        try console.press("Enter")
        try await console.waitFor("metadata")
        try await quit(console)
    }

    @Test func theSubsPaneShowsRunningProjectionsAndResetsOne() async throws {
        let console = try await start()
        try console.press("5")
        try await console.waitFor("both projections running") { screen in
            let lines = screen.split(separator: "\n")
            return ["accounts-by-status", "fraud-analysis"].allSatisfy { name in lines.contains { $0.contains(name) && $0.contains("running") } }
        }
        try console.press("Right")
        try console.press("X")
        try await console.waitFor("rebuild it from the beginning")
        try console.press("y")
        try await console.waitFor("reset accounts-by-status: rebuilding")
        // The state lists statuses in a fixed order, each with its count (open accounts only counted).
        try await console.waitFor("state of accounts-by-status") { screen in
            let lines = screen.split(separator: "\n")
            guard let open = lines.firstIndex(where: { $0.contains("│  open     ") && $0.contains(" accounts") }),
                  let blocked = lines.firstIndex(where: { $0.contains("│  blocked  ") }),
                  let closed = lines.firstIndex(where: { $0.contains("│  closed   ") }) else { return false }
            return open < blocked && blocked < closed && !lines[open + 1].contains("40-12-34 10000329")
        }
        try await quit(console)
    }

    @Test func resizingRelaysOutAndTooSmallSaysSo() async throws {
        let console = try await start(width: 120, height: 40)
        try await console.waitFor("bank-console  1 Flow")
        try console.resize(width: 80, height: 24)
        try await console.waitFor("80 columns") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.contains { $0.hasPrefix("┌ Pipeline") && $0.count == 80 } && !screen.contains("bank-console  1 Flow")
        }
        try console.resize(width: 60, height: 20)
        try await console.waitFor("needs at least 80×24")
        try console.resize(width: 120, height: 40)
        try await console.waitFor("bank-console  1 Flow")
        try await quit(console)
    }
}
