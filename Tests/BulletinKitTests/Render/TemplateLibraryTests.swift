import Foundation
import Testing

@testable import BulletinKit

/// A templates folder: names from relative paths, escaping from the extension, partials found
/// preferring the including template's kind, pages extending a layout, errors at load time.
@Suite struct TemplateLibraryTests {
    static let files: [String: String] = [
        "layout.html": """
        <!DOCTYPE html>
        <title>{{$title}}Bulletin{{/title}}</title>
        <style>
        {{> style}}
        </style>
        <body>
          {{$content}}
          <p>No content.</p>
          {{/content}}
        </body>

        """,
        "style.css": "p { content: \"{{mark}}\"; }\n",
        "index.html": "{{<layout}}{{/layout}}\n",
        "unit.html": """
        {{<layout}}
        {{$title}}{{name}} · Bulletin{{/title}}
        {{$content}}
        <h1>{{name}}</h1>
        <ul>
        {{#rows}}
          {{> partials/row}}
        {{/rows}}
        </ul>
        {{/content}}
        {{/layout}}

        """,
        "partials/row.html": "<li>{{label}}: {{value}}</li>\n",
        "partials/row.md": "- {{label}}: {{value}}\n",
        "briefing.md": """
        # {{name}}

        {{#rows}}
        {{> partials/row}}
        {{/rows}}

        """,
        // Not templates: the locales folder, and files of other kinds.
        "locales/en.json": #"{"lang": "en"}"#,
        "locales/broken.html": "{{#never closed}}",
        "notes.txt": "{{#never closed}}",
        ".unit.html.swp": "{{#never closed}}",
        "partials/.row.html": "{{#never closed}}",
    ]

    static let context = JSONValue.object(
        JSONObject([
            "name": "A&B *1*",
            "mark": "<&>",
            "rows": [
                .object(JSONObject(["label": "Done", "value": "<b>"])),
                .object(JSONObject(["label": "- x", "value": "a|b"])),
            ],
        ]))

    @Test func aPageExtendsTheLayoutAndFillsItsBlocks() throws {
        let folder = try TemporaryDataset(files: Self.files)
        let library = try TemplateLibrary(directory: folder.url)
        // The title block is filled inline; the content block stands alone in the layout,
        // indented by two spaces, so every line of the page's content is indented by two, and
        // the standalone row partial by two more. style.css is included verbatim, unescaped.
        #expect(
            try library.render("unit", context: Self.context) == """
                <!DOCTYPE html>
                <title>A&amp;B *1* · Bulletin</title>
                <style>
                p { content: "<&>"; }
                </style>
                <body>
                  <h1>A&amp;B *1*</h1>
                  <ul>
                    <li>Done: &lt;b&gt;</li>
                    <li>- x: a|b</li>
                  </ul>
                </body>

                """)
    }

    @Test func blocksThatAreNotFilledRenderTheirDefaults() throws {
        let folder = try TemporaryDataset(files: Self.files)
        let library = try TemplateLibrary(directory: folder.url)
        #expect(
            try library.render("index", context: Self.context) == """
                <!DOCTYPE html>
                <title>Bulletin</title>
                <style>
                p { content: "<&>"; }
                </style>
                <body>
                  <p>No content.</p>
                </body>

                """)
    }

    @Test func markdownTemplatesEscapeForMarkdownAndPreferMarkdownPartials() throws {
        let folder = try TemporaryDataset(files: Self.files)
        let library = try TemplateLibrary(directory: folder.url)
        // "briefing" is briefing.md; {{> partials/row}} from it is partials/row.md. The label
        // "- x" would start a list item: its dash is escaped; the pipe too.
        #expect(
            try library.render("briefing", context: Self.context) == """
                # A&amp;B \\*1\\*

                - Done: &lt;b&gt;
                - \\- x: a\\|b

                """)
    }

    /// A page handed over in chunks, however small, is the bytes of the page rendered whole.
    @Test(arguments: [1, 5, 64, 1 << 20])
    func pagesRenderedIntoChunksAreThePage(chunkSize: Int) throws {
        let folder = try TemporaryDataset(files: Self.files)
        let library = try TemplateLibrary(directory: folder.url)
        for name in ["unit", "index"] {
            let sink = ChunkSink()
            try library.render(name, context: Self.context, into: sink, chunkSize: chunkSize)
            #expect(sink.text == (try library.render(name, context: Self.context)))
            if chunkSize == 1 { #expect(sink.collected.allSatisfy { !$0.isEmpty }) }
        }
    }

    @Test func pagesRenderTheSameFromSeveralThreads() throws {
        let folder = try TemporaryDataset(files: Self.files)
        let library = try TemplateLibrary(directory: folder.url)
        let expected = try library.render("unit", context: Self.context)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let page = try? library.render("unit", context: Self.context)
            results.store(page, at: index)
        }
        #expect(results.all.count == 8)
        #expect(results.all.allSatisfy { $0 == expected })
    }

    @Test func anUnknownPartialIsReportedWhenLoadingAtItsTag() throws {
        let folder = try TemporaryDataset(files: [
            "index.html": "<main>\n{{#a}}\n  {{> partials/nav}}\n{{/a}}\n</main>\n"
        ])
        #expect(
            throws: MustacheError(
                file: "index.html", line: 3, column: 3,
                reason:
                    "{{> partials/nav}} includes \"partials/nav\", but there is no template by that name; "
                    + "add partials/nav.html (or .md, .css) to the templates folder, or correct the name")
        ) {
            try TemplateLibrary(directory: folder.url)
        }
    }

    @Test func errorsNameTheFileRelativeToTheTemplatesFolder() throws {
        let folder = try TemporaryDataset(files: [
            "index.html": "ok", "partials/table.html": "<table>\n{{#rows}}\n</table>\n",
        ])
        do {
            _ = try TemplateLibrary(directory: folder.url)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == "partials/table.html:2:1: error: {{#rows}} is never closed; expected {{/rows}} before the end of the template"
            )
        }
    }

    @Test func aMissingFolderIsAnError() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bulletin-no-such-\(UUID().uuidString)")
        #expect(
            throws: MustacheError(
                file: url.path, reason: "the templates folder does not exist or cannot be read")
        ) {
            try TemplateLibrary(directory: url)
        }
    }
}

/// Pages collected from concurrent renderings.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [Int: String] = [:]

    func store(_ page: String?, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        pages[index] = page
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(pages.values)
    }
}
