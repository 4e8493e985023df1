@testable import Core

extension AccountDirectory {
    /// Every opened account, in list order (empty when a page cannot be read): for tests of
    /// small banks only.
    var every: [AccountSummary] { (try? listed(0..<count)) ?? [] }
}
