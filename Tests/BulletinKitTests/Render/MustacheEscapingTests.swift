import Testing

@testable import BulletinKit

/// Values printed by `{{name}}` are escaped by the template's kind: HTML pages for HTML, the
/// briefing for GitHub-flavoured Markdown. Every expected string is worked out by hand from the
/// rules in `Escaping`.
@Suite struct MustacheEscapingTests {
    static func escaped(_ value: String, _ escaping: Escaping) -> String {
        escaping.escape(value)
    }

    /// Renders one template of `kind` on its own.
    static func render(_ source: String, kind: TemplateKind, context: JSONValue) throws -> String {
        let parser = TemplateParser(
            file: "test", kind: kind, resolve: { _ in nil }, unknownPartialsAreErrors: true)
        let template = Template(name: "test", file: "test", kind: kind, nodes: try parser.parse(source))
        let set = TemplateSet(templates: [template], byName: ["test": [0]], unknownPartialsAreErrors: true)
        return try set.render(0, context: context)
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)"),
        ("it's", "it&#39;s"),
        ("AT&T", "AT&amp;T"),
        // Markdown's special characters mean nothing in HTML.
        ("|", "|"),
        ("*bold*", "*bold*"),
        ("# heading", "# heading"),
        ("- item", "- item"),
        ("1. item", "1. item"),
        ("a\nb", "a\nb"),
        ("=SUM(A1)", "=SUM(A1)"),
        // Multi-byte text around an escaped byte stays whole.
        ("进度<50%，完成", "进度&lt;50%，完成"),
        ("", ""),
    ])
    func htmlEscaping(value: String, expected: String) {
        #expect(Self.escaped(value, .html) == expected)
    }

    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("|", "\\|"),
        // GFM would autolink these; an escaped colon or dot keeps them text.
        ("见 http://x.invalid/a", "见 http\\://x.invalid/a"),
        ("HTTPS://x", "HTTPS\\://x"),
        ("www.x.invalid", "www\\.x.invalid"),
        // cmark-gfm links www. only after a space or punctuation (checked by hand), not after 问.
        ("访问WWW.x", "访问WWW.x"),
        ("访问 www.x", "访问 www\\.x"),
        ("awww.x 1:2 a:/b", "awww.x 1:2 a:/b"),
        ("*bold*", "\\*bold\\*"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("  - item", "  \\- item"),
        ("1. item", "1\\. item"),
        ("2) item", "2\\) item"),
        ("1.", "1\\."),
        ("> quote", "&gt; quote"),
        ("=SUM(A1)", "\\=SUM(A1)"),
        ("line one\nline two", "line one<br>line two"),
        ("a\r\nb\rc", "a<br>b<br>c"),
        // After a line break the value starts again: no heading, no list.
        ("ok\n# not a heading\n3. not a list", "ok<br>\\# not a heading<br>3\\. not a list"),
        ("a_b [link](x) ~x~ `code` \\", "a\\_b \\[link\\](x) \\~x\\~ \\`code\\` \\\\"),
        ("AT&T <b>", "AT&amp;T &lt;b&gt;"),
        // Ordinary text stays readable: dates, signed numbers, decimals, marks mid-value.
        ("2020-10-15", "2020-10-15"),
        ("-3.2 个百分点", "-3.2 个百分点"),
        ("+5", "+5"),
        ("87.5%", "87.5%"),
        ("2020.10", "2020.10"),
        ("第1名 - 甲县 #2", "第1名 - 甲县 #2"),
        ("南阳市|内乡县", "南阳市\\|内乡县"),
        ("", ""),
    ])
    func markdownEscaping(value: String, expected: String) {
        #expect(Self.escaped(value, .markdown) == expected)
    }

    @Test(arguments: [
        // (a, b, the row by hand)
        ("x|y", "line1\nline2", "| x\\|y | line1<br>line2 |"),
        ("- item", "# heading", "| \\- item | \\# heading |"),
        ("*bold*", "=SUM(A1)", "| \\*bold\\* | \\=SUM(A1) |"),
        ("<script>alert(1)</script>", "1. item", "| &lt;script&gt;alert(1)&lt;/script&gt; | 1\\. item |"),
        (
            "<img src=x onerror=alert(1)>", "a\r\n|b|\r\n",
            "| &lt;img src=x onerror=alert(1)&gt; | a<br>\\|b\\|<br> |"
        ),
    ])
    func markdownTableRowStaysOneRow(a: String, b: String, expected: String) throws {
        let row = try Self.render(
            "| {{a}} | {{b}} |\n", kind: .markdown,
            context: .object(JSONObject(["a": .string(a), "b": .string(b)])))
        #expect(row == expected + "\n")
        // One line: the only line break is the row's own.
        #expect(row.utf8.filter { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }.count == 1)
        // Exactly the three pipes of the template are unescaped.
        let pipes = row.utf8.enumerated().filter { index, byte in
            byte == UInt8(ascii: "|") && (index == 0 || Array(row.utf8)[index - 1] != UInt8(ascii: "\\"))
        }
        #expect(pipes.count == 3)
    }

    @Test func theTemplateKindChoosesTheEscaping() throws {
        let context = JSONValue.object(JSONObject(["v": "<b>*x*</b>"]))
        #expect(try Self.render("{{v}}", kind: .html, context: context) == "&lt;b&gt;*x*&lt;/b&gt;")
        #expect(try Self.render("{{v}}", kind: .markdown, context: context) == "&lt;b&gt;\\*x\\*&lt;/b&gt;")
        #expect(try Self.render("{{v}}", kind: .css, context: context) == "<b>*x*</b>")
        // Triple mustache and ampersand never escape, whatever the kind.
        #expect(try Self.render("{{{v}}}{{&v}}", kind: .html, context: context) == "<b>*x*</b><b>*x*</b>")
        #expect(try Self.render("{{{v}}}", kind: .markdown, context: context) == "<b>*x*</b>")
    }

    @Test func numbersPrintInTheirShortestForm() throws {
        let context = JSONValue.object(
            JSONObject(["a": 85, "b": 1.5, "c": 1.10, "d": -0.25, "e": 12_345_678]))
        #expect(
            try Self.render("{{a}} {{b}} {{c}} {{d}} {{e}}", kind: .html, context: context)
                == "85 1.5 1.1 -0.25 12345678")
    }
}
