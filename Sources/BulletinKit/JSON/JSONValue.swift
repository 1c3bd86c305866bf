/// A JSON document as a value: what `bulletin.json` is read into, what Mustache renders from,
/// and what `data.json` is written from. Objects keep their keys in insertion order so that
/// everything written from them is deterministic.
package enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object, or `nil` for a missing key or a value that is not an object.
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The string, when this is a string.
    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The number, when this is a number.
    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The elements, when this is an array.
    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The object, when this is an object.
    var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// A word for error messages: "a string", "an object" …
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON object whose keys keep the order in which they were inserted.
///
/// The members are one array in insertion order. Most objects of a render context are small
/// (a figures cell has under 30 members) and there are hundreds of thousands of them, so they
/// are searched from the start rather than hashed: that is faster to build, to read and to free,
/// and takes a third of the memory of an array of keys beside a dictionary. An object that grows
/// past `indexThreshold` members (labels, a configuration) also keeps positions by key.
///
/// An object may also be *deferred* (`init(deferred:)`): its members are made each time they are
/// read and let go after, so that the thousands of rows of a national bulletin are never all in
/// memory at once. Or it may be *computed* (`init(computed:)`): each member is made alone when
/// its key is looked up, so that a page that prints three of a cell's thirty members makes
/// three; members appended to it come after the computed ones.
package struct JSONObject: Equatable, Sendable {
    private var entries: [(key: String, value: JSONValue)] = []
    /// Positions in `entries` by key for objects of more than `indexThreshold` members, or how a
    /// deferred object's members are made. One optional for both keeps `JSONObject`, and so every
    /// `JSONValue`, as small as an array and a pointer.
    private var extra: Extra?

    private enum Extra: Sendable {
        case positions([String: Int])
        case deferred(Deferred)
        /// The members before `entries`, made one by one when looked up.
        case computed(ComputedMembers)
    }

    /// How a deferred object's members are made.
    private final class Deferred: Sendable {
        let make: @Sendable () -> JSONObject
        init(_ make: @escaping @Sendable () -> JSONObject) { self.make = make }
    }

    /// Up to this many members, a key is found by comparing it with each key in turn.
    static let indexThreshold = 32

    /// An empty object.
    package init() {}

    /// An empty object with room for `capacity` members, for one whose size is known.
    init(minimumCapacity capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// An object with these members, in this order; a repeated key keeps its last value in its first place.
    package init(_ members: KeyValuePairs<String, JSONValue>) {
        entries.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    /// An object with these members, whose keys the caller knows are all different (the
    /// literal keys of an object being built): nothing is searched.
    init(uniqueMembers members: [(key: String, value: JSONValue)]) {
        entries = members
        if entries.count > Self.indexThreshold { makePositions() }
    }

    /// An object whose members `make` makes each time they are read (a key looked up, the
    /// members listed, the object written or compared), without keeping them. `make` must give
    /// the same members every time. Changing the object makes its members once and keeps them.
    init(deferred make: @escaping @Sendable () -> JSONObject) {
        extra = .deferred(Deferred(make))
    }

    /// An object whose first members `computed` makes one at a time, each when its key is
    /// looked up (and all of them when the members are listed, written or compared).
    init(computed: ComputedMembers) {
        extra = .computed(computed)
    }

    /// Whether the members are made when read (`init(deferred:)`).
    var isDeferred: Bool {
        if case .deferred = extra { return true }
        return false
    }

    /// Whether some members are made one by one when looked up (`init(computed:)`).
    var isComputed: Bool {
        if case .computed = extra { return true }
        return false
    }

    /// The same object with a deferred object's members made: itself unless deferred. Worth it
    /// before reading several keys of a deferred object. Computed members stay computed.
    var resolved: JSONObject {
        if case .deferred(let deferred) = extra { return deferred.make().resolved }
        return self
    }

    /// The same object with every member made and kept: deferred and computed ones alike.
    var materialized: JSONObject {
        switch extra {
        case .deferred(let deferred): return deferred.make().materialized
        case .computed(let computed):
            var object = JSONObject()
            object.entries.reserveCapacity(computed.keys.count + entries.count)
            for (index, key) in computed.keys.keys.enumerated() {
                object.entries.append((key, computed.value(at: index)))
            }
            object.entries += entries
            if object.entries.count > Self.indexThreshold { object.makePositions() }
            return object
        default: return self
        }
    }

    /// The value for `key`; setting `nil` removes the key.
    package subscript(key: String) -> JSONValue? {
        get {
            switch extra {
            case .deferred(let deferred): return deferred.make()[key]
            case .computed(let computed):
                if let index = computed.keys.index(of: key) { return computed.value(at: index) }
                return entries.first { $0.key == key }?.value
            default: return position(of: key).map { entries[$0].value }
            }
        }
        set {
            if isComputed { self = materialized }
            resolve()
            let position = position(of: key)
            switch (position, newValue) {
            case (let position?, let newValue?): entries[position].value = newValue
            case (nil, let newValue?): append(key, newValue)
            case (let position?, nil):
                entries.remove(at: position)
                extra = nil
                if entries.count > Self.indexThreshold { makePositions() }
            case (nil, nil): break
            }
        }
    }

    /// Adds a member whose key the caller knows is not in the object yet (the literal keys of
    /// an object being built), without searching the members for it first: a render context
    /// builds millions of members.
    mutating func append(newKey key: String, _ value: JSONValue) {
        resolve()
        if case .computed(let computed) = extra {
            // After the computed members, which stay computed.
            assert(
                computed.keys.index(of: key) == nil && !entries.contains { $0.key == key },
                "\(key) is in the object already")
            entries.append((key, value))
            return
        }
        assert(position(of: key) == nil, "\(key) is in the object already")
        append(key, value)
    }

    /// Keys in insertion order.
    var keys: [String] { materialized.entries.map(\.key) }

    /// Members in insertion order.
    var members: [(key: String, value: JSONValue)] { materialized.entries }

    /// The number of members.
    var count: Int {
        switch extra {
        case .computed(let computed): computed.keys.count + entries.count
        case .deferred: resolved.count
        default: entries.count
        }
    }

    package static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        let (lhs, rhs) = (lhs.materialized.entries, rhs.materialized.entries)
        return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONObject {
    fileprivate func position(of key: String) -> Int? {
        if case .positions(let positions) = extra { return positions[key] }
        return entries.firstIndex { $0.key == key }
    }

    fileprivate mutating func append(_ key: String, _ value: JSONValue) {
        entries.append((key, value))
        if case .positions(var positions) = extra {
            // Let go of the case's copy first, so that the dictionary is changed in place.
            extra = nil
            positions[key] = entries.count - 1
            extra = .positions(positions)
        } else if entries.count > Self.indexThreshold {
            makePositions()
        }
    }

    fileprivate mutating func makePositions() {
        var positions = [String: Int](minimumCapacity: entries.count * 2)
        for (position, entry) in entries.enumerated() { positions[entry.key] = position }
        extra = .positions(positions)
    }

    /// Makes a deferred object's members and keeps them.
    fileprivate mutating func resolve() {
        if isDeferred { self = resolved }
    }
}

/// The computed members of objects of one kind (`JSONObject(computed:)`): their keys, shared,
/// and how each member is made. A subclass holds what the members are made from and overrides
/// `value(at:)`; one instance per object, the only thing allocated until a key is looked up.
class ComputedMembers: @unchecked Sendable {
    /// The keys in order, the same object for every object of the kind.
    let keys: MemberKeys

    init(keys: MemberKeys) { self.keys = keys }

    /// The member of `keys.keys[index]`.
    func value(at index: Int) -> JSONValue { .null }
}

/// The keys of a kind of computed object, in order, each different.
final class MemberKeys: Sendable {
    let keys: [String]

    init(_ keys: [String]) {
        precondition(Set(keys).count == keys.count, "a key is given twice")
        self.keys = keys
    }

    var count: Int { keys.count }

    /// The position of `key`, its length compared before its bytes; nil when it is not a key.
    func index(of key: String) -> Int? {
        let length = key.utf8.count
        return keys.withUnsafeBufferPointer { keys in
            for index in keys.indices where keys[index].utf8.count == length && keys[index] == key {
                return index
            }
            return nil
        }
    }
}

extension JSONValue {
    /// The same value with a deferred object's members made (`JSONObject.resolved`).
    var resolved: JSONValue {
        if case .object(let object) = self, object.isDeferred { return .object(object.resolved) }
        return self
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int) { self = .number(Double(value)) }
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    package init(nilLiteral: ()) { self = .null }
}
