import Foundation
import Store

extension DomainWriter {
    /// `events` with their personal fields sealed, when a key store is registered for this
    /// writer's store (`PersonalDataKeyring`); as they are otherwise.
    ///
    /// Each event keeps its decoded, plain value as its attachment, so readers of the store's
    /// tail in this process need not open what was just sealed. A key that cannot be made or
    /// kept fails the append: nothing is written in plain text instead.
    func sealingPersonalData(_ events: [EventData], to stream: BankStream) throws(EventStoreError) -> [EventData] {
        guard events.contains(where: Self.mayNeedSealing),
              let personalData = PersonalDataKeyring.personalData(for: store) else { return events }
        var sealed = events
        var decodedSoFar: [BankEvent] = []
        for (index, data) in events.enumerated() {
            let event: BankEvent
            if let attached = data.attachment as? AttachedBankEvent {
                event = attached.event
            } else if BankEvent.typesWithPersonalData.contains(data.type),
                      case .success(let decoded) = Result(catching: { () throws(BankEvent.DecodingFailure) in try BankEvent.decode(type: data.type, data: data.data) }) {
                event = decoded
            } else {
                // Not a bank event this build can read: the store takes it as it is.
                continue
            }
            decodedSoFar.append(event)
            guard !Self.isSealed(data), let ownerKind = event.personalDataOwner else { continue }
            let owner = try keyOwner(ownerKind, on: stream, batch: decodedSoFar)
            var key: PersonalData.SealingKey?
            do {
                guard let value = try event.mappingPersonalData({ (text: String, context: String) throws(PersonalDataError) -> String in
                    try personalData.seal(text, owner: owner, context: context, key: &key)
                }) else { continue }
                sealed[index] = EventData(id: data.id, type: data.type, data: try BankCodec.encode(value), metadata: data.metadata,
                                          attachment: AttachedBankEvent(event, sealed: true), pinnedTo: data.pinnedTo)
            } catch let error as PersonalDataError {
                throw .io(path: "keys", reason: error.description)
            } catch let error as BankCodec.EncodingFailure {
                throw error.storeError
            } catch {
                throw .io(path: "keys", reason: String(describing: error))
            }
        }
        return sealed
    }

    /// Whether `data` already holds its event's personal fields sealed (`eventData(of:causedBy:actor:)`).
    private static func isSealed(_ data: EventData) -> Bool {
        (data.attachment as? AttachedBankEvent)?.sealed ?? false
    }

    /// Whether `data` may hold personal fields still to seal: told by its attached event when it
    /// has one (no hashing of its type), else by its type.
    private static func mayNeedSealing(_ data: EventData) -> Bool {
        if let attached = data.attachment as? AttachedBankEvent { return !attached.sealed && attached.event.personalDataOwner != nil }
        return BankEvent.typesWithPersonalData.contains(data.type)
    }

    /// The events a processor's decision appends (`PendingEvent.eventData(causedBy:actor:)` of
    /// each), with the personal fields of those whose key owner is their account's or the
    /// bank's sealed here and encoded once, sealed — not encoded in plain text and again at the
    /// append. The rest (a payment's held events, whose owner is found from the stream's first
    /// event, and any that fails to seal) are left to the append to seal, which reports a failure.
    func eventData(of decision: Decision, causedBy input: UUID, actor: String) throws(BankCodec.EncodingFailure) -> [EventData] {
        let personalData = decision.events.contains { $0.event.personalDataOwner != nil } ? personalData : nil
        return try decision.events.map { pending throws(BankCodec.EncodingFailure) in
            guard let personalData, let sealed = try Self.sealedData(of: pending.event, with: personalData) else {
                return try pending.eventData(causedBy: input, actor: actor)
            }
            return pending.eventData(causedBy: input, actor: actor, data: sealed, sealed: true)
        }
    }

    /// The key store this writer seals with (`PersonalDataKeyring`); nil when it writes plain text.
    var personalData: PersonalData? { PersonalDataKeyring.personalData(for: store) }

    /// `BankCodec.eventData(event, id:metadata:)`, with the event's personal fields sealed with
    /// `personalData` (this writer's, looked up once for many events) and encoded once, sealed,
    /// where its key owner is known from the event alone. A writer that remembers the data it
    /// writes (`DecodedEvents`) thus remembers the bytes the store will hold.
    static func eventData<E: BankEventType>(_ event: E, id: UUID, metadata: EventMetadata,
                                            sealingWith personalData: PersonalData?) throws(BankCodec.EncodingFailure) -> EventData {
        guard let personalData, let sealed = try sealedData(of: event.wrapped, with: personalData) else {
            return try BankCodec.eventData(event, id: id, metadata: metadata)
        }
        return EventData(id: id, type: E.eventType, data: sealed, metadata: BankCodec.encodeFast(metadata),
                         attachment: AttachedBankEvent(event.wrapped, sealed: true), pinnedTo: event.wrapped.pinnedPaymentStream?.name)
    }

    /// `event` encoded with its personal fields sealed; nil when it has none, when their owner
    /// is the payment's account (found at the append), or when sealing fails (the append then
    /// seals it again and fails with the key store's reason).
    private static func sealedData(of event: BankEvent, with personalData: PersonalData) throws(BankCodec.EncodingFailure) -> Data? {
        let owner: KeyOwner
        switch event.personalDataOwner {
        case .account(let account)?: owner = .customer(account)
        case .bank?: owner = .bank
        case .paymentAccount?, nil: return nil
        }
        let sealed: (any BankEventType)?
        var key: PersonalData.SealingKey?
        do throws(PersonalDataError) {
            sealed = try event.mappingPersonalData { (text: String, context: String) throws(PersonalDataError) -> String in
                try personalData.seal(text, owner: owner, context: context, key: &key)
            }
        } catch {
            return nil
        }
        return try sealed.map { value throws(BankCodec.EncodingFailure) in try BankCodec.encode(value) }
    }

    /// Makes the keys of the accounts named by many appends' events together (seeding a batch of
    /// accounts), before they are sealed one by one; the failure, if the keys cannot be made.
    func preparingKeys(for batches: [[EventData]]) -> EventStoreError? {
        guard batches.count > 1 else { return nil }
        var owners: Set<KeyOwner> = []
        // Events sealed already (`eventData(of:causedBy:actor:)`) had their keys.
        for data in batches.joined() where Self.mayNeedSealing(data) {
            if let event = (data.attachment as? AttachedBankEvent)?.event, case .account(let account)? = event.personalDataOwner {
                owners.insert(.customer(account))
            }
        }
        // One owner is made as it is sealed; `prepareKeys` makes many together.
        guard owners.count > 1, let personalData else { return nil }
        do {
            try personalData.prepareKeys(for: owners)
            return nil
        } catch {
            return .io(path: "keys", reason: error.description)
        }
    }

    /// The key owner for an event's personal data; a payment's account is found in its own
    /// first event (in this batch, or the first of its stream).
    private func keyOwner(_ owner: PersonalDataOwner, on stream: BankStream, batch: [BankEvent]) throws(EventStoreError) -> KeyOwner {
        switch owner {
        case .account(let account): return .customer(account)
        case .bank: return .bank
        case .paymentAccount:
            if let account = batch.lazy.compactMap(Self.paymentAccount).first { return .customer(account) }
            guard case .payment = stream else { return .bank }
            let first: [RecordedEvent]
            do {
                first = try store.read(.stream(stream.name), from: .version(0), direction: .forward, maxCount: 1)
            } catch .streamNotFound {
                return .bank
            }
            guard let recorded = first.first else { return .bank }
            let event: BankEvent
            if let attached = recorded.attachment as? AttachedBankEvent {
                event = attached.event
            } else {
                switch Result(catching: { () throws(BankEvent.DecodingFailure) in try BankEvent.decode(recorded) }) {
                case .success(let decoded): event = decoded
                case .failure: return .bank
                }
            }
            return Self.paymentAccount(event).map(KeyOwner.customer) ?? .bank
        }
    }

    /// Our account on a payment's first event: an inbound payment's destination, an outbound one's source.
    private static func paymentAccount(_ event: BankEvent) -> AccountID? {
        switch event {
        case .inboundPaymentReceived(let e): e.to.account
        case .outboundPaymentRequested(let e): e.from
        default: nil
        }
    }
}
