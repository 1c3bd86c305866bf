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
            printError(error.description)
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
                for diagnostic in error.diagnostics { printError(diagnostic.text(inDataset: options.dataset)) }
                return 2
            }
        case .check(let options):
            let dataset = options.dataset
            do {
                let bulletin = try BuildJob.check(dataset: URL(fileURLWithPath: dataset), asOf: options.asOf)
                printFindings(bulletin.quality, dataset: dataset)
                let quality = bulletin.quality
                print(
                    "checked \(dataset) as of \(bulletin.asOf): \(quality.errorCount) errors, \(quality.warningCount) warnings"
                )
                return quality.hasErrors ? 1 : 0
            } catch {
                return report(error, dataset: dataset)
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
            let interruption = Interruption(cancelling: request.cancellation)
            let progressLine = !options.quiet && isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
            if let progressLine { request.progress = { progressLine.handle($0) } }
            let result = withExtendedLifetime(interruption) {
                Result { () throws(BuildJob.Failure) in try BuildJob.build(request) }
            }
            progressLine?.clear()
            switch result {
            case .success(let outcome):
                printFindings(outcome.quality, dataset: options.dataset)
                let archiveStatus = options.archive.map { reportArchive(outcome.archive, folder: $0, quiet: options.quiet) } ?? 0
                if !options.quiet {
                    let seconds =
                        Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
                    let out = options.out.hasSuffix("/") ? options.out : options.out + "/"
                    print(
                        "wrote \(outcome.filesWritten) files to \(out) — as of \(outcome.asOf) — \(String(format: "%.2f", seconds)) s"
                    )
                }
                return archiveStatus
            case .failure(let failure):
                if request.cancellation.isCancelled {
                    // Ctrl-C stopped the build: the handler removes what it wrote and exits 130.
                    TemporaryDirectories.shared.waitForRemoval()
                    interruption.sayInterrupted()
                    return 130
                }
                return report(failure, dataset: options.dataset, keepGoing: options.keepGoing)
            }
        }
    }

    /// What `--archive` did, in a line; the exit status it calls for (2 when the issued copy
    /// could not be kept).
    private static func reportArchive(_ outcome: Archive.Outcome?, folder: String, quiet: Bool) -> Int32 {
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        switch outcome {
        case .issued(let destination)?:
            if !quiet { print("archived the issued copy in \(base)\(destination.lastPathComponent)/") }
        case .unchanged(let destination)?:
            if !quiet { print("\(base)\(destination.lastPathComponent)/ was issued before with the same contents") }
        case .differs(let destination, let files)?:
            printError(
                "warning: \(base)\(destination.lastPathComponent)/ was issued before, and this build differs in \(files.joined(separator: ", ")); the issued copy is kept as it was"
            )
        case .failed(let reason)?:
            printError("error: the bulletin was written, but its issued copy was not kept: \(reason)")
            return 2
        case nil: break
        }
        return 0
    }

    private static func report(_ failure: BuildJob.Failure, dataset: String, keepGoing: Bool = false)
        -> Int32
    {
        switch failure {
        case .configuration(let diagnostics):
            for diagnostic in diagnostics { printError(diagnostic.text(inDataset: dataset)) }
        case .data(let quality):
            printFindings(quality, dataset: dataset)
            let unread = quality.findings.filter { $0.severity == .error && BuildJob.failsWholeFile($0) }
                .map(\.file)
            if keepGoing, let first = unread.min() {
                let names = Set(unread).sorted().joined(separator: ", ")
                printError(
                    "error: \(names == first ? first : names) could not be read as a whole; --keep-going skips bad rows, not whole ledgers, so nothing was written (the previous output is unchanged). Fix the file above."
                )
            } else {
                printError(
                    "error: \(quality.errorCount) data error\(quality.errorCount == 1 ? "" : "s") found; nothing was written (the previous output is unchanged). Fix the rows above, or build with --keep-going to skip them."
                )
            }
        }
        return failure.exitStatus
    }

    /// Prints the first findings, errors first, then how many more there are.
    static func printFindings(_ quality: QualityReport, dataset: String) {
        let sorted = quality.sortedFindings.sorted { $0.severity < $1.severity }
        for finding in sorted.prefix(printedFindings) { printError(finding.text(inDataset: dataset)) }
        let total = quality.errorCount + quality.warningCount
        if total > printedFindings {
            printError(
                "… and \(total - printedFindings) more findings (\(quality.errorCount) errors, \(quality.warningCount) warnings in all); the quality page lists them"
            )
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
