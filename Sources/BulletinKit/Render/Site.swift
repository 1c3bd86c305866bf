import Foundation

/// Renders a bulletin into its output files (SPEC §6) through the templates: the index, a page
/// per unit and per indicator, the quality page, the Markdown briefing, `data.json` and
/// `summary.csv`. Returns paths and contents; writing is the build's business.
struct Site {
    let bulletin: Bulletin
    let templates: TemplateLibrary
    let labels: JSONValue

    /// Every output file of the bulletin, by relative path, in a stable order.
    func render() throws(MustacheError) -> [(path: String, contents: String)] {
        let builder = ContextBuilder(bulletin: bulletin, labels: labels)
        var files: [(String, String)] = []
        let rootSite = builder.siteContext(pathToRoot: "")
        files.append(("index.html", try page("index", rootSite, page: "index")))
        files.append(("quality.html", try page("quality", rootSite, page: "quality")))
        files.append(("briefing.md", try templates.render("briefing", context: .object(rootSite))))
        let nestedSite = builder.siteContext(pathToRoot: "../")
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
        return files
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
