import Foundation
import Store
import Testing
@testable import ConsoleUI
@testable import Core

/// The audit pane (7): every operator action newest first, read a page at a time (a few pages
/// held), filtered with `/`, Enter opening the payment or account an entry is about.
@Suite struct AuditPaneTests {
    static let origin = OperatorOrigin(role: .operator, host: "ops-1", osUser: "jo", pid: 4242)

    /// Entry number `n` of a long trail (position 10,000 − n, so newest first as numbered).
    static func entry(_ n: Int, by: String = "jo", subject: AuditEntry.Subject? = nil) -> AuditEntry {
        let account = AccountID(sortCode: "401234", accountNumber: "10000329")!
        return AuditEntry(position: UInt64(10_000 - n), at: PaneBankFixture.now.addingTimeInterval(-Double(n)), by: by, origin: origin,
                          action: .block, subject: subject ?? .account(account), reason: "check \(n)", outcome: "blocked")
    }

    /// The answer to `request`: a full page of entries numbered from `first`, going on below.
    static func page(_ request: AuditRequest, from first: Int) -> AuditPage {
        let entries = (first..<first + request.limit).map { entry($0) }
        return AuditPage(request: request, entries: entries, next: entries.last?.position)
    }

    /// The last page `effects` ask for.
    private func loadRequest(_ effects: [Effect]) -> AuditRequest? {
        var last: AuditRequest?
        for case .loadAudit(let request) in effects { last = request }
        return last
    }

    @Test func choosingThePaneReadsTheNewestPage() throws {
        let (state, effects) = update(PaneBankFixture.state(), .keyPressed(.char("7")))
        #expect(state.pane == .audit)
        let request = try #require(loadRequest(effects))
        #expect(request == AuditRequest(before: nil, needle: "", limit: AuditState.pageSize, placement: .replace, generation: 0))
        let loaded = update(state, .auditLoaded(Self.page(request, from: 0))).0
        #expect(loaded.audit.rowCount == AuditState.pageSize)
        #expect(loaded.audit.loading == nil)
    }

    @Test func theNextPageIsReadWhenTheCursorReachesTheEndAndOnlyAFewPagesAreHeld() throws {
        var (state, effects) = update(PaneBankFixture.state(), .keyPressed(.char("7")))
        var first = 0
        // Read six pages by going to the end each time.
        for _ in 0..<6 {
            let request = try #require(loadRequest(effects))
            state = update(state, .auditLoaded(Self.page(request, from: first))).0
            first += request.limit
            (state, effects) = update(state, .keyPressed(.end))
            let next = try #require(loadRequest(effects))
            #expect(next.placement == .below)
            #expect(next.before == UInt64(10_000 - first + 1))
        }
        #expect(state.audit.pages.count == AuditState.maxPages)
        #expect(state.audit.above.count == 2)
        #expect(state.audit.rows.first == Self.entry(200))
        #expect(state.audit.rows[state.audit.list.cursor] == Self.entry(599))
        // Home goes back to the newest entry: read afresh, the window forgotten.
        (state, effects) = update(state, .keyPressed(.home))
        #expect(loadRequest(effects)?.placement == .replace)
    }

    @Test func movingUpPastTheWindowReadsTheDroppedPageAgain() throws {
        var state = PaneBankFixture.state(pane: .audit)
        state.audit.loading = state.audit.request(before: nil, .replace)
        state = update(state, .auditLoaded(Self.page(state.audit.loading!, from: 0))).0
        for index in 1...4 {
            let request = state.audit.request(before: UInt64(10_000 - index * 100 + 1), .below)
            state.audit.loading = request
            state = update(state, .auditLoaded(Self.page(request, from: index * 100))).0
        }
        #expect(state.audit.rows.first == Self.entry(100))
        state.audit.list.cursor = 1
        let (moved, effects) = update(state, .keyPressed(.up))
        let request = try #require(loadRequest(effects))
        #expect(request == AuditRequest(before: nil, needle: "", limit: 100, placement: .above, generation: 0))
        let back = update(moved, .auditLoaded(Self.page(request, from: 0))).0
        #expect(back.audit.rows.first == Self.entry(0))
        #expect(back.audit.rows[back.audit.list.cursor] == Self.entry(100))
        #expect(back.audit.pages.count == AuditState.maxPages)
        #expect(back.audit.atNewest)
    }

    @Test func theFilterReadsAfreshAsItIsTypedAndDropsAnswersForTheOldOne() throws {
        var state = PaneBankFixture.state(pane: .audit)
        state.audit.loading = state.audit.request(before: nil, .replace)
        let stale = state.audit.loading!
        var effects: [Effect]
        (state, effects) = run(state, [.keyPressed(.char("/"))] + keys("sa"))
        let request = try #require(loadRequest(effects))
        #expect(request.needle == "sa")
        #expect(request.generation == 2)
        // The unfiltered answer comes back late: dropped.
        state = update(state, .auditLoaded(Self.page(stale, from: 0))).0
        #expect(state.audit.rowCount == 0)
        let matches = AuditPage(request: request, entries: [Self.entry(7, by: "sam")], next: nil)
        state = update(state, .auditLoaded(matches)).0
        state = update(state, .keyPressed(.enter)).0
        #expect(state.audit.rows == [Self.entry(7, by: "sam")])
        #expect(render(state).lines[1].contains("matching \"sa\""))
        // Esc clears it and reads everything again.
        (state, effects) = update(state, .keyPressed(.escape))
        #expect(state.audit.filter == "")
        #expect(loadRequest(effects)?.needle == "")
    }

    @Test func aFilteredReadThatFoundNothingYetReadsOn() throws {
        var state = PaneBankFixture.state(pane: .audit)
        state = run(state, [.keyPressed(.char("/"))] + keys("zz") + [.keyPressed(.enter)]).0
        let request = try #require(state.audit.loading)
        let effects = update(state, .auditLoaded(AuditPage(request: request, entries: [], next: 7_000))).1
        #expect(loadRequest(effects) == AuditRequest(before: 7_000, needle: "zz", limit: 100, placement: .below, generation: request.generation))
    }

    @Test func enterOpensTheAccountsLedgerAndEscComesBack() {
        var state = PaneBankFixture.state(pane: .audit)
        let account = PaneBankFixture.state().bank.live.accounts.every[0].id
        state.audit.loading = state.audit.request(before: nil, .replace)
        state = update(state, .auditLoaded(AuditPage(request: state.audit.loading!, entries: [Self.entry(1, subject: .account(account))], next: nil))).0
        state = update(state, .keyPressed(.enter)).0
        #expect(state.pane == .accounts)
        #expect(state.accounts.ledger == account)
        state = update(state, .keyPressed(.escape)).0
        #expect(state.pane == .audit)
    }

    @Test func enterOpensThePaymentsTimeline() {
        var state = PaneBankFixture.state(pane: .audit, events: PaneBankFixture.eventsWithHolds)
        let payment = state.heldQueue[0]
        state.audit.loading = state.audit.request(before: nil, .replace)
        state = update(state, .auditLoaded(AuditPage(request: state.audit.loading!, entries: [Self.entry(1, subject: .payment(payment.id))], next: nil))).0
        let (opened, effects) = update(state, .keyPressed(.enter))
        #expect(opened.pane == .flow)
        #expect(effects == [.loadTimeline(paymentID: payment.id, positions: payment.positions)])
        #expect(update(opened, .keyPressed(.escape)).0.pane == .audit)
    }

    @Test func anOperatorEntryHasNothingToOpenAndSaysSo() {
        var state = PaneBankFixture.state(pane: .audit)
        state.audit.loading = state.audit.request(before: nil, .replace)
        state = update(state, .auditLoaded(AuditPage(request: state.audit.loading!, entries: [Self.entry(1, subject: .operatorName("kim"))], next: nil))).0
        let (next, effects) = update(state, .keyPressed(.enter))
        #expect(effects == [])
        #expect(next.pane == .audit)
        #expect(next.toasts.map(\.text) == ["kim is an operator: nothing to open (bank-console operators list)"])
    }

    @Test func newOperatorActionsAreReadInWhileTheCursorIsOnTheNewest() throws {
        var (state, asked) = update(PaneBankFixture.state(), .keyPressed(.char("7")))
        // Entries at positions 1,400 down (the store's head was 1,502 when asked).
        state = update(state, .auditLoaded(Self.page(try #require(loadRequest(asked)), from: 8_600))).0
        let blocked = RecordedEventFixture.event(stream: "Accounts-401234-10000329", position: 1_502, type: AccountBlocked.eventType)
        let effects = update(state, .eventsArrived([blocked], head: 1_503)).1
        #expect(loadRequest(effects)?.placement == .replace)
        // An action older than the page read (the feed replaying the log while catching up) is not news.
        let replayed = RecordedEventFixture.event(stream: "Accounts-401234-10000329", position: 1_450, type: AccountBlocked.eventType)
        let old = update(state, .eventsArrived([replayed], head: 1_503))
        #expect(loadRequest(old.1) == nil)
        #expect(old.0.audit.newer == 0)
        // Further down, the title counts them instead.
        state.audit.list.cursor = 5
        let counted = update(state, .eventsArrived([blocked], head: 1_503))
        #expect(loadRequest(counted.1) == nil)
        #expect(counted.0.audit.newer == 1)
    }

    // MARK: - Reading the trail from a bank

    @Test func pagesComeFromTheBanksEventsNewestFirstAndTheFilterKeepsOnlyMatches() async throws {
        let clock = ManualClock()
        let bank = try await Bank(store: MemoryEventStore(clock: clock), clock: clock,
                                  configuration: BankConfiguration(seed: 3, subscriptionTick: nil, creator: "sam"))
        try await bank.addOperator("jo", role: .operator, reason: "new starter", by: "sam")
        for round in 1...3 {
            try await bank.block(sortCode: "401234", accountNumber: "10000329", reason: "round \(round)", by: round == 2 ? "sam" : "jo")
            try await bank.unblock(sortCode: "401234", accountNumber: "10000329", reason: "round \(round) done", by: "jo")
        }
        let first = try AuditPage.load(AuditRequest(before: nil, needle: "", limit: 4, placement: .replace, generation: 0), from: bank.store)
        #expect(first.entries.map(\.reason) == ["round 3 done", "round 3", "round 2 done", "round 2"])
        let second = try AuditPage.load(AuditRequest(before: first.next, needle: "", limit: 4, placement: .below, generation: 0), from: bank.store)
        #expect(second.entries.map(\.reason) == ["round 1 done", "round 1", "new starter", "the first operator of this bank"])
        let third = try AuditPage.load(AuditRequest(before: second.next, needle: "", limit: 4, placement: .below, generation: 0), from: bank.store)
        #expect(third.entries.isEmpty)
        #expect(third.next == nil)
        let sams = try AuditPage.load(AuditRequest(before: nil, needle: "sam", limit: 2, placement: .replace, generation: 0), from: bank.store)
        #expect(sams.entries.map(\.reason) == ["round 2", "new starter"])
        #expect(sams.entries.map(\.origin?.role) == [.supervisor, .supervisor])
        let rest = try AuditPage.load(AuditRequest(before: sams.next, needle: "sam", limit: 2, placement: .below, generation: 0), from: bank.store)
        #expect(rest.entries.map(\.reason) == ["the first operator of this bank"])
        #expect(rest.next == nil)
        await bank.close()
    }

    // MARK: - On screen

    @Test(arguments: [(80, 24), (120, 40)])
    func theAuditPaneMatchesGolden(width: Int, height: Int) {
        var state = OperatorFixture.seated(PaneBankFixture.state(width: width, height: height, pane: .audit), as: "sam")
        state.audit.loading = state.audit.request(before: nil, .replace)
        let payment = UUID(uuidString: "9f3a0000-0000-4000-8000-0000000000c1")!
        let supervisor = OperatorOrigin(role: .supervisor, host: "ops-1", osUser: "sam", pid: 77)
        let at = PaneBankFixture.now
        let entries = [
            AuditEntry(position: 1_499, at: at.addingTimeInterval(-5), by: "sam", origin: supervisor, action: .release, subject: .payment(payment),
                       reason: "agree: namesake", outcome: "released"),
            AuditEntry(position: 1_420, at: at.addingTimeInterval(-60), by: "jo", origin: Self.origin, action: .approve, subject: .payment(payment),
                       reason: "passport seen", outcome: "approved; needs a second operator"),
            AuditEntry(position: 1_300, at: at.addingTimeInterval(-300), by: "jo", origin: Self.origin, action: .block,
                       subject: .account(AccountID(sortCode: "401234", accountNumber: "10000485")!), reason: "fraud report 311", outcome: "blocked"),
            AuditEntry(position: 900, at: at.addingTimeInterval(-900), by: "sam", origin: supervisor, action: .operatorAdd, subject: .operatorName("jo"),
                       reason: "new starter", outcome: "added as operator"),
            AuditEntry(position: 12, at: at.addingTimeInterval(-3_600), by: "sam", origin: nil, action: .settings, subject: .setting("four-eyes-above"),
                       reason: "policy", outcome: "four-eyes-above 10000.00"),
        ]
        state = update(state, .auditLoaded(AuditPage(request: state.audit.loading!, entries: entries, next: nil))).0
        state = update(state, .keyPressed(.down)).0
        expectGolden(render(state), "audit-\(width)x\(height)")
    }
}
