import Testing

@testable import BulletinKit

/// Which sentences a ranking paragraph gets, and that no unit is named more than twice in it
/// (once among the flags, once where its standing is said).
struct RankingParagraphTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var top: [Int] = []
        var bottom: [Int] = []
        var complete: [Int] = []
        var overdue: [Int] = []
        var belowAverage: [Int] = []
        var behind: [Int] = []
        var rootHasTask = true
        var allTied = false
        var expected: [RankingParagraph.Sentence]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Nanyang relocation: ten tied complete units are the top; the four overdue ones are
        // also the four below the average and the four behind — one sentence for them.
        Case(
            name: "overdue units that are below average and behind get one sentence",
            top: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], bottom: [13, 12, 11],
            complete: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
            overdue: [10, 11, 12, 13], belowAverage: [10, 11, 12, 13], behind: [13, 12, 11, 10],
            expected: [.flags, .completeAreTop, .overdue([10, 11, 12, 13], belowAverage: 4)]),
        // Three of four overdue are below the average: said as a count, not names again.
        Case(
            name: "some overdue below average is a count",
            top: [0], bottom: [3], overdue: [1, 2, 3], belowAverage: [2, 3], behind: [3, 2, 1],
            expected: [.flags, .overdue([1, 2, 3], belowAverage: 2)]),
        // Water: one overdue unit; four others both below average and behind, in behind order.
        Case(
            name: "below average and behind together",
            top: [0, 1], bottom: [5, 4], complete: [0, 1], overdue: [6],
            belowAverage: [6, 3, 4, 5], behind: [5, 4, 3, 6],
            expected: [
                .flags, .completeAreTop, .overdue([6], belowAverage: 1), .belowAverageAndBehind([5, 4, 3]),
            ]),
        // A unit below the average but ahead of time, and another behind but above the average.
        Case(
            name: "below average only and behind only are separate",
            belowAverage: [2, 3], behind: [3, 4],
            expected: [.belowAverageAndBehind([3]), .belowAverage([2]), .behind([4])]),
        // Complete units that are not exactly the top are named.
        Case(
            name: "complete units other than the top are named",
            top: [0], bottom: [4], complete: [0, 1],
            expected: [.flags, .complete([0, 1]), .noneBehind]),
        // Without flags, complete units are named even if they would have been the top.
        Case(name: "no flags", complete: [0], expected: [.complete([0]), .noneBehind]),
        Case(name: "no task at the root says nothing about time progress", rootHasTask: false, expected: []),
        // Nanyang relocation in its first week: all fourteen at 0.00%, all behind — one
        // sentence, no names (the flags are dropped by the aggregator: top and bottom overlap).
        Case(
            name: "everyone tied and behind is one sentence without names",
            belowAverage: [], behind: Array(0..<14), allTied: true, expected: [.allTied(behind: true)]),
        Case(
            name: "everyone tied and complete is one sentence",
            complete: [0, 1, 2], allTied: true, expected: [.allTied(behind: false)]),
        // Overdue units are never hidden behind a tie: their names are said (once — being
        // behind goes without saying for an overdue unit).
        Case(
            name: "a tie of overdue units still names them",
            overdue: [0, 1], belowAverage: [], behind: [0, 1], allTied: true,
            expected: [.overdue([0, 1], belowAverage: 0)]),
    ]

    @Test(arguments: cases)
    func plansTheSentences(_ example: Case) {
        let plan = RankingParagraph.plan(
            top: example.top, complete: example.complete, overdue: example.overdue,
            belowAverage: example.belowAverage, behind: example.behind, rootHasTask: example.rootHasTask,
            allTied: example.allTied)
        #expect(plan.sentences == example.expected)
    }

    /// Counting names: the flags name top and bottom; each other sentence names its units.
    @Test(arguments: cases)
    func namesNoUnitMoreThanTwice(_ example: Case) {
        let plan = RankingParagraph.plan(
            top: example.top, complete: example.complete, overdue: example.overdue,
            belowAverage: example.belowAverage, behind: example.behind, rootHasTask: example.rootHasTask,
            allTied: example.allTied)
        var mentions: [Int: Int] = [:]
        for sentence in plan.sentences {
            let named: [Int] =
                switch sentence {
                case .flags: example.top + example.bottom
                case .complete(let units), .overdue(let units, _), .belowAverageAndBehind(let units),
                    .belowAverage(let units), .behind(let units):
                    units
                case .completeAreTop, .noneBehind, .allTied: []
                }
            for unit in named { mentions[unit, default: 0] += 1 }
        }
        #expect(mentions.values.allSatisfy { $0 <= 2 }, "\(mentions)")
    }
}
