import Foundation
import Testing

@testable import BulletinKit

/// The reproductions of the security review (issue 18), against the build: personal data a
/// ledger holds in the wrong place is described, masked or refused — never published.
@Suite struct PersonalDataLeakTests {
    static let idNumber = "11010519491231002X"  // GB 11643's own example: check character X

    /// Builds with --keep-going and returns every file written and the findings' texts.
    static func keepGoingBuild(_ dataset: TemporaryDataset) throws -> (files: [String: Data], findings: [String]) {
        let out = dataset.url.appendingPathComponent("out")
        var request = BuildJob.Request(dataset: dataset.url, out: out, templates: Repository.templates.path)
        request.keepGoing = true
        let outcome = try BuildJob.build(request)
        return (try filesBelow(out), outcome.quality.findings.map(\.description))
    }

    /// An ID number pasted into a date column, a householder's name typed into the region
    /// column, and a resident ID used twice as an id: the findings describe or mask them, and
    /// no file written holds the ID or the name.
    @Test func misplacedIDAndNameAreDescribedAndMasked() throws {
        let dataset = try BaseDataset.write {
            $0.append(line: "h7,101,1,C,2020-04-01,\(Self.idNumber)", to: "housing.csv")
            $0.append(line: "h8,欧阳修,1,C,2020-04-01,", to: "housing.csv")
            $0.append(line: "\(Self.idNumber),101,1,C,2020-04-01,", to: "housing.csv")
            $0.append(line: "\(Self.idNumber),101,1,C,2020-04-01,", to: "housing.csv")
        }
        let (files, findings) = try Self.keepGoingBuild(dataset)
        #expect(findings.contains { $0.hasPrefix("housing.csv:8:6: error: completed holds an 18-character ID-like number ending in X, which is") }, "\(findings)")
        #expect(findings.contains { $0.hasPrefix("housing.csv:9:2: error: village holds a 3-character text, which is not a region code") })
        #expect(findings.contains { $0.contains("hid \"110105********002X\" appears on an earlier line") })
        for (path, bytes) in files {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains(Self.idNumber) && !text.contains("欧阳修"), "\(path)")
        }
        for finding in findings { #expect(!finding.contains(Self.idNumber) && !finding.contains("欧阳修")) }
    }

    /// `category` pointed at the householder column: more than 64 values would publish every
    /// name on every page; it is a configuration error (exit 2) that names the key and the line.
    @Test func categoryWithManyValuesIsAConfigurationError() throws {
        let dataset = try BaseDataset.write { files in
            for index in 0..<70 {
                files.append(line: "n\(index),101,1,户主\(index),2020-04-01,", to: "housing.csv")
            }
        }
        do {
            _ = try BuildJob.check(dataset: dataset.url, asOf: nil)
            Issue.record("the build accepted 70 categories")
        } catch {
            guard case .configuration(let diagnostics) = error else {
                Issue.record("not a configuration error: \(error)")
                return
            }
            #expect(error.exitStatus == 2)
            // The base ledger holds C and D; the 63rd new value (户主62, line 8 + 62 = 70) is
            // the 65th distinct one.
            #expect(diagnostics.map(\.description) == [
                "bulletin.json: error: indicators[0].category: the column \"grade\" holds more than 64 different values (the 65th on line 70 of housing.csv); a category is a short value such as C/D or 集中/分散, and every value is published — check that it names the right column"
            ])
        }
    }

    /// `"id_check": "id-card"`: a mistyped check character is a warning that masks the ID and
    /// still counts the row.
    @Test func idCardCheckWarnsWithTheIDMasked() throws {
        let dataset = try BaseDataset.write {
            $0.replace("\"id_column\": \"hid\",", with: "\"id_column\": \"hid\", \"id_check\": \"id-card\",", in: "bulletin.json")
            $0.append(line: "110105194912310021,101,1,C,2020-04-01,", to: "housing.csv")
        }
        let bulletin = try BuildJob.check(dataset: dataset.url, asOf: nil)
        let cards = bulletin.quality.findings.filter { $0.kind == .idCard }
        // The six base ids (h1…h6) are not 18 characters: six warnings, plus the mistyped one.
        #expect(cards.count == 7)
        #expect(cards.contains { $0.location == "housing.csv:8:1" && $0.message.description.hasPrefix("hid \"110105********0021\"") })
        #expect(!bulletin.quality.hasErrors)
    }
}
