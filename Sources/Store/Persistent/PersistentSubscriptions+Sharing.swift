import Foundation

/// Handing a group between processes that share one store: a member that gives a group's
/// partition up releases it here, and the member that takes it over reopens it, so the group
/// runs in one process at a time and resumes where the last one checkpointed.
extension PersistentSubscriptions {
    /// Starts (or restarts) running a group from the state the store holds now: the latest
    /// configuration and the group's furthest recent checkpoint, as a newly opened instance
    /// would. A runtime this instance already had for it is stopped first (its consumers'
    /// iterations end; its checkpoint is written if it moved). For a group another process
    /// created, or one whose checkpoint another process wrote since this instance opened.
    /// - Throws: `groupNotFound` when the store's configuration has no such group.
    public func reopen(group: String, source: ReadTarget) async throws(EventStoreError) {
        try await reopen(groups: [(group, source)])
    }

    /// Reopens several groups as `reopen(group:source:)` does each, reading the configuration
    /// once for all of them (a process taking a partition over reopens every group of it).
    /// - Throws: `groupNotFound` when the store's configuration lacks one (none is opened).
    public func reopen(groups: [(group: String, source: ReadTarget)]) async throws(EventStoreError) {
        for (group, source) in groups { await release(group: group, source: source) }
        let (config, version) = try PersistentConfig.load(from: store)
        var runtimes: [(Key, PersistentGroup)] = []
        for (group, source) in groups {
            let index = try config.index(of: group, on: source)
            runtimes.append((Key(source: source.description, group: group),
                             try Self.openGroup(config.groups[index], store: store, clock: clock, now: clock.now())))
        }
        let opened = registry.withLock { registry -> Bool in
            guard !registry.closed else { return false }
            if (version ?? -1) >= (registry.configVersion ?? -1) {
                registry.config = config
                registry.configVersion = version
            }
            for (key, runtime) in runtimes { registry.groups[key] = runtime }
            return true
        }
        if !opened {
            for (_, runtime) in runtimes { runtime.shutDown() }
            throw .closed
        }
    }

    /// Stops running a group in this instance without deleting it: its consumers' iterations
    /// end and its checkpoint is written (when it moved), so whoever reopens it next resumes
    /// after every message acknowledged here. Does nothing for a group not running here.
    public func release(group: String, source: ReadTarget) async {
        let runtime = registry.withLock { registry in
            registry.groups.removeValue(forKey: Key(source: source.description, group: group))
        }
        guard let runtime else { return }
        runtime.shutDown()
        await runtime.writeCheckpoint(closing: true)
    }
}
