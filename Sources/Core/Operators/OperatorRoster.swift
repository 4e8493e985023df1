import Store

/// The bank's operators and their roles: the fold of the `Operators` stream.
public struct OperatorRoster: Sendable, Hashable {
    /// Role by operator name.
    public private(set) var roles: [String: OperatorRole] = [:]
    /// The stream's last version folded; nil when it has no events (a bank from before
    /// operators were recorded, or one not yet created).
    public private(set) var version: Int64?

    public init() {}

    public var isEmpty: Bool { roles.isEmpty }

    /// The operators, sorted by name.
    public var sorted: [(name: String, role: OperatorRole)] {
        roles.sorted { $0.key < $1.key }.map { (name: $0.key, role: $0.value) }
    }

    public func role(of name: String) -> OperatorRole? { roles[name] }

    public mutating func apply(_ event: BankEvent, version: Int64) {
        switch event {
        case .operatorAdded(let e): roles[e.name] = e.role
        case .operatorRoleChanged(let e): roles[e.name] = e.to
        case .operatorRemoved(let e): roles[e.name] = nil
        default: break
        }
        self.version = version
    }

    /// Folds the `Operators` stream.
    public static func load(from store: any EventStore) throws(BankError) -> OperatorRoster {
        var roster = OperatorRoster()
        try StreamFold.each(BankStream.operators, in: store) { event, recorded in roster.apply(event, version: recorded.version) }
        return roster
    }

    /// Whether `name` may do `action`: nil when allowed, else why not (one line).
    public func refusal(of action: OperatorAction, by name: String) -> BankError? {
        guard let role = roles[name] else { return .notAnOperator(name: name, action: action) }
        guard role.covers(action.requiredRole) else { return .roleRequired(name: name, role: role, action: action) }
        return nil
    }
}

/// The bank's settings: the fold of the `BankSettings` stream.
public struct BankSettings: Sendable, Hashable {
    /// Releasing a held payment of at least this amount needs two different operators.
    public static let defaultFourEyesThreshold = Money(pence: 1_000_000)

    /// Screening holds a payment when a name scores this or more (0–100) by default.
    public static let defaultScreeningHoldAt = 85
    /// The hold thresholds a supervisor may set: below 50 the screener's scores say too little
    /// (it clamps any threshold to 0.5...1), and no score exceeds 100.
    public static let screeningHoldRange = 50...100

    public private(set) var fourEyesThreshold = BankSettings.defaultFourEyesThreshold
    /// Screening holds a payment when one of its names scores this or more against a list entry.
    public private(set) var screeningHoldAt = BankSettings.defaultScreeningHoldAt
    /// Whether a supervisor set `screeningHoldAt` (else the bank's configured threshold applies).
    public private(set) var screeningHoldAtIsSet = false
    public private(set) var version: Int64?

    public init() {}

    public mutating func apply(_ event: BankEvent, version: Int64) {
        switch event {
        case .fourEyesThresholdSet(let e): fourEyesThreshold = e.amount
        case .screeningThresholdSet(let e):
            screeningHoldAt = e.holdAt
            screeningHoldAtIsSet = true
        default: break
        }
        self.version = version
    }

    public static func load(from store: any EventStore) throws(BankError) -> BankSettings {
        var settings = BankSettings()
        try StreamFold.each(BankStream.settings, in: store) { event, recorded in settings.apply(event, version: recorded.version) }
        return settings
    }
}

/// Reads one small stream of the bank and decodes each event; a fault names the event.
enum StreamFold {
    static func each(_ stream: BankStream, in store: any EventStore, _ body: (BankEvent, RecordedEvent) -> Void) throws(BankError) {
        let events: [RecordedEvent]
        do {
            events = try store.read(stream.name)
        } catch .streamNotFound {
            return
        } catch {
            throw .store(error)
        }
        for recorded in events {
            do {
                body(try BankEvent.decode(recorded), recorded)
            } catch {
                throw .fault(EventFault(recorded, .undecodable(String(describing: error))))
            }
        }
    }
}
