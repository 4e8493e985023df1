import Testing
@testable import ConsoleUI

/// The groups table keeps what tells groups apart (their source) and what needs attention
/// (parked, lag) however narrow the pane.
@Suite struct SubscriptionsColumnsTests {
    private func group(_ name: String, _ source: String, parked: Int = 0) -> SubscriptionGroupRow {
        SubscriptionGroupRow(group: name, source: source, strategy: "roundRobin", consumers: [], inFlight: 1, acked: 1_234,
                             retried: 2, parked: parked, lag: 5, lastCheckpoint: 1_200, lastError: nil)
    }

    private var bankGroups: [SubscriptionGroupRow] {
        [group("inbound-payments", "$et-InboundPaymentAccountStatusChecked"), group("inbound-payments", "$et-InboundPaymentValidated", parked: 3)]
    }

    @Test func atTheUsualWidthEverySourceShowsWholeWithEveryFigure() {
        let layout = SubscriptionsView.GroupColumns(groups: bankGroups, width: 118)
        #expect(layout.header == "  GROUP            SOURCE                                  CONS IN FLIGHT    ACKED RETRIED PARKED    LAG CHECKPOINT")
        #expect(layout.line(bankGroups[0], ascii: false)
            == "inbound-payments $et-InboundPaymentAccountStatusChecked     0         1    1,234       2      0      5      1,200")
    }

    @Test func aNarrowPaneDropsTheLeastUrgentFiguresBeforeParkedAndLag() {
        let layout = SubscriptionsView.GroupColumns(groups: bankGroups, width: 78)
        #expect(layout.shown.map(\.title) == ["IN FLIGHT", "PARKED", "LAG"])
        let line = layout.line(bankGroups[1], ascii: false)
        #expect(line == "inbound-payments $et-InboundPaymentValidated                 1      3      5")
        #expect(layout.line(bankGroups[0], ascii: false).hasPrefix("inbound-payments $et-InboundPaymentAccountStatusCh… "))
        #expect(line.count + 2 <= 78)
    }
}
