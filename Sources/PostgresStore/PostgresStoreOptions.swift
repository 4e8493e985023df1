import Store

/// How `PostgresEventStore.open` connects and what it uses on the server.
public struct PostgresStoreOptions: Sendable {
    /// The schema holding the store's tables (created on first use). Lower-case letters,
    /// digits and `_`, starting with a letter.
    public var schema: String
    /// The store's clock: `created` of appended events and `$maxAge` are measured by it.
    public var clock: any StoreClock
    /// The most read connections open at once (readers beyond it wait for one); they stay
    /// open between reads. The writer and the listener have one each besides.
    public var readConnections: Int

    public init(schema: String = "bank", clock: any StoreClock = SystemClock(), readConnections: Int = 8) {
        self.schema = schema
        self.clock = clock
        self.readConnections = readConnections
    }
}
