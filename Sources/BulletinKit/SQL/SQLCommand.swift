import Foundation

/// `bulletin sql DATASET --dialect duckdb|spark --out DIR` (SPEC §8, §10): writes the grouped
/// dataset's configuration and copies into DIR and returns the script that has the engine
/// write the grouped ledgers there.
enum SQLCommand {
    /// Plans, writes `out` and returns the script. Problems with the dataset or the folder are
    /// configuration errors (exit 2); nothing is written before every check has passed.
    static func run(dataset: URL, dialect: SQLDialect, out: URL) throws(ConfigurationError) -> String {
        let loaded = try Dataset.load(directory: dataset)
        let directory = dataset.standardizedFileURL.resolvingSymlinksInPath()
        let output = out.standardizedFileURL.resolvingSymlinksInPath()
        try checkOutput(output, dataset: directory)
        let text: Data
        let original: JSONValue
        do {
            text = try Data(contentsOf: directory.appendingPathComponent(Dataset.configurationFile))
            original = try JSONValue.parse(text)
        } catch {
            throw ConfigurationError(
                file: Dataset.configurationFile,
                problems: [.init(path: "", message: "cannot be read again: \(error)")])
        }
        let plan = PreAggregation.plan(
            configuration: loaded.configuration, directory: directory, dialect: dialect)
        try plan.write(from: directory, configuration: original, to: output)
        return plan.script(out: relativePath(of: output, from: directory.deletingLastPathComponent()))
    }

    /// Refuses an output folder that is the dataset or holds it (the dataset's files must never
    /// be written), one whose path an engine could not take in a literal on one line, and a
    /// folder with files in it that this command did not write.
    static func checkOutput(_ out: URL, dataset: URL) throws(ConfigurationError) {
        func fail(_ message: String) -> ConfigurationError {
            ConfigurationError(file: "", problems: [.init(path: "", message: message)])
        }
        let outPath = out.path.hasSuffix("/") ? out.path : out.path + "/"
        let datasetPath = dataset.path.hasSuffix("/") ? dataset.path : dataset.path + "/"
        if datasetPath.hasPrefix(outPath) {
            throw fail(
                "--out \(out.path) is the dataset or a folder holding it; choose a new folder for the grouped dataset, e.g. --out \(dataset.lastPathComponent)-grouped"
            )
        }
        if (out.path + dataset.path).unicodeScalars.contains(where: {
            $0.properties.generalCategory == .control
        }) {
            throw fail("--out and the dataset's path may not hold line breaks or other control characters")
        }
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: out.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else {
            throw fail("--out \(out.path) is a file; expected a folder to write the grouped dataset into")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: out.path)) ?? []
        if !contents.isEmpty, !contents.contains(PreAggregation.marker) {
            throw fail(
                "--out \(out.path) holds files that bulletin sql did not write; choose an empty or new folder (nothing was written)"
            )
        }
    }

    /// `target` as a path from `base` (both absolute and standardized), `..` where needed.
    static func relativePath(of target: URL, from base: URL) -> String {
        let targetParts = target.pathComponents
        let baseParts = base.pathComponents
        var common = 0
        while common < min(targetParts.count, baseParts.count), targetParts[common] == baseParts[common] {
            common += 1
        }
        let parts = Array(repeating: "..", count: baseParts.count - common) + targetParts[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
