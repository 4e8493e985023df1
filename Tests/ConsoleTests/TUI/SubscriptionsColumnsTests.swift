import Store
import Testing
@testable import ConsoleUI

/// The groups table keeps what tells groups apart (their source) and what needs attention
/// (parked, lag) however narrow the pane.
@Suite struct SubscriptionsColumnsTests {
    private func group(_ name: String, _ source: String, parked: Int = 0) -> PersistentGroupStats {
        .shown(group: name, source: source, inFlight: 1, acked: 1_234, retried: 2, parked: parked, lag: 5, lastCheckpoint: 1_200)
    }

    private var bankGroups: [PersistentGroupStats] {
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

    @Test func movingDownAManyGroupListScrollsTheCursorIntoView() {
        var state = Fixture.state(width: 80, height: 24)
        state.pane = .subscriptions
        let groups = (0..<19).map { group("group-\($0)", "$et-Type\($0)") }
        state.subscriptions.snapshot = SubscriptionsSnapshot(groups: groups, projections: [], unavailable: nil)
        let (moved, _) = run(state, Array(repeating: .keyPressed(.char("j")), count: 15))
        #expect(moved.subscriptions.groupCursor == 15)
        let lines = render(moved).lines
        #expect(lines.contains { $0.hasPrefix("│▸ group-15 ") })
        #expect(lines.contains { $0.hasPrefix("│    consumers: none connected") })
        #expect(!lines.contains { $0.hasPrefix("│  group-0 ") })
    }
}
