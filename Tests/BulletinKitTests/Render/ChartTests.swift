import Testing

@testable import BulletinKit

@Suite struct ChartTests {
    // Three units with two-character names (2 em × 14 = 28 wide each). The widest value text is
    // "100.00% 已完成": 8 ASCII characters × 8.4 + 3 CJK × 14 = 67.2 + 42 = 109.2.
    // So the plot runs from 8 + 28 + 8 = 44 to 480 − 8 − 109.2 − 8 = 354.8: 310.8 wide.
    static let threeUnits = BarChart(
        id: "relocation",
        title: "搬迁入住率",
        summary: "三个县的入住率与时序进度的对比。",
        bars: [
            .init(label: "甲县", value: 50, valueText: "50.00%", status: "green", statusText: "绿"),
            .init(label: "乙县", value: 100, valueText: "100.00%", status: "complete", statusText: "已完成"),
            .init(label: "丙县", value: nil, valueText: "–", status: "no-task", statusText: "无任务"),
        ],
        reference: 93.47,
        referenceLabel: "时序进度 93.47%")

    static func rows(of svg: String) -> [String] {
        svg.components(separatedBy: "<g class=\"row\">").dropFirst().map {
            $0.components(separatedBy: "</g>")[0]
        }
    }

    @Test func barWidthsAreProportionalToTheRate() {
        let svg = Self.threeUnits.svg()
        #expect(svg.contains("viewBox=\"0 0 480 140\""))  // 28 top + 3 rows × 28 + 28 below
        let rows = Self.rows(of: svg)
        #expect(rows.count == 3)
        // 50% of 310.8 = 155.4; 100% is the whole plot. Rows start at 28 + 28·i; bars 6 lower.
        #expect(
            rows[0].contains(
                "<rect class=\"bar status-green\" x=\"44\" y=\"34\" width=\"155.4\" height=\"16\"/>"))
        #expect(
            rows[1].contains(
                "<rect class=\"bar status-complete\" x=\"44\" y=\"62\" width=\"310.8\" height=\"16\"/>"))
    }

    @Test func timeProgressLineSitsAtItsPercentage() {
        let svg = Self.threeUnits.svg()
        // 44 + 0.9347 × 310.8 = 44 + 290.50476 = 334.50476 → 334.5. It spans the rows (y 22…112).
        #expect(
            svg.contains(
                "<line class=\"reference\" x1=\"334.5\" y1=\"22\" x2=\"334.5\" y2=\"112\" stroke=\"currentColor\" "
                    + "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"))
        #expect(svg.contains(">时序进度 93.47%</text>"))
    }

    @Test func gridlinesAreLabelledEveryQuarter() {
        let svg = Self.threeUnits.svg()
        // 0, 25, 50, 75, 100% at 44 + k × 77.7.
        for (x, label) in [
            ("44", "0%"), ("121.7", "25%"), ("199.4", "50%"), ("277.1", "75%"), ("354.8", "100%"),
        ] {
            #expect(svg.contains("<line x1=\"\(x)\" y1=\"28\" x2=\"\(x)\" y2=\"112\"/>"))
            #expect(svg.contains("<text x=\"\(x)\" y=\"130\">\(label)</text>"))
        }
    }

    @Test func noTaskRowDrawsNoBarButShowsADash() {
        let rows = Self.rows(of: Self.threeUnits.svg())
        #expect(!rows[2].contains("<rect"))
        #expect(rows[2].contains(">丙县</text>"))
        #expect(rows[2].contains(">– <tspan class=\"status-word status-no-task\">无任务</tspan>"))
        // An empty value text on a no-task row still shows the dash.
        let chart = BarChart(
            id: "x", title: "t", summary: "s",
            bars: [.init(label: "丁县", value: nil, valueText: "", status: "no-task", statusText: "")])
        #expect(chart.svg().contains("<text class=\"value\" x=\"") && chart.svg().contains("\">– <tspan"))
    }

    @Test func statusIsWrittenBesideEveryBar() {
        let rows = Self.rows(of: Self.threeUnits.svg())
        // Value column starts at 354.8 + 8 = 362.8; baselines at row top + 14 + 4.9.
        #expect(
            rows[0].contains(
                "<text class=\"value\" x=\"362.8\" y=\"46.9\">50.00% <tspan class=\"status-word status-green\">绿</tspan>"
            ))
        #expect(rows[1].contains("100.00% <tspan class=\"status-word status-complete\">已完成</tspan>"))
        #expect(rows[0].contains("<text class=\"label\" x=\"36\" y=\"46.9\" text-anchor=\"end\">甲县</text>"))
    }

    @Test func axisGrowsPastAHundredPercent() {
        // 104.7% rounds the axis up to 110. Labels "A" (8.4 wide), values "x y" (3 × 8.4 = 25.2):
        // plot from 8 + 8.4 + 8 = 24.4 to 480 − 8 − 25.2 − 8 = 438.8, 414.4 wide.
        let chart = BarChart(
            id: "over", title: "t", summary: "s",
            bars: [
                .init(label: "A", value: 104.7, valueText: "x", status: "complete", statusText: "y"),
                .init(label: "B", value: 55, valueText: "x", status: "red", statusText: "y"),
            ])
        let rows = Self.rows(of: chart.svg())
        // 104.7 × 414.4 / 110 = 43,387.68 / 110 = 394.4334… → 394.43; 55 / 110 × 414.4 = 207.2.
        #expect(rows[0].contains("width=\"394.43\""))
        #expect(rows[1].contains("width=\"207.2\""))
        // The 100% gridline is at 24.4 + 100/110 × 414.4 = 24.4 + 376.727… = 401.13.
        #expect(chart.svg().contains(">100%</text>"))
        #expect(chart.svg().contains("<line x1=\"401.13\""))
    }

    @Test func hostileTextIsEscaped() {
        let hostile = "<script>&\"'"
        let bars = BarChart(
            id: "\"><script>", title: hostile, summary: hostile,
            bars: [
                .init(label: hostile, value: 10, valueText: hostile, status: "red\"><x", statusText: hostile)
            ],
            reference: 50, referenceLabel: hostile)
        let trend = TrendChart(
            id: hostile, title: hostile, summary: hostile, doneLabel: hostile, scheduleLabel: hostile,
            points: [.init(label: hostile, done: 1, schedule: 2)])
        for svg in [bars.svg(), trend.svg()] {
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("<x"))
            #expect(svg.contains("&lt;script&gt;&amp;&quot;&#39;"))
            // Every ampersand starts one of the five entities.
            let ampersands = svg.components(separatedBy: "&").dropFirst()
            #expect(
                ampersands.allSatisfy { part in
                    ["amp;", "lt;", "gt;", "quot;", "#39;"].contains { part.hasPrefix($0) }
                })
        }
        #expect(bars.svg().contains("class=\"bar status-redx\""))
        #expect(bars.svg().contains("aria-labelledby=\"script-title script-desc\""))
    }

    @Test func controlCharactersAreDropped() {
        #expect(SVG.escape("a\u{0}b\u{7}c\u{85}d\u{FFFE}e\tf\ng") == "abcde f g")
    }

    /// Text is looked at byte by byte before it is escaped character by character: characters
    /// beside the forbidden ones (the same first bytes) stay, the forbidden ones go.
    @Test(arguments: [
        ("南阳市（宛城区）· 入住率", "南阳市（宛城区）· 入住率"),
        ("A&B <C> \"D\" 'E'", "A&amp;B &lt;C&gt; &quot;D&quot; &#39;E&#39;"),
        ("a\u{7F}b\u{80}c\u{9F}d", "abcd"),
        ("", ""),
    ])
    func textIsEscapedOnlyWhereItMustBe(text: String, escaped: String) {
        #expect(SVG.escape(text) == escaped)
    }

    @Test func charactersBesideTheForbiddenOnesStay() {
        // Swift literals cannot spell noncharacters: the text is made from code points.
        func text(_ values: [UInt32]) -> String {
            String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
        }
        let allowed: [UInt32] = [0xA0, 0xA1, 0xBF, 0xFDCF, 0xFDF0, 0xFFFD, 0x1F600, 0x10FFFD]
        #expect(SVG.escape(text(allowed)) == text(allowed))
        let forbidden: [UInt32] = [0xFDD0, 0x78, 0xFDEF, 0x79, 0xFFFF, 0x7A, 0x1FFFE, 0x10FFFF]
        #expect(SVG.escape(text(forbidden)) == "xyz")
    }

    @Test func titleAndDescriptionComeFirstAndNameTheChart() {
        for svg in [Self.threeUnits.svg(), Self.threePointTrend.svg()] {
            let lines = svg.components(separatedBy: "\n")
            let id = svg.contains("relocation") ? "relocation" : "trend-2020"
            #expect(lines[0].hasPrefix("<svg class=\"chart "))
            #expect(lines[0].contains(" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "))
            #expect(lines[0].contains(" width=\"100%\""))
            #expect(!lines[0].contains("height="))
            #expect(lines[1].hasPrefix("<title id=\"\(id)-title\">"))
            #expect(lines[2].hasPrefix("<desc id=\"\(id)-desc\">"))
            #expect(lines.last == "</svg>")
        }
    }

    @Test func idPrefixIsSanitized() {
        #expect(SVG.identifier("indicator relocation/入住") == "indicatorrelocation")
        #expect(SVG.identifier("a_b-C9") == "a_b-C9")
        #expect(SVG.identifier("入住") == "chart")
    }

    @Test func outputIsDeterministicAndFreeOfInlineColour() {
        for chart in [Self.threeUnits.svg(), Self.threePointTrend.svg()] {
            #expect(!chart.contains("style"))
            #expect(!chart.contains("#"))
            #expect(!chart.contains("rgb"))
            #expect(!chart.contains("xmlns:xlink"))
            #expect(!chart.contains("e+") && !chart.contains("e-0") && !chart.contains("\"-0\""))
        }
        #expect(Self.threeUnits.svg() == Self.threeUnits.svg())
        #expect(Self.threePointTrend.svg() == Self.threePointTrend.svg())
    }

    @Test func numericAttributesAreShortPlainNumbers() throws {
        let attribute = #/ (?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"/#
        let number = #/-?[0-9]+(\.[0-9]{1,2})?/#
        for svg in [Self.threeUnits.svg(), Self.threePointTrend.svg()] {
            for match in svg.matches(of: attribute) where match.output.1 != "100%" {
                #expect(try number.wholeMatch(in: match.output.1) != nil, "\(match.output.0)")
            }
        }
    }

    @Test(arguments: [
        (12.5, "12.5"), (0, "0"), (-0.0, "0"), (-0.001, "0"), (1e-7, "0"), (3.14159, "3.14"), (0.125, "0.13"),
        (100, "100"), (-3.456, "-3.46"), (7.1, "7.1"), (1e20, "1000000000"), (.nan, "0"), (.infinity, "0"),
        (-3.25, "-3.25"), (-0.5, "-0.5"), (0.01, "0.01"), (-1e20, "-1000000000"),
        (999_999_999.999, "1000000000"),
        (212, "212"), (48.125, "48.13"), (10, "10"),
    ])
    func numbersHaveAtMostTwoDecimals(value: Double, text: String) {
        #expect(SVG.number(value) == text)
    }

    @Test func labelWidthsAreEstimatedPerCharacter() {
        #expect(SVG.estimatedWidth(of: "内乡县", fontSize: 14) == 42)
        #expect(SVG.estimatedWidth(of: "abc", fontSize: 10) == 18)
        // 20 CJK characters at 14 do not fit in 140: nine characters and the ellipsis do (10 em).
        let long = String(repeating: "县", count: 20)
        #expect(SVG.truncate(long, toWidth: 140, fontSize: 14) == String(repeating: "县", count: 9) + "…")
        #expect(SVG.truncate("内乡县", toWidth: 140, fontSize: 14) == "内乡县")
    }

    // Plot x 48…464, y 212 (0%) … 32 (100%): y(v) = 212 − 1.8 v. Three points at 48, 256, 464.
    static let threePointTrend = TrendChart(
        id: "trend-2020", title: "入住率走势", summary: "完成率从 10% 升至 70%，时序进度从 20% 升至 80%。",
        doneLabel: "完成率", scheduleLabel: "时序进度",
        points: [
            .init(label: "10-01", done: 10, schedule: 20),
            .init(label: "10-08", done: 40, schedule: 50),
            .init(label: "10-15", done: 70, schedule: 80),
        ])

    @Test func trendPolylinesFollowThePoints() {
        let svg = Self.threePointTrend.svg()
        #expect(svg.contains("viewBox=\"0 0 480 240\""))
        // done: 10 → 212 − 18 = 194; 40 → 212 − 72 = 140; 70 → 212 − 126 = 86.
        #expect(svg.contains("<polyline class=\"line-done\" points=\"48,194 256,140 464,86\" fill=\"none\""))
        // schedule: 20 → 176; 50 → 122; 80 → 68; dashed.
        #expect(
            svg.contains(
                "<polyline class=\"line-schedule\" points=\"48,176 256,122 464,68\" fill=\"none\" "
                    + "stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"))
        #expect(svg.contains("<circle class=\"marker-done\" cx=\"256\" cy=\"140\" r=\"3.5\"/>"))
        #expect(
            svg.contains("<rect class=\"marker-schedule\" x=\"253\" y=\"119\" width=\"6\" height=\"6\"/>"))
        for label in ["10-01", "10-08", "10-15"] { #expect(svg.contains(">\(label)</text>")) }
        #expect(svg.contains(">完成率</text>") && svg.contains(">时序进度</text>"))
        // Gridlines at 0/25/50/75/100% → y 212, 167, 122, 77, 32.
        for (y, label) in [("212", "0%"), ("167", "25%"), ("122", "50%"), ("77", "75%"), ("32", "100%")] {
            #expect(svg.contains("<line x1=\"48\" y1=\"\(y)\" x2=\"464\" y2=\"\(y)\"/>"))
            #expect(svg.contains(">\(label)</text>"))
        }
    }

    /// Axes made once and shared by many charts draw the x labels and legend those charts'
    /// own labels would; axes made for other labels or words are not used.
    @Test func sharedTrendAxesDrawWhatTheChartsOwnWould() {
        let chart = Self.threePointTrend
        let shared = TrendChart.Axes(
            labels: ["10-01", "10-08", "10-15"], doneLabel: "完成率", scheduleLabel: "时序进度")
        #expect(chart.svg(axes: shared) == chart.svg())
        // The x labels and the legend come from the axes: both are in the markup once.
        let svg = chart.svg(axes: shared)
        #expect(svg.components(separatedBy: ">10-08</text>").count == 2)
        #expect(svg.components(separatedBy: "<g class=\"legend\">").count == 2)
        // Another chart's axes (other dates, other words, fewer periods) are not taken.
        let others = [
            TrendChart.Axes(labels: ["09-01", "09-08", "09-15"], doneLabel: "完成率", scheduleLabel: "时序进度"),
            TrendChart.Axes(labels: ["10-01", "10-08", "10-15"], doneLabel: "入住率", scheduleLabel: "时序进度"),
            TrendChart.Axes(labels: ["10-01", "10-08"], doneLabel: "完成率", scheduleLabel: "时序进度"),
        ]
        for axes in others {
            let drawn = chart.svg(axes: axes)
            #expect(drawn == chart.svg())
            #expect(!drawn.contains(">09-08</text>") && !drawn.contains(">入住率</text>"))
        }
    }

    @Test func trendLineBreaksWhereAValueIsMissing() {
        // Four points at 48 + i × 416/3: 48, 186.67, 325.33, 464. y(30) = 158, y(40) = 140.
        let svg = TrendChart(
            id: "gap", title: "t", summary: "s", doneLabel: "d", scheduleLabel: "p",
            points: [
                .init(label: "a", done: 10, schedule: nil), .init(label: "b", done: nil, schedule: nil),
                .init(label: "c", done: 30, schedule: nil), .init(label: "d", done: 40, schedule: nil),
            ]
        ).svg()
        #expect(svg.components(separatedBy: "<polyline").count == 2)
        #expect(svg.contains("<polyline class=\"line-done\" points=\"325.33,158 464,140\""))
        // The lone first point still gets its marker: y(10) = 194.
        #expect(svg.contains("<circle class=\"marker-done\" cx=\"48\" cy=\"194\""))
    }

    @Test func trendAxisGrowsPastAHundredPercent() {
        // Largest value 120 → axis 0…120: y(v) = 212 − 180 v / 120 = 212 − 1.5 v.
        let svg = TrendChart(
            id: "t", title: "t", summary: "s", doneLabel: "d", scheduleLabel: "p",
            points: [.init(label: "a", done: 60, schedule: 50), .init(label: "b", done: 120, schedule: 100)]
        ).svg()
        #expect(svg.contains("points=\"48,122 464,32\""))  // 60 → 122, 120 → 32
        #expect(svg.contains("points=\"48,137 464,62\""))  // 50 → 137, 100 → 62
        // Gridlines every 25 up to 100 (the axis' own, not those of an axis ending at 100):
        // 100 → 62, its label 4 lower at x 48 − 6 = 42; no line at the top (120 is no multiple of 25).
        #expect(svg.contains("<line x1=\"48\" y1=\"62\" x2=\"464\" y2=\"62\"/>"))
        #expect(svg.contains("<text x=\"42\" y=\"66\">100%</text>"))
        #expect(svg.contains("<line x1=\"48\" y1=\"174.5\" x2=\"464\" y2=\"174.5\"/>"))  // 25 → 174.5
        #expect(!svg.contains("y1=\"32\""))
    }

    @Test func trendEndLabelsStayInsideTheViewBox() {
        // "10月15日" is 4 × 0.6 + 2 = 4.4 em × 12 = 52.8 wide. Centred under the last point (464)
        // it would end at 490.4, past the 480 edge; it is moved left to 480 − 2 − 26.4 = 451.6.
        // "3月5日" (3.2 em = 38.4 wide) fits centred under the first point (48): it stays there.
        let svg = TrendChart(
            id: "ends", title: "t", summary: "s", doneLabel: "d", scheduleLabel: "p",
            points: [
                .init(label: "3月5日", done: 1, schedule: 2), .init(label: "10月15日", done: 3, schedule: 4),
            ]
        ).svg()
        #expect(svg.contains("<text x=\"451.6\" y=\"230\">10月15日</text>"))
        #expect(svg.contains("<text x=\"48\" y=\"230\">3月5日</text>"))
        // "10-15" is 5 × 0.6 em × 12 = 36 wide: centred under 464 it would end at 482, so it moves
        // to 480 − 2 − 18 = 460; the others stay centred under their points.
        let short = Self.threePointTrend.svg()
        for (x, label) in [("48", "10-01"), ("256", "10-08"), ("460", "10-15")] {
            #expect(short.contains("<text x=\"\(x)\" y=\"230\">\(label)</text>"))
        }
    }

    @Test func longTrendsLabelOnlySomePeriods() {
        #expect(TrendChart.tickIndices(count: 3) == [0, 1, 2])
        #expect(TrendChart.tickIndices(count: 7) == Array(0..<7))
        // 8 points: step ⌈7/6⌉ = 2 → 0, 2, 4, 6, and the last (7) is one away from 6 (< 2/2 + 1):
        // 6 goes, 7 stays.
        #expect(TrendChart.tickIndices(count: 8) == [0, 2, 4, 7])
        // 12 points: step ⌈11/6⌉ = 2 → 0, 2, …, 10; 10 crowds the last (11), so it goes.
        #expect(TrendChart.tickIndices(count: 12) == [0, 2, 4, 6, 8, 11])
        // 13 points: step ⌈12/6⌉ = 2 → 0, 2, …, 12.
        #expect(TrendChart.tickIndices(count: 13) == [0, 2, 4, 6, 8, 10, 12])
        // 14 points: step ⌈13/6⌉ = 3 → 0, 3, 6, 9, 12 — but 12 crowds the last (13), so it goes.
        #expect(TrendChart.tickIndices(count: 14) == [0, 3, 6, 9, 13])
        let points = (0..<30).map {
            TrendChart.Point(label: "W\($0 < 10 ? "0" : "")\($0)", done: 1, schedule: 2)
        }
        let svg = TrendChart(
            id: "long", title: "t", summary: "s", doneLabel: "d", scheduleLabel: "p", points: points
        ).svg()
        // 30 points: step ⌈29/6⌉ = 5 → 0, 5, …, 25 and 29.
        let shown = points.map(\.label).filter { svg.contains(">\($0)</text>") }
        #expect(shown == ["W00", "W05", "W10", "W15", "W20", "W25", "W29"])
    }

    @Test func emptyChartsAreStillValidFigures() {
        let bars = BarChart(id: "e", title: "t", summary: "s", bars: []).svg()
        #expect(bars.contains("viewBox=\"0 0 480 56\"") && !bars.contains("<rect"))
        let trend = TrendChart(
            id: "e", title: "t", summary: "s", doneLabel: "d", scheduleLabel: "p", points: []
        )
        .svg()
        #expect(!trend.contains("<polyline") && trend.hasSuffix("</svg>"))
    }
}
