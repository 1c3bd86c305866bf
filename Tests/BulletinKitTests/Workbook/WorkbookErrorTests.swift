import Foundation
import Testing

@testable import BulletinKit

/// Files that are not readable workbooks are refused with a kind, the file and part, and what to
/// do; odd but valid packages (strict-ISO relationships, absolute targets, prefixes) are read.
@Suite struct WorkbookErrorTests {
    static func kind(of data: Data) -> WorkbookError.Kind? {
        do {
            _ = try XLSX.rows(data, sheet: 0)
            return nil
        } catch let error as WorkbookError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test func textIsNotAWorkbook() {
        #expect(Self.kind(of: Data("序号,户主\n1,张三\n".utf8)) == .notAWorkbook)
        #expect(Self.kind(of: Data()) == .notAWorkbook)
    }

    /// An OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`): a legacy .xls or a workbook with a password.
    @Test func oleFilesAreLegacyOrProtected() throws {
        var bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 504))
        do {
            _ = try XLSX.sheetNames(Data(bytes))
            Issue.record("an OLE file was read")
        } catch let error as WorkbookError {
            #expect(error.kind == .legacyOrProtected)
            #expect(error.message.contains("save it as .xlsx without a password, or as .csv"))
        }
    }

    /// A byte changed in the middle of every stored sheet's data: the inflate or the CRC check
    /// refuses it (`damaged`), naming the part; never a crash or a hang.
    @Test func damagedBytesAreRefused() throws {
        let path = SheetReaderTests.fixture("ledger-xlsxwriter-1904.xlsx")
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let archive = try ZipArchive(data: original)
        let sheet = try #require(archive.entry(named: "xl/worksheets/sheet2.xml"))
        var bytes = [UInt8](original)
        // Local header: 30 bytes, then the name and the extra field.
        let header = Int(sheet.localHeaderOffset)
        let nameLength = Int(bytes[header + 26]) | Int(bytes[header + 27]) << 8
        let extraLength = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
        let dataStart = header + 30 + nameLength + extraLength
        bytes[dataStart + Int(sheet.compressedSize) / 2] ^= 0x55
        do {
            _ = try XLSX.rows(Data(bytes), sheet: 1)
            Issue.record("a damaged sheet was read")
        } catch let error as WorkbookError {
            #expect(error.kind == .damaged || error.kind == .notWellFormed, "\(error)")
            #expect(error.part == "xl/worksheets/sheet2.xml", "\(error)")
        }
        // Cut short anywhere: an error, never a crash.
        for length in stride(from: 0, to: original.count, by: 97) {
            #expect(Self.kind(of: original.prefix(length)) != nil, "cut at \(length)")
        }
    }

    @Test func aSheetPastTheLastRowIsTooLarge() throws {
        var parts = Self.minimalParts
        parts["xl/worksheets/sheet1.xml"] =
            #"<worksheet><sheetData><row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData></worksheet>"#
        let workbook = try Workbook(package: PartsPackage(parts: parts))
        #expect(throws: WorkbookError.self) { try workbook.canonicalRows(sheet: 0) }
    }

    /// Strict-ISO relationship types, an absolute target, a prefixed namespace, no styles and no
    /// shared strings: read like any workbook.
    @Test func strictPartsAndAbsoluteTargets() throws {
        let parts = [
            "_rels/.rels":
                #"<Relationships><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/book/main.xml"/></Relationships>"#,
            "book/main.xml":
                #"<s:workbook xmlns:s="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="r"><s:workbookPr date1904="true"/><s:sheets><s:sheet name="甲" sheetId="1" r:id="rId7"/><s:sheet name="乙" sheetId="2" r:id="rId8"/></s:sheets></s:workbook>"#,
            "book/_rels/main.xml.rels":
                #"<Relationships><Relationship Id="rId7" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="../sheets/one.xml"/><Relationship Id="rId8" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="/sheets/two.xml"/></Relationships>"#,
            "sheets/one.xml":
                #"<s:worksheet xmlns:s="x"><s:sheetData><s:row><s:c t="inlineStr"><s:is><s:t>a</s:t></s:is></s:c><s:c><s:v>2</s:v></s:c></s:row><s:row><s:c r="C2" t="b"><s:v>1</s:v></s:c></s:row></s:sheetData></s:worksheet>"#,
            "Sheets/Two.xml": #"<worksheet><sheetData/></worksheet>"#,
        ]
        for chunk in [1, 3, 1 << 16] {
            let workbook = try Workbook(package: PartsPackage(parts: parts, chunk: chunk))
            #expect(workbook.sheetNames == ["甲", "乙"])
            #expect(workbook.uses1904DateSystem)
            #expect(try workbook.canonicalRows(sheet: 0) == [["a", "2"], ["", "", "TRUE"]])
            #expect(try workbook.canonicalRows(sheet: 1) == [])
        }
    }

    static let minimalParts = [
        "xl/workbook.xml":
            #"<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        "xl/_rels/workbook.xml.rels":
            #"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ]
}
