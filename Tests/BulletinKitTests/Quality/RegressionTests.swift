import Foundation
import Testing

@testable import BulletinKit

/// Faults the corpus and the fuzz tests found, each pinned by its smallest input and kept as a
/// regression test now that it is fixed.
@Suite struct RegressionTests {
    /// Regression: after a lone CR that ends the valid text, the decoding error was thrown before
    /// the reader started the next line, so it was placed on the line before, one column past the
    /// CR. `a` CR FF: the FF (byte 2) is line 2, column 1.
    @Test func undecodableByteAfterALoneCarriageReturn() {
        for bytes: [UInt8] in [[0x61, 0x0D, 0xFF], [0x0D, 0x0D, 0xFF]] {
            do {
                _ = try CSV.parse(Data(bytes))
                Issue.record("no error")
            } catch let error as CSVError {
                #expect(error.byteOffset == 2)
                #expect(error.line == bytes.count(where: { $0 == 0x0D }) + 1)
                #expect(error.column == 1)
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Regression: `Tally.add` summed measures into `Int64` with `+=`, so two rows of
    /// 500,000,000,000,000 people (5·10^18 ten-thousandths each) overflowed and trapped. The row
    /// that would carry the total past 10^14 is now rejected with a finding on its measure cell.
    @Test func measureSumsTooLargeAreAFindingNotACrash() throws {
        let dataset = try BaseDataset.write {
            $0.append(line: "h7,101,500000000000000,C,2020-04-01,", to: "housing.csv")
            $0.append(line: "h8,101,500000000000000,C,2020-04-01,", to: "housing.csv")
        }
        let result = try BulletinExecutable.run(["check", dataset.url.path, "--locale", "en"], in: dataset.url)
        #expect(result.status == 1, "ended with \(result.status)")
        // 500,000,000,000,000 is itself past 10^14: the first of the two rows is already refused.
        #expect(result.stderr.contains("housing.csv:"))
        #expect(result.stderr.contains("past 100,000,000,000,000"))
    }

    /// A targets.csv whose targets add up past 10^14 is refused on the row that crosses it.
    @Test func targetsAddingUpTooFarAreRefused() throws {
        let dataset = try BaseDataset.write {
            $0["targets.csv"] = Data(
                "indicator,region,target\nhousing,101,90000000000000\nhousing,102,90000000000000\n".utf8)
        }
        let findings = try BuildJob.check(dataset: dataset.url, asOf: nil).quality.findings
        let finding = findings.first { $0.file == "targets.csv" && $0.severity == .error }
        #expect(finding?.line == 3)
        #expect(finding?.message.description.contains("past 100,000,000,000,000 in all") == true)
    }

    /// Regression: `Aggregator.composite` once added weighted rates as exact fractions, whose
    /// cross products overflowed `Int128` with four indicators whose unit targets are coprime
    /// numbers near 100,000 people, about half done. Scores are now fixed-point (10⁻¹⁸).
    @Test func compositeRankOverflowsWithFourIndicators() throws {
        let primes = [
            ["101": 99991, "102": 99923], ["101": 99989, "102": 99907], ["101": 99971, "102": 99901],
            ["101": 99961, "102": 99881],
        ]
        var indicators: [String] = []
        for index in 1...4 {
            indicators.append(
                """
                {"id": "p\(index)", "title": "P\(index)", "ledger": "people.csv", "region": "village",
                 "measure": {"sum": "p\(index)"}, "stages": [{"id": "done", "title": "完成", "date": "done"}],
                 "start": "2020-03-01", "deadline": "2020-10-31"}
                """)
        }
        var ledger = "village,p1,p2,p3,p4,done\n"
        for unit in ["101", "102"] {
            let targets = primes.map { $0[unit] ?? 0 }
            ledger += unit + "," + targets.map { String($0 - $0 / 2) }.joined(separator: ",") + ",\n"
            ledger += unit + "," + targets.map { String($0 / 2) }.joined(separator: ",") + ",2020-05-01\n"
        }
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": """
            {"title": "综合排名", "root": "100", "as_of": "2020-10-15",
             "indicators": [\(indicators.joined(separator: ","))]}
            """,
            "regions.csv": BaseDataset.regions, "people.csv": ledger,
        ])
        let result = try BulletinExecutable.run(["check", dataset.url.path], in: dataset.url)
        #expect(result.status == 0, "ended with \(result.status)")
        // Each rate is (p − 1) / 2p = 1/2 − 1/2p: the larger prime is the higher rate, and 101's
        // four primes are each larger than 102's, so 101 ranks first on the composite.
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let composite = bulletin.composite.map { (bulletin.units[$0.unit].code, $0.rank) }
        #expect(composite.map(\.0) == ["101", "102"])
        #expect(composite.map(\.1) == [1, 2])
    }

    /// Regression: `LedgerScanner` appended ` (byte offset N)` to a decoding error's reason, which
    /// already names it, and filed every error with a line as `csv-syntax`, so the quality page
    /// never grouped invalid encodings (SPEC §5) as `encoding`.
    @Test func encodingFindingsNameTheByteOffsetOnceAndAreFiledAsEncoding() throws {
        let dataset = try BaseDataset.write {
            $0.append(Data(rowPrefix.utf8) + Data([0xFF, 0x0A]), to: "housing.csv")
        }
        let findings = try BuildJob.check(dataset: dataset.url, asOf: nil).quality.findings
        #expect(findings.count == 1)
        let finding = findings.first
        #expect(finding?.message.description.contains("not valid GB18030 at byte offset 255") == true)
        #expect(finding?.message.description.hasSuffix("(byte offset 255)") == false, "\(finding?.message.description ?? "")")
        #expect(finding?.kind == .encoding)
    }
}
