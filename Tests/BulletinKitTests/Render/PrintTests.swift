import Foundation
import Testing

@testable import BulletinKit

/// What the printed attachment relies on, checked in the stylesheet and the page (the page count
/// itself is checked by printing with Chromium, which `swift test` does not run): no text in
/// print under 8 pt, the running header in the body's font, and the index's per-indicator
/// tables for paper.
struct PrintTests {
    @Test func noPrintTextIsSmallerThanEightPoints() throws {
        let css = try String(
            contentsOf: Repository.templates.appendingPathComponent("style.css"), encoding: .utf8)
        var rest = Substring(css)
        var sizes: [Double] = []
        while let range = rest.range(of: "font-size:") {
            let value = rest[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "." }
            let unit = rest[range.upperBound...].drop { $0 == " " }.dropFirst(value.count).prefix(2)
            if unit == "pt", let size = Double(value) { sizes.append(size) }
            rest = rest[range.upperBound...]
        }
        #expect(!sizes.isEmpty)
        #expect(sizes.allSatisfy { $0 >= 8 }, "\(sizes)")
    }

    @Test func theRunningHeaderUsesTheBodyFont() {
        let href = PrintStylesheet.href(title: "南阳市通报", asOf: "截至 2020年10月15日")
        let css = href.removingPercentEncoding ?? ""
        // Every margin box (title, date, page number) names the font.
        #expect(css.components(separatedBy: "font-family:system-ui").count - 1 == 3)
    }

    @Test func theIndexPrintsOneTableAnIndicatorWithTenColumns() throws {
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: Repository.example("nanyang"), out: target, templates: Repository.templates.path))
        let index = try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8)
        let tables = index.components(separatedBy: "<table class=\"print-table\">").dropFirst()
        #expect(tables.count == 4)
        for table in tables {
            let head = table.components(separatedBy: "</thead>")[0]
            #expect(head.components(separatedBy: "<th scope=\"col\"").count - 1 == 10)
        }
    }
}
