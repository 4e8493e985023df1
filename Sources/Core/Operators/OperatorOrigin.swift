/// Where an operator's action came from, recorded in the metadata of the events it wrote
/// (`origin`): the role the operator held when acting, and the host, OS user and process.
/// With `actor` (`Payments/operator:NAME`) and the event's own data (reason, time) it is the
/// audit trail.
public struct OperatorOrigin: Codable, Sendable, Hashable {
    public var role: OperatorRole
    public var host: String
    public var osUser: String
    public var pid: Int32

    public init(role: OperatorRole, host: String, osUser: String, pid: Int32) {
        self.role = role
        self.host = host
        self.osUser = osUser
        self.pid = pid
    }

    /// This process's origin for an operator holding `role`.
    public static func thisProcess(role: OperatorRole) -> OperatorOrigin {
        let process = OperatorIdentity.current(environment: [:])
        return OperatorOrigin(role: role, host: process.host, osUser: process.osUser, pid: process.pid)
    }
}
