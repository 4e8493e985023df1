import Foundation
import Testing
@testable import ConsoleUI

/// A console open on a store other than the default file store names it in the top bar.
@Suite struct StoreLabelTopBarTests {
    @Test func aPostgreSQLStoreIsNamedBeforeTheClockAndTheFileStoreIsNot() {
        // Wide enough for seven tabs, the label, the clock and the rate.
        var state = PaneBankFixture.state(width: 140)
        let plain = render(state).lines[0]
        state.storeLabel = "pg bank"
        let labelled = render(state).lines[0]
        let clock = Text.clock(state.now)
        let at = plain.range(of: clock)
        #expect(at != nil)
        // The right-hand side grows to the left by the label and two spaces; the rest is unchanged.
        let right = String(plain[(at?.lowerBound ?? plain.endIndex)...]).trimmingCharacters(in: .whitespaces)
        #expect(labelled.hasSuffix("pg bank  " + right + " "))
        #expect(!plain.contains("pg bank"))
    }

    /// At 120 columns (SCREENS.md's size) with an operator seated, the clock gives way and
    /// the store's label stays: which store the console has open is always said.
    @Test func theLabelOutlastsTheClockBesideTheOperator() {
        var state = OperatorFixture.seated(PaneBankFixture.state(width: 120), as: "sam")
        state.storeLabel = "pg walkpg"
        let bar = render(state).lines[0]
        #expect(bar.contains("pg walkpg  pos "), "\(bar)")
        #expect(bar.contains("sam"))
    }
}
