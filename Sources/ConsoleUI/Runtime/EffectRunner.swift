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
            Task.detached {
                do throws(EventStoreError) {
                    inbox.post(.pageLoaded(try reader.page(of: stream, from: from, count: count)))
                } catch {
                    inbox.post(.loadFailed("\(stream): \(error)"))
                }
            }
        case let .loadEvent(stream, version, via):
            Task.detached {
                do throws(EventStoreError) {
                    inbox.post(.eventLoaded(try reader.detail(stream: stream, version: version, via: via)))
                } catch {
                    inbox.post(.loadFailed("\(stream)@\(version): \(error)"))
                }
            }
        case .perform(let action):
            Task.detached { inbox.post(.commandFinished(await services.performAction(action))) }
        case let .loadTimeline(id, positions):
            Task.detached {
                do throws(EventStoreError) {
                    inbox.post(.timelineLoaded(try reader.timeline(of: id, positions: positions)))
                } catch {
                    inbox.post(.loadFailed("timeline of \(id.uuidString.lowercased()): \(error)"))
                }
            }
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
            Task.detached {
                do throws(EventStoreError) {
                    inbox.post(.timeMachineLoaded(try query.read(at: position, later: later, in: services.store)))
                } catch {
                    inbox.post(.loadFailed("time machine at \(position): \(error)"))
                }
            }
        case .seekTime(let time):
            let query = TimeQuery(state)
            Task.detached {
                do throws(EventStoreError) {
                    guard let snapshot = try query.read(atTime: time, in: services.store) else {
                        inbox.post(.loadFailed("nothing had happened by \(Text.timestamp(time))"))
                        return
                    }
                    inbox.post(.timeMachineLoaded(snapshot))
                } catch {
                    inbox.post(.loadFailed("time machine at \(Text.timestamp(time)): \(error)"))
                }
            }
        case .loadSubscriptions:
            Task.detached { inbox.post(.subscriptionsLoaded(await services.loadSubscriptions())) }
        case .checkHealth:
            // Two lock reads: cheap enough to answer here, on the UI thread.
            inbox.post(.healthChecked(Health(writerFailure: services.store.writerFailure,
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
}
