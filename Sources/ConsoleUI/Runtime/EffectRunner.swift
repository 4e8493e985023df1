import Core
import Foundation
import Store

/// Performs `Effect`s off the UI thread and posts what came of them to the `Inbox`.
struct EffectRunner: Sendable {
    let services: ConsoleServices
    let inbox: Inbox
    /// Simulator changes, applied and answered in the order the keys were pressed.
    let simulatorLane = SerialLane()

    var reader: StoreReader { StoreReader(store: services.store) }

    /// Starts `effect`; `state` is the state that asked for it (the time machine reads what it
    /// has on screen).
    func run(_ effect: Effect, _ state: State) {
        let reader = reader, inbox = inbox, services = services
        switch effect {
        case .quit:
            return
        case .loadStreams:
            Task.detached {
                let rows = reader.streams()
                do throws(EventStoreError) {
                    inbox.post(.streamsLoaded(rows, streamsIndex: try reader.streamsIndexCount()))
                } catch {
                    // The streams are listed all the same; `$streams` shows no count, and a toast says why.
                    inbox.post(.streamsLoaded(rows, streamsIndex: nil))
                    inbox.post(.loadFailed("\(StreamNames.streams): \(error)"))
                }
            }
        case let .loadPage(stream, from, count):
            read(stream) { () throws(EventStoreError) -> Msg in .pageLoaded(try reader.page(of: stream, from: from, count: count)) }
        case let .loadEvent(stream, version, via):
            read("\(stream)@\(version)") { () throws(EventStoreError) -> Msg in .eventLoaded(try reader.detail(stream: stream, version: version, via: via)) }
        case .perform(let action):
            Task.detached { inbox.post(.commandFinished(await services.performAction(action))) }
        case let .loadTimeline(id, positions):
            read("timeline of \(id.uuidString.lowercased())") { () throws(EventStoreError) -> Msg in .timelineLoaded(try reader.timeline(of: id, positions: positions)) }
        case .loadLedger(let id):
            Task.detached { inbox.post(.ledgerLoaded(LedgerPage.read(id, in: services.store))) }
        case .exportStatement(let id):
            let directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let now = Date()
            Task.detached {
                do {
                    let written = try StatementExport.write(id, from: services.store, to: directory, at: now)
                    inbox.post(.statementExported(path: written.path, entries: written.entries))
                } catch {
                    inbox.post(.loadFailed("statement of \(id): \(error)"))
                }
            }
        case .seek(let position, let later):
            let query = TimeQuery(state)
            read("time machine at \(position)") { () throws(EventStoreError) -> Msg in .timeMachineLoaded(try query.read(at: position, later: later, in: services.store)) }
        case .seekTime(let time):
            let query = TimeQuery(state)
            read("time machine at \(Text.timestamp(time))") { () throws(EventStoreError) -> Msg in
                guard let snapshot = try query.read(atTime: time, in: services.store) else {
                    return .loadFailed("nothing had happened by \(Text.timestamp(time))")
                }
                return .timeMachineLoaded(snapshot)
            }
        case .loadSubscriptions:
            Task.detached { inbox.post(.subscriptionsLoaded(await services.loadSubscriptions())) }
        case .checkHealth:
            // Two lock reads: cheap enough to answer here, on the UI thread.
            inbox.post(.healthChecked(Health(writerFailure: services.store.writerFailure, writerRetries: services.store.writerRetries,
                                             simulatorError: services.simulatorStatus().lastError)))
            // A copy under the bank's lock: cheap (its parts are shared until either side changes them).
            if let views = services.bankViews(), views.nextPosition > state.bank.live.nextPosition + State.viewsJump {
                inbox.post(.bankViewsAhead(views))
            }
        case .loadOperators:
            Task.detached {
                do throws(BankError) {
                    inbox.post(.operatorsLoaded(try OperatorRoster.load(from: services.store), try BankSettings.load(from: services.store)))
                } catch {
                    inbox.post(.operatorsLoadFailed(error.description))
                }
            }
        case .loadAudit(let request):
            Task.detached {
                do throws(BankError) {
                    inbox.post(.auditLoaded(try AuditPage.load(request, from: services.store)))
                } catch {
                    inbox.post(.auditLoadFailed(request, error.description))
                }
            }
        case .controlSimulator(let control):
            simulatorLane.add { inbox.post(.simulatorChanged(await services.controlSimulator(control))) }
        }
    }

    /// Reads off the UI thread and posts what `body` made of the read, or `.loadFailed` naming
    /// `what` was read and why it could not be.
    private func read(_ what: String, _ body: @escaping @Sendable () throws(EventStoreError) -> Msg) {
        let inbox = inbox
        Task.detached {
            do throws(EventStoreError) {
                inbox.post(try body())
            } catch {
                inbox.post(.loadFailed("\(what): \(error)"))
            }
        }
    }
}
