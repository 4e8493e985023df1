import Foundation

extension PersonalDataKeyring {
    /// Event data as the views show it: each sealed field opened (`[forgotten]` when its key
    /// is gone), the rest as stored. Data without a sealed field is returned as it is; sealed
    /// data comes back as compact JSON. The context of a field is its path under `type`, as
    /// `BankEvent.mappingPersonalData` names it.
    package static func opened(_ data: Data, type: String) -> Data {
        guard data.range(of: Data(PersonalData.prefix.utf8)) != nil,
              case .success(let value) = Result(catching: { try JSONParser.parse([UInt8](data)) }) else { return data }
        return Data(opened(value, path: type).compact.utf8)
    }

    /// `value` with each sealed string opened.
    package static func opened(_ value: JSONValue, path: String) -> JSONValue {
        switch value {
        case .string(let text): .string(open(text, context: path))
        case .array(let items): .array(items.map { opened($0, path: path) })
        case .object(let members): .object(members.map { (key: $0.key, value: opened($0.value, path: path + "/" + $0.key)) })
        case .number, .bool, .null: value
        }
    }
}
