/// The messages of a group that are delivered and not yet settled, by key.
///
/// Source messages are numbered consecutively and mostly settle in order, so they live in a
/// sliding array indexed by number (no hashing on the hot path); replayed parked messages, and
/// the rare retry older than the array's start, go to a dictionary.
///
/// Every source message in the dictionary is older than the array's start, and the start only
/// ever moves forward: were it moved back, a message in the dictionary would be looked for in
/// the array, and could be neither found nor settled.
struct InFlightTable: Sendable {
    private var base: Int64 = 0
    private var slots: [GroupState.InFlight?] = []
    private var head = 0
    private var others: [MessageKey: GroupState.InFlight] = [:]
    private(set) var count = 0

    private func slot(_ key: MessageKey) -> Int? {
        guard case .source(let ordinal) = key, ordinal >= base else { return nil }
        return head + Int(ordinal - base)
    }

    subscript(key: MessageKey) -> GroupState.InFlight? {
        if let index = slot(key) { return index < slots.count ? slots[index] : nil }
        return others[key]
    }

    mutating func insert(_ flight: GroupState.InFlight, for key: MessageKey) {
        // An empty array starts afresh at a newer message; an older one goes to the dictionary.
        if case .source(let ordinal) = key, head == slots.count, ordinal >= base {
            slots.removeAll(keepingCapacity: true)
            head = 0
            base = ordinal
        }
        guard let index = slot(key) else {
            if others.updateValue(flight, forKey: key) == nil { count += 1 }
            return
        }
        if index >= slots.count { slots.append(contentsOf: repeatElement(nil, count: index - slots.count + 1)) }
        if slots[index] == nil { count += 1 }
        slots[index] = flight
    }

    mutating func removeValue(forKey key: MessageKey) -> GroupState.InFlight? {
        guard let index = slot(key) else {
            let flight = others.removeValue(forKey: key)
            if flight != nil { count -= 1 }
            return flight
        }
        guard index < slots.count, let flight = slots[index] else { return nil }
        slots[index] = nil
        count -= 1
        while head < slots.count, slots[head] == nil {
            head += 1
            base += 1
        }
        if head >= 1_024, head * 2 >= slots.count {
            slots.removeFirst(head)
            head = 0
        }
        return flight
    }

    /// The entries that satisfy `include`, in key order.
    func entries(where include: (GroupState.InFlight) -> Bool) -> [(key: MessageKey, value: GroupState.InFlight)] {
        var result: [(key: MessageKey, value: GroupState.InFlight)] = []
        for (key, flight) in others where include(flight) { result.append((key, flight)) }
        for index in head..<slots.count {
            if let flight = slots[index], include(flight) {
                result.append((.source(base + Int64(index - head)), flight))
            }
        }
        return result.sorted { $0.key < $1.key }
    }
}
