import Foundation
import Testing

@testable import BulletinKit

@Suite struct FindingTests {
    /// A cell's control characters would move the cursor or recolour the terminal; direction
    /// overrides would reorder what the clerk reads. They are shown as escapes.
    @Test func controlCharactersAreEscaped() {
        let finding = Finding(
            file: "housing.csv", line: 3, column: 2, severity: .error, kind: .badDate,
            message: "completed \"a\u{0}b\tc\u{1B}[31m\u{202E}x\r\n\u{85}\u{FEFF}\" is not a date")
        #expect(
            finding.message.description
                == "completed \"a\\u{0}b\\tc\\u{1B}[31m\\u{202E}x\\r\\n\\u{85}\\u{FEFF}\" is not a date")
    }

    /// Each escaped range at its edges: U+0080/U+009F (C1), U+2028/U+202E, U+2066/U+2069, and
    /// their neighbours U+00A0, U+2027, U+202F, U+2065, U+206A, which are kept.
    @Test func escapedRangesEndWhereTheyShould() {
        let message = "\u{80}\u{9F}\u{A0}|\u{2027}\u{2028}\u{202E}\u{202F}|\u{2065}\u{2066}\u{2069}\u{206A}"
        #expect(
            Finding(file: "a.csv", severity: .error, kind: .badNumber, message: message).message.description
                == "\\u{80}\\u{9F}\u{A0}|\u{2027}\\u{2028}\\u{202E}\u{202F}|\u{2065}\\u{2066}\\u{2069}\u{206A}"
        )
    }

    @Test func ordinaryTextIsKeptAsItIs() {
        let message = "竣工 (completed 2020-10-20) is after the bulletin date — 超任务 “引号” 104.70% → 第1名"
        #expect(Finding(file: "a.csv", severity: .warning, kind: .badNumber, message: message).message.description == message)
    }

    /// `completed "` is 11 characters, then 10,000 nines, then `" is not a date` (15): 10,026 in
    /// all. The first and last 280 are kept, 10,026 − 560 = 9,466 left out.
    @Test func aHugeValueIsShortenedInTheMiddle() {
        let message = "completed \"" + String(repeating: "9", count: 10_000) + "\" is not a date"
        let finding = Finding(
            file: "housing.csv", line: 8, column: 6, severity: .error, kind: .badDate, message: message)
        #expect(
            finding.message.description.hasPrefix(
                "completed \"" + String(repeating: "9", count: 269) + "…[9466 characters left out]…"))
        #expect(finding.message.description.hasSuffix("…" + String(repeating: "9", count: 265) + "\" is not a date"))
        #expect(finding.message.description.count == 280 + "…[9466 characters left out]…".count + 280)
    }

    @Test func lineZeroIsNoLine() {
        let finding = Finding(
            file: "regions.csv", line: 0, column: 0, severity: .error, kind: .missingFile, message: "gone")
        #expect(finding.line == nil && finding.column == nil)
        #expect(finding.description == "regions.csv: error: gone")
        let located = Finding(
            file: "regions.csv", line: 4, column: 0, severity: .warning, kind: .badNumber, message: "m")
        #expect(located.description == "regions.csv:4: warning: m")
        #expect(
            Finding(file: "r.csv", line: 4, column: 3, severity: .error, kind: .badNumber, message: "m").description
                == "r.csv:4:3: error: m")
    }

    @Test func encodingErrorsAreTheirOwnKind() {
        let encoding = CSVError(
            line: 8, column: 23, byteOffset: 255,
            reason: "the file is not valid GB18030 at byte offset 255 (byte FF)", isEncodingError: true)
        let quote = CSVError(
            line: 8, column: 23, byteOffset: 255, reason: "the quoted field that starts here is never closed")
        #expect(Finding.kind(of: encoding) == .encoding)
        #expect(Finding.kind(of: quote) == .csvSyntax)
    }

    /// Report 1 keeps 2 of its 3 errors; report 2 keeps 2 of 4 errors and its warning. Merged,
    /// report 2's kept errors exceed report 1's allowance too: 2 kept, 1 + 2 + 2 = 5 left out,
    /// 3 + 4 = 7 errors counted.
    @Test func mergedReportsCountEverythingAndKeepABoundedNumber() {
        func error(_ line: Int) -> Finding {
            Finding(file: "housing.csv", line: line, severity: .error, kind: .badDate, message: "x")
        }
        var first = QualityReport(storedPerKind: 2)
        first.add(contentsOf: [error(2), error(3), error(4)])
        var second = QualityReport(storedPerKind: 2)
        second.add(contentsOf: [error(5), error(6), error(7), error(8)])
        second.add(
            Finding(file: "housing.csv", line: 9, severity: .warning, kind: .afterAsOf, message: "y"))
        first.merge(second)
        #expect(first.errorCount == 7)
        #expect(first.warningCount == 1)
        #expect(first.findings.map { $0.line ?? 0 } == [2, 3, 9])
        #expect(first.omitted["housing.csv\u{0}bad-date"] == 5)
        #expect(first.hasErrors)
    }

    @Test func findingsAreSortedByFileLineAndSeverity() {
        var report = QualityReport()
        report.add(Finding(file: "regions.csv", line: 2, severity: .error, kind: .badCode, message: "1"))
        report.add(Finding(file: "housing.csv", line: 9, severity: .warning, kind: .afterAsOf, message: "2"))
        report.add(Finding(file: "housing.csv", line: 9, severity: .error, kind: .badDate, message: "3"))
        report.add(Finding(file: "housing.csv", severity: .error, kind: .missingFile, message: "4"))
        #expect(report.sortedFindings.map(\.message.description) == ["4", "3", "2", "1"])
    }
}
