import Foundation
import Testing

@testable import BulletinKit

/// Every member of a figures cell of the render context (what custom templates may print), worked
/// out by hand: target 120 households, 90 done, 81 done last week, time progress 2/3.
/// Rate 90/120 = 75.00%; new 9; rate change 9/120 = 7.50 points; time progress 66.67%;
/// gap 75 − 66.666… = +8.33 points, not behind.
struct FiguresCellTests {
    static let builder: Result<ContextBuilder, any Error> = Result {
        let bulletin = try BuildJob.check(dataset: Repository.example("nanyang"), asOf: nil)
        let labels = try TemplateLocation.labels(in: Repository.templates, locale: "zh-Hans")
        return ContextBuilder(bulletin: bulletin, labels: labels)
    }

    static func figures(target: Int64, done: Int64, previousDone: Int64, status: Status, rank: Int?)
        -> Figures
    {
        Figures(
            target: target * Quantity.scale, done: done * Quantity.scale,
            previousDone: previousDone * Quantity.scale,
            timeProgress: Rational(2, 3), previousTimeProgress: Rational(1, 2),
            deadline: Day(iso: "2020-12-31")!,
            status: status, rank: rank)
    }

    static let keys = [
        "has_task", "target", "target_text", "done", "done_text", "rate_pct", "rate_text",
        "new_since_previous", "new_text", "rate_change_pp", "rate_change_text", "time_progress_pct",
        "time_progress_text", "gap_pp", "gap_text", "is_behind", "rank", "rank_text", "status",
        "status_text", "status_symbol", "is_over_target", "deadline", "measure_unit",
    ]

    static let onTrack: [JSONValue] = [
        true, 120, "120", 90, "90", 75, "75.00%", 9, "+9", 7.5, "+7.50", 66.67, "66.67%", 8.33, "+8.33",
        false, 3, "3", "green", "正常", "●", false, "2020-12-31", "户",
    ]

    @Test func aCellHasEveryMemberInOrder() throws {
        let builder = try Self.builder.get()
        let cell = builder.cell(
            Self.figures(target: 120, done: 90, previousDone: 81, status: .green, rank: 3), measureUnit: "户")
        let object = try #require(cell.objectValue)
        #expect(object.keys == Self.keys)
        for (key, expected) in zip(Self.keys, Self.onTrack) { #expect(object[key] == expected, "\(key)") }
        #expect(object.materialized == JSONObject(uniqueMembers: Array(zip(Self.keys, Self.onTrack))))
    }

    /// Before the window opens (an earlier bulletin) the rate, change, progress and gap read "–"
    /// and the status 未开始; the numbers stay.
    @Test func aCellBeforeItsWindowSaysNotStarted() throws {
        let builder = try Self.builder.get()
        let figures = Self.figures(target: 120, done: 90, previousDone: 81, status: .green, rank: 3)
        let cell = JSONObject(computed: FiguresCell(builder, figures, measureUnit: "户", notStarted: true))
        var expected = Self.onTrack
        for index in [6, 10, 12, 14] { expected[index] = "–" }
        (expected[15], expected[18], expected[19], expected[20]) = (false, "not-started", "未开始", "○")
        #expect(cell.materialized == JSONObject(uniqueMembers: Array(zip(Self.keys, expected))))
    }

    @Test func aCellWithoutATaskHasNoNumbersButTimeProgress() throws {
        let builder = try Self.builder.get()
        let figures = Self.figures(target: 0, done: 0, previousDone: 0, status: .noTask, rank: nil)
        // Not started changes nothing without a task.
        for notStarted in [false, true] {
            let cell = JSONObject(
                computed: FiguresCell(builder, figures, measureUnit: "户", notStarted: notStarted))
            let expected: [JSONValue] = [
                false, nil, "–", nil, "–", nil, "–", nil, "–", nil, "–", 66.67, "–", nil, "–", false, nil,
                "–",
                "no-task", "无任务", "–", false, "2020-12-31", "户",
            ]
            #expect(cell.materialized == JSONObject(uniqueMembers: Array(zip(Self.keys, expected))))
        }
    }

    /// 80 done of 120 with 2/3 of the time gone is exactly on schedule: a gap of 0.00 (no sign),
    /// not behind. 79 done: 65.83%, 65.833… − 66.666… = −0.83 points, behind.
    @Test func behindFollowsTheExactGap() throws {
        let builder = try Self.builder.get()
        func cell(done: Int64, status: Status) throws -> JSONObject {
            let figures = Self.figures(target: 120, done: done, previousDone: 80, status: status, rank: 1)
            return try #require(builder.cell(figures, measureUnit: "户").objectValue)
        }
        let even = try cell(done: 80, status: .green)
        #expect(even["gap_text"] == "0.00")
        #expect(even["is_behind"] == false)
        let behind = try cell(done: 79, status: .yellow)
        #expect(behind["rate_text"] == "65.83%")
        #expect(behind["gap_text"] == "-0.83")
        #expect(behind["rate_change_text"] == "-0.83")
        #expect(behind["new_text"] == "-1")
        #expect(behind["is_behind"] == true)
    }

    @Test func aStageCellAddsItsStage() throws {
        let builder = try Self.builder.get()
        let stage = try #require(builder.bulletin.indicators.first?.indicator.stages.first)
        let figures = Self.figures(target: 120, done: 90, previousDone: 81, status: .green, rank: 3)
        let cell = JSONObject(computed: FiguresCell(builder, figures, measureUnit: "户", stage: (stage, true)))
        #expect(cell.keys == Self.keys + ["stage_id", "stage_title", "is_ranking"])
        #expect(cell["stage_id"] == .string(stage.id))
        #expect(cell["stage_title"] == .string(stage.title))
        #expect(cell["is_ranking"] == true)
        #expect(cell["rate_text"] == "75.00%")
    }
}
