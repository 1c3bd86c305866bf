/// Every data-quality finding of a build (数据质量), with counts. A national ledger can hold
/// millions of bad cells, so each (file, kind) keeps its first `storedPerKind` findings and
/// counts the rest: memory stays bounded, and the quality page says how many were left out.
package struct QualityReport: Sendable {
    /// Findings kept, in the order found.
    private(set) var findings: [Finding] = []
    /// All errors found, kept or not.
    package private(set) var errorCount = 0
    /// All warnings found, kept or not.
    private(set) var warningCount = 0
    /// Findings not kept, by file and kind.
    private(set) var omitted: [String: Int] = [:]
    private var keptPerKind: [String: Int] = [:]
    let storedPerKind: Int

    /// An empty report keeping at most `storedPerKind` findings of each file and kind.
    init(storedPerKind: Int = 1000) { self.storedPerKind = storedPerKind }

    /// Records a finding.
    mutating func add(_ finding: Finding) {
        if finding.severity == .error { errorCount += 1 } else { warningCount += 1 }
        let key = finding.file + "\u{0}" + finding.kind.rawValue
        let kept = keptPerKind[key, default: 0]
        if kept < storedPerKind {
            keptPerKind[key] = kept + 1
            findings.append(finding)
        } else {
            omitted[key, default: 0] += 1
        }
    }

    /// Records several findings.
    mutating func add(contentsOf findings: some Sequence<Finding>) {
        for finding in findings { add(finding) }
    }

    /// Adds another report's findings after this one's.
    mutating func merge(_ other: QualityReport) {
        for finding in other.findings { add(finding) }
        for (key, count) in other.omitted { omitted[key, default: 0] += count }
        // The other report's omitted findings are in its totals only: carry them over.
        errorCount += other.errorCount - other.findings.filter { $0.severity == .error }.count
        warningCount += other.warningCount - other.findings.filter { $0.severity == .warning }.count
    }

    /// How many findings are kept so far (where a part's findings start).
    var keptCount: Int { findings.count }

    /// Puts `file`'s findings kept from position `start` on that belong to no unit yet with
    /// `unit` (a county's own file).
    mutating func attribute(file: String, from start: Int, to unit: Int) {
        for index in start..<findings.count where findings[index].unit == nil && findings[index].file == file {
            findings[index].unit = unit
        }
    }

    /// Whether any error was found.
    var hasErrors: Bool { errorCount > 0 }

    /// Findings ordered for people: by file, then line, errors before warnings on one line.
    var sortedFindings: [Finding] {
        findings.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if x.severity != y.severity { return x.severity < y.severity }
            return a.offset < b.offset
        }.map(\.element)
    }
}
