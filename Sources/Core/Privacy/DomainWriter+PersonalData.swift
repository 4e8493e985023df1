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
        guard let personalData = PersonalDataKeyring.personalData(for: store),
              events.contains(where: { BankEvent.typesWithPersonalData.contains($0.type) }) else { return events }
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
            guard let ownerKind = event.personalDataOwner else { continue }
            let owner = try keyOwner(ownerKind, on: stream, batch: decodedSoFar)
            do {
                guard let value = try event.mappingPersonalData({ (text: String, context: String) throws(PersonalDataError) -> String in
                    try personalData.seal(text, owner: owner, context: context)
                }) else { continue }
                sealed[index] = EventData(id: data.id, type: data.type, data: try BankCodec.encode(value), metadata: data.metadata,
                                          attachment: data.attachment ?? AttachedBankEvent(event))
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

    /// Makes the keys of the accounts named by many appends' events together (seeding a batch of
    /// accounts), before they are sealed one by one; the failure, if the keys cannot be made.
    func preparingKeys(for batches: [[EventData]]) -> EventStoreError? {
        guard batches.count > 1, let personalData = PersonalDataKeyring.personalData(for: store) else { return nil }
        var owners: Set<KeyOwner> = []
        for data in batches.joined() where BankEvent.typesWithPersonalData.contains(data.type) {
            if let event = (data.attachment as? AttachedBankEvent)?.event, case .account(let account)? = event.personalDataOwner {
                owners.insert(.customer(account))
            }
        }
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
