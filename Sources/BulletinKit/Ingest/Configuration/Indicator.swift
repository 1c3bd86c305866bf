import Foundation

/// One indicator (指标): a programme's ledger, what it counts, its stages and its window.
struct Indicator: Sendable {
    /// What an indicator counts per ledger row.
    enum Measure: Sendable, Equatable {
        /// Each row counts one.
        case count
        /// Each row counts the number in this column.
        case sum(column: String)
    }

    /// One stage of a task (开工, 竣工, 入住 …) and the ledger column holding its date.
    struct Stage: Sendable {
        var id: String
        var title: String
        var dateColumn: String
    }

    /// How time progress (时序进度) is computed (SPEC §4.2).
    enum TimeProgressRule: Sendable, Equatable {
        case days
        case months
        case milestones([Milestone])
    }

    /// A point of a milestone schedule: by `date`, `rate` of the work should be done.
    struct Milestone: Sendable, Equatable {
        var date: Day
        var rate: Rational
    }

    var id: String
    var title: String
    var measureUnit: String
    /// The ledger: a file of the dataset, or a pattern (`危房改造/*.xlsx`) whose matching files
    /// are the parts of one ledger (SPEC §2.4).
    var ledger: String
    /// Where a row's region is: a code column, or place-name columns (SPEC §2.6).
    var region: RegionColumns
    var idColumn: String?
    var measure: Measure
    var categoryColumn: String?
    var stages: [Stage]
    /// Index into `stages` of the stage that ranks units and sets their status.
    var rankingStage: Int
    var start: Day
    var deadline: Day
    var timeProgress: TimeProgressRule
    var weight: Rational
    var encoding: TextEncoding?
    /// The sheet of a workbook ledger; nil for the first sheet holding the header.
    var sheet: Sheet?
    /// The header's row (1-based line of a CSV, row of a sheet); nil to find it (SPEC §2.5).
    var headerRow: Int?
    /// Whether ids are checked as resident ID numbers (`"id_check": "id-card"`, SPEC §5.1).
    var checksIDCards = false

    /// A workbook's sheet, as the configuration names it.
    enum Sheet: Sendable, Equatable {
        case name(String)
        /// 1-based.
        case position(Int)
    }

    /// How a ledger row names its region.
    enum RegionColumns: Sendable, Equatable {
        /// A column of region codes from `regions.csv`.
        case code(String)
        /// Columns of place names, from the unit level down (县区, 乡镇, 村).
        case names([String])

        /// The columns, in order.
        var columns: [String] {
            switch self {
            case .code(let column): [column]
            case .names(let columns): columns
            }
        }
    }
}
