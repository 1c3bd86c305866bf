/// What a reader of the tables asks after the numbers: how much is left (未完成), how a unit's
/// rank moved since the previous bulletin (↑2 / ↓1), where it stands (第12位/共14个), and one
/// sentence that sums a unit up at the top of its page.
extension ContextBuilder {
    /// Each unit's rank on the previous bulletin date, by indicator (`[indicator][unit]`): the
    /// same competition ranking (SPEC §4.4) over the previous rates, among the units that have
    /// a task now (the target is the same on both dates).
    static func previousRanks(_ bulletin: Bulletin) -> [[Int?]] {
        bulletin.indicators.map { result in
            Ranking.competition(
                count: result.units.count, hasValue: { result.ranked($0).hasTask },
                isBelow: { a, b in
                    let (x, y) = (result.ranked(a), result.ranked(b))
                    return Int128(x.previousDone) * Int128(y.target) < Int128(y.previousDone)
                        * Int128(x.target)
                }
            ).ranks
        }
    }

    /// The keys a table row adds to a region's row on the ranking stage: `remaining_text`
    /// (target − done, none when done), and for a unit `rank_change_text` / `rank_change_title`
    /// (null when the rank did not move) and `rank_of_text`.
    func standing(_ index: Int, unit: Int?) -> [(key: String, value: JSONValue)] {
        let result = bulletin.indicators[index]
        let figures = unit.map { result.ranked($0) } ?? result.rootRanked
        let remaining = figures.target - figures.done
        var members: [(key: String, value: JSONValue)] = [
            ("remaining_text", .string(figures.hasTask ? format.quantity(max(0, remaining)) : "–"))
        ]
        guard let unit, let rank = figures.rank else { return members }
        // Null, not "", when the rank did not move: templates test it as a section.
        var change: (text: JSONValue, title: JSONValue) = (.null, .null)
        if let previous = previousRanks[index][unit], previous != rank {
            let key = previous > rank ? "rank_up" : "rank_down"
            let values: KeyValuePairs = ["n": String(abs(previous - rank))]
            change = (
                .string(phrase("standing.\(key)", values)), .string(phrase("standing.\(key)_title", values))
            )
        }
        members.append(("rank_change_text", change.text))
        members.append(("rank_change_title", change.title))
        members.append(
            (
                "rank_of_text",
                .string(
                    phrase("standing.rank_of", ["rank": String(rank), "count": String(result.ranking.count)]))
            ))
        return members
    }

    /// The sentence at the top of a unit's page: how many of its tasks are complete, overdue,
    /// behind time progress or on track, and its composite rank.
    func unitSummary(_ unit: Int) -> String {
        var counts: [Status: Int] = [:]
        var tasks = 0
        for result in bulletin.indicators where result.ranked(unit).hasTask {
            tasks += 1
            counts[result.ranked(unit).status, default: 0] += 1
        }
        guard tasks > 0 else {
            return phrase("standing.summary_no_task", ["name": bulletin.units[unit].name])
        }
        let parts: [(Status, String)] = [
            (.complete, "complete"), (.overdue, "overdue"), (.red, "red"), (.yellow, "yellow"),
            (.green, "green"),
        ]
        let text = parts.compactMap { status, key in
            counts[status].map { phrase("standing.summary_\(key)", ["n": String($0)]) }
        }.joined(separator: label("prose.list_separator"))
        var composite = ""
        if let entry = bulletin.composite.first(where: { $0.unit == unit }) {
            composite = phrase(
                "standing.summary_composite",
                ["rank": String(entry.rank), "count": String(bulletin.composite.count)])
        }
        return phrase(
            "standing.summary",
            [
                "name": bulletin.units[unit].name, "tasks": String(tasks), "parts": text,
                "composite": composite,
            ])
    }
}
