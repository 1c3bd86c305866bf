/// A workbook's structure (SPEC §2.4): its sheets in workbook order with the parts that hold
/// them, the date system, and where its shared strings and styles are. Reading it touches only
/// the small parts; sheets are streamed later by `SheetStream`.
struct Workbook {
    /// One sheet of the workbook.
    struct Sheet: Equatable {
        /// The name on the sheet's tab.
        var name: String
        /// The part that holds its cells; nil when the relationship is missing or the sheet is
        /// a chart sheet (which has no cells).
        var part: String?
    }

    let package: WorkbookPackage
    /// The workbook part, usually `xl/workbook.xml` (found through the package relationships).
    let part: String
    /// The sheets in workbook order.
    private(set) var sheets: [Sheet] = []
    /// Whether serial dates count from 1904-01-01 (`<workbookPr date1904="1">`) rather than 1900.
    private(set) var uses1904DateSystem = false
    /// The shared-strings and styles parts, when the workbook has them.
    private(set) var sharedStringsPart: String?
    private(set) var stylesPart: String?

    /// Reads the workbook's structure from `package`.
    init(package: WorkbookPackage) throws(WorkbookError) {
        self.package = package
        part = try Self.workbookPart(in: package)
        let relationships = try package.relationships(of: part)
        sharedStringsPart = relationships.first { $0.type == "sharedStrings" }?.target
        stylesPart = relationships.first { $0.type == "styles" }?.target
        try readWorkbookPart(relationships: relationships)
    }

    /// The sheet names in workbook order.
    var sheetNames: [String] { sheets.map(\.name) }

    /// The office document named by `_rels/.rels`; failing that, the usual path or the part the
    /// content types declare as the workbook.
    private static func workbookPart(in package: WorkbookPackage) throws(WorkbookError) -> String {
        for relationship in try package.relationships(of: "") where relationship.type == "officeDocument" {
            if package.storedPath(of: relationship.target) != nil { return relationship.target }
        }
        if let stored = package.storedPath(of: "xl/workbook.xml") { return stored }
        if var xml = try package.scanner(for: "[Content_Types].xml") {
            while true {
                let token = try xml.next()
                if token == .endOfPart { break }
                guard token == .startTag, xml.isNamed("Override"),
                    let type = try xml.string(ofAttribute: "ContentType"), type.hasSuffix(".sheet.main+xml"),
                    let name = try xml.string(ofAttribute: "PartName")
                else { continue }
                let path = String(name.drop { $0 == "/" })  // part names are absolute
                if package.storedPath(of: path) != nil { return path }
            }
        }
        throw WorkbookError(.notAWorkbook, problem: .init(.workbookNoWorkbookPart))
    }

    private mutating func readWorkbookPart(relationships: [Relationship]) throws(WorkbookError) {
        guard var xml = try package.scanner(for: part) else {
            throw WorkbookError(.notAWorkbook, part: part, message: "the workbook part is missing")
        }
        while true {
            let token = try xml.next()
            if token == .endOfPart { break }
            guard token == .startTag else { continue }
            if xml.isNamed("workbookPr") {
                let flag = try xml.string(ofAttribute: "date1904")
                uses1904DateSystem = flag == "1" || flag == "true"
            } else if xml.isNamed("sheet") {
                let name = try xml.string(ofAttribute: "name") ?? ""
                let id = try xml.string(ofAttribute: "id")
                let target = relationships.first { $0.id == id && $0.type == "worksheet" }?.target
                sheets.append(Sheet(name: name, part: target.flatMap { package.storedPath(of: $0) }))
            }
        }
    }
}
