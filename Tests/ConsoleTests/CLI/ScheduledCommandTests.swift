import Core
import Foundation
import Store
import Testing
@testable import Console

/// `send … --on`, `scheduled` and `cancel-scheduled`. The harness's clock reads 2026-05-28.
@Suite struct ScheduledCommandTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    static let send = "send --from 401234 10000329 --to 200000 12345803 --amount 25 --to-name Walsh --reference Rent"

    @Test func sendOnADayBooksAStandingOrderThatScheduledLists() async throws {
        let booked = await cli.run(Self.send + " --on 2026-08-31 --every month --until 2027-03-31 --json")
        #expect(booked.status == 0, "\(booked)")
        let id = try #require(JSONParser.parse(booked.output.trimmingCharacters(in: .newlines))["id"]?.stringValue)
        #expect(booked.output.contains(#""every":"month","until":"2027-03-31","firstDue":"2026-08-31","next":"2026-08-31","status":"active","paid":0"#))
        let listed = await cli.run("scheduled")
        #expect(listed.lines.first?.hasPrefix("ID") == true)
        #expect(listed.lines.count == 3)
        #expect(listed.lines[1].hasPrefix(id + "  2026-08-31  40-12-34 10000329  Walsh  £25.00  monthly to 2027-03-31"))
        #expect(listed.lines[2] == "1 scheduled payment")
        // Booking moves no money.
        #expect(await cli.run("balance 401234 10000329").output == "40-12-34 10000329 Ada Whitlock: £12,500.00\n")
    }

    @Test func wrongSchedulesAreRefusedAndWriteNothing() async {
        _ = await cli.run("seed")
        let head = cli.store().headPosition
        let refused = [
            (await cli.run(Self.send + " --on 2026-05-27"), "bank-console send: 2026-05-27 is in the past (today is 2026-05-28 in Europe/London)\n"),
            (await cli.run(Self.send + " --on 2026-02-30"), "bank-console send: malformed date \"2026-02-30\": expected YYYY-MM-DD, e.g. 2027-01-31\n"),
            (await cli.run(Self.send + " --on 2026-06-01 --every day"), "bank-console send: unknown frequency \"day\": expected week or month\n"),
            (await cli.run(Self.send + " --on 2026-06-01 --every week --until 2026-05-31"),
             "bank-console send: --until 2026-05-31 is before the first payment on 2026-06-01\n"),
            (await cli.run(Self.send + " --on 2026-06-01 --until 2026-07-01"), "bank-console send: --until needs --every week or --every month\n"),
            (await cli.run("send --from 401234 10000329 --to 200000 12345678 --amount 5 --on 2026-06-01"),
             "bank-console send: fails modulus check: beneficiary account 20-00-00 12345678: MOD11 (exception 6) remainder 2 (total 112)\n"),
        ]
        for (run, message) in refused {
            #expect(run.status == 1)
            #expect(run.errors == message)
        }
        let usage = await cli.run(Self.send + " --every week")
        #expect(usage.status == 2)
        #expect(usage.errors.hasPrefix("bank-console send: --every and --until need --on DATE"))
        #expect(cli.store().headPosition == head)
    }

    @Test func cancellingBeforeTheDayWorksAndAfterItIsRefused() async throws {
        let once = await cli.run(Self.send + " --on 2026-06-02 --json")
        let later = await cli.run(Self.send + " --on 2026-06-10 --json")
        let onceId = try #require(JSONParser.parse(once.output.trimmingCharacters(in: .newlines))["id"]?.stringValue)
        let laterId = try #require(JSONParser.parse(later.output.trimmingCharacters(in: .newlines))["id"]?.stringValue)
        #expect(await cli.run("cancel-scheduled \(laterId)").status == 2)
        let cancelled = await cli.run(["cancel-scheduled", laterId, "--reason", "customer asked"])
        #expect(cancelled.status == 0)
        #expect(cancelled.output.hasPrefix("cancelled \(laterId): £25.00 from 40-12-34 10000329 to Walsh 200000 12345803, once, no more payments (cancelled)"))
        cli.stores.clock.set(BankDate("2026-06-02")!.start)
        let head = cli.store().headPosition
        let late = await cli.run(["cancel-scheduled", onceId, "--reason", "too late"])
        #expect(late.status == 1)
        #expect(late.errors == "bank-console cancel-scheduled: scheduled payment \(onceId) was already due on 2026-06-02: too late to cancel\n")
        let again = await cli.run(["cancel-scheduled", laterId, "--reason", "again"])
        #expect(again.errors == "bank-console cancel-scheduled: scheduled payment \(laterId) is already cancelled\n")
        let unknown = await cli.run(["cancel-scheduled", "not-an-id", "--reason", "x"])
        #expect(unknown.status == 1)
        #expect(unknown.errors == "bank-console cancel-scheduled: no scheduled payment not-an-id\n")
        #expect(cli.store().headPosition == head)
        let all = await cli.run("scheduled --all --json")
        #expect(all.output.contains(#""status":"cancelled","paid":0"#))
        #expect(all.output.contains(#""status":"due","paid":0"#))
    }
}
