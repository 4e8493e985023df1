import Foundation
import Testing
@testable import Store

@Test func streamMetadataReadsTheReservedKeysAndIgnoresTheRest() throws {
    let json = Data(#"{"$maxCount":5,"$maxAge":60,"$tb":3,"owner":"ops","nested":{"a":[1.5]}}"#.utf8)
    #expect(try StreamMetadata(json: json) == StreamMetadata(maxCount: 5, maxAge: 60, truncateBefore: 3))
    #expect(try StreamMetadata(json: Data("{}".utf8)) == StreamMetadata())
    #expect(try StreamMetadata(json: StreamMetadata(maxCount: 1, truncateBefore: 9).json) == StreamMetadata(maxCount: 1, truncateBefore: 9))
}

@Test func streamMetadataRefusesAMalformedReservedValueNamingTheKey() {
    #expect(throws: EventStoreError.invalidMetadata("$maxCount must be a non-negative integer")) {
        try StreamMetadata(json: Data(#"{"$maxCount":-1}"#.utf8))
    }
    #expect(throws: EventStoreError.invalidMetadata("$tb must be a non-negative integer")) {
        try StreamMetadata(json: Data(#"{"$tb":"3"}"#.utf8))
    }
    #expect(throws: EventStoreError.invalidMetadata("$maxAge must be a non-negative integer")) {
        try StreamMetadata(json: Data(#"{"$maxAge":null}"#.utf8))
    }
    #expect(throws: EventStoreError.invalidMetadata("not a JSON object")) { try StreamMetadata(json: Data("[1]".utf8)) }
    #expect(throws: EventStoreError.invalidMetadata("not a JSON object")) { try StreamMetadata(json: Data("{".utf8)) }
}
