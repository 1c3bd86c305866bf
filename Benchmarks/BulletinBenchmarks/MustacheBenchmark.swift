// `swift run -c release BulletinBenchmarks mustache [pages]`: parses a unit page (a layout and a
// page with sections over 15 indicators and their stages, about 8 KB of HTML) once, then renders
// it `pages` times (default 5000) and prints pages/s and MB/s. It prints figures; it asserts nothing.
//
// `… mustache --templates DIR --context FILE [--template NAME] [--times N]` renders a real
// templates folder instead, with a JSON file as the context: e.g. the shipped `templates/` and
// the `data.json` of a national build, whose `index` is a table of every unit (the engine alone:
// no file is written and no context is made while rendering).
import BulletinKit
import Dispatch
import Foundation

func runMustacheBenchmark(_ arguments: [String]) {
    if arguments.first == "--templates" { return runMustacheFileBenchmark(arguments) }
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

/// Renders template `--template` (default `index`) of `--templates DIR` with the JSON of
/// `--context FILE`, `--times` times (default 5), and prints the best and mean MB per second.
private func runMustacheFileBenchmark(_ arguments: [String]) {
    var options: [String: String] = [:]
    var remaining = arguments[...]
    while let name = remaining.popFirst(), let value = remaining.popFirst() { options[name] = value }
    guard let templates = options["--templates"], let contextFile = options["--context"] else {
        print(
            "usage: BulletinBenchmarks mustache --templates DIR --context FILE [--template NAME] [--times N]")
        return
    }
    let name = options["--template"] ?? "index"
    let times = options["--times"].flatMap(Int.init) ?? 5
    do {
        let library = try TemplateLibrary(directory: URL(fileURLWithPath: templates))
        let data = try Data(contentsOf: URL(fileURLWithPath: contextFile))
        let context = jsonValue(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        var (best, total) = (Double.infinity, 0.0)
        var bytes = 0
        for _ in 0..<times {
            let start = DispatchTime.now()
            bytes = try library.render(name, context: context).utf8.count
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            (best, total) = (min(best, seconds), total + seconds)
        }
        print(
            "Mustache \(name) of \(templates) with \(contextFile): \(megabytes(bytes)) \(times) times, "
                + String(
                    format: "best %.4f s (%.0f MB/s), mean %.4f s (%.0f MB/s)", best,
                    Double(bytes) / best / 1e6,
                    total / Double(times), Double(bytes) * Double(times) / total / 1e6))
    } catch {
        print("Mustache benchmark failed: \(error)")
    }
}

/// Foundation's parse of a JSON document as a `JSONValue` (the library's own parser is internal).
private func jsonValue(_ value: Any) -> JSONValue {
    switch value {
    case let string as String: return .string(string)
    case let number as NSNumber:
        // JSONSerialization gives booleans as NSNumbers of type "c" (a C char), numbers as others.
        if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
        return .number(number.doubleValue)
    case let array as [Any]: return .array(array.map(jsonValue))
    case let object as [String: Any]:
        var result = JSONObject()
        for key in object.keys.sorted() { result[key] = jsonValue(object[key]!) }
        return .object(result)
    default: return .null
    }
}
