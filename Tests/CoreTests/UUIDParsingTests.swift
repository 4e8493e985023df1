import Foundation
import Testing
@testable import Core

/// `UUID(parsing:)` reads the text form as Foundation's `UUID(uuidString:)` does, and refuses
/// anything else, including what Foundation's `sscanf` lets through (a sign, a space).
struct UUIDParsingTests {
    @Test(arguments: [
        "e621e1f8-c36c-495a-93fc-0c247a3e6e5f", "E621E1F8-C36C-495A-93FC-0C247A3E6E5F", "e621E1f8-C36c-495a-93FC-0c247a3e6e5F",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ])
    func readsTheTextFormAsFoundationDoes(text: String) throws {
        let id = try #require(UUID(parsing: text))
        #expect(id == UUID(uuidString: text))
    }

    @Test(arguments: [
        "", "e621e1f8-c36c-495a-93fc-0c247a3e6e5", "e621e1f8-c36c-495a-93fc-0c247a3e6e5f0", "e621e1f8c36c-495a-93fc-0c247a3e6e5f0",
        "e621e1f8-c36c-495a-93fc_0c247a3e6e5f", "g621e1f8-c36c-495a-93fc-0c247a3e6e5f", "e621e1f8-c36c-495a-93fc-0c247a3e6e5é",
        "-e621e1f-c36c-495a-93fc-0c247a3e6e5f", "e621e1f8--36c-495a-93fc-0c247a3e6e5f", " e621e1f8-c36c-495a-93fc-0c247a3e6e5",
    ])
    func refusesAnythingElse(text: String) {
        #expect(UUID(parsing: text) == nil)
    }

    @Test func aParsedIdWritesBackItsText() {
        for n in 0..<100 {
            let id = DerivedEventID.make(name: "uuid-parsing-\(n)")
            #expect(UUID(parsing: id.lowercasedString) == id)
            #expect(UUID(parsing: id.uuidString) == id)
        }
    }
}
