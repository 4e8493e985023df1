/// A first-in first-out queue with O(1) amortised push and pop (the standard library has no deque).
struct FifoQueue<Element> {
    private var items: [Element?] = []
    private var head = 0

    var isEmpty: Bool { head == items.count }
    var count: Int { items.count - head }
    var first: Element? { isEmpty ? nil : items[head] }

    mutating func append(_ element: Element) { items.append(element) }

    mutating func popFirst() -> Element? {
        guard head < items.count else { return nil }
        let element = items[head]
        items[head] = nil
        head += 1
        if head >= 1_024, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return element
    }

    /// Removes and returns every element, oldest first.
    mutating func removeAll() -> [Element] {
        let all = items[head...].compactMap { $0 }
        items = []
        head = 0
        return all
    }
}

/// Tracks which of a run of consecutive numbers are done, and the furthest point before which
/// all are: the basis of a checkpoint that never skips an unfinished message.
struct ProgressWindow: Sendable {
    /// The number of the oldest unfinished entry (or the next to be added).
    private(set) var base: Int64
    /// Where a reader resumes once everything up to the done prefix is finished.
    private(set) var completedCursor: Int64
    private var done: [Bool] = []
    private var cursors: [Int64] = []
    private var head = 0

    init(base: Int64, cursor: Int64) {
        self.base = base
        completedCursor = cursor
    }

    /// Entries added and not yet part of the done prefix.
    var pending: Int { done.count - head }

    /// Adds the next entry (number `base + pending`); `cursor` is where to resume after it.
    mutating func append(cursorAfter cursor: Int64, isDone: Bool = false) {
        if isDone, pending == 0 {
            base += 1
            completedCursor = cursor
            return
        }
        done.append(isDone)
        cursors.append(cursor)
    }

    /// Marks entry `number` done and advances the done prefix.
    mutating func markDone(_ number: Int64) {
        let index = head + Int(number - base)
        guard number >= base, index < done.count else { return }
        done[index] = true
        while head < done.count, done[head] {
            completedCursor = cursors[head]
            head += 1
            base += 1
        }
        if head >= 4_096, head * 2 >= done.count {
            done.removeFirst(head)
            cursors.removeFirst(head)
            head = 0
        }
    }
}
extension FifoQueue: Sendable where Element: Sendable {}
