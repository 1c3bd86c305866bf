import Foundation

/// Renders a bulletin into its output files (SPEC §6) through the templates: the index, a page
/// per unit and per indicator, the quality page, the Markdown briefing and its Word twin,
/// `data.json`, `summary.csv` and `summary.xlsx`. Returns paths and contents; writing is the
/// build's business.
struct Site: Sendable {
    let bulletin: Bulletin
    let templates: TemplateLibrary
    let labels: JSONValue

    /// Earlier bulletins for `--history`, newest first (empty without it).
    var history: [Bulletin] = []
    /// The issued copies (`--archive`): the history page says whether each earlier period,
    /// recomputed from today's ledgers, still gives the summary.csv issued on its date.
    var archive: Archive?

    /// One output file: its path and how to make its contents. Pages are rendered on demand so
    /// that a build can render them in parallel and write each as soon as it is made, without
    /// holding thousands of pages in memory; each is handed over a chunk at a time, so that not
    /// even the largest (`data.json`, a national index) is held whole.
    struct Page: Sendable {
        var path: String
        /// Renders the file's UTF-8 bytes into the sink.
        var write: @Sendable (ChunkSink) throws -> Void

        /// The file's contents as text (tests and small builds).
        func render() throws -> String {
            let sink = ChunkSink()
            try write(sink)
            return sink.text
        }

        /// The file's contents as bytes (the binary files: `briefing.docx`, `summary.xlsx`).
        func bytes() throws -> [UInt8] {
            let sink = ChunkSink()
            try write(sink)
            return sink.collected.flatMap { $0 }
        }
    }

    /// Every output file of the bulletin, in a stable order (longest to make first).
    func pages() -> [Page] {
        let builder = ContextBuilder(bulletin: bulletin, labels: labels)
        var pages: [Page] = []
        var rootSite = builder.siteContext(pathToRoot: "")
        if let previous = history.first {
            rootSite["history"] = historyLinks(pathToRoot: "", previous: previous)
        }
        let dataSite = rootSite
        let bulletin = self.bulletin
        // Pages are taken in this order by as many threads as there are cores: the longest to
        // make come first, so that none is left alone at the end. `data.json` is the model, made
        // from the bulletin itself; the context above is for the templates and is never written.
        let messages = builder.messages
        pages.append(Page(path: "data.json") { DataModel(bulletin: bulletin, messages: messages).write(into: $0) })
        pages.append(Page(path: "summary.csv") { SummaryCSV.write(bulletin, into: $0) })
        pages.append(Page(path: "summary.xlsx") { try SummaryWorkbook.write(bulletin, into: $0) })
        pages.append(
            Page(path: "briefing.docx") { try BriefingDocument.write(context: dataSite, builder: builder, into: $0) })
        // The charts do not depend on the page's folder: drawn once for both.
        let charts = builder.charts()
        var indexContext = builder.addingCharts(charts, to: rootSite)
        // The 期数 and 文号 go on the index's masthead only.
        if let masthead = DocumentTrappings(bulletin).mastheadContext(builder) { indexContext["document"] = masthead }
        let rootPages = indexContext
        pages.append(Page(path: "index.html") { try page("index", rootPages, page: "index", into: $0) })
        pages.append(Page(path: "quality.html") { try page("quality", dataSite, page: "quality", into: $0) })
        for list in builder.findingLists() {
            pages.append(
                Page(path: "quality/\(builder.code(of: list)).csv") { sink in
                    sink.take(QualityCSV.make(list, builder: builder))
                })
        }
        pages.append(
            Page(path: "briefing.md") { try templates.render("briefing", context: .object(dataSite), into: $0) })
        let nestedSiteWithoutCharts = builder.siteContext(pathToRoot: "../")
        let nestedSite = builder.addingCharts(charts, to: nestedSiteWithoutCharts)
        for (index, indicator) in bulletin.indicators.enumerated() {
            var context = nestedSite
            if let indicators = nestedSite["indicators"]?.arrayValue {
                context["indicator"] = indicators[index]
            }
            let indicatorContext = context
            pages.append(
                Page(path: "indicators/\(indicator.indicator.id).html") {
                    try page("indicator", indicatorContext, page: "indicator", into: $0)
                })
        }
        if !history.isEmpty { pages += historyPages(builder: builder, nestedSite: nestedSiteWithoutCharts) }
        // The unit pages share everything but `unit`: the shared part is built once.
        var unitSite = nestedSite
        unitSite["page"] = .string("unit")
        let sharedUnitSite = unitSite
        for unit in bulletin.units.indices {
            pages.append(
                Page(path: "units/\(bulletin.units[unit].code).html") { sink in
                    var context = sharedUnitSite
                    context["unit"] = builder.unitObject(unit)
                    try templates.render("unit", context: .object(context), into: sink)
                })
        }
        return pages
    }

    /// Every output file rendered, in order (tests and small builds).
    func render() throws -> [(path: String, contents: String)] {
        try pages().map { ($0.path, try $0.render()) }
    }

    /// `history/<date>/index.html` and `briefing.md` for every earlier period, as they would have
    /// been on that date, and `history/index.html` listing them (SPEC §6).
    /// `nestedSite` is the site context one folder down, without charts.
    private func historyPages(builder: ContextBuilder, nestedSite: JSONObject) -> [Page] {
        var pages: [Page] = []
        for (index, earlier) in history.enumerated() {
            let previous = index + 1 < history.count ? history[index + 1] : nil
            let folder = "history/\(earlier.asOf)"
            // Each earlier bulletin's context is built when its first page renders, not all at once.
            let make: @Sendable () -> JSONObject = { [labels] in
                let earlierBuilder = ContextBuilder(bulletin: earlier, labels: labels, linksPages: false)
                var context = earlierBuilder.addingCharts(
                    earlierBuilder.charts(), to: earlierBuilder.siteContext(pathToRoot: "../../"))
                context["is_history"] = .bool(true)
                context["history"] = historyLinks(pathToRoot: "../../", previous: previous)
                return context
            }
            pages.append(Page(path: "\(folder)/index.html") { try page("index", make(), page: "index", into: $0) })
            pages.append(
                Page(path: "\(folder)/briefing.md") {
                    try templates.render("briefing", context: .object(make()), into: $0)
                })
        }
        let issuedDates = archive?.issuedDates() ?? []
        var context = nestedSite
        context["history"] = .object(
            JSONObject([
                "has_archive": .bool(!issuedDates.isEmpty),
                "entries": .array(
                    history.enumerated().map { index, earlier in
                        .object(
                            JSONObject([
                                "date": .string(earlier.asOf.description),
                                "date_text": .string(builder.format.date(earlier.asOf)),
                                "issue_text": .string(issueText(earlier, periodsBack: index + 1, builder: builder)),
                                "rates": .array(earlier.indicators.map { .string(headlineRate($0, on: earlier.asOf, builder)) }),
                                "issued_text": .string(issuedText(earlier, issuedDates: issuedDates, builder: builder)),
                                "href": .string("\(earlier.asOf)/index.html"),
                                "briefing_href": .string("\(earlier.asOf)/briefing.md"),
                            ]))
                    })
            ]))
        let historyContext = context
        pages.append(
            Page(path: "history/index.html") { try page("history", historyContext, page: "history", into: $0) })
        return pages
    }

    /// Whether an earlier period, recomputed from today's ledgers, still gives the summary.csv
    /// issued on its date (`--archive`); empty without an issued date.
    private func issuedText(_ earlier: Bulletin, issuedDates: Set<Day>, builder: ContextBuilder) -> String {
        guard let archive, !issuedDates.isEmpty else { return "" }
        guard issuedDates.contains(earlier.asOf), let issued = archive.issuedSummary(of: earlier.asOf) else {
            return builder.label("history.issued_none")
        }
        let recomputed = Data(SummaryCSV.make(earlier).utf8)
        return builder.label(recomputed == issued ? "history.issued_same" : "history.issued_changed")
    }

    /// 期数 of an earlier bulletin `periodsBack` periods before this one: a fixed `issue_no`
    /// counts back from this one's; otherwise the periods since the campaign's start.
    private func issueText(_ earlier: Bulletin, periodsBack: Int, builder: ContextBuilder) -> String {
        let configuration = bulletin.configuration
        let start = earlier.indicators.map(\.indicator.start).min() ?? earlier.asOf
        var number: Int
        if case .number(let current) = configuration.document.issueNumber {
            number = current - periodsBack
        } else {
            var keys = DocumentKeys()
            keys.issueNumber = .auto
            number = keys.issueNumber(asOf: earlier.asOf, period: configuration.period, earliestStart: start) ?? 0
        }
        guard number > 0 else { return "–" }
        return builder.phrase("document.issue_no", ["number": String(number)])
    }

    /// An indicator's headline rate on an earlier bulletin: 未开始 before its start.
    private func headlineRate(_ result: IndicatorResult, on day: Day, _ builder: ContextBuilder) -> String {
        day < result.indicator.start ? builder.label("status.not-started") : builder.format.percent(result.rootRanked.rate)
    }

    /// Links from a page to the history archive and to the previous period's bulletin.
    private func historyLinks(pathToRoot: String, previous: Bulletin?) -> JSONValue {
        var object = JSONObject(["index_href": .string("\(pathToRoot)history/index.html")])
        if let previous {
            object["previous_href"] = .string("\(pathToRoot)history/\(previous.asOf)/index.html")
            object["previous_date_text"] = .string(
                NumberFormat(locale: bulletin.configuration.locale).date(previous.asOf))
        }
        return .object(object)
    }

    private func page(_ template: String, _ context: JSONObject, page: String, into sink: ChunkSink)
        throws(MustacheError)
    {
        var context = context
        context["page"] = .string(page)
        try templates.render(template, context: .object(context), into: sink)
    }
}

/// Where the templates are: `--templates DIR`, a `templates/` folder in the dataset, or the
/// tool's own, which the caller finds (`TemplateSearch` on the command line).
enum TemplateLocation {
    /// The folder to load templates from, or nil when none is found.
    static func find(option: String?, dataset: URL, shipped: URL?) -> URL? {
        if let option { return URL(fileURLWithPath: option) }
        let inDataset = dataset.appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: inDataset.appendingPathComponent("layout.html").path) {
            return inDataset
        }
        return shipped
    }

    /// `labels` with the shipped locale file's `"messages"` when it has none: a templates folder
    /// customised before findings were worded per locale still gets them in its language.
    static func withMessages(_ labels: JSONValue, from shipped: URL?, locale: String) -> JSONValue {
        guard labels["messages"] == nil, case .object(var object) = labels, let shipped,
            let messages = (try? Self.labels(in: shipped, locale: locale))?["messages"]
        else { return labels }
        object["messages"] = messages
        return .object(object)
    }

    /// The locale's labels from `locales/<locale>.json` in the templates folder.
    static func labels(in templates: URL, locale: String) throws(ConfigurationError) -> JSONValue {
        let file = "locales/\(locale).json"
        guard let data = FileManager.default.contents(atPath: templates.appendingPathComponent(file).path)
        else {
            throw ConfigurationError(
                file: file,
                problems: [.init(path: "", message: "the locale file is missing from \(templates.path)")])
        }
        do {
            return try JSONValue.parse(data)
        } catch {
            throw ConfigurationError(
                file: file,
                problems: [
                    .init(
                        path: "", message: "not valid JSON: \(error.reason)", line: error.line,
                        column: error.column)
                ])
        }
    }
}
