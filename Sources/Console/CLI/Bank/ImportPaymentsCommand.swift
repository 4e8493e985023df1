import Core
import Foundation

/// `import-payments FILE|DIR`: ISO 20022 `pacs.008` messages into the bank as inbound payments.
enum ImportPaymentsCommand {
    static let command = Command(spec: CommandSpec(
        name: "import-payments",
        usage: ["import-payments FILE|DIR [--timeout SECONDS]"],
        summary: "import ISO 20022 pacs.008 messages as inbound payments",
        details: """
        FILE is one pacs.008 message (FI to FI customer credit transfer, pacs.008.001.08 or \
        later); DIR imports every *.xml file in it, in name order. Each message is checked first \
        (message id, end-to-end id, UETR, GBP amount, debtor and creditor names, 8-digit accounts, \
        sort codes under clearing system GBDSC); a malformed one is refused with the element \
        that is wrong (FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: currency EUR, expected \
        GBP) on stderr and nothing of it is written, while the others go on. Each transaction \
        of a good message becomes an inbound payment whose id is its UETR, taking the path every \
        inbound payment takes (validation and the modulus check, screening and holds, account \
        checks, settlement); a UETR the bank has already is reported as already imported and \
        not sent again. The processors run until the payments are at rest; one line each: \
        file, message id, end-to-end id, payment id, where it came to rest. Exit 1 when any \
        message was refused, 4 when a payment was not at rest within --timeout. JSON: \
        {"payments":[{"file","messageId","endToEndId","uetr","paymentId","alreadyImported","state","reason"}],"rejected":[{"file","error"}]}.
        """,
        positionals: [PositionalSpec(name: "FILE|DIR", value: .path)],
        options: [BankSession.timeoutOption]
    ), run: run)

    /// A message read from a file, or why it was refused.
    struct Read {
        var file: String
        var message: Result<Pacs008Message, Pacs008Error>
    }

    static func run(_ context: CommandContext) async throws -> Int32 {
        let timeout = try BankSession.timeout(context)
        let urls = try files(context)
        var documents: [Data] = []
        var unreadable: Set<Int> = []
        for (index, url) in urls.enumerated() {
            do {
                documents.append(try Data(contentsOf: url))
            } catch {
                documents.append(Data())
                unreadable.insert(index)
            }
        }
        let messages = await Pacs008Reader.readAll(documents)
        let reads = urls.enumerated().map { index, url in
            Read(file: url.lastPathComponent,
                 message: unreadable.contains(index) ? .failure(Pacs008Error(path: "file", reason: "cannot be read")) : messages[index])
        }
        var rejected: [(file: String, error: String)] = []
        var accepted: [(file: String, message: Pacs008Message)] = []
        for read in reads {
            switch read.message {
            case .success(let message): accepted.append((read.file, message))
            case .failure(let error):
                rejected.append((read.file, error.description))
                context.errors.line("bank-console import-payments: \(read.file): " + DisplayText.messageLine(error.description))
            }
        }
        var rows: [JSONValue] = []
        var late = false
        if !accepted.isEmpty {
            try await BankSession.withBank(context, timeout: timeout) { bank in
                let outcomes = try await bank.importPayments(accepted.map(\.message))
                for ((file, _), results) in zip(accepted, outcomes) {
                    for result in results {
                        let outcome: PaymentOutcome?
                        do {
                            outcome = try await bank.waitUntilAtRest(.inbound, result.paymentId)
                        } catch BankError.notAtRest {
                            outcome = nil
                            late = true
                        }
                        let state = outcome?.status.rawValue ?? "not at rest"
                        let reason = outcome?.reason?.detail
                        if context.json {
                            rows.append(.object([
                                ("file", .string(file)), ("messageId", .string(result.ids.messageId)),
                                ("endToEndId", .string(result.ids.endToEndId)), ("uetr", .string(result.ids.uetr)),
                                ("paymentId", .string(result.paymentId.uuidString.lowercased())),
                                ("alreadyImported", .bool(result.status == .alreadyImported)),
                                ("state", .string(state)), ("reason", reason.map { .string($0) } ?? .null),
                            ]))
                        } else {
                            let already = result.status == .alreadyImported ? "already imported, " : ""
                            context.output.line(DisplayText.messageLine("\(file) \(result.ids.messageId) \(result.ids.endToEndId): payment "
                                + "\(result.paymentId.uuidString.lowercased()) \(already)\(state)" + (reason.map { ": \($0)" } ?? "")))
                        }
                    }
                }
            }
        }
        if context.json {
            context.output.line(JSONValue.object([
                ("payments", .array(rows)),
                ("rejected", .array(rejected.map { .object([("file", .string($0.file)), ("error", .string($0.error))]) })),
            ]).compact)
        } else {
            let count = accepted.reduce(0) { $0 + $1.message.transactions.count }
            context.output.line("\(accepted.count) message\(accepted.count == 1 ? "" : "s") (\(count) payment\(count == 1 ? "" : "s")) imported, "
                + "\(rejected.count) refused")
        }
        if !rejected.isEmpty { return ExitCode.refused }
        return late ? ExitCode.notAtRest : ExitCode.success
    }

    /// The file, or the directory's `*.xml` files in name order.
    static func files(_ context: CommandContext) throws(CommandFailure) -> [URL] {
        let path = context.arguments.positionals[0]
        let url = URL(fileURLWithPath: path, relativeTo: context.environment.workingDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { throw .refused("no such file or directory: \(path)") }
        guard isDirectory.boolValue else { return [url] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .refused("cannot list \(path)")
        }
        let files = names.filter { $0.lowercased().hasSuffix(".xml") }.sorted().map { url.appendingPathComponent($0) }
        guard !files.isEmpty else { throw .refused("\(path) holds no .xml files") }
        return files
    }
}
