/// Weekly trend of done rate against the schedule (SPEC §4.5).
///
/// Two lines over the periods in order: the done rate (完成率) solid with round markers, and
/// time progress (时序进度) dashed with square markers, so the two differ in more than colour.
/// A legend names both. Classes for the page's stylesheet: `chart chart-trend` (the `<svg>`),
/// `grid`, `tick`, `legend`, `line-done`, `line-schedule`, `marker-done`, `marker-schedule`.
/// Without a stylesheet everything is drawn in `currentColor`.
///
/// Geometry, in viewBox units (the tests rely on it): the viewBox is 480 × 240; the plot spans
/// x 48…464 and y 32 (the axis maximum) … 212 (0%). Point *i* of *n* sits at
/// `48 + i × 416 / (n − 1)` (the middle when n = 1). The axis maximum is
/// `max(100, largest value rounded up to 10)`.
struct TrendChart: Sendable {
    /// One period's values.
    struct Point: Sendable {
        /// The period's label on the x axis, `10-15`.
        var label: String
        /// The done rate in percent, or `nil` when unknown (the line breaks there).
        var done: Double?
        /// Time progress in percent, or `nil` when unknown.
        var schedule: Double?

        /// A period with its done rate and time progress.
        init(label: String, done: Double?, schedule: Double?) {
            self.label = label
            self.done = done
            self.schedule = schedule
        }
    }

    /// Prefix of the element ids (`ID-title`, `ID-desc`); reduced to `[A-Za-z0-9_-]`.
    var id: String
    /// The chart's accessible name.
    var title: String
    /// The text alternative: one sentence saying what the chart shows.
    var summary: String
    /// The legend's name for the done line, `完成率`.
    var doneLabel: String
    /// The legend's name for the schedule line, `时序进度`.
    var scheduleLabel: String
    /// The periods, oldest first.
    var points: [Point]

    /// A trend chart; `svg()` draws it.
    init(
        id: String, title: String, summary: String, doneLabel: String, scheduleLabel: String, points: [Point]
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.doneLabel = doneLabel
        self.scheduleLabel = scheduleLabel
        self.points = points
    }

    /// The parts of a trend chart that depend only on its periods' labels and its legend's
    /// words, not on its values: the x-axis labels and the legend. Every unit's chart of one
    /// indicator shares them (the same dates, the same words), so a national build makes them
    /// once per indicator instead of once on each of thousands of pages (`svg(axes:)`).
    struct Axes: Sendable {
        /// The labels' number and text, and the legend's words, that the markup was made for.
        let labels: [String]
        let doneLabel: String
        let scheduleLabel: String
        /// `<g class="tick" text-anchor="middle">` … `</g>` with its line end.
        fileprivate let ticks: [UInt8]
        /// `<g class="legend">` … `</g>` with its line end.
        fileprivate let legend: [UInt8]
        /// The gridlines and y labels of an axis that ends at 100% (`TrendChart.grid(upTo: 100)`).
        fileprivate let grid100 = TrendChart.grid(upTo: 100)

        /// The axes of a chart over periods labelled `labels`, with these legend words.
        init(labels: [String], doneLabel: String, scheduleLabel: String) {
            self.labels = labels
            self.doneLabel = doneLabel
            self.scheduleLabel = scheduleLabel
            let n = SVG.number
            var ticks = SVGText(capacity: 160 + 64 * min(labels.count, 8))
            ticks += "<g class=\"tick\" text-anchor=\"middle\">\n"
            // A label may use the room up to the next labelled tick, not just one period's width.
            let indices = TrendChart.tickIndices(count: labels.count)
            let spacing =
                labels.count > 1
                ? (TrendChart.plotRight - TrendChart.plotLeft) / Double(labels.count - 1) : 120
            let tickGap = zip(indices, indices.dropFirst()).map { $1 - $0 }.min() ?? 1
            let labelWidth = spacing * Double(tickGap) - 4
            let placed = indices.map { index in
                let label = SVG.truncate(labels[index], toWidth: max(labelWidth, 40), fontSize: 12)
                // Centred under its point, but kept inside the viewBox: the last label ("10月15日")
                // would otherwise run past the right edge and be cut off.
                let half = SVG.estimatedWidth(of: label, fontSize: 12) / 2
                let x = TrendChart.x(index, count: labels.count)
                return (text: label, x: min(max(x, half + 2), TrendChart.width - 2 - half))
            }
            for label in TrendChart.withoutOverlaps(placed) {
                ticks +=
                    "<text x=\"\(n(label.x))\" y=\"\(n(TrendChart.plotBottom + 18))\">\(SVG.escape(label.text))</text>\n"
            }
            ticks += "</g>\n"
            self.ticks = ticks.bytes

            // Legend above the plot: a sample of each line, then its name.
            var legend = SVGText(capacity: 640)
            legend += "<g class=\"legend\">\n"
            var legendX = TrendChart.plotLeft
            for (series, label) in [(Series.done, doneLabel), (.schedule, scheduleLabel)] {
                let text = SVG.truncate(label, toWidth: 200, fontSize: 12)
                let dash = series == .schedule ? " stroke-dasharray=\"6 4\"" : ""
                legend +=
                    "<line class=\"line-\(series.rawValue)\" x1=\"\(n(legendX))\" y1=\"12\" x2=\"\(n(legendX + 24))\" "
                    + "y2=\"12\" stroke=\"currentColor\" stroke-width=\"2\"\(dash)/>\n"
                TrendChart.appendMarker(series, x: legendX + 12, y: 12, to: &legend)
                legend += "\n"
                legend += "<text x=\"\(n(legendX + 30))\" y=\"16\">\(SVG.escape(text))</text>\n"
                legendX += 30 + SVG.estimatedWidth(of: text, fontSize: 12) + 20
            }
            legend += "</g>\n"
            self.legend = legend.bytes
        }

        /// Whether these axes were made for `chart`'s labels and legend words.
        func fit(_ chart: TrendChart) -> Bool {
            chart.doneLabel == doneLabel && chart.scheduleLabel == scheduleLabel
                && chart.points.count == labels.count
                && zip(chart.points, labels).allSatisfy { $0.label == $1 }
        }
    }

    /// The axes this chart's labels and legend words give.
    var axes: Axes {
        Axes(labels: points.map(\.label), doneLabel: doneLabel, scheduleLabel: scheduleLabel)
    }

    /// The chart as an `<svg>` element, ready to insert unescaped into an HTML page.
    func svg() -> String { svg(axes: axes) }

    /// The chart drawn with `axes` made for charts with its labels and legend words (checked:
    /// other axes are not used). The same markup as `svg()`.
    func svg(axes given: Axes) -> String {
        let axes = given.fit(self) ? given : axes
        let id = SVG.identifier(self.id)
        let n = SVG.number
        var values: [Double] = []
        values.reserveCapacity(2 * points.count)
        for point in points {
            if let done = point.done { values.append(done) }
            if let schedule = point.schedule { values.append(schedule) }
        }
        let maximum = SVG.axisMaximum(for: values)
        func y(_ percent: Double) -> Double {
            Self.plotBottom - min(max(percent, 0), maximum) / maximum * (Self.plotBottom - Self.plotTop)
        }

        // One buffer, a line at a time: a national build draws four of these on each of
        // thousands of pages.
        var svg = SVGText(capacity: 2048 + 160 * points.count)
        func line(_ text: String) {
            svg += text
            svg += "\n"
        }
        line(
            "<svg class=\"chart chart-trend\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
                + "viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" width=\"100%\" font-size=\"12\" "
                + "fill=\"currentColor\">")
        line("<title id=\"\(id)-title\">\(SVG.escape(title))</title>")
        line("<desc id=\"\(id)-desc\">\(SVG.escape(summary))</desc>")

        // Most charts end at 100%: their gridlines and y labels are the axes' own.
        svg.append(bytes: maximum == 100 ? axes.grid100 : Self.grid(upTo: maximum))
        svg.append(bytes: axes.ticks)

        for series in [Series.schedule, .done] {
            let values = points.map { series == .done ? $0.done : $0.schedule }
            let dash = series == .schedule ? " stroke-dasharray=\"6 4\"" : ""
            for run in Self.runs(of: values) where run.count > 1 {
                svg += "<polyline class=\"line-\(series.rawValue)\" points=\""
                for (position, index) in run.enumerated() {
                    if position > 0 { svg += " " }
                    svg.append(number: x(index))
                    svg += ","
                    svg.append(number: y(values[index] ?? 0))
                }
                line("\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"\(dash)/>")
            }
            for (index, value) in values.enumerated() {
                guard let value, value.isFinite else { continue }
                Self.appendMarker(series, x: x(index), y: y(value), to: &svg)
                svg += "\n"
            }
        }

        svg.append(bytes: axes.legend)
        svg += "</svg>"
        return svg.text
    }

    /// The gridlines and their y labels of a chart whose axis ends at `maximum`.
    static func grid(upTo maximum: Double) -> [UInt8] {
        let n = SVG.number
        func y(_ percent: Double) -> Double {
            plotBottom - min(max(percent, 0), maximum) / maximum * (plotBottom - plotTop)
        }
        let grid = SVG.gridValues(upTo: maximum)
        var svg = SVGText(capacity: 160 * grid.count)
        svg += "<g class=\"grid\" stroke=\"currentColor\" stroke-opacity=\"0.25\">\n"
        for value in grid {
            svg +=
                "<line x1=\"\(n(plotLeft))\" y1=\"\(n(y(value)))\" x2=\"\(n(plotRight))\" y2=\"\(n(y(value)))\"/>\n"
        }
        svg += "</g>\n"
        svg += "<g class=\"tick\" text-anchor=\"end\">\n"
        for value in grid {
            svg += "<text x=\"\(n(plotLeft - 6))\" y=\"\(n(y(value) + 4))\">\(n(value))%</text>\n"
        }
        svg += "</g>\n"
        return svg.bytes
    }

    /// The x position of point `index`.
    func x(_ index: Int) -> Double { Self.x(index, count: points.count) }

    /// The x position of point `index` of `count`.
    static func x(_ index: Int, count: Int) -> Double {
        guard count > 1 else { return (plotLeft + plotRight) / 2 }
        return plotLeft + Double(index) * (plotRight - plotLeft) / Double(count - 1)
    }
}

extension TrendChart {
    static let width = 480.0
    static let height = 240.0
    static let plotLeft = 48.0
    static let plotRight = 464.0
    static let plotTop = 32.0
    static let plotBottom = 212.0

    enum Series: String {
        case done, schedule
    }

    /// Which points get an x label: all of up to 7; otherwise about seven, evenly spaced,
    /// always the first and the last.
    static func tickIndices(count: Int) -> [Int] {
        // Seven labels fit the axis at full length ("10月15日", "Oct 15"); more are thinned out.
        guard count > 7 else { return Array(0..<count) }
        let step = (count - 1 + 5) / 6
        var indices = Array(stride(from: 0, to: count - 1, by: step))
        // Keep the last label clear of the one before it.
        if let previous = indices.last, count - 1 - previous < step / 2 + 1, indices.count > 1 {
            indices.removeLast()
        }
        indices.append(count - 1)
        return indices
    }

    /// The x labels that do not touch their neighbours, the first and the last always kept (a
    /// label pushed in from the edge can run into the one before it). Widths are estimated at
    /// the largest size a page may draw them (15, a phone's stylesheet), with a gap of 6.
    static func withoutOverlaps(_ labels: [(text: String, x: Double)]) -> [(text: String, x: Double)] {
        guard labels.count > 2, let first = labels.first, let last = labels.last else { return labels }
        func extent(_ label: (text: String, x: Double)) -> (left: Double, right: Double) {
            let half = SVG.estimatedWidth(of: label.text, fontSize: 15) / 2
            return (label.x - half, label.x + half)
        }
        var kept = [first]
        for label in labels.dropFirst().dropLast() {
            guard let previous = kept.last else { continue }
            if extent(label).left >= extent(previous).right + 6, extent(label).right + 6 <= extent(last).left
            {
                kept.append(label)
            }
        }
        return kept + [last]
    }

    /// Consecutive indices whose values are present: where a value is missing the line breaks.
    static func runs(of values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (index, value) in values.enumerated() {
            if let value, value.isFinite {
                current.append(index)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// A round marker for the done line, a square one for the schedule, appended piece by
    /// piece: a chart has a marker for every period of both lines.
    static func appendMarker(_ series: Series, x: Double, y: Double, to svg: inout SVGText) {
        switch series {
        case .done:
            svg += "<circle class=\"marker-done\" cx=\""
            svg.append(number: x)
            svg += "\" cy=\""
            svg.append(number: y)
            svg += "\" r=\"3.5\"/>"
        case .schedule:
            svg += "<rect class=\"marker-schedule\" x=\""
            svg.append(number: x - 3)
            svg += "\" y=\""
            svg.append(number: y - 3)
            svg += "\" width=\"6\" height=\"6\"/>"
        }
    }
}
