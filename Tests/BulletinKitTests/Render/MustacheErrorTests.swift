import Foundation
import Testing

@testable import BulletinKit

/// A malformed template is an error that names the file, the line and column of the tag at
/// fault (columns count characters), what was found and what would be right.
@Suite struct MustacheErrorTests {
    /// Parses `source` as if it sat in a templates folder whose only other template is `layout`.
    static func parse(_ source: String, file: String = "unit.html") throws(MustacheError) {
        let parser = TemplateParser(
            file: file, kind: .html, resolve: { $0 == "layout" ? 1 : nil }, unknownPartialsAreErrors: true)
        _ = try parser.parse(source)
    }

    static func error(_ source: String, file: String = "unit.html") -> String? {
        do {
            try parse(source, file: file)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        // The open section is on line 2, after two spaces.
        (
            "a\n  {{#units}}\n{{name}}\n",
            "unit.html:2:3: error: {{#units}} is never closed; expected {{/units}} before the end of the template"
        ),
        // {{/units}} on line 5, column 3, while {{#indicators}} (3:3) is still open.
        (
            "<ul>\n{{#units}}\n  {{#indicators}}\n  <li>{{name}}</li>\n  {{/units}}\n{{/units}}\n",
            "unit.html:5:3: error: {{/units}} closes a section, but the open section is {{#indicators}} "
                + "(opened at 3:3); close it first with {{/indicators}}"
        ),
        (
            "x {{/units}}",
            "unit.html:1:3: error: {{/units}} closes a section, but no section is open; remove it, or open the section before it"
        ),
        // The closing delimiters are nowhere: the rest of the line is quoted.
        ("<p>{{name</p>\n", "unit.html:1:4: error: {{name</p> is never closed; expected }}"),
        // There is a }} further on, but not on the tag's line.
        (
            "<p>{{name</p>\n<p>{{x}}</p>",
            "unit.html:1:4: error: {{name</p> is not closed on its line; expected }}"
        ),
        ("{{{name}}", "unit.html:1:1: error: {{{name}} is never closed; expected }}}"),
        (
            "a\n{{==}}",
            "unit.html:2:1: error: {{==}} does not set delimiters; write two delimiters without spaces or =, as in {{=<% %>=}}"
        ),
        (
            "{{=<% %> x=}}",
            "unit.html:1:1: error: {{=<% %> x=}} does not set delimiters; write two delimiters without spaces or =, as in {{=<% %>=}}"
        ),
        ("{{=<% %>}}", "unit.html:1:1: error: {{=<% %>}} is never closed; expected =}}"),
        // Columns count characters: 进度： are three, so the tag starts in column 4.
        (
            "进度：{{#a}}",
            "unit.html:1:4: error: {{#a}} is never closed; expected {{/a}} before the end of the template"
        ),
        // With other delimiters, messages quote the tags as written.
        (
            "{{=<% %>=}}\n<%#a%>\n<%/b%>",
            "unit.html:3:1: error: <%/b%> closes a section, but the open section is <%#a%> (opened at 2:1); close it first with <%/a%>"
        ),
        (
            "{{first name}}",
            "unit.html:1:1: error: {{first name}} has a space inside its name; a name is one key or dotted keys"
        ),
        ("x{{}}", "unit.html:1:2: error: {{}} has no name; write the key between the delimiters"),
        (
            "{{a..b}}",
            "unit.html:1:1: error: {{a..b}} is not a name; write keys joined by single dots, as in a.b"
        ),
        (
            "{{<layout}}\n{{$title}}a{{/title}}\n{{$title}}b{{/title}}\n{{/layout}}",
            "unit.html:3:1: error: {{$title}} fills the block title a second time in this parent; keep one"
        ),
        (
            "<main>\n  {{> sidebar}}\n</main>",
            "unit.html:2:3: error: {{> sidebar}} includes \"sidebar\", but there is no template by that name; "
                + "add sidebar.html (or .md, .css) to the templates folder, or correct the name"
        ),
        (
            "{{<base}}{{/base}}",
            "unit.html:1:1: error: {{<base}} extends \"base\", but there is no template by that name; "
                + "add base.html (or .md, .css) to the templates folder, or correct the name"
        ),
    ])
    func malformedTemplateIsReportedAtTheTag(source: String, expected: String) {
        #expect(Self.error(source) == expected)
    }

    @Test func sectionsNestedTooDeeplyAreAnError() {
        let source = String(repeating: "{{#a}}", count: 51) + String(repeating: "{{/a}}", count: 51)
        // The 51st opening tag starts after 50 × 6 characters.
        #expect(
            Self.error(source)
                == "unit.html:1:301: error: {{#a}} nests sections more than 50 deep; close some first")
        #expect(
            Self.error(String(repeating: "{{#a}}", count: 50) + String(repeating: "{{/a}}", count: 50)) == nil
        )
    }

    @Test func aPartialThatIncludesItselfForeverIsAnErrorNotACrash() throws {
        let folder = try TemporaryDataset(files: [
            "index.html": "<p>\n{{> partials/loop}}\n</p>\n", "partials/loop.html": "x{{> partials/loop}}",
        ])
        let library = try TemplateLibrary(directory: folder.url)
        #expect(
            throws: MustacheError(
                file: "partials/loop.html", line: 1, column: 2,
                reason:
                    "{{> partials/loop}} nests partials and sections more than 100 deep; a partial includes itself with no section that ends the recursion"
            )
        ) {
            try library.render("index", context: .object(JSONObject()))
        }
    }

    /// 49 sections around a partial that includes itself: the limit is reached in the third copy
    /// (49 + 1 + 49 + 1 = 100), before a secondary thread's 512 KB stack runs out (macOS's default).
    @Test func deepRecursionStopsWithAnErrorOnASmallStack() {
        let partial =
            String(repeating: "{{#a}}", count: 49) + "{{>p}}" + String(repeating: "{{/a}}", count: 49)
        // Written by the thread before it signals, read after the wait: never at the same time.
        final class Outcome: @unchecked Sendable { var error: String? }
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                _ = try Mustache.render(
                    "{{>p}}", context: Data(#"{"a": true}"#.utf8), partials: ["p": partial])
            } catch {
                outcome.error = "\(error)"
            }
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        finished.wait()
        // {{>p}} starts after 49 × 6 = 294 characters.
        #expect(
            outcome.error
                == "p:1:295: error: {{>p}} nests partials and sections more than 100 deep; "
                + "a partial includes itself with no section that ends the recursion")
    }

    @Test func unknownTemplateNameIsAnError() throws {
        let folder = try TemporaryDataset(files: ["index.html": "x"])
        let library = try TemplateLibrary(directory: folder.url)
        #expect(
            throws: MustacheError(
                file: "briefing", reason: "there is no template by this name in the templates folder")
        ) {
            try library.render("briefing", context: .null)
        }
        #expect(
            MustacheError(
                file: "briefing", reason: "there is no template by this name in the templates folder"
            ).description
                == "briefing: error: there is no template by this name in the templates folder")
    }

    /// Templates cut from pieces at random (with a fixed seed) either render or throw; none traps.
    @Test func randomTemplatesNeverCrash() {
        let pieces = [
            "{{", "}}", "{{{", "}}}", "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{>p}}", "{{<p}}", "{{/p}}",
            "{{$x}}",
            "{{/x}}", "{{=<% %>=}}", "<%a%>", "<%={{ }}=%>", "{{!c}}", "{{.}}", "{{a.b}}", "{{&a}}", "\n",
            "  ", "\r\n",
            "text", "{{>*a}}", "|", "{{=", "=}}", "{{ }}", "进",
        ]
        var seed: UInt64 = 0x2020_1015
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let context = Data(#"{"a": [{"b": "x"}, {"b": null}], "x": "p", "b": false}"#.utf8)
        var rendered = 0
        for _ in 0..<3000 {
            let template = (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined()
            if (try? Mustache.render(template, context: context, partials: ["p": "[{{$x}}d{{/x}}{{a.b}}]"]))
                != nil
            {
                rendered += 1
            }
        }
        #expect(rendered > 0)
    }
}
