import Foundation

/// Renders a bulletin into its output files (SPEC §6) through the templates: the index, a page
/// per unit and per indicator, the quality page, the Markdown briefing, `data.json` and
/// `summary.csv`. Returns paths and contents; writing is the build's business.
struct Site {
    let bulletin: Bulletin
    let templates: TemplateLibrary
    let labels: JSONValue

    /// Earlier bulletins for `--history`, newest first (empty without it).
    var history: [Bulletin] = []

    /// Every output file of the bulletin, by relative path, in a stable order.
    func render() throws(MustacheError) -> [(path: String, contents: String)] {
        let builder = ContextBuilder(bulletin: bulletin, labels: labels)
        var files: [(String, String)] = []
        var rootSite = builder.siteContext(pathToRoot: "")
        if let previous = history.first {
            rootSite["history"] = historyLinks(pathToRoot: "", previous: previous)
        }
        let rootPages = builder.addingCharts(to: rootSite)
        files.append(("index.html", try page("index", rootPages, page: "index")))
        files.append(("quality.html", try page("quality", rootSite, page: "quality")))
        files.append(("briefing.md", try templates.render("briefing", context: .object(rootSite))))
        let nestedSite = builder.addingCharts(to: builder.siteContext(pathToRoot: "../"))
        for (index, indicator) in bulletin.indicators.enumerated() {
            var context = nestedSite
            if let indicators = nestedSite["indicators"]?.arrayValue { context["indicator"] = indicators[index] }
            files.append(("indicators/\(indicator.indicator.id).html", try page("indicator", context, page: "indicator")))
        }
        for unit in bulletin.units.indices {
            var context = builder.unitContext(unit, site: nestedSite).objectValue ?? nestedSite
            context["page"] = .string("unit")
            files.append(("units/\(bulletin.units[unit].code).html", try templates.render("unit", context: .object(context))))
        }
        files.append(("data.json", JSONValue.object(rootSite).jsonText() + "\n"))
        files.append(("summary.csv", SummaryCSV.make(bulletin)))
        if !history.isEmpty { files += try renderHistory(builder: builder) }
        return files
    }

    /// `history/<date>/index.html` and `briefing.md` for every earlier period, as they would have
    /// been on that date, and `history/index.html` listing them (SPEC §6).
    private func renderHistory(builder: ContextBuilder) throws(MustacheError) -> [(path: String, contents: String)] {
        var files: [(String, String)] = []
        for (index, earlier) in history.enumerated() {
            let earlierBuilder = ContextBuilder(bulletin: earlier, labels: labels)
            var context = earlierBuilder.addingCharts(to: earlierBuilder.siteContext(pathToRoot: "../../"))
            context["is_history"] = .bool(true)
            context["history"] = historyLinks(
                pathToRoot: "../../", previous: index + 1 < history.count ? history[index + 1] : nil)
            let folder = "history/\(earlier.asOf)"
            files.append(("\(folder)/index.html", try page("index", context, page: "index")))
            files.append(("\(folder)/briefing.md", try templates.render("briefing", context: .object(context))))
        }
        var context = builder.siteContext(pathToRoot: "../")
        context["history"] = .object(
            JSONObject([
                "entries": .array(
                    history.map { earlier in
                        .object(
                            JSONObject([
                                "date": .string(earlier.asOf.description),
                                "date_text": .string(builder.format.date(earlier.asOf)),
                                "href": .string("\(earlier.asOf)/index.html"),
                                "briefing_href": .string("\(earlier.asOf)/briefing.md"),
                            ]))
                    })
            ]))
        files.append(("history/index.html", try page("history", context, page: "history")))
        return files
    }

    /// Links from a page to the history archive and to the previous period's bulletin.
    private func historyLinks(pathToRoot: String, previous: Bulletin?) -> JSONValue {
        var object = JSONObject(["index_href": .string("\(pathToRoot)history/index.html")])
        if let previous {
            object["previous_href"] = .string("\(pathToRoot)history/\(previous.asOf)/index.html")
            object["previous_date_text"] = .string(NumberFormat(locale: bulletin.configuration.locale).date(previous.asOf))
        }
        return .object(object)
    }

    private func page(_ template: String, _ context: JSONObject, page: String) throws(MustacheError) -> String {
        var context = context
        context["page"] = .string(page)
        return try templates.render(template, context: .object(context))
    }
}

/// Where the templates are: `--templates DIR`, a `templates/` folder in the dataset, or the
/// repository's own `templates/` found from the working directory or the executable.
enum TemplateLocation {
    /// The folder to load templates from, or nil when none is found.
    static func find(option: String?, dataset: URL) -> URL? {
        if let option { return URL(fileURLWithPath: option) }
        let fileManager = FileManager.default
        let inDataset = dataset.appendingPathComponent("templates")
        if fileManager.fileExists(atPath: inDataset.appendingPathComponent("layout.html").path) { return inDataset }
        var candidates = [URL(fileURLWithPath: fileManager.currentDirectoryPath)]
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        for candidate in candidates {
            let templates = candidate.appendingPathComponent("templates")
            if fileManager.fileExists(atPath: templates.appendingPathComponent("layout.html").path) { return templates }
        }
        return nil
    }

    /// The locale's labels from `locales/<locale>.json` in the templates folder.
    static func labels(in templates: URL, locale: String) throws(ConfigurationError) -> JSONValue {
        let file = "locales/\(locale).json"
        guard let data = FileManager.default.contents(atPath: templates.appendingPathComponent(file).path) else {
            throw ConfigurationError(file: file, problems: [.init(path: "", message: "the locale file is missing from \(templates.path)")])
        }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw ConfigurationError(file: file, problems: [.init(path: "", message: "not valid JSON: \(error.reason)", line: error.line, column: error.column)])
        }
    }
}
