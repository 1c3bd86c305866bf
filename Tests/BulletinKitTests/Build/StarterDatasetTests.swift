import Foundation
import Testing

@testable import BulletinKit

@Suite struct StarterDatasetTests {
    private static let expectedFiles = ["bulletin.json", "regions.csv", "housing.csv", "README.md"]

    private func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("StarterDatasetTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func writesEveryFileWithAConfigurationThatHasTheSpecKeys() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = directory.appendingPathComponent("new-dataset")  // created by write(to:)

        try StarterDataset.write(to: dataset)

        for name in Self.expectedFiles {
            #expect(FileManager.default.fileExists(atPath: dataset.appendingPathComponent(name).path), "\(name)")
        }
        let configuration = try JSONValue.parse(Data(contentsOf: dataset.appendingPathComponent("bulletin.json")))
        for key in ["title", "root", "unit_label", "as_of", "period", "locale", "flags", "status", "indicators"] {
            #expect(configuration[key] != nil, "missing \(key)")
        }
        #expect(configuration["root"]?.stringValue == "990100")
        let indicator = try #require(configuration["indicators"]?.arrayValue?.first)
        for key in ["id", "title", "measure_unit", "ledger", "region", "measure", "stages", "start", "deadline"] {
            #expect(indicator[key] != nil, "missing indicators[0].\(key)")
        }
        #expect(indicator["ledger"]?.stringValue == "housing.csv")
    }

    @Test func secondWriteRefusesAndLeavesFilesUnchanged() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try StarterDataset.write(to: directory)
        let ledger = directory.appendingPathComponent("housing.csv")
        let edited = Data("household_id,village_code\n1,990101001001\n".utf8)
        try edited.write(to: ledger)
        let before = try Self.expectedFiles.map { try Data(contentsOf: directory.appendingPathComponent($0)) }

        #expect(throws: StarterDataset.RefusalError.self) { try StarterDataset.write(to: directory) }

        let after = try Self.expectedFiles.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        #expect(before == after)
        #expect(try Data(contentsOf: ledger) == edited)
    }

    @Test func refusalNamesTheExistingFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("{}".utf8).write(to: directory.appendingPathComponent("README.md"))

        do {
            try StarterDataset.write(to: directory)
            Issue.record("expected a refusal")
        } catch let error as StarterDataset.RefusalError {
            #expect(error.description.contains("README.md"))
            #expect(error.description.contains("never overwrites"))
        }
        // Nothing else was written: the check happens before the first write.
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bulletin.json").path))
    }
}
