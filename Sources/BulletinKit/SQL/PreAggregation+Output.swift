import Foundation

/// The grouped dataset `bulletin sql` writes beside the script: its `bulletin.json`, and the
/// files Bulletin reads as they are.
extension PreAggregation {
    /// The configuration of the grouped dataset: the original, with each grouped indicator
    /// reading its grouped ledger — the measure a sum of the row counts or of the summed column,
    /// and no id column, id check, encoding, sheet or header row (the grouped CSV has none of
    /// them: UTF-8, its header on line 1). Everything else is kept as written.
    func configuration(from original: JSONValue) -> JSONValue {
        guard case .object(var root) = original, case .array(let indicators)? = root["indicators"] else {
            return original
        }
        root["indicators"] = .array(
            indicators.map { value in
                guard case .object(var indicator) = value, let ledgerName = indicator["ledger"]?.stringValue,
                    let ledger = grouped.first(where: { $0.ledger == ledgerName })
                else { return value }
                indicator["ledger"] = .string(ledger.outputLedger(for: dialect))
                for key in ["id_column", "id_check", "encoding", "sheet", "header_row"] {
                    indicator[key] = nil
                }
                let summed: String? =
                    if case .object(let measure)? = indicator["measure"],
                        let column = measure["sum"]?.stringValue
                    {
                        // The output column of that name's file column (`受益 人口` → `受益人口`).
                        ledger.parts[0].columns[column].flatMap { index in
                            ledger.sumColumns.first { ledger.parts[0].columns[$0] == index }
                        } ?? column
                    } else {
                        ledger.countColumn
                    }
                if let summed { indicator["measure"] = .object(JSONObject(["sum": .string(summed)])) }
                return .object(indicator)
            })
        return .object(root)
    }

    /// Writes the grouped dataset's own files into `out`: `bulletin.json`, `regions.csv`, and
    /// when the dataset has them `targets.csv`, `aliases.csv` and `templates/`; every kept
    /// ledger's files at their own paths; and `.bulletin-sql`, which marks the folder as one
    /// this command may write into again. The engine writes the grouped ledgers.
    func write(from directory: URL, configuration original: JSONValue, to out: URL) throws(ConfigurationError)
    {
        let fileManager = FileManager.default
        var copies = [Dataset.regionsFile, TargetsFile.name, PlaceAliases.file, "templates"].filter {
            fileManager.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        // A missing ledger is not copied: the grouped build reports it as the raw build would.
        for ledger in kept {
            copies += ledger.parts.filter {
                fileManager.fileExists(atPath: directory.appendingPathComponent($0).path)
            }
        }
        do {
            try fileManager.createDirectory(at: out, withIntermediateDirectories: true)
            try Data("written by bulletin sql; it may replace the files here\n".utf8).write(
                to: out.appendingPathComponent(Self.marker))
            for name in copies {
                let target = out.appendingPathComponent(name)
                try fileManager.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if fileManager.fileExists(atPath: target.path) { try fileManager.removeItem(at: target) }
                try fileManager.copyItem(at: directory.appendingPathComponent(name), to: target)
            }
            let text = configuration(from: original).jsonText(pretty: true) + "\n"
            try Data(text.utf8).write(
                to: out.appendingPathComponent(Dataset.configurationFile), options: .atomic)
        } catch {
            throw ConfigurationError(
                file: "",
                problems: [
                    .init(path: "", message: "cannot write \(out.path): \(error.localizedDescription)")
                ])
        }
    }

    /// The file that marks a folder written by `bulletin sql`.
    static let marker = ".bulletin-sql"
}
