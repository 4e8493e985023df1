import Foundation

/// How `ConsoleRunner.runHeadless` runs the console without a terminal: everything the console
/// does at start (open the store, resume the saved views, start the live feed, catch up, draw),
/// on a `HeadlessTerminal`, until its first frame that shows the bank at the store's head.
///
/// For measuring the console in a process of its own (`bank-bench scale`): nothing here is
/// shown to anyone.
package struct HeadlessLaunch: Sendable {
    /// The size of the screen drawn.
    package var size = Size(width: 160, height: 48)
    /// Whether the bank's processors and the simulator run, as they do in the console (off: the
    /// console's views, feed and panes alone).
    package var runsBank = false
    /// How long catching up may take before the run gives up (exit code 1).
    package var deadline: Duration = .seconds(600)
    /// Called on the UI thread once, when the first live frame has been drawn; the console then closes.
    package var firstLiveFrame: @Sendable (FirstLiveFrame) -> Void

    package init(runsBank: Bool = false, firstLiveFrame: @escaping @Sendable (FirstLiveFrame) -> Void) {
        self.runsBank = runsBank
        self.firstLiveFrame = firstLiveFrame
    }
}

/// What the console holds at its first live frame (`HeadlessLaunch`): the sizes of its views,
/// the parts of them that grow with the bank, and its inbox.
package struct FirstLiveFrame: Sendable {
    /// The position the console's views have reached, and the store's head when it started.
    package var position: UInt64?
    package var head: UInt64
    /// Frames drawn until this one (included).
    package var frames: Int
    /// Accounts listed, pages of the accounts list, and rows changed since their page was written.
    package var accounts: Int
    package var accountPages: Int
    package var accountOverlayRows: Int
    /// Payments the views keep (open, in the recent window, and ids for its order).
    package var paymentsKept: Int
    /// Events waiting in the inbox.
    package var inboxEvents: Int
}
