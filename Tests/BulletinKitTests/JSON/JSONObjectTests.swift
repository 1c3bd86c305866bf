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
        "name": "宛城区", "rate_text": "72.59%",
        "stages": [.object(JSONObject(["done": 12, "is_ranking": true]))],
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
        let document = JSONValue.object(
            JSONObject(["rows": [.object(Self.deferred(counting: calls)), .object(Self.eager)]]))
        let eagerDocument = JSONValue.object(
            JSONObject(["rows": [.object(Self.eager), .object(Self.eager)]]))
        #expect(document.jsonText() == eagerDocument.jsonText())
        #expect(document.jsonText(pretty: false) == eagerDocument.jsonText(pretty: false))
        #expect(calls.count == 2)  // once per text: its size and members come from one making
        let template = "{{#rows}}{{name}} {{rate_text}}{{#stages}} {{done}}{{/stages}};{{/rows}}"
        let parser = TemplateParser(
            file: "test", kind: .html, resolve: { _ in nil }, unknownPartialsAreErrors: true)
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

/// Computed objects read, write, compare and render as the objects of all their members, make a
/// member only when its key is looked up, and keep members appended to them after the computed ones.
struct ComputedJSONObjectTests {
    /// Members "a" … "d" made from their position, recording each position made.
    final class Letters: ComputedMembers, @unchecked Sendable {
        static let keys = MemberKeys(["a", "b", "c", "d"])
        private let lock = NSLock()
        private var madeList: [Int] = []

        init() { super.init(keys: Self.keys) }

        var made: [Int] {
            lock.lock()
            defer { lock.unlock() }
            return madeList
        }

        override func value(at index: Int) -> JSONValue {
            lock.lock()
            madeList.append(index)
            lock.unlock()
            return index == 3 ? .object(JSONObject(["inner": "深"])) : .number(Double(10 * (index + 1)))
        }
    }

    static let eager = JSONObject(["a": 10, "b": 20, "c": 30, "d": .object(JSONObject(["inner": "深"]))])

    @Test func aLookupMakesOnlyItsMember() {
        let letters = Letters()
        let object = JSONObject(computed: letters)
        #expect(object.isComputed && !object.isDeferred)
        #expect(object["c"] == 30)
        #expect(object["missing"] == nil)
        #expect(object["d"]?["inner"] == "深")
        #expect(letters.made == [2, 3])
        #expect(object.count == 4)
        #expect(letters.made == [2, 3])  // counting makes nothing
        #expect(object.keys == ["a", "b", "c", "d"])
        #expect(object == Self.eager)
        #expect(JSONValue.object(object).jsonText() == JSONValue.object(Self.eager).jsonText())
    }

    @Test func appendedMembersComeAfterAndChangingOneMakesThemAll() {
        var object = JSONObject(computed: Letters())
        object.append(newKey: "title", "入住")
        #expect(object.isComputed)
        #expect(object["title"] == "入住")
        #expect(object["a"] == 10)
        #expect(object.keys == ["a", "b", "c", "d", "title"])
        #expect(object.count == 5)
        object["b"] = "二"
        #expect(!object.isComputed)
        #expect(object.keys == ["a", "b", "c", "d", "title"])
        #expect(object["b"] == "二")
        object["c"] = nil
        #expect(object.keys == ["a", "b", "d", "title"])
    }

    @Test func aSectionMakesOnlyTheMembersItsTemplateNames() throws {
        let letters = Letters()
        let document = JSONValue.object(
            JSONObject(["rows": [.object(JSONObject(computed: letters)), .object(Self.eager)], "b": "outer"]))
        let template = "{{#rows}}{{a}} {{d.inner}} {{missing}}|{{/rows}}"
        let parser = TemplateParser(
            file: "test", kind: .html, resolve: { _ in nil }, unknownPartialsAreErrors: true)
        let set = TemplateSet(
            templates: [Template(name: "test", file: "test", kind: .html, nodes: try parser.parse(template))],
            byName: ["test": [0]], unknownPartialsAreErrors: true)
        #expect(try set.render(0, context: document) == "10 深 |10 深 |")
        #expect(letters.made == [0, 3])
    }

    @Test func aDeferredObjectMadeComputedStaysComputedInAFrame() {
        let letters = Letters()
        let deferred = JSONObject(deferred: { JSONObject(computed: letters) })
        #expect(deferred.resolved.isComputed)
        #expect(letters.made.isEmpty)
        #expect(deferred.materialized == Self.eager)
        #expect(!deferred.materialized.isComputed)
    }

    @Test func keysMayNotRepeatAndAreFoundByPosition() {
        let keys = MemberKeys(["rate_text", "rate", "gap_text"])
        #expect(keys.index(of: "rate") == 1)
        #expect(keys.index(of: "gap_text") == 2)
        #expect(keys.index(of: "rate_tex") == nil)
        #expect(keys.index(of: "") == nil)
    }
}
