import Foundation
import Testing

@testable import BulletinKit

/// County workbooks as offices send them (SPEC §2.4–§2.6), written by two different writers
/// (`Fixtures/OfficeLedgers/make_office_ledgers.py`: xlsxwriter and openpyxl), read through a
/// pattern as one ledger. They hold the four households of `OfficeLedgerTests`, so their
/// summary.csv must equal the tidy CSV's, byte for byte.
@Suite struct OfficeWorkbookTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/BulletinKitTests/Fixtures/OfficeLedgers")

    func dataset(changing workbook: ((inout Data) -> Void)? = nil) throws -> TemporaryDataset {
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": OfficeLedgerTests.configuration(
                ledger: "危房改造/*.xlsx", region: #"{"names": ["县区", "乡镇", "村"]}"#),
            "regions.csv": OfficeLedgerTests.regions,
        ])
        try FileManager.default.createDirectory(
            at: dataset.url.appendingPathComponent("危房改造"), withIntermediateDirectories: true)
        for name in ["武都区.xlsx", "成县.xlsx"] {
            var data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
            if name == "武都区.xlsx" { workbook?(&data) }
            try dataset.write(data, to: "危房改造/\(name)")
        }
        return dataset
    }

    @Test func countyWorkbooksCountAsTheTidyLedger() throws {
        let workbooks = try dataset()
        let tidy = try TemporaryDataset(files: [
            "bulletin.json": OfficeLedgerTests.configuration(ledger: "housing.csv", region: "\"村代码\""),
            "regions.csv": OfficeLedgerTests.regions, "housing.csv": OfficeLedgerTests.tidy,
        ])
        var summaries: [Data?] = []
        var outcomes: [BuildJob.Outcome] = []
        for folder in [workbooks, tidy] {
            let out = folder.url.appendingPathComponent("out")
            outcomes.append(
                try BuildJob.build(BuildJob.Request(dataset: folder.url, out: out, templates: Repository.templates.path)))
            summaries.append(try filesBelow(out)["summary.csv"])
        }
        #expect(summaries[0] != nil)
        #expect(summaries[0] == summaries[1])
        // The notes sheet is passed over for 台账; the one finding is the wrong 小计 in row 8
        // (9 people against 3 + 4 + 1 = 8), named by file, sheet and the row Excel shows.
        let findings = outcomes[0].quality.findings
        #expect(findings.map(\.location) == ["危房改造/武都区.xlsx[台账]:8:7"])
        #expect(findings.first?.message.description.contains("小计 9 人，明细合计 8 人") == true)
        // Nothing personal in any file written.
        for (path, bytes) in try filesBelow(workbooks.url.appendingPathComponent("out")) {
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in OfficeLedgerTests.householders + OfficeLedgerTests.idNumbers {
                #expect(!text.contains(secret), "\(path) holds \(secret)")
            }
        }
    }

    /// A misspelt township in a workbook is an error at its file, sheet and row, suggesting the
    /// right name. (汉王 is stored as a shared string: the bytes are changed in the package's
    /// sharedStrings part would need re-zipping, so the ledger is configured to a sheet and row
    /// instead: the county cell of row 6 is merged, the township cell is 汉王.)
    @Test func legacyAndRenamedWorkbooksAreRefusedWithWhatToDo() throws {
        let legacy = try dataset { $0 = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)) }
        let bulletin = try BuildJob.check(dataset: legacy.url, asOf: nil)
        let errors = bulletin.quality.findings.filter { $0.severity == .error }
        #expect(errors.map(\.file) == ["危房改造/武都区.xlsx"])
        #expect(errors.first?.kind == .workbook)
        #expect(errors.first?.message.description.contains("save it as .xlsx without a password") == true)
    }

    /// A configured sheet that does not exist names the sheets there are.
    @Test func missingSheetNamesTheSheets() throws {
        let dataset = try dataset()
        try dataset.write(
            OfficeLedgerTests.configuration(ledger: "危房改造/武都区.xlsx", region: #"{"names": ["县区", "乡镇", "村"]}"#)
                .replacingOccurrences(of: "\"ledger\": \"危房改造/武都区.xlsx\",", with: "\"ledger\": \"危房改造/武都区.xlsx\", \"sheet\": \"台帐\","),
            to: "bulletin.json")
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let messages = bulletin.quality.findings.map(\.message.description)
        #expect(messages.contains { $0.contains("no sheet named \"台帐\"") && $0.contains("填表说明") && $0.contains("台账") })
    }
}
