import Foundation
import Store
import Testing
@testable import Core

/// Who may do what: every action, every role.
@Suite struct OperatorRoleTests {
    private static let expected: [OperatorAction: OperatorRole] = [
        .release: .operator, .reject: .operator, .firstApproval: .operator, .block: .operator, .unblock: .operator, .send: .operator,
        .secondApproval: .supervisor, .close: .supervisor, .changeSanctions: .supervisor, .changeSettings: .supervisor,
        .manageOperators: .supervisor, .resetProjection: .supervisor, .replayParked: .supervisor, .seed: .supervisor,
        .forgetCustomer: .supervisor,
    ]

    @Test(arguments: OperatorAction.allCases)
    func eachActionNeedsItsRoleAndEveryRoleAboveIt(action: OperatorAction) throws {
        let needed = try #require(Self.expected[action])
        var roster = OperatorRoster()
        for (version, role) in OperatorRole.allCases.enumerated() {
            roster.apply(.operatorAdded(OperatorAdded(name: role.rawValue, role: role, by: "root", reason: "t")), version: Int64(version))
        }
        for role in OperatorRole.allCases {
            let refusal = roster.refusal(of: action, by: role.rawValue)
            if role >= needed {
                #expect(refusal == nil, "\(role) may \(action)")
            } else {
                #expect(refusal == .roleRequired(name: role.rawValue, role: role, action: action), "\(role) may not \(action)")
            }
        }
        #expect(roster.refusal(of: action, by: "stranger") == .notAnOperator(name: "stranger", action: action))
    }

    @Test func aRefusalNamesTheRoleNeededInOneLine() {
        let refusal = BankError.roleRequired(name: "vic", role: .viewer, action: .block)
        #expect(refusal.description == "vic is a viewer; to block an account needs the operator role")
        #expect(!BankError.notAnOperator(name: "amy", action: .close).description.contains("\n"))
    }

    @Test func theRosterFoldsAddsRoleChangesAndRemovals() {
        var roster = OperatorRoster()
        roster.apply(.operatorAdded(OperatorAdded(name: "amy", role: .supervisor, by: "amy", reason: "first")), version: 0)
        roster.apply(.operatorAdded(OperatorAdded(name: "bob", role: .viewer, by: "amy", reason: "new")), version: 1)
        roster.apply(.operatorRoleChanged(OperatorRoleChanged(name: "bob", from: .viewer, to: .operator, by: "amy", reason: "trained")), version: 2)
        roster.apply(.operatorAdded(OperatorAdded(name: "cat", role: .operator, by: "amy", reason: "new")), version: 3)
        roster.apply(.operatorRemoved(OperatorRemoved(name: "cat", by: "amy", reason: "left")), version: 4)
        #expect(roster.sorted.map(\.name) == ["amy", "bob"])
        #expect(roster.role(of: "bob") == .operator)
        #expect(roster.version == 4)
        #expect(roster.supervisors == ["amy"])
    }

    @Test func operatorNamesAreCheckedBeforeAnythingIsWritten() {
        #expect(OperatorCommands.validate(name: "alice.smith@bank") == nil)
        #expect(OperatorCommands.validate(name: "") == .invalidOperatorName("the name is empty"))
        #expect(OperatorCommands.validate(name: String(repeating: "a", count: 65)) == .invalidOperatorName("longer than 64 characters"))
        #expect(OperatorCommands.validate(name: "bob smith") != nil)
    }

    @Test func theIdentityPrefersTheClaimedNameThenTheEnvironmentThenTheLogin() {
        let login = OperatorIdentity.loginName()
        #expect(OperatorIdentity.current(name: "amy", environment: ["BANK_OPERATOR": "bob"]).name == "amy")
        #expect(OperatorIdentity.current(environment: ["BANK_OPERATOR": "bob"]).name == "bob")
        #expect(OperatorIdentity.current(environment: ["BANK_OPERATOR": ""]).name == login)
        let identity = OperatorIdentity.current(environment: [:])
        #expect(identity.osUser == login)
        #expect(identity.pid == getpid())
        #expect(!identity.host.isEmpty)
    }
}
