import Foundation
import Testing

@testable import BulletinKit

/// The scan reads rows in batches of 32 and checks ids for repeats at the end of a file, then
/// reads a file with a repeat again row by row (`LedgerScanner`, `IDLog`). Whatever the batches,
/// the findings come in line order and exactly the accepted rows are counted.
///
/// The base ledger (h1–h6, lines 2–7) gets rows at lines 8–99: household `b<line>` in village
/// 101001001, 1 person, grade C, started 2020-04-01, completed 2020-09-01 — except
///
/// | line | row | finding |
/// |---|---|---|
/// | 40 | completed 2020-13-01 | error: not a date (rejected) |
/// | 66 | id b20, as on line 20 | error: duplicate id (rejected) |
/// | 80 | text after a closing quote | error: CSV syntax; the file ends here |
///
/// Batches are lines 2–33, 34–65 and 66–97: the duplicate opens the third batch and the syntax
/// error stops it half read. Counted: h1–h6 and lines 8–79 but 40 and 66 — 6 + 70 = 76
/// households. Completed by 2020-10-15: h1, h3, h4, h6 and the 70 — 74. People: 3+2+4+1+5+2 =
/// 17 and 70 → 87; done 3+4+1+2 = 10 and 70 → 80.
struct BatchScanTests {
    static func makeDataset() throws -> TemporaryDataset {
        try BaseDataset.write { files in
            for line in 8...99 {
                let row: String
                switch line {
                case 40: row = "b40,101001001,1,C,2020-04-01,2020-13-01"
                case 66: row = "b20,101001001,1,C,2020-04-01,2020-09-01"
                case 80: row = "b80,101001001,1,C,\"2020-04-01\"x,2020-09-01"
                default: row = "b\(line),101001001,1,C,2020-04-01,2020-09-01"
                }
                files.append(line: row, to: "housing.csv")
            }
        }
    }

    @Test func findingsInLineOrderAndOnlyAcceptedRowsCounted() throws {
        let dataset = try Self.makeDataset()
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let errors = bulletin.quality.findings.filter { $0.file == "housing.csv" && $0.severity == .error }
        #expect(errors.map(\.line) == [40, 66, 80])
        #expect(errors.map(\.kind) == [.badDate, .duplicateID, .csvSyntax])

        let households = try #require(bulletin.indicators.first { $0.indicator.id == "housing" })
        let completed = households.root.stages[1].whole
        #expect(completed.target == 76 * 10_000)
        #expect(completed.done == 74 * 10_000)
        let people = try #require(bulletin.indicators.first { $0.indicator.id == "people" })
        #expect(people.root.stages[0].whole.target == 87 * 10_000)
        #expect(people.root.stages[0].whole.done == 80 * 10_000)
    }
}
