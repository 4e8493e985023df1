import Core
import Foundation
import Store

/// One NDJSON line of `import`, checked: where it goes and what it is.
///
/// Fields: `stream` and `type` (strings), `data` (any JSON value, kept byte for byte),
/// optional `metadata` (JSON), `id` (UUID string), `expected` (`"any"`, `"no-stream"`,
/// `"exists"` or a version number). `dataEncoding`/`metadataEncoding: "base64"` mark a body
/// given as a base64 string, as `read --json` prints non-JSON bodies; so `read --json` output
/// imports as is. Other fields (`version`, `position`, `created`, ...) are ignored.
struct ImportLine: Sendable, Equatable {
    var stream: String
    var expected: ExpectedVersion
    var event: EventData

    /// Parses and validates one line; the error is the reason printed in `error LINE REASON`.
    static func parse(_ bytes: [UInt8]) -> Result<ImportLine, CommandFailure> {
        let members: [JSONParser.Member]
        do {
            members = try JSONParser.parseTopLevelObject(bytes)
        } catch {
            return .failure(.refused(error.description))
        }
        func member(_ key: String) -> JSONParser.Member? { members.first { $0.key == key } }
        func string(_ key: String) -> Result<String?, CommandFailure> {
            guard let found = member(key) else { return .success(nil) }
            guard case .string(let text) = found.value else { return .failure(.refused("\"\(key)\" must be a string")) }
            return .success(text)
        }
        do {
            guard let stream = try string("stream").get() else { return .failure(.refused("missing \"stream\"")) }
            guard let type = try string("type").get() else { return .failure(.refused("missing \"type\"")) }
            try EventInput.validate(stream: stream, type: type)
            try BankOwnedStreams.refuse(stream: stream, type: type)
            guard let dataMember = member("data") else { return .failure(.refused("missing \"data\"")) }
            let data = try body(dataMember, bytes: bytes, encoding: try string("dataEncoding").get())
            let metadata = try member("metadata").map { found throws(CommandFailure) in
                try body(found, bytes: bytes, encoding: try string("metadataEncoding").get())
            } ?? Data()
            let id = try string("id").get().map { text throws(CommandFailure) in try EventInput.id(text) } ?? UUID()
            let expected: ExpectedVersion
            switch member("expected")?.value {
            case nil: expected = .any
            case .string(let text)?: expected = try EventInput.expected(text)
            case .number(let text)?: expected = try EventInput.expected(text)
            case _?: return .failure(.refused("\"expected\" must be any, no-stream, exists or a version number"))
            }
            return .success(ImportLine(stream: stream, expected: expected,
                                       event: EventData(id: id, type: type, data: data, metadata: metadata)))
        } catch {
            return .failure(error)
        }
    }

    /// A body as its exact source bytes, or decoded from base64 when so marked.
    private static func body(_ member: JSONParser.Member, bytes: [UInt8], encoding: String?) throws(CommandFailure) -> Data {
        switch encoding {
        case nil, "json":
            if case .null = member.value { return Data() }
            return Data(bytes[member.range])
        case "base64":
            guard case .string(let text) = member.value, let decoded = Data(base64Encoded: text) else {
                throw .refused("\"\(member.key)\" is marked base64 but is not a base64 string")
            }
            return decoded
        case let other?:
            throw .refused("unknown encoding \"\(other)\" for \"\(member.key)\" (json or base64)")
        }
    }
}
