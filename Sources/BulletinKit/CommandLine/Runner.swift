import Dispatch
import Foundation

/// The command line's one entry point: parses arguments, runs the command, prints findings in
/// compiler style to stderr and help to stdout, and returns the exit status (SPEC §8):
/// 0 success (warnings allowed), 1 data errors, 2 usage or configuration errors.
public enum Runner {
    /// How many findings are printed on the terminal before a count of the rest.
    static let printedFindings = 20

    /// Runs `bulletin` with `arguments` (without the program name); `executable` is the path it
    /// was started as, where the shipped templates are looked for.
    public static func run(_ arguments: [String], executable: String = "") -> Int32 {
        // `bulletin` alone is a usage error (SPEC §8): the usage, on stderr, and status 2.
        if arguments.isEmpty {
            printError(Usage.text(for: nil))
            return 2
        }
        let command: Command
        do {
            command = try Arguments.parse(arguments)
        } catch {
            printError(error.text(usageTexts(arguments, executable: executable)))
            return 2
        }
        switch command {
        case .help(let topic):
            print(Usage.text(for: topic))
            return 0
        case .version:
            print("bulletin \(BuildJob.version)")
            return 0
        case .initialize(let directory):
            do {
                try StarterDataset.write(to: URL(fileURLWithPath: directory))
                print(
                    "wrote a starter dataset to \(directory); edit it, then run: bulletin build \(directory)")
                return 0
            } catch {
                printError("error: \(error)")
                return 2
            }
        case .sql(let options):
            do {
                let script = try SQLCommand.run(
                    dataset: URL(fileURLWithPath: options.dataset), dialect: options.dialect,
                    out: URL(fileURLWithPath: options.out))
                print(script, terminator: "")
                return 0
            } catch {
                let texts = messageTexts(dataset: options.dataset, locale: nil, templates: nil, executable: executable)
                for diagnostic in error.diagnostics { printError(texts.text(diagnostic, inDataset: options.dataset)) }
                return 2
            }
        case .check(let options):
            let dataset = options.dataset
            let texts = messageTexts(dataset: dataset, locale: options.locale, templates: nil, executable: executable)
            do {
                let bulletin = try BuildJob.check(
                    dataset: URL(fileURLWithPath: dataset), asOf: options.asOf, locale: options.locale)
                printFindings(bulletin.quality, dataset: dataset, texts: texts)
                let quality = bulletin.quality
                print(
                    texts.text(
                        .init(
                            .checked,
                            [
                                "dataset": .text(dataset), "as_of": .shown(bulletin.asOf),
                                "errors": .number(quality.errorCount), "warnings": .number(quality.warningCount),
                            ])))
                return quality.hasErrors ? 1 : 0
            } catch {
                return report(error, dataset: dataset, texts: texts)
            }
        case .build(let options):
            let started = DispatchTime.now()
            var request = BuildJob.Request(
                dataset: URL(fileURLWithPath: options.dataset), out: URL(fileURLWithPath: options.out),
                asOf: options.asOf, templates: options.templates, locale: options.locale,
                history: options.history,
                keepGoing: options.keepGoing)
            request.archive = options.archive.map { URL(fileURLWithPath: $0, isDirectory: true) }
            request.shippedTemplates = TemplateSearch.shipped(
                executable: executable, workingDirectory: FileManager.default.currentDirectoryPath)
            let texts = messageTexts(
                dataset: options.dataset, locale: options.locale, templates: options.templates, executable: executable)
            let interruption = Interruption(cancelling: request.cancellation)
            let progressLine = !options.quiet && isatty(STDERR_FILENO) == 1 ? ProgressLine(texts: texts) : nil
            if let progressLine { request.progress = { progressLine.handle($0) } }
            let result = withExtendedLifetime(interruption) {
                Result { () throws(BuildJob.Failure) in try BuildJob.build(request) }
            }
            progressLine?.clear()
            switch result {
            case .success(let outcome):
                printFindings(outcome.quality, dataset: options.dataset, texts: texts)
                let archiveStatus =
                    options.archive.map { reportArchive(outcome.archive, folder: $0, quiet: options.quiet, texts: texts) } ?? 0
                if !options.quiet {
                    let seconds =
                        Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                    let out = options.out.hasSuffix("/") ? options.out : options.out + "/"
                    print(
                        texts.text(
                            .init(
                                .wrote,
                                [
                                    "count": .number(outcome.filesWritten), "out": .text(out), "as_of": .shown(outcome.asOf),
                                    "seconds": .text(String(format: "%.2f", seconds)),
                                ])))
                }
                return archiveStatus
            case .failure(let failure):
                if request.cancellation.isCancelled {
                    // Ctrl-C stopped the build: the handler removes what it wrote and exits 130.
                    TemporaryDirectories.shared.waitForRemoval()
                    interruption.sayInterrupted()
                    return 130
                }
                return report(failure, dataset: options.dataset, texts: texts, keepGoing: options.keepGoing)
            }
        }
    }

    /// What `--archive` did, in a line; the exit status it calls for (2 when the issued copy
    /// could not be kept).
    private static func reportArchive(_ outcome: Archive.Outcome?, folder: String, quiet: Bool, texts: MessageTexts)
        -> Int32
    {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        func dated(_ destination: URL) -> Diagnostic.Value { .text(base + destination.lastPathComponent + "/") }
        switch outcome {
        case .issued(let destination)?:
            if !quiet { print(texts.text(.init(.archived, ["folder": dated(destination)]))) }
        case .unchanged(let destination)?:
            if !quiet { print(texts.text(.init(.archiveUnchanged, ["folder": dated(destination)]))) }
        case .differs(let destination, let files)?:
            printError(
                texts.severity(.warning) + ": "
                    + texts.text(
                        .init(.archiveDiffers, ["folder": dated(destination), "files": .text(files.joined(separator: ", "))])))
        case .failed(let reason)?:
            printError(texts.severity(.error) + ": " + texts.text(.init(.archiveFailed, ["reason": .text(reason)])))
            return 2
        case nil: break
        }
        return 0
    }

    private static func report(
        _ failure: BuildJob.Failure, dataset: String, texts: MessageTexts, keepGoing: Bool = false
    ) -> Int32 {
        let error = texts.severity(.error)
        switch failure {
        case .configuration(let diagnostics):
            for diagnostic in diagnostics { printError(texts.text(diagnostic, inDataset: dataset)) }
        case .data(let quality):
            printFindings(quality, dataset: dataset, texts: texts)
            let unread = quality.findings.filter { $0.severity == .error && BuildJob.failsWholeFile($0) }
                .map(\.file)
            if keepGoing, !unread.isEmpty {
                let names = Set(unread).sorted()
                printError("\(error): " + texts.text(.init(.unreadFiles, ["files": .list(names, joinedBy: .listComma)])))
            } else {
                let count = quality.errorCount
                printError("\(error): " + texts.text(.init(count == 1 ? .dataError : .dataErrors, ["count": .number(count)])))
            }
        }
        return failure.exitStatus
    }

    /// Prints the first findings, errors first, then how many more there are, in the words of
    /// `texts` (the dataset's locale).
    static func printFindings(_ quality: QualityReport, dataset: String, texts: MessageTexts = .english) {
        let sorted = quality.sortedFindings.sorted { $0.severity < $1.severity }
        for finding in sorted.prefix(printedFindings) { printError(texts.text(finding, inDataset: dataset)) }
        let total = quality.errorCount + quality.warningCount
        if total > printedFindings {
            printError(
                texts.text(
                    .init(
                        .moreFindings,
                        [
                            "count": .number(total - printedFindings), "errors": .number(quality.errorCount),
                            "warnings": .number(quality.warningCount),
                        ])))
        }
    }

    /// Rewrites the progress line on a terminal (`\r`, then clear to the end of the line).
    static func printProgress(_ text: String) {
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
