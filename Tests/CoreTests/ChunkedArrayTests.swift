import Foundation
import Store
import Testing
@testable import Core

@Test func aChunkedArrayGrowsThroughSeveralTreeLevelsAndReadsBackEveryElement() {
    var array = ChunkedArray<Int>(chunkSize: 1)
    // One element per leaf: 32 leaves fill one branch level, 1,024 two, 32,768 three.
    for value in 0..<33_000 { array.append(value * 3) }
    #expect(array.count == 33_000)
    #expect(array.all == (0..<33_000).map { $0 * 3 })
    for index in [0, 31, 32, 1_023, 1_024, 1_025, 32_767, 32_768, 32_999] { #expect(array[index] == index * 3) }
    #expect(array.last == 32_999 * 3)
    #expect(array.elements(in: 1_020..<1_030) == (1_020..<1_030).map { $0 * 3 })
    #expect(array.elements(in: 32_990..<40_000) == (32_990..<33_000).map { $0 * 3 })
}

@Test func chunkSizesRoundUpToAPowerOfTwoAndRangesCrossLeaves() {
    var array = ChunkedArray<String>(chunkSize: 5)
    #expect(array.chunkSize == 8)
    for value in 0..<100 { array.append("v\(value)") }
    #expect(array.elements(in: 5..<21) == (5..<21).map { "v\($0)" })
    #expect(array.elements(in: -3..<2) == ["v0", "v1"])
    #expect(ChunkedArray<String>(chunkSize: 0).chunkSize == 1)
}

@Test func aCopyKeepsItsElementsWhileTheOriginalAppendsAndChangesAcrossLeavesAndLevels() {
    var original = ChunkedArray<Int>(chunkSize: 2)
    var copies: [(count: Int, array: ChunkedArray<Int>)] = []
    var random = SplitMix64(seed: 11)
    var expected: [Int] = []
    for step in 0..<5_000 {
        if !expected.isEmpty && step % 3 == 0 {
            let index = Int.random(in: 0..<expected.count, using: &random)
            original[index] = -step
            expected[index] = -step
        } else {
            original.append(step)
            expected.append(step)
        }
        if step % 97 == 0 { copies.append((expected.count, original)) }
        if step % 389 == 0 {
            original.modify(expected.count - 1) { $0 += 1 }
            expected[expected.count - 1] += 1
        }
    }
    #expect(original.all == expected)
    // Replaying the same steps gives each copy's contents as of when it was taken.
    var replay: [Int] = []
    var random2 = SplitMix64(seed: 11)
    var next = 0
    for step in 0..<5_000 {
        if !replay.isEmpty && step % 3 == 0 {
            replay[Int.random(in: 0..<replay.count, using: &random2)] = -step
        } else {
            replay.append(step)
        }
        if step % 97 == 0 {
            #expect(copies[next].array.all == replay, "copy \(next)")
            #expect(copies[next].array.count == copies[next].count)
            next += 1
        }
        if step % 389 == 0 { replay[replay.count - 1] += 1 }
    }
    #expect(next == copies.count)
}
