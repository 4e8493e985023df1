#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is acting, and from where: recorded with every operator action.
///
/// On the file store the name is claimed, not proven: `--by NAME`, else `BANK_OPERATOR`, else the
/// OS login name. Anyone who can write the data directory can claim any name (the store trusts
/// the machine, as git trusts its author name); host, OS user and process say where it came from.
public struct OperatorIdentity: Codable, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var host: String
    public var osUser: String
    public var pid: Int32

    public init(name: String, host: String, osUser: String, pid: Int32) {
        self.name = name
        self.host = host
        self.osUser = osUser
        self.pid = pid
    }

    public var description: String { "\(name) (\(osUser)@\(host), pid \(pid))" }

    /// This process's identity: `name` if given, else `BANK_OPERATOR`, else the OS login name.
    public static func current(name: String? = nil, environment: [String: String]) -> OperatorIdentity {
        let login = loginName()
        let claimed = [name, environment["BANK_OPERATOR"]].compactMap { $0 }.first { !$0.isEmpty }
        return OperatorIdentity(name: claimed ?? login, host: hostName(), osUser: login, pid: getpid())
    }

    /// The name of the effective user (`getpwuid`), or its number when it has no entry.
    static func loginName() -> String {
        let uid = geteuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid\(uid)" }
        return String(cString: name)
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
