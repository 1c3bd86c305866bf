// `swift run -c release BulletinBenchmarks mustache [pages]`: parses a unit page (a layout and a
// page with sections over 15 indicators and their stages, about 8 KB of HTML) once, then renders
// it `pages` times (default 5000) and prints pages/s and MB/s. It prints figures; it asserts nothing.
import BulletinKit
import Foundation

func runMustacheBenchmark(_ arguments: [String]) {
    let pages = arguments.first.flatMap(Int.init) ?? 5000
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "bulletin-mustache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        for (name, text) in benchmarkTemplates {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        let loadStart = Date()
        let library = try TemplateLibrary(directory: folder)
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let context = benchmarkContext()

        let first = try library.render("unit", context: context)
        let start = Date()
        var bytes = 0
        for _ in 0..<pages { bytes += try library.render("unit", context: context).utf8.count }
        let seconds = Date().timeIntervalSince(start)

        print("Mustache benchmark: \(pages) unit pages of \(first.utf8.count) bytes")
        print("  load and parse the templates: \(format(loadSeconds * 1000)) ms")
        print(
            "  render: \(format(seconds)) s — \(format(Double(pages) / seconds)) pages/s, "
                + "\(format(Double(bytes) / seconds / 1_000_000)) MB/s")
    } catch {
        print("Mustache benchmark failed: \(error)")
    }
}

private func format(_ value: Double) -> String {
    String(format: "%.2f", value)
}

private let benchmarkTemplates: [String: String] = [
    "layout.html": """
    <!DOCTYPE html>
    <html lang="{{labels.lang}}">
    <head>
    <meta charset="utf-8">
    <title>{{$title}}{{bulletin.title}}{{/title}} · {{bulletin.as_of_text}}</title>
    <style>
    {{> style}}
    </style>
    </head>
    <body class="page-{{page}}">
    <header class="masthead">
    <p class="doc-title"><a href="{{root_path}}index.html">{{bulletin.title}}</a></p>
    <nav aria-label="{{labels.nav}}">
    <ul>
    {{#indicators}}
      <li><a href="{{root_path}}indicators/{{id}}.html">{{title}}</a></li>
    {{/indicators}}
    </ul>
    </nav>
    </header>
    <main id="main">
      {{$content}}{{/content}}
    </main>
    </body>
    </html>

    """,
    "style.css": """
    body { font-family: system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; }
    .status-red { color: {{colors.red}}; }
    .status-green { color: {{colors.green}}; }

    """,
    "unit.html": """
    {{<layout}}
    {{$title}}{{unit.name}} · {{bulletin.title}}{{/title}}
    {{$content}}
    {{#unit}}
    <h1>{{name}} <span class="code">{{code}}</span></h1>
    {{#indicators}}
    <section class="unit-indicator">
      <h2 id="ind-{{id}}">{{title}}</h2>
      <table class="bulletin-table">
        <caption>{{title}}（{{measure_unit}}）</caption>
        <tbody>
        {{#stages}}
          {{> partials/stage-row}}
        {{/stages}}
        </tbody>
      </table>
      {{^stages}}<p>{{labels.no_task}}</p>{{/stages}}
    </section>
    {{/indicators}}
    {{/unit}}
    {{/content}}
    {{/layout}}

    """,
    "partials/stage-row.html": """
    <tr{{#is_ranking}} class="ranking-stage"{{/is_ranking}}><th scope="row">{{stage}}</th><td>{{done_text}}</td><td>{{rate_text}}</td><td class="status-{{status}}">{{status_text}}</td></tr>

    """,
]

/// A unit with 15 indicators of 2 stages each, names with characters that need escaping.
private func benchmarkContext() -> JSONValue {
    let indicators: [JSONValue] = (1...15).map { number in
        .object(
            JSONObject([
                "id": .string("indicator-\(number)"),
                "title": .string("指标 \(number) <搬迁 & 安置>"),
                "measure_unit": "户",
                "stages": .array(
                    ["开工", "竣工"].enumerated().map { index, stage in
                        .object(
                            JSONObject([
                                "stage": .string(stage),
                                "is_ranking": .bool(index == 1),
                                "done_text": .number(Double(number * 97 + index)),
                                "rate_text": .string("\(80 + number).5%"),
                                "status": index == 0 ? "green" : "red",
                                "status_text": index == 0 ? "绿" : "红",
                            ]))
                    }),
            ]))
    }
    return .object(
        JSONObject([
            "labels": .object(JSONObject(["lang": "zh-Hans", "nav": "导航", "no_task": "无任务"])),
            "bulletin": .object(JSONObject(["title": "南阳市脱贫攻坚进度通报", "as_of_text": "2020年10月15日"])),
            "colors": .object(JSONObject(["red": "#b3141c", "green": "#1e6b22"])),
            "root_path": "../",
            "page": "unit",
            "indicators": .array(indicators),
            "unit": .object(JSONObject(["name": "内乡县", "code": "411325", "indicators": .array(indicators)])),
        ]))
}
