import Foundation
import Testing

@testable import BulletinKit

/// The shared CSV conformance cases (`conformance/csv/cases.json`) through `CSV.parse`. The
/// folder comes from `BULLETIN_CONFORMANCE`, else `../shared/conformance` beside the package;
/// without it the test checks nothing, so the project's own tests never depend on it.
@Suite struct CSVConformanceTests {
    @Test func everySharedCaseParsesAsExpected() throws {
        guard let url = Self.casesFile() else { return }
        let cases = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        #expect(cases.count == 95)
        for entry in cases {
            let name = "\(entry["suite"] ?? "?") / \(entry["name"] ?? "?")"
            guard let base64 = entry["input_base64"] as? String, let input = Data(base64Encoded: base64)
            else {
                Issue.record("\(name): input_base64 is missing or not base64")
                continue
            }
            let result = Result { try CSV.parse(input) }
            switch (entry["expect"], result) {
            case (let expected as [[String]], .success(let records)):
                if records != expected { Issue.record("\(name): expected \(expected), got \(records)") }
            case (let expected as [[String]], .failure(let error)):
                Issue.record("\(name): expected \(expected), got error \(error)")
            case (let expected as String, .success(let records)) where expected == "error":
                Issue.record("\(name): expected an error, got \(records)")
            case (let expected as String, .failure(let error)) where expected == "error":
                #expect(error is CSVError, "\(name)")
            default:
                Issue.record("\(name): unreadable expectation")
            }
        }
    }

    static func casesFile() -> URL? { Conformance.file("csv/cases.json") }
}
