import Foundation

/// How far back the previous bulletin lies.
package enum Period: Sendable, Equatable {
    case week
    case month
    case days(Int)

    /// The bulletin date `count` periods before `day` (`count` = 1 is the previous bulletin).
    package func day(_ count: Int, before day: Day) -> Day {
        switch self {
        case .week: day.adding(days: -7 * count)
        case .month: day.adding(months: -count)
        case .days(let days): day.adding(days: -days * count)
        }
    }
}
