import Foundation
import Testing

@testable import BulletinKit

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// What the Word briefing says: every number of `briefing.md`, the same bytes on every build,
/// hostile data kept as text, and a document LibreOffice can print.
@Suite struct DocxContentTests {
    /// Every number `briefing.md` prints (counts, `12,345`, `87.65%`, `-3.20`, dates, ranks)
    /// appears in the document's text.
    @Test(arguments: Repository.examples)
    func everyNumberOfTheMarkdownBriefingIsInTheDocument(example: String) throws {
        let dataset = Repository.example(example)
        let markdown = String(decoding: try DocxFixture.file("briefing.md", of: dataset), as: UTF8.self)
        let package = try StoredZip(DocxFixture.file("briefing.docx", of: dataset))
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let text = document.all("w:p").map(\.text).joined(separator: "\n")
        let numbers = DocxFixture.numbers(in: markdown)
        #expect(numbers.count > 50)
        for number in Set(numbers).sorted() {
            #expect(text.contains(number), "\(example): \(number) is in briefing.md but not in briefing.docx")
        }
        // The same paragraphs, in the same order: each prose line of the Markdown is a paragraph.
        let prose = markdown.split(separator: "\n").filter { $0.hasPrefix("截至") && $0.contains("，") }
        let paragraphs = document.all("w:p").map(\.text)
        let positions = prose.compactMap { line in paragraphs.firstIndex(of: String(line)) }
        #expect(positions.count == prose.count && positions == positions.sorted())
    }

    /// The same ledgers give the same bytes: two independent renders, and a build on one thread
    /// against one on two.
    @Test func twoBuildsGiveIdenticalBytes() throws {
        let dataset = Repository.example("nanyang")
        for file in ["briefing.docx", "summary.xlsx"] {
            #expect(try DocxFixture.file(file, of: dataset) == DocxFixture.file(file, of: dataset), "\(file)")
        }
        let folder = try TemporaryFolder()
        var outputs: [[String: Data]] = []
        for threads in [1, 2] {
            let out = folder.url.appendingPathComponent("out-\(threads)")
            var request = BuildJob.Request(dataset: dataset, out: out, templates: Repository.templates.path)
            request.threads = threads
            _ = try BuildJob.build(request)
            outputs.append(try filesBelow(out))
        }
        for file in ["briefing.docx", "summary.xlsx"] {
            #expect(outputs[0][file] != nil && outputs[0][file] == outputs[1][file], "\(file)")
        }
    }

    /// Names, titles, remarks and document keys carrying markup, `&`, `]]>` and control
    /// characters: the package stays well-formed and each string comes back as the same text,
    /// less the characters XML 1.0 cannot hold.
    @Test func hostileStringsStayText() throws {
        let dataset = try DocxFixture.hostileDataset()
        let package = try StoredZip(DocxFixture.file("briefing.docx", of: dataset.url))
        var elements: Set<String> = []
        for entry in package.entries {
            let tree = try XMLTree.parse(entry.bytes, part: entry.name)
            elements.formUnion(tree.allNames())
        }
        // WordprocessingML's own elements only: nothing from the data became markup.
        #expect(
            elements.allSatisfy {
                $0.hasPrefix("w:") || $0.hasPrefix("cp:") || $0.hasPrefix("dc:") || $0.hasPrefix("dcterms:")
                    || [
                        "Types", "Default", "Override", "Relationships", "Relationship", "Properties",
                        "Application",
                    ].contains($0)
            }, "\(elements.sorted())")
        let document = try XMLTree.parse(try #require(package.text("word/document.xml")), part: "document")
        let texts = document.all("w:p").map(\.text)
        // The control characters are gone, everything else is the data as written.
        #expect(texts.contains("通报 <script>alert(1)</script> | `代码` & ]]> 结束"))
        #expect(texts.first == "办公室<b>&amp;]]>")
        #expect(texts.contains("<x/>〔2020〕]]>"))
        #expect(texts.contains { $0.hasPrefix("\t抄送：<w:p>&lt;，响铃") })
        #expect(texts.contains { $0.contains("<script>alert(1)</script>甲县") })
        #expect(texts.contains("1. - 不是列表 <a href=\"javascript:alert(3)\">点我</a>"))
        let core = try XMLTree.parse(try #require(package.text("docProps/core.xml")), part: "core")
        #expect(core.first("dc:title")?.text == "通报 <script>alert(1)</script> | `代码` & ]]> 结束")
        let raw = try #require(package.text("word/document.xml"))
        #expect(!raw.contains("<script") && !raw.contains("]]>") && !raw.contains("\u{1}"))
    }

    /// LibreOffice opens the document and prints it to a PDF of at least one page. Runs when
    /// `soffice` is on the PATH; otherwise says it was skipped.
    @Test func libreOfficeConvertsTheDocumentToPDF() throws {
        guard let soffice = DocxFixture.executable("soffice") else {
            print("skipped: soffice not found; libreOfficeConvertsTheDocumentToPDF did not run")
            return
        }
        let folder = try TemporaryFolder()
        let docx = folder.url.appendingPathComponent("briefing.docx")
        let dataset = try DocxFixture.hostileDataset()
        try DocxFixture.file("briefing.docx", of: dataset.url).write(to: docx)
        let profile = folder.url.appendingPathComponent("profile")
        let process = Process()
        process.executableURL = soffice
        process.arguments = [
            "--headless", "--norestore", "-env:UserInstallation=\(profile.absoluteString)", "--convert-to",
            "pdf",
            "--outdir", folder.url.path, docx.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let pdf = try Data(contentsOf: folder.url.appendingPathComponent("briefing.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        // Page objects: "/Type /Page" or "/Type/Page", not "/Pages".
        let text = String(decoding: pdf, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type").dropFirst().filter { rest in
            let trimmed = rest.drop { $0 == " " }
            return trimmed.hasPrefix("/Page") && !trimmed.hasPrefix("/Pages")
        }
        #expect(pages.count >= 1)
    }
}

/// Datasets and outputs for the Word and workbook tests.
enum DocxFixture {
    /// One output file of the bulletin of `dataset`, rendered in memory.
    static func file(_ path: String, of dataset: URL) throws -> Data {
        let bulletin = try BuildJob.check(dataset: dataset, asOf: nil)
        let templates = try TemplateLibrary(directory: Repository.templates)
        let labels = try TemplateLocation.labels(
            in: Repository.templates, locale: bulletin.configuration.locale)
        let page = try #require(
            Site(bulletin: bulletin, templates: templates, labels: labels).pages().first { $0.path == path })
        return Data(try page.bytes())
    }

    /// A copy of an example with its configuration changed by `change`.
    static func copyOfExample(_ name: String, change: (inout JSONObject) -> Void) throws -> TemporaryDataset {
        let source = Repository.example(name)
        let dataset = try TemporaryDataset(files: [:])
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() {
            try dataset.write(try Data(contentsOf: source.appendingPathComponent(file)), to: file)
        }
        let url = dataset.url.appendingPathComponent("bulletin.json")
        var configuration = try #require(try JSONValue.parse(try Data(contentsOf: url)).objectValue)
        change(&configuration)
        try dataset.write(JSONValue.object(configuration).jsonText(), to: "bulletin.json")
        return dataset
    }

    /// The hostile dataset of `HostileStringsTests`, with control characters, `&` and `]]>` in
    /// the title, the issuer, the document keys and a unit's name.
    static func hostileDataset() throws -> TemporaryDataset {
        let regions = HostileStringsTests.regions.replacingOccurrences(of: "甲县\"", with: "甲县\u{1}\u{B}\"")
        let dataset = try TemporaryDataset(files: [
            "bulletin.json": HostileStringsTests.configuration, "regions.csv": regions,
            "housing.csv": HostileStringsTests.ledger,
        ])
        let url = dataset.url.appendingPathComponent("bulletin.json")
        var configuration = try #require(try JSONValue.parse(try Data(contentsOf: url)).objectValue)
        configuration["title"] = .string("通报 <script>alert(1)</script> | `代码` & ]]>\u{0} 结束")
        configuration["issuer"] = .string("办公室<b>&amp;]]>\u{1F}")
        configuration["doc_no"] = .string("<x/>〔2020〕]]>\u{FFFE}")
        configuration["issue_no"] = .number(7)
        configuration["cc"] = .array([.string("<w:p>&lt;"), .string("\u{7}响铃")])
        try dataset.write(JSONValue.object(configuration).jsonText(), to: "bulletin.json")
        return dataset
    }

    /// The numbers in a text: runs of digits with the `,` and `.` inside them, and a sign or `%`
    /// next to them left off (the document prints the same figures).
    static func numbers(in text: String) -> [String] {
        var numbers: [String] = []
        var current = ""
        for character in text + " " {
            if character.isASCII,
                character.isNumber || (!current.isEmpty && (character == "," || character == "."))
            {
                current.append(character)
            } else if !current.isEmpty {
                while current.last == "," || current.last == "." { current.removeLast() }
                numbers.append(current)
                current = ""
            }
        }
        return numbers
    }

    /// The executable named `name` on the PATH, if any.
    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// A parsed XML part: elements with their qualified names, attributes and children, built with
/// Foundation's `XMLParser`, which throws on any part that is not well-formed.
final class XMLTree {
    let name: String
    let attributes: [String: String]
    private(set) var children: [XMLTree] = []
    fileprivate var characters = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String, part: String) throws -> XMLTree {
        try parse(Array(text.utf8), part: part)
    }

    static func parse(_ bytes: [UInt8], part: String) throws -> XMLTree {
        let parser = XMLParser(data: Data(bytes))
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw Malformed(
                description:
                    "\(part): not well-formed at \(parser.lineNumber):\(parser.columnNumber): \(String(describing: parser.parserError))"
            )
        }
        return root
    }

    /// Every element below (and including) this one named `name`, in document order.
    func all(_ name: String) -> [XMLTree] {
        (self.name == name ? [self] : []) + children.flatMap { $0.all(name) }
    }

    func first(_ name: String) -> XMLTree? {
        if self.name == name { return self }
        for child in children { if let found = child.first(name) { return found } }
        return nil
    }

    /// The names of every element below and including this one.
    func allNames() -> Set<String> {
        children.reduce(into: [name]) { $0.formUnion($1.allNames()) }
    }

    /// The text a reader sees: character data (not field instructions), a tab for a run's
    /// `w:tab`, a line feed for `w:br`.
    var text: String {
        var result = characters
        for child in children {
            switch child.name {
            case "w:instrText", "w:tabs": continue
            case "w:tab": result += "\t"
            case "w:br": result += "\n"
            default: result += child.text
            }
        }
        return result
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let element = XMLTree(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?
        ) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.characters += string
        }
    }
}
