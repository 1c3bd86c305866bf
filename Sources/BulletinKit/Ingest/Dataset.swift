import Foundation

/// A dataset directory (SPEC §2): its configuration, regions and targets, read and checked; the
/// ledgers are streamed later by `LedgerScanner`.
struct Dataset: Sendable {
    /// The dataset directory.
    var directory: URL
    var configuration: Configuration
    var regions: Regions
    var targets: TargetOverrides
    /// Findings from `regions.csv` and `targets.csv`.
    var findings: [Finding]
    /// Rows read from `regions.csv` and `targets.csv`, for the manifest.
    var inputRows: [String: Int]

    /// The configuration file's name.
    static let configurationFile = "bulletin.json"
    /// The regions file's name.
    static let regionsFile = "regions.csv"

    /// Path of a file in the dataset.
    func path(of file: String) -> String { directory.appendingPathComponent(file).path }

    /// Reads `bulletin.json` (overriding its as-of date when asked), `regions.csv` and `targets.csv`.
    /// A configuration problem throws (exit 2); data problems come back as findings.
    static func load(directory: URL, asOf: Day? = nil) throws(ConfigurationError) -> Dataset {
        let configurationPath = directory.appendingPathComponent(configurationFile).path
        if let problem = InputFile.problem(configurationFile, in: directory) {
            throw ConfigurationError(file: "", problems: [.init(path: "", message: problem)])
        }
        guard let data = try? InputFile.contents(configurationPath, limit: maximumConfigurationBytes) else {
            let fileManager = FileManager.default
            var isDirectory: ObjCBool = false
            let exists = fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory)
            var isFolder: ObjCBool = false
            let configurationExists = fileManager.fileExists(
                atPath: configurationPath, isDirectory: &isFolder)
            let message: Diagnostic.Message =
                !exists
                ? .init(.datasetMissing, ["path": .text(directory.path)])
                : !isDirectory.boolValue
                    ? .init(.datasetIsAFile, ["path": .text(directory.path)])
                    : configurationExists && isFolder.boolValue
                        ? .init(.configurationIsAFolder, ["path": .text(configurationPath)])
                        : configurationExists
                            ? .init(.configurationUnreadable, ["path": .text(configurationPath)])
                            : .init(.configurationMissing, ["file": .text(configurationFile), "path": .text(directory.path)])
            throw ConfigurationError(file: configurationFile, problems: [.init(path: "", message: message)])
        }
        var configuration = try Configuration.load(from: data, file: configurationFile)
        if let asOf {
            // The same bounds as dates in the file: a mistyped year must not become a campaign of
            // centuries (nor reach dates the calendar cannot step back from).
            guard Configuration.plausibleYears.contains(asOf.components.year) else {
                let years = Configuration.plausibleYears
                let (year, month, day) = asOf.components
                let text = String(format: "%04d-%02d-%02d", year, month, day)
                throw ConfigurationError(
                    file: "",
                    problems: [
                        .init(
                            path: "",
                            message: .init(
                                .asOfImplausible,
                                ["date": .text(text), "first": .number(years.lowerBound), "last": .number(years.upperBound)]))
                    ])
            }
            configuration.asOf = asOf
        }
        try checkInputs(in: directory, configuration: configuration)
        var findings: [Finding] = []
        var rows: [String: Int] = [:]
        let (regions, regionFindings) = Regions.load(
            path: directory.appendingPathComponent(regionsFile).path, file: regionsFile,
            rootCode: configuration.root)
        findings += regionFindings
        rows[regionsFile] = regions.codes.count
        var targets: TargetOverrides = [:]
        let targetsPath = directory.appendingPathComponent(TargetsFile.name).path
        if !regionFindings.contains(where: { $0.severity == .error }),
            FileManager.default.fileExists(atPath: targetsPath)
        {
            let (loaded, targetFindings, targetRows) = TargetsFile.load(
                path: targetsPath, configuration: configuration, regions: regions)
            targets = loaded
            findings += targetFindings
            rows[TargetsFile.name] = targetRows
        }
        return Dataset(
            directory: directory, configuration: configuration, regions: regions, targets: targets,
            findings: findings, inputRows: rows)
    }

    /// The largest `bulletin.json` read: a configuration is a few kilobytes.
    static let maximumConfigurationBytes = 16 << 20

    /// Refuses an input that is not a regular file inside the dataset (issue 18): regions,
    /// targets and every ledger, before any of them is read. A configuration error (exit 2):
    /// the dataset is set up wrong, whatever its rows say.
    static func checkInputs(in directory: URL, configuration: Configuration) throws(ConfigurationError) {
        var names = [regionsFile, TargetsFile.name]
        for indicator in configuration.indicators where !names.contains(indicator.ledger) {
            names.append(indicator.ledger)
        }
        let problems = names.compactMap { InputFile.problem($0, in: directory) }
        guard problems.isEmpty else {
            throw ConfigurationError(file: "", problems: problems.map { ConfigurationError.Problem(path: "", message: $0) })
        }
    }

    /// The input files of the dataset that exist, in a stable order: configuration, regions,
    /// targets, then ledgers in configuration order (each once).
    var inputFiles: [String] {
        var files = [Dataset.configurationFile, Dataset.regionsFile]
        for optional in [TargetsFile.name, PlaceAliases.file]
        where FileManager.default.fileExists(atPath: path(of: optional)) {
            files.append(optional)
        }
        for indicator in configuration.indicators {
            for part in LedgerFiles.parts(of: indicator.ledger, in: directory) where !files.contains(part) {
                files.append(part)
            }
        }
        return files
    }
}
