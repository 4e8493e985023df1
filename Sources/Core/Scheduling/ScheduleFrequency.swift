/// How often a standing order repeats.
public enum ScheduleFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every 7 days from the first day.
    case week
    /// The same day of every month as the first; the month's last day when it is shorter,
    /// back to the first's day in the months after.
    case month
}
