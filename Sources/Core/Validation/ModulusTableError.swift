/// Why a modulus table does not load: the file is missing or a line is malformed.
public enum ModulusTableError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingFile(String)
    case malformed(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missingFile(let name): "modulus table \(name) not found"
        case let .malformed(file, line, reason): "\(file):\(line): \(reason)"
        }
    }
}
