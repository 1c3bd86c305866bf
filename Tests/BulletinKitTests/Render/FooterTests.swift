import Foundation
import Testing

@testable import BulletinKit

/// The visible footer carries no product name; the page still says what made it, in
/// `<meta name="generator">` (issue 17: an official's attachment names no software).
struct FooterTests {
    @Test(arguments: ["zh-Hans", "zh-Hant", "en"])
    func theFooterNamesNoProduct(locale: String) throws {
        let dataset = try TemporaryFolder()
        try StarterDataset.write(to: dataset.url)
        let out = try TemporaryFolder()
        let target = out.url.appendingPathComponent("out")
        _ = try BuildJob.build(
            BuildJob.Request(
                dataset: dataset.url, out: target, templates: Repository.templates.path, locale: locale))
        let page = try String(contentsOf: target.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("<meta name=\"generator\" content=\"Bulletin\">"))
        let footer = try #require(page.components(separatedBy: "<footer").last)
        #expect(!footer.contains("Bulletin"))
    }
}
