/// Units' rates as horizontal bars with the time-progress line (SPEC §6 indicator pages, index).
///
/// The chart is an inline SVG string that scales to its container's width. Each row shows the
/// unit's name on the left and, on the right, the rate and the status word, so that colour is
/// never the only sign of status. Colours come from the page's stylesheet through classes:
///
/// | class | element |
/// |---|---|
/// | `chart chart-bar` | the `<svg>` |
/// | `grid`, `tick` | gridlines and their percentage labels |
/// | `row` | one unit's group |
/// | `label` | the unit's name |
/// | `bar status-<status>` | the bar (`status-red`, `status-complete`, …) |
/// | `value`, `status-word status-<status>` | the rate and the status word beside it |
/// | `reference`, `reference-label` | the dashed time-progress line and its label |
///
/// Without a stylesheet everything is drawn in `currentColor`, so the chart still reads.
///
/// Geometry, in viewBox units (the tests rely on it): the viewBox is 480 wide, so that text
/// stays legible when the chart shrinks to a phone's width; text is 14 high. The label column
/// is as wide as the widest label (estimated at 0.6 em an ASCII character and 1 em any other),
/// at most 140 (longer labels are cut with "…"); the value column as wide as the widest
/// "value status" text, at most 140. The plot runs from `8 + label column + 8` to
/// `480 − 8 − value column − 8`, and its axis from 0 to `max(100, largest value rounded up to
/// 10)`. Rows are 28 high starting at y = 28, with 16-high bars centred in them.
struct BarChart: Sendable {
    /// One unit's row.
    struct Bar: Sendable {
        /// The unit's name, drawn on the left (any text; it is escaped).
        var label: String
        /// The rate in percent, or `nil` when the unit has no task (no bar is drawn).
        var value: Double?
        /// The rate as printed in the bulletin, `72.59%`, or `–` for no task.
        var valueText: String
        /// The status token used in class names: `complete`, `overdue`, `red`, `yellow`,
        /// `green` or `no-task`.
        var status: String
        /// The status word drawn beside the value (`红`, `red`).
        var statusText: String
        /// The unit's own time progress in percent where it differs from the chart's line (a
        /// deadline from `targets.csv`): drawn as a short solid mark across its own bar, so the
        /// bar is read against its own window. `ownReferenceText` is the mark's tooltip.
        var ownReference: Double?
        var ownReferenceText: String

        /// A row for `label` with its rate and status.
        init(
            label: String, value: Double?, valueText: String, status: String, statusText: String,
            ownReference: Double? = nil, ownReferenceText: String = ""
        ) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.status = status
            self.statusText = statusText
            self.ownReference = ownReference
            self.ownReferenceText = ownReferenceText
        }
    }

    /// Prefix of the element ids (`ID-title`, `ID-desc`); reduced to `[A-Za-z0-9_-]`.
    var id: String
    /// The chart's accessible name.
    var title: String
    /// The text alternative: one sentence saying what the chart shows.
    var summary: String
    /// The rows, top to bottom.
    var bars: [Bar]
    /// Time progress (时序进度) in percent, drawn as a dashed vertical line; `nil` for none.
    var reference: Double?
    /// The line's label, `时序进度 93.47%`.
    var referenceLabel: String

    /// A bar chart; `svg()` draws it.
    init(
        id: String, title: String, summary: String, bars: [Bar], reference: Double? = nil,
        referenceLabel: String = ""
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.bars = bars
        self.reference = reference
        self.referenceLabel = referenceLabel
    }

    /// The chart as an `<svg>` element, ready to insert unescaped into an HTML page.
    func svg() -> String {
        let layout = Layout(self)
        let id = SVG.identifier(self.id)
        let n = SVG.number
        var lines: [String] = []
        lines.append(
            "<svg class=\"chart chart-bar\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" "
                + "viewBox=\"0 0 \(n(Layout.width)) \(n(layout.height))\" width=\"100%\" "
                + "font-size=\"\(n(Layout.fontSize))\" fill=\"currentColor\">")
        lines.append("<title id=\"\(id)-title\">\(SVG.escape(title))</title>")
        lines.append("<desc id=\"\(id)-desc\">\(SVG.escape(summary))</desc>")

        // Gridlines with their labels under the plot.
        lines.append("<g class=\"grid\" stroke=\"currentColor\" stroke-opacity=\"0.25\">")
        for value in layout.grid {
            let x = n(layout.x(for: value))
            lines.append(
                "<line x1=\"\(x)\" y1=\"\(n(Layout.top))\" x2=\"\(x)\" y2=\"\(n(layout.plotBottom))\"/>")
        }
        lines.append("</g>")
        lines.append("<g class=\"tick\" font-size=\"12\" text-anchor=\"middle\">")
        for value in layout.grid {
            lines.append(
                "<text x=\"\(n(layout.x(for: value)))\" y=\"\(n(layout.plotBottom + 18))\">\(n(value))%</text>")
        }
        lines.append("</g>")

        for (index, bar) in bars.enumerated() {
            let rowTop = Layout.top + Double(index) * Layout.rowHeight
            let baseline = rowTop + Layout.rowHeight / 2 + Layout.fontSize * 0.35
            let status = SVG.token(bar.status)
            lines.append("<g class=\"row\">")
            let label = SVG.truncate(bar.label, toWidth: Layout.maximumLabelWidth, fontSize: Layout.fontSize)
            lines.append(
                "<text class=\"label\" x=\"\(n(layout.plotLeft - Layout.gap))\" y=\"\(n(baseline))\" "
                    + "text-anchor=\"end\">\(SVG.escape(label))</text>")
            if let value = bar.value, value.isFinite {
                let width = layout.x(for: max(0, value)) - layout.plotLeft
                lines.append(
                    "<rect class=\"bar status-\(status)\" x=\"\(n(layout.plotLeft))\" "
                        + "y=\"\(n(rowTop + (Layout.rowHeight - Layout.barHeight) / 2))\" "
                        + "width=\"\(n(width))\" height=\"\(n(Layout.barHeight))\"/>")
            }
            if let own = bar.ownReference, own.isFinite {
                let x = n(layout.x(for: max(0, own)))
                lines.append(
                    "<line class=\"own-reference\" x1=\"\(x)\" y1=\"\(n(rowTop + 2))\" x2=\"\(x)\" "
                        + "y2=\"\(n(rowTop + Layout.rowHeight - 2))\" stroke=\"currentColor\" stroke-width=\"3\">"
                        + "<title>\(SVG.escape(bar.ownReferenceText))</title></line>")
            }
            let valueText = Self.valueText(of: bar)
            let statusText = SVG.truncate(
                bar.statusText,
                toWidth: Layout.maximumValueWidth - SVG.estimatedWidth(of: valueText + " ", fontSize: Layout.fontSize),
                fontSize: Layout.fontSize)
            lines.append(
                "<text class=\"value\" x=\"\(n(layout.plotRight + Layout.gap))\" y=\"\(n(baseline))\">"
                    + "\(SVG.escape(valueText)) "
                    + "<tspan class=\"status-word status-\(status)\">\(SVG.escape(statusText))</tspan></text>")
            lines.append("</g>")
        }

        if let reference, reference.isFinite {
            let x = layout.x(for: max(0, reference))
            lines.append(
                "<line class=\"reference\" x1=\"\(n(x))\" y1=\"\(n(Layout.top - 6))\" x2=\"\(n(x))\" "
                    + "y2=\"\(n(layout.plotBottom))\" stroke=\"currentColor\" stroke-width=\"2\" "
                    + "stroke-dasharray=\"6 4\"/>")
            if !referenceLabel.isEmpty {
                let text = SVG.truncate(referenceLabel, toWidth: Layout.width - 16, fontSize: 12)
                let half = SVG.estimatedWidth(of: text, fontSize: 12) / 2
                let labelX = min(max(x, 8 + half), Layout.width - 8 - half)
                lines.append(
                    "<text class=\"reference-label\" x=\"\(n(labelX))\" y=\"16\" font-size=\"12\" "
                        + "text-anchor=\"middle\">\(SVG.escape(text))</text>")
            }
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }
}

extension BarChart {
    /// Where everything goes; see the type's documentation.
    struct Layout {
        static let width = 480.0
        static let fontSize = 14.0
        static let margin = 8.0
        static let gap = 8.0
        static let maximumLabelWidth = 140.0
        static let maximumValueWidth = 140.0
        static let top = 28.0
        static let rowHeight = 28.0
        static let barHeight = 16.0

        let labelWidth: Double
        let valueWidth: Double
        let maximum: Double
        let rows: Int

        init(_ chart: BarChart) {
            labelWidth = min(
                chart.bars.map { SVG.estimatedWidth(of: $0.label, fontSize: Self.fontSize) }.max() ?? 0,
                Self.maximumLabelWidth)
            valueWidth = min(
                chart.bars.map {
                    SVG.estimatedWidth(of: "\(BarChart.valueText(of: $0)) \($0.statusText)", fontSize: Self.fontSize)
                }.max() ?? 0,
                Self.maximumValueWidth)
            maximum = SVG.axisMaximum(for: chart.bars.compactMap(\.value) + [chart.reference ?? 0])
            rows = chart.bars.count
        }

        var plotLeft: Double { Self.margin + labelWidth + Self.gap }
        var plotRight: Double { Self.width - Self.margin - valueWidth - Self.gap }
        var plotBottom: Double { Self.top + Double(rows) * Self.rowHeight }
        var height: Double { plotBottom + 28 }
        var grid: [Double] { SVG.gridValues(upTo: maximum) }

        /// The x position of `percent` on the axis.
        func x(for percent: Double) -> Double {
            plotLeft + min(percent, maximum) / maximum * (plotRight - plotLeft)
        }
    }

    /// What the row shows on the right: the caller's text, or `–` for a row without a task
    /// whose text is empty.
    static func valueText(of bar: Bar) -> String {
        bar.value == nil && bar.valueText.isEmpty ? "–" : bar.valueText
    }
}
