/// The JSON of a value written as one string, its text: `Money` (`"12.34"`), the digit codes
/// (`"401234"`), `BankDate` (`"2027-01-31"`).
extension Decoder {
    /// The value a single JSON string stands for, read by `parse`; `DecodingError.dataCorrupted`
    /// with `refusal(text)` as its description when `parse` refuses the text.
    func decodeText<Value>(_ parse: (String) -> Value?, refusal: (String) -> String) throws -> Value {
        let text = try singleValueContainer().decode(String.self)
        guard let value = parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: refusal(text)))
        }
        return value
    }
}

extension Encoder {
    /// Writes `text` as a single JSON string.
    func encodeText(_ text: String) throws {
        var container = singleValueContainer()
        try container.encode(text)
    }
}
