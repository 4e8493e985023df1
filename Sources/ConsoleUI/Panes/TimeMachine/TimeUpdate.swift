import Core
import Foundation
import Store

extension State {
    /// The end of the log the time machine can show: positions below the store's head.
    var timeCount: UInt64 { max(storePosition, bank.live.nextPosition) }

    /// Account rows the time machine lists at this size.
    var timeAccountRows: Int { max(1, size.height - 9) }

    /// The accounts the time machine lists (those known now, by sort code and number), the
    /// first one shown and the cursor, for `visible` rows; and why none are, when a page of the
    /// list cannot be read.
    func timeAccounts(visible: Int) -> (shown: [AccountSummary], top: Int, cursor: Int, problem: String?) {
        let accounts = bank.live.accounts
        let cursor = max(0, min(time.cursor, accounts.count - 1))
        let top = max(0, cursor - max(1, visible) + 1)
        // Only the rows on screen, from the list's pages.
        do throws(EventStoreError) {
            return (try accounts.listed(top..<top + max(0, visible)), top, cursor, nil)
        } catch {
            return ([], top, cursor, State.accountsUnreadable(error))
        }
    }
    /// The slider's position: the chosen one, or the last event when following now.
    var timePosition: UInt64 { time.position ?? (timeCount > 0 ? timeCount - 1 : 0) }

    mutating func handleTimeKey(_ key: Key) -> [Effect] {
        switch key {
        case .left: return seek(Int64(timePosition) - 1)
        case .right: return seek(Int64(timePosition) + 1, later: true)
        case .pageUp: return seek(Int64(timePosition) - 100)
        case .pageDown: return seek(Int64(timePosition) + 100, later: true)
        case .home: return seek(0)
        case .end:
            time.playing = false
            return seek(Int64(timeCount) - 1)
        case .escape:
            time.playing = false
            time.position = nil
            time.snapshot = nil
            return []
        case .char("/"):
            // The time machine lists the bank as of a point; it has nothing to filter. Say so.
            return refuse("/ does not filter here: g goes to a position or a time")
        case .char("g"):
            overlay = .prompt(Prompt(label: "Go to a position (the bank just after that event, e.g. 9210) or a time (HH:MM:SS or ISO 8601: the last event by then):",
                                     field: TextField(limit: 40), purpose: .timeMachineGoTo))
            return []
        case .char(" "):
            time.playing.toggle()
            if time.playing, time.position == nil { return seek(0) }
            return []
        case .down, .char("j"):
            time.cursor = min(time.cursor + 1, max(0, bank.live.accounts.count - 1))
            return rereadTime()
        case .up, .char("k"):
            time.cursor = max(0, time.cursor - 1)
            return rereadTime()
        default: break
        }
        return []
    }

    /// Moves the slider (clamped); the last event means "now" again. The store may have no
    /// event at the target (positions have gaps): the snapshot then moves the slider to the
    /// event it shows, the last one before the target, or with `later` the first one after it.
    mutating func seek(_ target: Int64, later: Bool = false) -> [Effect] {
        guard timeCount > 0 else { return [] }
        let clamped = UInt64(max(0, min(target, Int64(timeCount) - 1)))
        if clamped == timeCount - 1 && !time.playing {
            time.position = nil
            time.snapshot = nil
            return []
        }
        time.position = clamped
        if time.snapshot?.position == clamped { return [] }
        return [.seek(position: clamped, later: later)]
    }

    /// Space plays forward: a step each frame, sized so the whole log plays in about 20 s.
    mutating func timeTick() -> [Effect] {
        guard time.playing, let position = time.position else { return [] }
        if position + 1 >= timeCount {
            time.playing = false
            return seek(Int64(timeCount) - 1)
        }
        let step = max(1, timeCount / 600)
        return seek(Int64(position + step), later: true)
    }

    /// The accounts on screen changed (the cursor moved): read them as of the slider again.
    private func rereadTime() -> [Effect] {
        time.position.map { [.seek(position: $0)] } ?? []
    }

    mutating func timeMachineLoaded(_ snapshot: TimeSnapshot) {
        if let asked = snapshot.forTime {
            // The answer to `g` with a time: the slider goes where the store says.
            guard asked == time.seekingTime else { return }
            time.seekingTime = nil
            time.position = snapshot.position
            time.snapshot = snapshot
            return
        }
        guard (snapshot.asked ?? snapshot.position) == time.position else { return }
        // The event it shows, where the position asked for had none.
        time.position = snapshot.position
        time.snapshot = snapshot
    }

    /// `g`: a position number (the state after that event, as `balance --at` means it),
    /// `HH:MM:SS` today (UTC), or an ISO 8601 time (after the last event stored by then).
    mutating func goTo(_ text: String) -> [Effect] {
        let plain = text.replacingOccurrences(of: ",", with: "")
        if let position = Int64(plain) {
            pane = .timeMachine
            return seek(position)
        }
        if let date = State.parseTime(text, today: now) {
            pane = .timeMachine
            // The last event stored at or before that time, as `balance --at-time` takes it,
            // found in the store (`.timeMachineLoaded` moves the slider there).
            time.playing = false
            time.seekingTime = date
            return [.seekTime(date)]
        }
        return refuse("not a position or a time: \(text)")
    }

    /// Parses `HH:MM[:SS]` (on the day of `today`, UTC) or ISO 8601.
    static func parseTime(_ text: String, today: Date) -> Date? {
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        let parts = text.split(separator: ":").map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let values = parts.map { $0 ?? 0 }
        guard values[0] < 24, values[1] < 60, values.count < 3 || values[2] < 60 else { return nil }
        let midnight = (today.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: midnight + Double(values[0] * 3600 + values[1] * 60 + (values.count == 3 ? values[2] : 0)))
    }
}
