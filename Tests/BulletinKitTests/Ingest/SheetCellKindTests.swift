import Foundation
import Testing

@testable import BulletinKit

/// A sheet's cell kinds belong to the row they were read with. The base ledger as a workbook,
/// `housing.xlsx`, ten rows (lines 2–11): household `s<line>` in village 101001001, 1 person,
/// grade C, started 2020-04-01, completed 2020-09-01 — except that the completed cell of lines
/// 2, 6 and 11 holds the error value `#N/A` (`t="e"`).
///
/// Exactly those three rows are rejected, each with its own finding, and the seven others are
/// counted: 7 households, all completed by 2020-10-15; 7 people. (Rows read a batch at a time
/// once took the kinds of the batch's last row: an error in line 11 rejected all ten.)
struct SheetCellKindTests {
    static let errorLines: Set<Int> = [2, 6, 11]

    /// The workbook: a minimal package (workbook, its relationships, one sheet of inline strings).
    static func workbook() throws -> Data {
        func text(_ reference: String, _ value: String) -> String {
            #"<c r="\#(reference)" t="inlineStr"><is><t>\#(value)</t></is></c>"#
        }
        let columns = ["A", "B", "C", "D", "E", "F"]
        var rows = ["<row r=\"1\">"]
        for (column, name) in zip(columns, ["hid", "village", "people", "grade", "started", "completed"]) {
            rows.append(text("\(column)1", name))
        }
        rows.append("</row>")
        for line in 2...11 {
            rows.append("<row r=\"\(line)\">")
            for (column, value) in zip(columns, ["s\(line)", "101001001", "1", "C", "2020-04-01"]) {
                rows.append(text("\(column)\(line)", value))
            }
            rows.append(
                errorLines.contains(line)
                    ? #"<c r="F\#(line)" t="e"><v>#N/A</v></c>"# : text("F\(line)", "2020-09-01"))
            rows.append("</row>")
        }
        let parts: [(name: String, bytes: [UInt8])] = [
            (
                "xl/workbook.xml",
                Array(
                    #"<workbook><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)
            ),
            (
                "xl/_rels/workbook.xml.rels",
                Array(
                    #"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
                        .utf8)
            ),
            (
                "xl/worksheets/sheet1.xml",
                Array("<worksheet><sheetData>\(rows.joined())</sheetData></worksheet>".utf8)
            ),
        ]
        return Data(try ZipWriter.archive(parts))
    }

    @Test func eachRowIsJudgedByItsOwnCells() throws {
        let workbook = try Self.workbook()
        let dataset = try BaseDataset.write { files in
            files["housing.csv"] = nil
            files["housing.xlsx"] = workbook
            files.replace(#""housing.csv""#, with: #""housing.xlsx""#, in: "bulletin.json")
            files.replace(#""housing.csv""#, with: #""housing.xlsx""#, in: "bulletin.json")
        }
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let errors = bulletin.quality.findings.filter { $0.file == "housing.xlsx" && $0.severity == .error }
        #expect(errors.map(\.line) == [2, 6, 11])
        #expect(errors.allSatisfy { $0.kind == .badDate && $0.column == 6 })

        let households = try #require(bulletin.indicators.first { $0.indicator.id == "housing" })
        #expect(households.root.stages[1].whole.target == 7 * 10_000)
        #expect(households.root.stages[1].whole.done == 7 * 10_000)
        let people = try #require(bulletin.indicators.first { $0.indicator.id == "people" })
        #expect(people.root.stages[0].whole.target == 7 * 10_000)
    }
}
