import Foundation
import Testing
@testable import Core

/// Real lines of OFAC's files (2024-05-03 SDN, mid-2026 aliases), CRLF and the final 0x1A.
private let sdnLines = [
    #"36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
    #"306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. 'BNC'.""#,
    #"35096,"PUTIN, Vladimir Vladimirovich","individual","RUSSIA-EO14024","President of the Russian Federation",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 07 Oct 1952; POB Leningrad, Russia; nationality Russia; citizen Russia; Gender Male; President of the Russian Federation.""#,
    #"4642,"BANK SADERAT PLC",-0- ,"IRAN] [SDGT] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"UK Company Number 01126618 (United Kingdom)""#,
]
private let altLines = [
    #"306,220,"aka","NATIONAL BANK OF CUBA",-0- "#,
    #"35096,55207,"aka","PUTIN, Vladimir",-0- "#,
    #"99999999,1,"aka","A LATER ENTRY",-0- "#,
]

private func file(_ lines: [String]) -> [UInt8] {
    Array((lines.joined(separator: "\r\n") + "\r\n").utf8) + [0x1A]
}

@Test func realSDNLinesKeepNumberTypeProgrammesAndQuotedCommas() {
    let list = OFACList(sdn: file(sdnLines), aliases: file(altLines))
    #expect(list.issues.isEmpty)
    #expect(list.entries == [
        SanctionedEntry(entryId: "OFAC-36", name: "AEROCARIBBEAN AIRLINES", aliases: [], listNumber: 36, kind: "entity", programs: ["CUBA"]),
        SanctionedEntry(entryId: "OFAC-306", name: "BANCO NACIONAL DE CUBA", aliases: ["NATIONAL BANK OF CUBA"], listNumber: 306,
                        kind: "entity", programs: ["CUBA"]),
        SanctionedEntry(entryId: "OFAC-35096", name: "PUTIN, Vladimir Vladimirovich", aliases: ["PUTIN, Vladimir"], listNumber: 35096,
                        kind: "individual", programs: ["RUSSIA-EO14024"]),
        SanctionedEntry(entryId: "OFAC-4642", name: "BANK SADERAT PLC", aliases: [], listNumber: 4642, kind: "entity",
                        programs: ["IRAN", "SDGT", "IFSR"]),
    ])
    #expect(list.aliasCount == 2)
    // An alias of an entry the SDN file does not have (a later entry) is skipped and counted.
    #expect(list.orphanAliases == 1)
}

@Test func malformedLinesAreReportedWithTheirLineAndTheRestIsRead() {
    let lines = [
        sdnLines[0],
        #"abc,"NO NUMBER",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
        #"37,"SHORT LINE",-0- ,"CUBA""#,
        #"38,"UNKNOWN TYPE","submarine","CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
        #"36,"TWICE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
        #"39,"TEXT"AFTER,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "#,
        "",
        sdnLines[1],
        #"40,"OPEN QUOTE,-0- ,-0- "#,
    ]
    let list = OFACList(sdn: file(lines), sdnName: "sdn.csv")
    #expect(list.entries.map(\.entryId) == ["OFAC-36", "OFAC-306"])
    #expect(list.issues.map(\.description) == [
        "sdn.csv:2: ent_num \"abc\" is not a positive number",
        "sdn.csv:3: expected 12 fields, found 4",
        "sdn.csv:4: SDN_Type \"submarine\" is not individual, vessel, aircraft or -0-",
        "sdn.csv:5: ent_num 36 is listed twice (first on line 1)",
        "sdn.csv:6: text after the closing quote of field 2",
        "sdn.csv:9: a quoted field is not closed",
    ])
}

@Test func malformedAliasLinesAreReportedAndSkipped() {
    let list = OFACList(sdn: file(sdnLines), aliases: file([altLines[0], #"306,221,"alias","X",-0- "#, #"306,222,"aka",-0- ,-0- "#]))
    #expect(list.entries[1].aliases == ["NATIONAL BANK OF CUBA"])
    #expect(list.issues.map(\.description) == [
        "alt.csv:2: alt_type \"alias\" is not aka, fka or nka",
        "alt.csv:3: alt_name is empty",
    ])
}

@Test func theWholeRealListReadsWithoutAMalformedLine() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Core/Seeds/sanctions")
    let sdn = try Data(contentsOf: directory.appendingPathComponent("ofac-sdn.csv"))
    let alt = try Data(contentsOf: directory.appendingPathComponent("ofac-alt.csv"))
    let list = OFACList(sdn: Array(sdn), aliases: Array(alt))
    #expect(list.issues.isEmpty)
    #expect(list.entries.count == 14_965)
    #expect(list.aliasCount + list.orphanAliases > 20_000)
    #expect(Set(list.entries.compactMap(\.kind)) == ["individual", "entity", "vessel", "aircraft"])
}
