/// A JSON document as a value: what `bulletin.json` is read into, what Mustache renders from,
/// and what `data.json` is written from. Objects keep their keys in insertion order so that
/// everything written from them is deterministic.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object, or `nil` for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The number, when this is a number.
    public var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// A word for error messages: "a string", "an object" …
    public var kindDescription: String {
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
public struct JSONObject: Equatable, Sendable {
    private var entries: [(key: String, value: JSONValue)] = []
    /// Positions in `entries` by key, only for objects of more than `indexThreshold` members.
    private var positions: [String: Int]?

    /// Up to this many members, a key is found by comparing it with each key in turn.
    static let indexThreshold = 32

    /// An empty object.
    public init() {}

    /// An empty object with room for `capacity` members, for one whose size is known.
    public init(minimumCapacity capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// An object with these members, in this order; a repeated key keeps its last value in its first place.
    public init(_ members: KeyValuePairs<String, JSONValue>) {
        entries.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    /// The value for `key`; setting `nil` removes the key.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { entries[$0].value } }
        set {
            let position = position(of: key)
            switch (position, newValue) {
            case (let position?, let newValue?): entries[position].value = newValue
            case (nil, let newValue?): append(key, newValue)
            case (let position?, nil):
                entries.remove(at: position)
                positions = nil
                if entries.count > Self.indexThreshold { makePositions() }
            case (nil, nil): break
            }
        }
    }

    /// Adds a member whose key the caller knows is not in the object yet (the literal keys of
    /// an object being built), without searching the members for it first: a render context
    /// builds millions of members.
    mutating func append(newKey key: String, _ value: JSONValue) {
        assert(position(of: key) == nil, "\(key) is in the object already")
        append(key, value)
    }

    /// Keys in insertion order.
    public var keys: [String] { entries.map(\.key) }

    /// Members in insertion order.
    public var members: [(key: String, value: JSONValue)] { entries }

    /// The number of members.
    public var count: Int { entries.count }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONObject {
    fileprivate func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return entries.firstIndex { $0.key == key }
    }

    fileprivate mutating func append(_ key: String, _ value: JSONValue) {
        entries.append((key, value))
        if positions != nil {
            positions?[key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            makePositions()
        }
    }

    fileprivate mutating func makePositions() {
        var positions = [String: Int](minimumCapacity: entries.count * 2)
        for (position, entry) in entries.enumerated() { positions[entry.key] = position }
        self.positions = positions
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}
