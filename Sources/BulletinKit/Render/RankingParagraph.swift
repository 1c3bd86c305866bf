/// The plan of one indicator's ranking paragraph (三、排名): which sentences it has and which
/// units each names. An office names a unit at most twice in a paragraph — once among the flags
/// (前三名/后三位) and once in the sentence that says how it stands — so a unit that is overdue,
/// below the average and behind time progress gets one sentence that says all of it, not three.
/// The words come from the locale file; this is only the choice of sentences.
struct RankingParagraph: Equatable {
    /// A sentence of the paragraph; units are unit positions in the order they are named.
    enum Sentence: Equatable {
        /// 前N名：…；后N位：… (the flags, with ties said as 并列).
        case flags
        /// `{units}已全部完成`.
        case complete([Int])
        /// The complete units are exactly the top flags: `前三名均已全部完成`, no names again.
        case completeAreTop
        /// Past the deadline and not complete; `belowAverage` of them are below the root's rate.
        case overdue([Int], belowAverage: Int)
        /// Below the root's rate and behind time progress (not overdue).
        case belowAverageAndBehind([Int])
        /// Below the root's rate only.
        case belowAverage([Int])
        /// Behind time progress only.
        case behind([Int])
        /// Nobody is behind time progress.
        case noneBehind
        /// Every ranked unit has the same rate (all at 0.00% in the first week): no ranking to
        /// say, and no names; `behind` when they are all behind time progress.
        case allTied(behind: Bool)
    }

    var sentences: [Sentence]

    /// The sentences for an indicator's lists of units (`top` empty: no flags are shown).
    /// Overdue units are said once, with how many of them are below the average; every other
    /// unit that lags is said once, in the one sentence that fits it.
    static func plan(
        top: [Int], complete: [Int], overdue: [Int], belowAverage: [Int], behind: [Int], rootHasTask: Bool,
        allTied: Bool = false
    ) -> RankingParagraph {
        if allTied, overdue.isEmpty { return RankingParagraph(sentences: [.allTied(behind: !behind.isEmpty)]) }
        var sentences: [Sentence] = []
        if !top.isEmpty { sentences.append(.flags) }
        if !complete.isEmpty {
            sentences.append(
                !top.isEmpty && Set(complete) == Set(top) ? .completeAreTop : .complete(complete))
        }
        let overdueSet = Set(overdue)
        let belowSet = Set(belowAverage)
        let behindSet = Set(behind)
        if !overdue.isEmpty {
            sentences.append(.overdue(overdue, belowAverage: overdue.filter(belowSet.contains).count))
        }
        let both = behind.filter { belowSet.contains($0) && !overdueSet.contains($0) }
        let onlyBelow = belowAverage.filter { !behindSet.contains($0) && !overdueSet.contains($0) }
        let onlyBehind = behind.filter { !belowSet.contains($0) && !overdueSet.contains($0) }
        if !both.isEmpty { sentences.append(.belowAverageAndBehind(both)) }
        if !onlyBelow.isEmpty { sentences.append(.belowAverage(onlyBelow)) }
        if !onlyBehind.isEmpty { sentences.append(.behind(onlyBehind)) }
        if rootHasTask, behind.isEmpty { sentences.append(.noneBehind) }
        return RankingParagraph(sentences: sentences)
    }
}
