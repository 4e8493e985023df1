import Core
import Foundation
import Store

/// Checks of what a user gives for a new event, shared by `append` and `import`.
enum EventInput {
    /// The bytes of a JSON text, or a refusal saying where it is not JSON.
    static func json(_ text: String, field: String) throws(CommandFailure) -> Data {
        let bytes = Array(text.utf8)
        do {
            _ = try JSONParser.parse(bytes)
        } catch {
            throw .refused("\(field) is not JSON: \(error)")
        }
        return Data(bytes)
    }

    /// A UUID in its usual text form.
    static func id(_ text: String) throws(CommandFailure) -> UUID {
        guard let id = UUID(uuidString: text) else { throw .refused("id is not a UUID: '\(text)'") }
        return id
    }

    /// `any`, `no-stream`, `exists` or a version number.
    static func expected(_ text: String) throws(CommandFailure) -> ExpectedVersion {
        guard let expected = ExpectedVersion(parsing: text) else {
            throw .refused("expected version must be any, no-stream, exists or a version number, not '\(text)'")
        }
        return expected
    }

    /// A stream name a user may append to, and an event type.
    static func validate(stream: String, type: String) throws(CommandFailure) {
        do {
            try StreamNames.validateUserStream(stream)
            try StreamNames.validateEventType(type)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The `ok STREAM VERSION POSITION` line, or its JSON form.
    static func okLine(stream: String, version: Int64, position: UInt64, json: Bool) -> String {
        if json {
            return JSONValue.object([
                ("ok", .bool(true)), ("stream", .string(stream)),
                ("version", .number(String(version))), ("position", .number(String(position))),
            ]).compact
        }
        return "ok \(stream) \(version) \(position)"
    }
}
