import Foundation

/// `aliases.csv` (optional, SPEC §2.6): `code,alias` rows adding old or local names to regions
/// of `regions.csv` — a township renamed in 2019, a village known by its old name.
enum PlaceAliases {
    /// The file's name in the dataset.
    static let file = "aliases.csv"

    /// The aliases (region index, alias) of the file at `path`, with findings for rows that
    /// cannot be used; none when the file does not exist.
    static func load(path: String, regions: Regions) -> ([(region: Int, alias: String)], [Finding]) {
        guard FileManager.default.fileExists(atPath: path) else { return ([], []) }
        var aliases: [(region: Int, alias: String)] = []
        var findings: [Finding] = []
        func report(_ line: Int?, _ column: Int?, _ kind: Finding.Kind, _ message: Diagnostic.Message) {
            findings.append(
                Finding(
                    file: file, line: line, column: column, severity: .error, kind: kind, message: message))
        }
        do throws(CSVError) {
            var reader = try CSVReader(path: path)
            var record = CSVRecord()
            guard try reader.readRecord(into: &record) else { return ([], []) }
            let header = (0..<record.count).map { HeaderText.normalized(record.trimmedString(at: $0)) }
            guard let codeColumn = header.firstIndex(of: "code"),
                let aliasColumn = header.firstIndex(of: "alias")
            else {
                report(1, nil, .missingColumn, .init(.aliasesHeader))
                return ([], findings)
            }
            while try reader.readRecord(into: &record) {
                let code = record.trimmedString(at: codeColumn)
                let alias = record.trimmedString(at: aliasColumn)
                guard let region = regions.index(of: code) else {
                    report(
                        record.line, codeColumn + 1, .badAlias,
                        .init(.aliasCodeUnknown, ["code": LedgerRow.shown(code)]))
                    continue
                }
                guard !HeaderText.normalized(alias).isEmpty else {
                    report(record.line, aliasColumn + 1, .badAlias, .init(.aliasEmpty))
                    continue
                }
                aliases.append((region, alias))
            }
        } catch {
            report(
                error.line > 0 ? error.line : nil, error.line > 0 ? error.column : nil,
                Finding.kind(of: error), error.message)
        }
        return (aliases, findings)
    }
}
