import Foundation
import Testing

@testable import BulletinKit

/// The official Mustache specification tests (`conformance/mustache/*.json`) through
/// `Mustache.render`. The folder comes from `BULLETIN_CONFORMANCE`, else `../shared/conformance`
/// beside the package; without it the tests check nothing, so the project's own tests never
/// depend on it.
@Suite struct MustacheSpecTests {
    static let coreFiles = [
        "comments.json", "delimiters.json", "interpolation.json", "inverted.json", "partials.json",
        "sections.json",
    ]

    @Test func everyCoreAndInheritanceTestPasses() throws {
        guard let folder = Self.folder() else { return }
        var passed = 0
        for file in Self.coreFiles + ["~inheritance.json"] {
            for result in try Self.run(folder.appendingPathComponent(file)) {
                if let failure = result.failure {
                    Issue.record("\(file) / \(result.name): \(failure)")
                } else {
                    passed += 1
                }
            }
        }
        // 136 core tests (12 + 14 + 42 + 22 + 12 + 34) and 27 inheritance tests.
        #expect(passed == 163)
    }

    /// The optional dynamic-names module: counted and printed, not required.
    @Test func dynamicNamesAreCounted() throws {
        guard let folder = Self.folder() else { return }
        let results = try Self.run(folder.appendingPathComponent("~dynamic-names.json"))
        let passed = results.filter { $0.failure == nil }.count
        print("Mustache ~dynamic-names.json: \(passed) of \(results.count) pass")
        for result in results { if let failure = result.failure { print("  \(result.name): \(failure)") } }
        #expect(results.count == 21)
    }

    struct Result {
        var name: String
        var failure: String?
    }

    /// Every test of one spec file, rendered and compared byte for byte.
    static func run(_ url: URL) throws -> [Result] {
        let document = try JSONValue.parse(Data(contentsOf: url))
        return try #require(document["tests"]?.arrayValue).map { test in
            let name = test["name"]?.stringValue ?? "?"
            guard let template = test["template"]?.stringValue, let expected = test["expected"]?.stringValue
            else {
                return Result(name: name, failure: "unreadable test")
            }
            var partials: [String: String] = [:]
            for member in test["partials"]?.objectValue?.members ?? [] {
                partials[member.key] = member.value.stringValue
            }
            let context = Data((test["data"] ?? .null).jsonText().utf8)
            do {
                let output = try Mustache.render(template, context: context, partials: partials)
                return Result(
                    name: name,
                    failure: output == expected
                        ? nil : "expected \(expected.debugDescription), got \(output.debugDescription)")
            } catch {
                return Result(name: name, failure: "threw \(error)")
            }
        }
    }

    static func folder() -> URL? { Conformance.file("mustache/sections.json")?.deletingLastPathComponent() }
}
