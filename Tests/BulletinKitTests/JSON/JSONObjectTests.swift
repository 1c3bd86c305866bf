import Foundation
import Testing

@testable import BulletinKit

/// Objects keep insertion order, whether found by searching (small) or by their index (large).
struct JSONObjectTests {
    @Test(arguments: [3, JSONObject.indexThreshold, JSONObject.indexThreshold + 1, 100])
    func keysKeepInsertionOrderAndReplacingKeepsThePlace(count: Int) {
        var object = JSONObject()
        for index in 0..<count { object["k\(index)"] = .number(Double(index)) }
        object["k1"] = "one"
        #expect(object.keys == (0..<count).map { "k\($0)" })
        #expect(object["k1"] == "one")
        #expect(object["k\(count - 1)"] == .number(Double(count - 1)))
        #expect(object["missing"] == nil)
        #expect(object.count == count)
    }

    @Test(arguments: [5, 40])
    func removingAKeyClosesTheGapAndLaterKeysAreStillFound(count: Int) {
        var object = JSONObject()
        for index in 0..<count { object["k\(index)"] = .number(Double(index)) }
        object["k0"] = nil
        object["absent"] = nil
        #expect(object.keys == (1..<count).map { "k\($0)" })
        #expect(object["k\(count - 1)"] == .number(Double(count - 1)))
        object["k0"] = true
        #expect(object.keys.last == "k0")
    }

    @Test func appendingANewKeyMatchesSettingIt() {
        var appended = JSONObject(minimumCapacity: 2)
        appended.append(newKey: "b", 1)
        appended.append(newKey: "a", "x")
        #expect(appended == JSONObject(["b": 1, "a": "x"]))
        #expect(appended != JSONObject(["a": "x", "b": 1]))
    }

    @Test(arguments: [3, JSONObject.indexThreshold + 8])
    func uniqueMembersMakeTheSameObjectAsSettingThem(count: Int) {
        let members = (0..<count).map { (key: "k\($0)", value: JSONValue.number(Double($0))) }
        var set = JSONObject()
        for member in members { set[member.key] = member.value }
        let object = JSONObject(uniqueMembers: members)
        #expect(object == set)
        #expect(object["k\(count - 1)"] == .number(Double(count - 1)))
        #expect(object.keys == set.keys)
    }

    /// Keys are compared as Swift strings are: "é" precomposed and decomposed are one key.
    @Test func canonicallyEquivalentKeysAreOneKey() {
        var object = JSONObject()
        object["caf\u{E9}"] = 1
        object["cafe\u{301}"] = 2
        #expect(object.count == 1)
        #expect(object["caf\u{E9}"] == 2)
    }
}

/// Deferred objects read, write, compare and render as the objects their maker makes, make their
/// members on every read without keeping them, and keep them once changed.
struct DeferredJSONObjectTests {
    /// Counts the calls of a maker from any thread.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() {
            lock.lock()
            value += 1
            lock.unlock()
        }
        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return value
        }
    }

    static let eager = JSONObject([
        "name": "宛城区", "rate_text": "72.59%", "stages": [.object(JSONObject(["done": 12, "is_ranking": true]))],
        "rank": nil,
    ])

    static func deferred(counting calls: Calls) -> JSONObject {
        JSONObject(deferred: {
            calls.add()
            return eager
        })
    }

    @Test func readsAsItsMembers() {
        let calls = Calls()
        let object = Self.deferred(counting: calls)
        #expect(object.isDeferred)
        #expect(object["rate_text"] == "72.59%")
        #expect(object["missing"] == nil)
        #expect(object.keys == ["name", "rate_text", "stages", "rank"])
        #expect(object.count == 4)
        #expect(object == Self.eager)
        #expect(Self.eager == object)
        // Every read made the members again: nothing was kept.
        #expect(calls.count == 6)
    }

    @Test func writesAndRendersAsItsMembers() throws {
        let calls = Calls()
        let document = JSONValue.object(JSONObject(["rows": [.object(Self.deferred(counting: calls)), .object(Self.eager)]]))
        let eagerDocument = JSONValue.object(JSONObject(["rows": [.object(Self.eager), .object(Self.eager)]]))
        #expect(document.jsonText() == eagerDocument.jsonText())
        #expect(document.jsonText(pretty: false) == eagerDocument.jsonText(pretty: false))
        #expect(calls.count == 2)  // once per text: its size and members come from one making
        let template = "{{#rows}}{{name}} {{rate_text}}{{#stages}} {{done}}{{/stages}};{{/rows}}"
        let parser = TemplateParser(file: "test", kind: .html, resolve: { _ in nil }, unknownPartialsAreErrors: true)
        let set = TemplateSet(
            templates: [Template(name: "test", file: "test", kind: .html, nodes: try parser.parse(template))],
            byName: ["test": [0]], unknownPartialsAreErrors: true)
        #expect(try set.render(0, context: document) == "宛城区 72.59% 12;宛城区 72.59% 12;")
        // A section makes the members once for all its lookups.
        #expect(calls.count == 3)
    }

    @Test func changingItKeepsItsMembers() {
        let calls = Calls()
        var object = Self.deferred(counting: calls)
        object["href"] = "units/411302.html"
        #expect(!object.isDeferred)
        #expect(object.keys == ["name", "rate_text", "stages", "rank", "href"])
        #expect(object["name"] == "宛城区")
        #expect(calls.count == 1)
        var appended = Self.deferred(counting: calls)
        appended.append(newKey: "title", "入住")
        #expect(appended.keys.last == "title")
        #expect(calls.count == 2)
    }

    /// A deferred object is no larger than an eager one: a value stays three words.
    @Test func valuesStayThreeWordsApart() {
        #expect(MemoryLayout<JSONValue>.stride == 24)
    }
}
