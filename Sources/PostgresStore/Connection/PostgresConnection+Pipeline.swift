import CLibpq

extension PostgresConnection {
    /// One statement of a pipeline: SQL text and its parameters.
    struct Statement {
        var sql: String
        var parameters: [PostgresValue] = []
    }

    /// Runs `statements` in order in one round trip (libpq's pipeline mode) and returns each
    /// one's rows. When one fails, the ones after it do not run and its error is thrown (inside
    /// a transaction, the transaction is then aborted, as with `execute`).
    ///
    /// Statements are prepared first (a round trip each, once per session); past the session's
    /// limit of prepared statements they run one by one instead.
    func pipeline(_ statements: [Statement]) throws(PostgresError) -> [PostgresRows] {
        var names: [String] = []
        for statement in statements {
            guard let name = try preparedName(statement.sql, types: statement.parameters.map(\.oid)) else {
                var rows: [PostgresRows] = []
                for statement in statements { rows.append(try execute(statement.sql, statement.parameters)) }
                return rows
            }
            names.append(name)
        }
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(sqlState: nil, message: "cannot enter pipeline mode: \(lastMessage)", connectionLost: isBroken)
        }
        do {
            let rows = try runPipeline(statements, names: names)
            _ = PQexitPipelineMode(handle)
            return rows
        } catch {
            if PQexitPipelineMode(handle) != 1 { poisoned = true }
            throw error
        }
    }

    private func runPipeline(_ statements: [Statement], names: [String]) throws(PostgresError) -> [PostgresRows] {
        func lost(_ what: String) -> PostgresError {
            poisoned = true
            return PostgresError(sqlState: nil, message: "\(what): \(lastMessage)", connectionLost: true)
        }
        for (statement, name) in zip(statements, names) {
            let sent = Self.withBound(statement.parameters) { count, values, lengths, formats in
                PQsendQueryPrepared(handle, name, count, values, lengths, formats, 1)
            }
            guard sent == 1 else { throw lost("sending a statement failed") }
        }
        guard PQpipelineSync(handle) == 1 else { throw lost("sending the pipeline failed") }
        var rows: [PostgresRows] = []
        var failure: PostgresError?
        for _ in statements {
            // Each statement's result, then a NULL that ends it.
            guard let result = PQgetResult(handle) else { throw lost("a pipeline result is missing") }
            if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                PQclear(result)
            } else {
                do throws(PostgresError) {
                    rows.append(try checked(result))
                } catch {
                    if failure == nil { failure = error }
                }
            }
            while let extra = PQgetResult(handle) { PQclear(extra) }
        }
        guard let sync = PQgetResult(handle) else { throw lost("the pipeline's end is missing") }
        let synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC
        PQclear(sync)
        guard synced else { throw lost("the pipeline ended unexpectedly") }
        if let failure { throw failure }
        return rows
    }
}
