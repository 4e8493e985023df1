import Foundation
import Store
import Testing
@testable import ConsoleUI
@testable import Core

/// The subscriptions pane's `N`: a projection created from a program file, then watched.
@Suite struct NewProjectionPaneTests {
    static func typed(_ text: String) -> [Msg] { text.map { .keyPressed(.char($0)) } }

    @Test func nAsksForAFileAndCreatesAProjectionNamedAfterIt() {
        let state = PaneBankFixture.state(pane: .subscriptions)
        let (prompting, _) = update(state, .keyPressed(.char("N")))
        guard case .prompt(let prompt)? = prompting.overlay else {
            Issue.record("N opened no prompt: \(String(describing: prompting.overlay))")
            return
        }
        #expect(prompt.purpose == .projectionFile)
        let (created, effects) = run(prompting, Self.typed("seeds/projections/held-over-10000.proj") + [.keyPressed(.enter)])
        #expect(effects == [.perform(.createProjection(name: "held-over-10000", path: "seeds/projections/held-over-10000.proj"))])
        #expect(created.overlay == nil)
        #expect(created.subscriptions.selectOnLoad == "held-over-10000")

        let (named, namedEffects) = run(prompting, Self.typed("hours.proj per-hour") + [.keyPressed(.enter)])
        #expect(namedEffects == [.perform(.createProjection(name: "per-hour", path: "hours.proj"))])
        #expect(named.subscriptions.selectOnLoad == "per-hour")

        let (refused, none) = run(prompting, Self.typed("a b c") + [.keyPressed(.enter)])
        #expect(none.isEmpty)
        guard case .prompt(let again)? = refused.overlay else {
            Issue.record("a refused prompt closed")
            return
        }
        #expect(again.error == "give FILE and at most one NAME")
    }

    @Test func onceCreatedTheListIsReadAgainAndTheCursorGoesToIt() {
        var state = PaneBankFixture.state(pane: .subscriptions)
        state.subscriptions.selectOnLoad = "held"
        let action = Action.createProjection(name: "held", path: "held.proj")
        let (_, effects) = update(state, .commandFinished(CommandResult(action: action, succeeded: true, message: "created held")))
        #expect(effects == [.loadSubscriptions])
        let row = { (name: String) in
            ProjectionRow.shown(name: name, source: "$ce-Payments", position: 5, lag: 0, processed: 5, stateLines: ["{}"])
        }
        let snapshot = SubscriptionsSnapshot(groups: [], projections: [row("accounts-by-status"), row("fraud-analysis"), row("held")], unavailable: nil)
        let (loaded, _) = update(state, .subscriptionsLoaded(snapshot))
        #expect(loaded.subscriptions.focus == .projections)
        #expect(loaded.subscriptions.projectionCursor == 2)
        #expect(loaded.subscriptions.selectOnLoad == nil)

        let (failed, nothing) = update(state, .commandFinished(CommandResult(action: action, succeeded: false, message: "held.proj:1:1: …")))
        #expect(nothing.isEmpty)
        #expect(failed.subscriptions.selectOnLoad == nil)
    }

    @Test func theServiceChecksRecordsAndRunsTheProgramAndItsStateGrows() async throws {
        let clock = ManualClock()
        let bank = try await Bank(store: MemoryEventStore(clock: clock), clock: clock, configuration: BankConfiguration(seed: 3, subscriptionTick: nil, creator: "ops"))
        let projections = Projections(store: bank.store, clock: clock)
        let defined = DefinedProjections(projections: projections, store: bank.store, start: false)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pane-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bad = directory.appendingPathComponent("bad.proj")
        try Data("fromCategory(\"Accounts\")\nwhen AccountOpened { count() as opened\n".utf8).write(to: bad)
        let good = directory.appendingPathComponent("opened.proj")
        try Data("fromCategory(\"Accounts\")\nwhen AccountOpened { count() as opened }\n".utf8).write(to: good)

        let refused = await ProjectionCreation.create("opened", path: bad.path, on: bank, defined: defined, by: "ops",
                                                      action: .createProjection(name: "opened", path: bad.path))
        #expect(!refused.succeeded)
        #expect(refused.message == "\(bad.path):3:1: expected count, sum, min, max, last or '}', found the end of the text")
        #expect(bank.store.lastVersion(of: ProjectionDefinitions.stream) == nil)

        let created = await ProjectionCreation.create("opened", path: good.path, on: bank, defined: defined, by: "ops",
                                                      action: .createProjection(name: "opened", path: good.path))
        #expect(created.message == "created opened: running from the beginning of time")
        try await projections.catchUp("opened")
        let row = try #require(SubscriptionsSnapshot(bank: bank, projections: projections).projections.first { $0.name == "opened" })
        #expect(row.source == "$ce-Accounts")
        #expect(row.stateLines == ["{", "  \"opened\": 24", "}"])
        await projections.close()
        await bank.close()
    }
}
