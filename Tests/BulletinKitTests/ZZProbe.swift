import Foundation
import Testing
@testable import BulletinKit

@Test func zzProbe() throws {
    let bulletin = try BuildJob.check(dataset: URL(fileURLWithPath: "/work/main/examples/nanyang"), asOf: nil)
    for f in bulletin.quality.sortedFindings.prefix(30) { print(f) }
    print("errors", bulletin.quality.errorCount, "warnings", bulletin.quality.warningCount)
    try SummaryCSV.make(bulletin).write(toFile: "/tmp/probe/summary.csv", atomically: true, encoding: .utf8)
}
