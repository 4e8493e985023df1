import Core
import Foundation
import Store
import Testing
@testable import Console

@Suite struct RunCommandTests {
    @Test func progressCountsPaymentsByState() async throws {
        let store = MemoryEventStore(clock: ManualClock())
        try await CLIBankFixture.write(to: store)
        let models = BankReadModels.folding(try store.read(.all))
        #expect(RunCommand.progress(models, sent: 4, elapsed: 2.04, json: false)
            == "2.0s  sent 4  payments 2  in flight 0  settled 1  held 1  returned 0  failed 0  accepted 0  rejected 0")
        #expect(RunCommand.progress(models, sent: 4, elapsed: 2.04, json: true)
            == #"{"elapsed":2.0,"sent":4,"payments":2,"inFlight":0,"settled":1,"held":1,"returned":0,"failed":0,"accepted":0,"rejected":0,"events":14}"#)
    }

    @Test func badDurationsAndRatesAreRefused() async {
        let cli = CLIHarness()
        #expect(await cli.run("run --rate -1").errors == "bank-console run: --rate must be a number of at least 0, not '-1'\n")
        #expect(await cli.run("run --for soon").status == 1)
    }
}
