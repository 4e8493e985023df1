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
        var rows: [PostgresRows] = []
        try pipeline(statements) { _, result throws(PostgresError) in rows.append(result) }
        return rows
    }

    /// Runs `statements` in one round trip as `pipeline` does, handing each one's rows to
    /// `each` (with the statement's index) as soon as they have arrived, while the server
    /// already runs the ones after it: a reader decodes one `FETCH` while the next is produced.
    /// When `each` throws, the remaining results are still read (the connection stays usable)
    /// and its error is thrown.
    func pipeline(_ statements: [Statement], each: (Int, PostgresRows) throws(PostgresError) -> Void) throws(PostgresError) {
        var failure: PostgresError?
        try segments([statements]) { _, index, rows throws(PostgresError) in try each(index, rows) } failed: { _, error in failure = error }
        if let failure { throw failure }
    }

    /// Runs `first` and then `second` in one round trip, each in a segment of its own: a
    /// statement that fails skips the rest of its segment only. (A transaction the first
    /// leaves open and aborted makes the second's statements fail too.) Returns each segment's
    /// rows or its first error; throws only when the connection itself failed.
    func pipeline(_ first: [Statement], then second: [Statement]) throws(PostgresError) -> (first: Result<[PostgresRows], PostgresError>, second: Result<[PostgresRows], PostgresError>) {
        var rows: [[PostgresRows]] = [[], []]
        var failures: [PostgresError?] = [nil, nil]
        try segments([first, second]) { segment, _, result throws(PostgresError) in rows[segment].append(result) } failed: { segment, error in failures[segment] = error }
        func outcome(_ segment: Int) -> Result<[PostgresRows], PostgresError> {
            if let failure = failures[segment] { return .failure(failure) }
            return .success(rows[segment])
        }
        return (outcome(0), outcome(1))
    }

    /// Sends every segment (its statements, then a sync) and reads them back in order, handing
    /// each statement's rows to `each` (segment, index in it) and each segment's first failure
    /// (a statement's error, or `each`'s) to `failed`. Throws only when the connection failed.
    private func segments(_ segments: [[Statement]], each: (Int, Int, PostgresRows) throws(PostgresError) -> Void,
                          failed: (Int, PostgresError) -> Void) throws(PostgresError) {
        var names: [[String]] = []
        for segment in segments {
            var segmentNames: [String] = []
            for statement in segment {
                guard let name = try preparedName(statement.sql, types: statement.parameters.map(\.oid)) else {
                    try oneByOne(segments, each: each, failed: failed)
                    return
                }
                segmentNames.append(name)
            }
            names.append(segmentNames)
        }
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(sqlState: nil, message: "cannot enter pipeline mode: \(lastMessage)", connectionLost: isBroken)
        }
        do {
            try runPipeline(segments, names: names, each: each, failed: failed)
            _ = PQexitPipelineMode(handle)
        } catch {
            if PQexitPipelineMode(handle) != 1 { poisoned = true }
            throw error
        }
    }

    /// The segments without pipelining (past the prepared-statement limit), with the same
    /// outcome: a failure skips the rest of its segment.
    private func oneByOne(_ segments: [[Statement]], each: (Int, Int, PostgresRows) throws(PostgresError) -> Void,
                          failed: (Int, PostgresError) -> Void) throws(PostgresError) {
        for (segment, statements) in segments.enumerated() {
            do throws(PostgresError) {
                for (index, statement) in statements.enumerated() { try each(segment, index, try execute(statement.sql, statement.parameters)) }
            } catch {
                if isBroken { throw error }
                failed(segment, error)
            }
        }
    }

    private func runPipeline(_ segments: [[Statement]], names: [[String]], each: (Int, Int, PostgresRows) throws(PostgresError) -> Void,
                             failed: (Int, PostgresError) -> Void) throws(PostgresError) {
        func lost(_ what: String) -> PostgresError {
            poisoned = true
            return PostgresError(sqlState: nil, message: "\(what): \(lastMessage)", connectionLost: true)
        }
        for (statements, names) in zip(segments, names) {
            for (statement, name) in zip(statements, names) {
                let sent = Self.withBound(statement.parameters) { count, values, lengths, formats in
                    PQsendQueryPrepared(handle, name, count, values, lengths, formats, 1)
                }
                guard sent == 1 else { throw lost("sending a statement failed") }
            }
            guard PQpipelineSync(handle) == 1 else { throw lost("sending the pipeline failed") }
        }
        for (segment, statements) in segments.enumerated() {
            var failure: PostgresError?
            for index in statements.indices {
                // Each statement's result, then a NULL that ends it.
                guard let result = PQgetResult(handle) else { throw lost("a pipeline result is missing") }
                if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
                    PQclear(result)
                } else {
                    do throws(PostgresError) {
                        let rows = try checked(result)
                        if failure == nil { try each(segment, index, rows) }
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
            if let failure {
                if failure.connectionLost { throw failure }
                failed(segment, failure)
            }
        }
    }
}
