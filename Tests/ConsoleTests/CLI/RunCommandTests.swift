import Core
import Foundation
import Store
import Testing
@testable import Console

@Suite struct RunCommandTests {
    @Test func progressCountsPaymentsByState() async throws {
        let store = MemoryEventStore(clock: ManualClock())
        try await CLIBankFixture.write(to: store)
        let models = BankOverview.folding(try store.read(.all))
        var simulator = SchemeSimulator.Statistics()
        simulator.sent = [.valid: 3, .poison: 1]
        #expect(RunCommand.progress(models, simulator: simulator, elapsed: 2.04, json: false)
            == "2.0s  sent 4  payments 2  in flight 0  settled 1  held 1  returned 0  failed 0  accepted 0  rejected 0")
        #expect(RunCommand.progress(models, simulator: simulator, elapsed: 2.04, json: true)
            == #"{"elapsed":2.0,"sent":4,"payments":2,"inFlight":0,"settled":1,"held":1,"returned":0,"failed":0,"accepted":0,"rejected":0,"events":14,"skipped":0}"#)
    }

    @Test func progressSaysHowManyPaymentsTheSimulatorSkippedBehindTheRate() async throws {
        var simulator = SchemeSimulator.Statistics()
        simulator.sent = [.valid: 500]
        simulator.skipped = 9_500
        #expect(RunCommand.progress(BankOverview(), simulator: simulator, elapsed: 1, json: false)
            == "1.0s  sent 500  payments 0  in flight 0  settled 0  held 0  returned 0  failed 0  accepted 0  rejected 0  skipped 9500 (behind the rate)")
    }

    @Test func badDurationsAndRatesAreUsageErrorsNamingTheRange() async {
        let cli = CLIHarness()
        #expect(await cli.run("run --rate -1").errors
            == "bank-console run: --rate must be a number from 0 to 10000, not '-1' (see 'bank-console run --help')\n")
        #expect(await cli.run("run --for soon").status == 2)
    }

    @Test(arguments: ["1e300", "99999999999999999999999", "9223372036854775807", "10000000", "nan", "inf"])
    func ratesBeyondTheRangeAreRefusedBeforeAnythingRuns(rate: String) async {
        let cli = CLIHarness()
        let run = await cli.run(["run", "--rate", rate])
        #expect(run.status == 2)
        #expect(run.errors == "bank-console run: --rate must be a number from 0 to 10000, not '\(rate)' (see 'bank-console run --help')\n")
        #expect(cli.store().headPosition == 0)
    }

    @Test func durationsBeyondAYearAreRefused() async {
        let cli = CLIHarness()
        #expect(await cli.run("run --for 1e300").errors
            == "bank-console run: --for must be a number from 0 to 31536000, not '1e300' (see 'bank-console run --help')\n")
    }

    @Test func aStoppedWriterEndsRunWithItsReasonAndExit1() async throws {
        let cli = CLIHarness()
        try await CLIBankFixture.write(to: cli.store())
        cli.stores.writerFailure.withLock { $0 = "No space left on device (ENOSPC)" }
        let run = await cli.run("run --for 0 --rate 0")
        #expect(run.status == 1)
        #expect(run.errors == "bank-console run: the store's writer stopped: No space left on device (ENOSPC); nothing more can be written\n")
    }

    /// A database out of reach is waited for (the store retries by itself): `run` carries on,
    /// where a stopped file-store writer ends it.
    @Test func aStoreThatRetriesByItselfIsWaitedForNotAReasonToStop() async throws {
        let cli = CLIHarness()
        try await CLIBankFixture.write(to: cli.store())
        cli.stores.writerFailure.withLock { $0 = "the database is unavailable: connection refused" }
        cli.stores.writerRetries.withLock { $0 = true }
        let run = await cli.run("run --for 0 --rate 0")
        #expect(run.status == 0)
        #expect(!run.errors.contains("writer stopped"))
        // Said once, at the watch's first look (a thread of its own: see `ReachWatch`).
        #expect(run.errors.components(separatedBy: "\n").filter { $0.hasPrefix("bank-console run: the database is unavailable") }
            == ["bank-console run: the database is unavailable: connection refused; waiting for it (the processors and the simulator carry on when it is back)"])
    }

    @Test func runSaysOnceWhenTheStoreGoesOutOfReachAndWhenItIsBack() {
        #expect(RunCommand.waitNotice(was: nil, now: nil) == nil)
        #expect(RunCommand.waitNotice(was: nil, now: "the database is unavailable: refused")
            == "the database is unavailable: refused; waiting for it (the processors and the simulator carry on when it is back)")
        #expect(RunCommand.waitNotice(was: "the database is unavailable: refused", now: "the database is unavailable: reset") == nil)
        #expect(RunCommand.waitNotice(was: "the database is unavailable: refused", now: nil) == "the store is back; carrying on")
    }

    @Test func aSimulatorThatStoppedWithAnErrorIsAReasonToStop() {
        var simulator = SchemeSimulator.Statistics()
        #expect(RunCommand.stopReason(writerFailure: nil, simulator: simulator) == nil)
        simulator.lastError = "wrong expected version"
        #expect(RunCommand.stopReason(writerFailure: nil, simulator: simulator) == "the simulator stopped: wrong expected version")
        #expect(RunCommand.stopReason(writerFailure: "EIO", simulator: simulator) == "the store's writer stopped: EIO; nothing more can be written")
    }

    /// The drain's deadline is the bank's clock, here a manual one that does not move: so the
    /// drain waits for the payment however busy the machine is (the whole suite in parallel
    /// once kept it busy for two minutes: past the 30 s wall-clock deadline), and the time
    /// limit stops a real hang.
    @Test(.timeLimit(.minutes(10))) func runDrainsPaymentsInFlightBeforeItExits() async throws {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        _ = await cli.run("seed")
        let store = cli.store()
        let id = UUID(uuidString: "44444469-4444-4444-8444-444444444444")!
        let sent = InboundPaymentSentByScheme(paymentId: id, scheme: .fps, amount: "12.00",
                                              from: PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Alice Abbott"),
                                              to: PaymentParty(sortCode: "401234", accountNumber: "10000329", name: "Anyone"), reference: "r")
        let metadata = EventMetadata(correlationId: id.lowercasedString, causationId: id.lowercasedString)
        _ = try await store.append(to: BankStream.scheme(.fps).name, expected: .any,
                                   events: [BankCodec.eventData(sent, id: DerivedEventID.make(name: "test:drain"), metadata: metadata)])
        // No time to run at all: what was sent before is still finished before run exits.
        let run = await cli.run("run --for 0 --rate 0")
        #expect(run.status == 0)
        #expect(run.errors == "")
        #expect(run.lines.count == 1)
        #expect(run.lines.first?.hasSuffix("s  sent 0  payments 1  in flight 0  settled 1  held 0  returned 0  failed 0  accepted 0  rejected 0") == true)
        #expect(BankOverview.folding(try store.read(.all)).payments.payment(id)?.state == .settled)
    }
}
