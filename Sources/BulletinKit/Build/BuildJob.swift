import Foundation

/// The pipeline (Ingest → Aggregate → Render) for one dataset and one bulletin date.
package struct BuildJob: Sendable {
    /// What to build.
    package struct Request: Sendable {
        var dataset: URL
        var out: URL
        var asOf: Day?
        var templates: String?
        var locale: String?
        var history: Bool
        var keepGoing: Bool
        /// `--archive DIR`: where the as-issued copies are kept, if anywhere.
        var archive: URL?
        /// How many threads read ledgers and write pages; nil for one per core. The output is
        /// the same bytes whatever the number.
        package var threads: Int?
        /// The templates shipped with the tool, found by the caller (the command line looks
        /// beside the executable); used when neither `templates` nor the dataset has any.
        package var shippedTemplates: URL?
        /// Cancels the build between pages (Ctrl-C); the output is then discarded.
        var cancellation = Cancellation()
        /// Called as the build goes (stages, rows read, files written), from any thread: for a
        /// progress display or a benchmark. Nothing it sees reaches the output.
        package var progress: (@Sendable (BuildEvent) -> Void)?

        package init(
            dataset: URL, out: URL, asOf: Day? = nil, templates: String? = nil, locale: String? = nil,
            history: Bool = false, keepGoing: Bool = false
        ) {
            self.dataset = dataset
            self.out = out
            self.asOf = asOf
            self.templates = templates
            self.locale = locale
            self.history = history
            self.keepGoing = keepGoing
        }
    }

    /// A build that did not happen, and why; the previous output is untouched.
    package enum Failure: Error, Sendable {
        /// The configuration, templates or output folder cannot be used (exit status 2).
        case configuration([Diagnostic])
        /// The data has errors (exit status 1); the report holds every finding.
        case data(QualityReport)

        /// The process exit status for this failure (SPEC §8).
        package var exitStatus: Int32 {
            switch self {
            case .configuration: 2
            case .data: 1
            }
        }
    }

    /// What a successful build wrote.
    package struct Outcome: Sendable {
        package var filesWritten: Int
        package var out: URL
        package var asOf: Day
        package var quality: QualityReport
        /// What `--archive` did, when it was given.
        var archive: Archive.Outcome?
    }

    /// The tool's version, printed by `--version` and recorded in the manifest.
    static let version = "0.1.0"

    /// Reads and checks the dataset and computes the bulletin, without writing anything.
    static func check(dataset: URL, asOf: Day?, locale: String? = nil) throws(Failure) -> Bulletin {
        try analyse(dataset: dataset, asOf: asOf, locale: locale).bulletin
    }

    /// Builds the bulletin into `request.out`, replacing it only when everything succeeded.
    package static func build(_ request: Request) throws(Failure) -> Outcome {
        let report = request.progress ?? { _ in }
        let analysis = try analyse(
            dataset: request.dataset, asOf: request.asOf, locale: request.locale, threads: request.threads,
            progress: report)
        let bulletin = analysis.bulletin
        if bulletin.quality.hasErrors && !request.keepGoing { throw .data(bulletin.quality) }
        // --keep-going skips rows, not whole ledgers: a bulletin without one would say 0.00%.
        if !unreadLedgers(analysis.dataset, bulletin.quality).isEmpty { throw .data(bulletin.quality) }

        guard
            let templatesURL = TemplateLocation.find(
                option: request.templates, dataset: request.dataset, shipped: request.shippedTemplates)
        else {
            throw .configuration([
                .problem(.template, .init(.noTemplatesFolder))
            ])
        }
        let templates: TemplateLibrary
        let labels: JSONValue
        do {
            templates = try TemplateLibrary(directory: templatesURL)
            labels = TemplateLocation.withMessages(
                try TemplateLocation.labels(in: templatesURL, locale: bulletin.configuration.locale),
                from: request.shippedTemplates, locale: bulletin.configuration.locale)
        } catch let error as MustacheError {
            throw .configuration([error.diagnostic])
        } catch let error as ConfigurationError {
            throw .configuration(error.diagnostics.map { $0.asGiven() })
        } catch {
            throw .configuration([.problem(.template, "\(error)")])
        }

        // The output folder is checked before the history and the pages are made: a refused
        // --out should not cost a whole build first.
        let output: OutputDirectory
        do {
            output = try OutputDirectory(url: request.out, dataset: request.dataset)
        } catch {
            throw .configuration([.problem(.output, error.message)])
        }
        var site = Site(bulletin: bulletin, templates: templates, labels: labels)
        if request.history {
            report(.started(.aggregate))
            site.history = analysis.history()
            report(.finished(.aggregate))
            site.archive = request.archive.map(Archive.init(folder:))
        }
        report(.started(.render))
        var pageCount = 0
        var archived: Archive.Outcome?
        do {
            // The pages, and the contexts they render from, are let go before the manifest
            // hashes the inputs and the output is swapped in.
            do {
                let pages = site.pages()
                pageCount = pages.count
                var writer = PageWriter(folder: output.staging)
                if let threads = request.threads { writer.concurrency = threads }
                writer.cancellation = request.cancellation
                let total = pages.count + 1
                writer.progress = { written in report(.wrote(files: written, of: total)) }
                try writer.write(pages)
            }
            report(.finished(.render))
            report(.started(.commit))
            let manifest = try manifest(
                analysis: analysis, request: request, customTemplates: request.templates != nil)
            try output.write(manifest, to: "manifest.json")
            // The issued copy is made before the output is published, and moved into the
            // archive only once it is: a build that fails leaves neither changed.
            let pending = try request.archive.map { folder throws(Archive.Failure) in
                try Archive(folder: folder).prepare(from: output.staging, day: bulletin.asOf)
            }
            do {
                try output.commit()
            } catch {
                pending?.discard()
                throw error
            }
            // The output is published by now: an archive that cannot take its copy is said
            // (exit status 2), but does not take the published output back.
            do throws(Archive.Failure) {
                try pending?.publish()
                archived = pending?.outcome
            } catch {
                archived = .failed(reason: error.description)
            }
            report(.finished(.commit))
        } catch let error as Archive.Failure {
            output.discard()
            throw .configuration([.problem(.output, error.description)])
        } catch PageWriter.Failure.template(let error) {
            output.discard()
            throw .configuration([error.diagnostic])
        } catch PageWriter.Failure.file(let path, let error) {
            output.discard()
            throw .configuration([
                .problem(
                    .output, .init(.cannotWriteFile, ["path": .text(path), "reason": .text(error.localizedDescription)]))
            ])
        } catch {
            output.discard()
            throw .configuration([
                .problem(.output, .init(.cannotWriteOutput, ["reason": .text(error.localizedDescription)]))
            ])
        }
        return Outcome(
            filesWritten: pageCount + 1, out: request.out, asOf: bulletin.asOf, quality: bulletin.quality,
            archive: archived)
    }

    /// The ledgers that failed as a whole (issue 18): missing or unreadable (`missing-file`),
    /// not text in their encoding (`encoding`: reading stops at the first bad byte), without a
    /// required column (`missing-column`), or whose header could not be read (`csv-syntax` on
    /// line 1 or on no line). Any of them fails the build, even with --keep-going.
    static func unreadLedgers(_ dataset: Dataset, _ quality: QualityReport) -> [String] {
        // A pattern that matches nothing is reported under the pattern itself.
        let patterns = dataset.configuration.indicators.map(\.ledger)
        let ledgers = Set(patterns + patterns.flatMap { LedgerFiles.parts(of: $0, in: dataset.directory) })
        var files: [String] = []
        for finding in quality.findings where finding.severity == .error && ledgers.contains(finding.file) {
            guard failsWholeFile(finding), !files.contains(finding.file) else { continue }
            files.append(finding.file)
        }
        return files.sorted()
    }

    /// Whether a finding means its file could not be read as a whole (see `unreadLedgers`).
    static func failsWholeFile(_ finding: Finding) -> Bool {
        finding.kind.failsWholeFile || (finding.kind == .csvSyntax && (finding.line ?? 1) <= 1)
    }

    /// The dataset, read and aggregated.
    struct Analysis {
        var dataset: Dataset
        var scan: LedgerScanner.Result
        var bulletin: Bulletin
        var calendar: BulletinCalendar
        var tallies: [Tally]

        /// Bulletins of every earlier period since the campaign started, newest first,
        /// recomputed from the same tallies.
        func history() -> [Bulletin] {
            let aggregator = Aggregator(
                configuration: dataset.configuration, regions: dataset.regions, targets: dataset.targets,
                calendar: calendar, tallies: tallies)
            let earliest = dataset.configuration.indicators.map(\.start).min() ?? bulletin.asOf
            return (1..<calendar.count).filter { calendar.dates[$0] >= earliest }.map {
                aggregator.bulletin(step: $0, quality: QualityReport())
            }
        }
    }

    static func analyse(
        dataset url: URL, asOf: Day?, locale: String?, threads: Int? = nil,
        progress report: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) throws(Failure) -> Analysis {
        report(.started(.load))
        var dataset: Dataset
        do {
            dataset = try Dataset.load(directory: url, asOf: asOf)
        } catch {
            throw .configuration(error.diagnostics)
        }
        if let locale { dataset.configuration.locale = locale }
        var quality = QualityReport()
        quality.add(contentsOf: dataset.findings)
        if dataset.findings.contains(where: { $0.severity == .error && $0.file == Dataset.regionsFile }) {
            throw .data(quality)  // without a sound hierarchy no row can be attributed
        }
        let configuration = dataset.configuration
        var earliest = configuration.indicators.map(\.start).min() ?? configuration.asOf
        for overrides in dataset.targets.values {
            for override in overrides.values {
                if let start = override.start { earliest = min(earliest, start) }
            }
        }
        let calendar = BulletinCalendar(
            asOf: configuration.asOf, period: configuration.period, earliestStart: earliest)
        report(.finished(.load))
        report(.started(.scan))
        let ledgerFiles = Set(configuration.indicators.flatMap { LedgerFiles.parts(of: $0.ledger, in: url) })
        let ledgerBytes = ledgerFiles.reduce(0) { $0 + LedgerScanner.size(of: dataset.path(of: $1)) }
        var places: PlaceNames?
        if configuration.indicators.contains(where: { if case .names = $0.region { true } else { false } }) {
            let (aliases, aliasFindings) = PlaceAliases.load(
                path: dataset.path(of: PlaceAliases.file), regions: dataset.regions)
            quality.add(contentsOf: aliasFindings)
            places = PlaceNames(regions: dataset.regions, aliases: aliases)
        }
        let scan = LedgerScanner(dataset: dataset, calendar: calendar, places: places).scan(
            progress: ReadProgress(totalBytes: ledgerBytes, report: report),
            concurrency: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if !scan.configurationProblems.isEmpty { throw .configuration(scan.configurationProblems) }
        quality.merge(scan.quality)
        report(.finished(.scan))
        report(.started(.aggregate))
        var aggregator = Aggregator(
            configuration: dataset.configuration, regions: dataset.regions, targets: dataset.targets,
            calendar: calendar, tallies: scan.tallies)
        if let threads { aggregator.concurrency = threads }
        let bulletin = aggregator.bulletin(step: 0, quality: quality)
        report(.finished(.aggregate))
        return Analysis(
            dataset: dataset, scan: scan, bulletin: bulletin, calendar: calendar, tallies: scan.tallies)
    }

    private static func manifest(analysis: Analysis, request: Request, customTemplates: Bool) throws -> String
    {
        let dataset = analysis.dataset
        let files = dataset.inputFiles
        // The ledgers were sized and hashed as they were scanned. Other inputs (and a ledger
        // the scan did not read to its end) are hashed now, on every core, largest first, and
        // listed in their own order.
        let digests = IndexedResults<Result<String, any Error>>(count: files.count)
        let sizes = try files.map {
            (try FileManager.default.attributesOfItem(atPath: dataset.path(of: $0))[.size] as? NSNumber)?
                .intValue ?? 0
        }
        let order = files.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
        DispatchQueue.concurrentPerform(iterations: files.count) { position in
            let index = order[position]
            if let digest = analysis.scan.digests[files[index]] {
                digests.set(index, .success(digest.sha256))
            } else {
                digests.set(index, Result { try SHA256.hexDigest(ofFileAt: dataset.path(of: files[index])) })
            }
        }
        var inputs: [Manifest.Input] = []
        for (index, file) in files.enumerated() {
            // The loop above set every slot; an empty one would be a file that was not read.
            let digest = digests[index] ?? .failure(CocoaError(.fileReadUnknown))
            inputs.append(
                Manifest.Input(
                    file: file, bytes: analysis.scan.digests[file]?.bytes ?? sizes[index],
                    rows: dataset.inputRows[file] ?? analysis.scan.rows[file],
                    sha256: try digest.get(), encoding: analysis.scan.encodings[file]?.rawValue))
        }
        return Manifest.make(
            version: version, dataset: request.dataset, asOf: analysis.bulletin.asOf,
            locale: analysis.bulletin.configuration.locale, history: request.history,
            keepGoing: request.keepGoing,
            customTemplates: customTemplates, inputs: inputs, quality: analysis.bulletin.quality)
    }
}
