import Foundation
import Testing
@testable import Core

@Test func derivedIdsAreStableForTheSameInputAndStep() {
    let input = UUID(uuidString: "11111299-2222-3333-4444-555555555555")!
    let first = DerivedEventID.make(from: input, step: "validate")
    #expect(first == DerivedEventID.make(from: input, step: "validate"))
    #expect(first != DerivedEventID.make(from: input, step: "screen"))
    #expect(first.uuidString.dropFirst(14).first == "5")
}

@Test func derivedIdsDifferForDifferentInputs() {
    let a = DerivedEventID.make(from: UUID(uuidString: "11111299-2222-3333-4444-555555555555")!, step: "x")
    let b = DerivedEventID.make(from: UUID(uuidString: "11111299-2222-3333-4444-555555555556")!, step: "x")
    #expect(a != b)
}
