import Foundation
import Testing
@testable import Core

/// Reading many messages on every core gives, in order, what reading them one by one gives:
/// good messages and refusals alike.
@Suite struct Pacs008ParallelReadTests {
    static func samples() throws -> [Data] {
        let directory = try #require(BundledSeeds.directory).appendingPathComponent("iso20022")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".xml") }.sorted()
        return try names.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
    }

    @Test func readingInParallelKeepsTheOrderAndEveryRefusal() async throws {
        let samples = try Self.samples()
        // Enough documents for several workers, the good and the malformed interleaved, and a
        // count that does not divide evenly between them.
        let documents = (0..<(Pacs008Reader.documentsPerWorker * 3 + 5)).map { samples[($0 * 5) % samples.count] }
        let serial = documents.map(Pacs008Reader.read)
        let parallel = await Pacs008Reader.readAll(documents)
        #expect(parallel == serial)
        #expect(serial.contains { if case .failure = $0 { true } else { false } })
        #expect(serial.contains { if case .success = $0 { true } else { false } })
    }

    @Test func aFewDocumentsAreReadAsWell() async throws {
        let documents = try Self.samples()
        #expect(await Pacs008Reader.readAll(documents) == documents.map(Pacs008Reader.read))
        #expect(await Pacs008Reader.readAll([]).isEmpty)
    }
}
