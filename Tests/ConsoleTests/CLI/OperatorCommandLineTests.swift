import Core
import Foundation
import Store
import Testing
@testable import Console

/// `operators`, `settings`, `audit` and four-eyes release from the command line.
@Suite struct OperatorCommandLineTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
        cli.variables["BANK_OPERATOR"] = "amy"
    }

    /// A payment of `amount` held for sanctions review; its id.
    func held(_ amount: String) async -> String {
        let run = await cli.run(["pay", "--to", "401234", "10000329", "--amount", amount, "--from-name", "Tiberius Nightshade"])
        return String(run.output.split(separator: " ")[2])
    }

    /// The `action` of each object in a JSON array.
    func actions(_ output: String) -> [String]? {
        guard case .array(let items)? = try? JSONParser.parse(output) else { return nil }
        return items.compactMap { $0["action"]?.stringValue }
    }

    /// `sanctions import` replaces the whole list: an operator without the role is refused in
    /// one line and nothing is written (it once removed every OFAC entry for anyone).
    @Test func onlyASupervisorImportsASanctionsList() async throws {
        #expect(await cli.run("seed").status == 0)
        #expect(await cli.run("operators add bob --role operator").status == 0)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sdn-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"1,"TEST PERSON ONE",individual,SDGT,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-"#.utf8 + [0x0A]).write(to: file)
        let head = cli.store().headPosition
        var asBob = cli
        asBob.variables["BANK_OPERATOR"] = "bob"
        let refused = await asBob.run("sanctions import \(file.path)")
        #expect(refused.status == 1)
        #expect(refused.errors == "bank-console sanctions: bob is an operator; to change the sanctions list needs the supervisor role\n")
        #expect(cli.store().headPosition == head)
        let imported = await cli.run("sanctions import \(file.path)")
        #expect(imported.status == 0)
        #expect(imported.output.hasPrefix("imported 1 entries"))
    }

    @Test func whoeverCreatesTheBankIsItsFirstSupervisorAndManagesTheOthers() async {
        #expect(await cli.run("seed").status == 0)
        #expect(await cli.run("operators").output == "NAME  ROLE\namy   supervisor\n1 operator\n")
        #expect(await cli.run("operators add bob --role viewer --reason auditor").output == "bob is a viewer\n")
        #expect(await cli.run("operators add bob --role operator").output == "bob is an operator\n")
        #expect(await cli.run("operators --json").output == #"[{"name":"amy","role":"supervisor"},{"name":"bob","role":"operator"}]"# + "\n")
        let head = cli.store().headPosition
        let refusals = [
            await cli.run("operators add eve --role supervisor --by bob"),
            await cli.run("operators remove amy"),
            await cli.run("operators add carl --role boss"),
            await cli.run("operators add carl"),
            await cli.run("operators fire bob"),
            await cli.run(["operators", "add", "two words", "--role", "viewer"]),
        ]
        #expect(refusals.map(\.status) == [1, 1, 2, 2, 2, 1])
        #expect(refusals[0].errors == "bank-console operators: bob is an operator; to manage operators needs the supervisor role\n")
        #expect(refusals[1].errors == "bank-console operators: amy is the bank's last supervisor; add another supervisor first\n")
        #expect(refusals[2].errors.hasPrefix("bank-console operators: unknown role 'boss': viewer, operator or supervisor"))
        #expect(cli.store().headPosition == head)
        #expect(await cli.run("operators remove bob --reason left").output == "removed bob\n")
    }

    @Test func aViewerReadsButChangesNothing() async {
        _ = await cli.run("operators add vic --role viewer")
        let head = cli.store().headPosition
        let blocked = await cli.run("block 401234 10000329 --by vic")
        #expect(blocked.status == 1)
        #expect(blocked.errors == "bank-console block: vic is a viewer; to block an account needs the operator role\n")
        #expect(cli.store().headPosition == head)
        #expect(await cli.run("balance 401234 10000329 --by vic").status == 2) // balance takes no --by: reads need no role
        #expect(await cli.run("balance 401234 10000329").status == 0)
    }

    @Test func fourEyesFromTheCommandLine() async {
        _ = await cli.run("operators add jo --role operator")
        let id = await held("10000")
        let first = await cli.run(["release", id, "--reason", "checked passport", "--by", "jo"])
        #expect(first.status == 0)
        #expect(first.output == "inbound payment \(id) of £10,000.00: held, approved by jo — needs a second operator\n")
        #expect(await cli.run("held").output.contains("(approved by jo — needs a second operator)"))
        let again = await cli.run(["release", id, "--reason", "really", "--by", "jo"])
        #expect(again.status == 1)
        #expect(again.errors == "bank-console release: jo has already approved this payment; at or above £10,000.00 it needs a second, different operator\n")
        let second = await cli.run(["release", id, "--reason", "agree", "--json"])
        #expect(second.output.contains(#""state":"settled""#))
        #expect(second.output.contains(#""approvals":[{"by":"jo","#))
        #expect(second.output.contains(#""decision":{"by":"amy","#))
    }

    @Test func theThresholdIsASupervisorsSetting() async {
        _ = await cli.run("operators add jo --role operator")
        #expect(await cli.run("settings").output == "four-eyes-above 10000.00\nscreening-hold-at 85\n")
        let refused = await cli.run("settings four-eyes-above 500 --by jo")
        #expect(refused.status == 1)
        #expect(await cli.run("settings four-eyes-above 0").status == 2)
        #expect(await cli.run("settings four-eyes-above lots").status == 2)
        #expect(await cli.run("settings colour blue").status == 2)
        #expect(await cli.run("settings four-eyes-above 500 --reason tighter").output == "four-eyes-above 500.00\nscreening-hold-at 85\n")
        #expect(await cli.run("settings --json").output == #"{"fourEyesAbove":"500.00","screeningHoldAt":85}"# + "\n")
        let id = await held("500")
        #expect(await cli.run(["release", id, "--reason", "ok", "--by", "jo"]).output.contains("needs a second operator"))
    }

    @Test func theAuditTrailListsEveryActionNewestFirstAndPages() async {
        _ = await cli.run("operators add jo --role operator --reason new-starter")
        _ = await cli.run("block 401234 10000337 --reason fraud --by jo")
        _ = await cli.run("unblock 401234 10000337 --reason cleared --by jo")
        let all = await cli.run("audit --json")
        #expect(all.status == 0)
        #expect(actions(all.output) == ["unblock", "block", "operator-add", "operator-add"])
        #expect(all.output.contains(#""by":"jo","role":"operator","host":"#))
        let byJo = await cli.run("audit --by jo --action block --csv")
        #expect(byJo.lines.count == 2)
        #expect(byJo.lines[0] == "position,at,by,role,host,osUser,pid,action,subject,reason,outcome")
        #expect(byJo.lines[1].contains(",jo,operator,") && byJo.lines[1].hasSuffix(",block,40-12-34 10000337,fraud,blocked"))
        let page = await cli.run("audit --limit 2")
        let more = page.lines.last ?? ""
        #expect(more.hasPrefix("2 actions; more with --before "))
        let before = String(more.split(separator: " ").last ?? "")
        let next = await cli.run("audit --limit 2 --before \(before) --json")
        #expect(actions(next.output) == ["operator-add", "operator-add"])
        #expect(await cli.run("audit --action promote").status == 2)
        #expect(await cli.run("audit --since yesterday").status == 2)
        #expect(await cli.run("audit --since 2030-01-01T00:00:00Z --until 2020-01-01T00:00:00Z").status == 2)
        #expect(await cli.run("audit --json --csv").status == 2)
        #expect(await cli.run("audit --since 2999-01-01T00:00:00Z").lines.last == "0 actions")
    }
}
