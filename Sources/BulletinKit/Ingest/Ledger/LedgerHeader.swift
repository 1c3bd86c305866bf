/// Where a ledger's table starts (SPEC §2.5): the header row among the first rows, found by the
/// columns the configuration names, past title rows and `填报单位：…` lines, with one- or
/// two-row headers.
struct LedgerHeader: Equatable {
    /// The line (CSV) or row (sheet) of the header; of its lower row when it has two.
    var line: Int
    /// Position of the header row among the rows searched.
    var position: Int
    /// The number of cells in the header row.
    var width: Int
    /// The column of each configured name (as the configuration writes it).
    var columns: [String: Int]

    /// How many rows are searched for the header when `header_row` does not fix it.
    static let searchedRows = 30

    /// Why no header was found: the candidate row that came closest, and what it lacks.
    struct Problem: Error, Equatable {
        /// The line of the row that named the most configured columns (the first of equals).
        var line: Int
        /// Configured names found in no column of that row, each with a near header text.
        var missing: [(name: String, suggestion: String?)]
        /// Configured names that more than one column of that row matches.
        var ambiguous: [String]

        static func == (lhs: Problem, rhs: Problem) -> Bool {
            lhs.line == rhs.line && lhs.ambiguous == rhs.ambiguous
                && lhs.missing.map(\.name) == rhs.missing.map(\.name)
                && lhs.missing.map(\.suggestion) == rhs.missing.map(\.suggestion)
        }
    }

    /// Finds the header among `rows` (their cells' texts and lines, in order): the first that
    /// names every one of `names`, or the row at line `fixedLine`.
    static func find(
        in rows: [(line: Int, cells: [String])], naming names: [String], fixedLine: Int?
    ) -> Result<LedgerHeader, Problem> {
        let wanted = names.map { (name: $0, key: HeaderText.normalized($0)) }
        var best: (found: Int, problem: Problem)?
        for position in rows.indices {
            if let fixedLine, rows[position].line != fixedLine { continue }
            let cells = rows[position].cells.map(HeaderText.normalized)
            let above = position > 0 ? spannedRight(rows[position - 1].cells.map(HeaderText.normalized)) : []
            var columns: [String: Int] = [:]
            var problem = Problem(line: rows[position].line, missing: [], ambiguous: [])
            var missingKeys: [(name: String, key: String)] = []
            for (name, key) in wanted {
                switch column(named: key, cells: cells, above: above) {
                case .found(let column): columns[name] = column
                case .ambiguous: problem.ambiguous.append(name)
                case .missing: missingKeys.append((name, key))
                }
            }
            // A near text is suggested only among the columns no configured name took.
            let taken = Set(columns.values)
            let texts = cells.indices.filter { !taken.contains($0) }.map {
                cells[$0].isEmpty && $0 < above.count ? above[$0] : cells[$0]
            }.filter { !$0.isEmpty }
            problem.missing = missingKeys.map { ($0.name, closest(to: $0.key, in: texts)) }
            if problem.missing.isEmpty && problem.ambiguous.isEmpty {
                return .success(
                    LedgerHeader(
                        line: rows[position].line, position: position, width: cells.count, columns: columns))
            }
            // The closest row: most columns found, then most found but ambiguous.
            let score = 2 * columns.count + problem.ambiguous.count
            if best.map({ score > $0.found }) ?? true { best = (score, problem) }
        }
        let line = fixedLine ?? rows.first?.line ?? 1
        return .failure(
            best?.problem
                ?? Problem(line: line, missing: names.map { ($0, nil) }, ambiguous: []))
    }

    private enum Match {
        case found(Int)
        case ambiguous
        case missing
    }

    /// The column a normalized name denotes: `上级/下级` across two rows first, else the lower
    /// cell alone (or, where it is empty, the cell above it: a CSV saved from a sheet has lost
    /// the vertical merge) when exactly one column has it.
    private static func column(named key: String, cells: [String], above: [String]) -> Match {
        let combined = cells.indices.filter {
            $0 < above.count && !above[$0].isEmpty && !cells[$0].isEmpty && above[$0] + "/" + cells[$0] == key
        }
        if combined.count == 1 { return .found(combined[0]) }
        let alone = cells.indices.filter {
            (cells[$0].isEmpty && $0 < above.count ? above[$0] : cells[$0]) == key
        }
        switch alone.count {
        case 1: return .found(alone[0])
        case 0: return combined.isEmpty ? .missing : .ambiguous
        default: return .ambiguous
        }
    }

    /// An upper header row as its merges spanned it: a CSV saved from a sheet keeps a merged
    /// cell's text in its first cell only, so each text spans the empty cells to its right.
    private static func spannedRight(_ cells: [String]) -> [String] {
        var spanned = cells
        var current = ""
        for index in spanned.indices {
            if spanned[index].isEmpty { spanned[index] = current } else { current = spanned[index] }
        }
        return spanned
    }
}
