import Core
import Foundation
import Store

/// How events look on the command line: the stable JSON shape and the human forms.
enum EventRendering {
    /// Event data or metadata as a JSON value: the JSON itself, `null` when empty, or a
    /// base64 string when the bytes are not JSON (then `isJSON` is false).
    static func body(_ bytes: Data) -> (value: JSONValue, isJSON: Bool) {
        if bytes.isEmpty { return (.null, true) }
        if let value = try? JSONParser.parse([UInt8](bytes)) { return (value, true) }
        return (.string(bytes.base64EncodedString()), false)
    }

    /// `{"stream","version","position","type","id","created","data","metadata"}`, plus
    /// `dataEncoding`/`metadataEncoding: "base64"` when a body is not JSON and `link` when
    /// the event was read through a system index.
    static func json(_ event: RecordedEvent) -> JSONValue {
        let data = body(PersonalDataKeyring.opened(event.data, type: event.type))
        let metadata = body(event.metadata)
        var members: [(key: String, value: JSONValue)] = [
            ("stream", .string(event.stream)),
            ("version", .number(String(event.version))),
            ("position", .number(String(event.position))),
            ("type", .string(event.type)),
            ("id", .string(event.id.uuidString.lowercased())),
            ("created", .string(Timestamp.string(event.created))),
            ("data", data.value),
            ("metadata", metadata.value),
        ]
        if !data.isJSON { members.append(("dataEncoding", .string("base64"))) }
        if !metadata.isJSON { members.append(("metadataEncoding", .string("base64"))) }
        if let link = event.link {
            members.append(("link", .object([("stream", .string(link.stream)), ("version", .number(String(link.version)))])))
        }
        return .object(members)
    }

    /// One row for `read`: where it is, what it is, and the start of its data.
    static func row(_ event: RecordedEvent, previewWidth: Int = 60) -> [String] {
        var preview = body(PersonalDataKeyring.opened(event.data, type: event.type)).value.compact
        if preview.count > previewWidth { preview = String(preview.prefix(previewWidth - 1)) + "…" }
        return [event.link.map { String($0.version) } ?? String(event.version), String(event.position),
                event.stream, event.type, Timestamp.string(event.created), preview]
    }

    /// Headers matching `row`; the first column is the index entry when reading `$ce-`/`$et-`.
    static func headers(throughIndex: Bool) -> [String] {
        [throughIndex ? "ENTRY" : "VERSION", "POSITION", "STREAM", "TYPE", "CREATED", "DATA"]
    }

    /// The full detail for `event`: labelled fields, then data and metadata as indented JSON.
    static func detail(_ event: RecordedEvent) -> String {
        var lines = Table(["", ""])
        lines.append(["stream", event.stream])
        lines.append(["version", String(event.version)])
        lines.append(["position", String(event.position)])
        lines.append(["type", event.type])
        lines.append(["id", event.id.uuidString.lowercased()])
        lines.append(["created", Timestamp.string(event.created)])
        var text = lines.lines(header: false).joined(separator: "\n") + "\n"
        for (label, bytes) in [("data", PersonalDataKeyring.opened(event.data, type: event.type)), ("metadata", event.metadata)] {
            let rendered = body(bytes)
            let suffix = rendered.isJSON ? "" : " (not JSON; base64)"
            text += "\(label)\(suffix):\n"
            text += rendered.isJSON ? rendered.value.pretty : (rendered.value.stringValue ?? "")
            text += "\n"
        }
        return text
    }
}
