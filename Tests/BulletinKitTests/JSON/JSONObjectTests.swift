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

    /// Keys are compared as Swift strings are: "é" precomposed and decomposed are one key.
    @Test func canonicallyEquivalentKeysAreOneKey() {
        var object = JSONObject()
        object["caf\u{E9}"] = 1
        object["cafe\u{301}"] = 2
        #expect(object.count == 1)
        #expect(object["caf\u{E9}"] == 2)
    }
}
