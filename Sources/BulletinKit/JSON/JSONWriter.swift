import Foundation

/// Writes JSON deterministically: keys in the object's order, two-space indentation, integers
/// without a fraction, other numbers in their shortest round-tripping form.
extension JSONValue {
    /// The JSON text of this value, pretty-printed and ending without a newline.
    package func jsonText(pretty: Bool = true) -> String {
        var output: [UInt8] = []
        writeJSON(to: &output, pretty: pretty)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the UTF-8 JSON text of this value to `output`: the same bytes as `jsonText`,
    /// without making a string of them.
    func writeJSON(to output: inout [UInt8], pretty: Bool = true) {
        // The bytes are moved into the writer and back, never shared, so never copied.
        var writer = JSONTextWriter(output: [], pretty: pretty)
        swap(&writer.output, &output)
        writer.write(self, depth: 0)
        swap(&writer.output, &output)
    }

    /// `12`, `0.5`, `-3.25`: integers without a fraction, others in shortest form; non-finite as null.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// One JSON text being written: its bytes so far. Pieces are appended as bytes, not joined as
/// strings.
private struct JSONTextWriter {
    var output: [UInt8]
    /// Two-space indentation and a space after each colon, or nothing between tokens.
    let pretty: Bool

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .number(let value): writeNumber(value)
        case .string(let value): writeString(value)
        case .array(let elements):
            if elements.isEmpty {
                append("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            for index in elements.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(elements[index], depth: depth + 1)
            }
            newline(depth)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            // A deferred object's members are made once here, for its size and its members.
            let members = object.members
            if members.isEmpty {
                append("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            for index in members.indices {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                writeString(members[index].key)
                if pretty { append(": ") } else { output.append(UInt8(ascii: ":")) }
                write(members[index].value, depth: depth + 1)
            }
            newline(depth)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func append(_ text: StaticString) {
        output.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A line break and two spaces per level, when pretty-printing.
    private mutating func newline(_ depth: Int) {
        guard pretty else { return }
        let spaces = 2 * depth
        if spaces < Self.lineBreakAndSpaces.count {
            output.append(contentsOf: Self.lineBreakAndSpaces[...spaces])
            return
        }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
    }

    /// A line break and then spaces: the start of a line at any depth up to 63, in one piece.
    private static let lineBreakAndSpaces =
        [UInt8(ascii: "\n")] + [UInt8](repeating: UInt8(ascii: " "), count: 126)

    /// `JSONValue.numberText`, with integers' digits written straight into the output.
    private mutating func writeNumber(_ value: Double) {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else {
            output += JSONValue.numberText(value).utf8
            return
        }
        let integer = Int64(value)
        if integer < 0 { output.append(UInt8(ascii: "-")) }
        // At most 15 digits, found last first.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            var magnitude = integer.magnitude
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// A string in double quotes: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`
    /// or `\u00XX`, and U+2028/U+2029 as `\u2028`/`\u2029` (they end a line in JavaScript).
    private mutating func writeString(_ string: String) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Nearly every string needs no escape and is copied whole.
            if !bytes.contains(where: Self.mayNeedEscape) {
                output.append(contentsOf: bytes)
                return
            }
            // Runs of bytes that need no escape are copied whole. Every byte escaped is ASCII,
            // and U+2028/U+2029 are matched by all three of their bytes, so runs end on
            // character boundaries.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let escape: String
                var length = 1
                switch byte {
                case UInt8(ascii: "\""): escape = "\\\""
                case UInt8(ascii: "\\"): escape = "\\\\"
                case UInt8(ascii: "\n"): escape = "\\n"
                case UInt8(ascii: "\r"): escape = "\\r"
                case UInt8(ascii: "\t"): escape = "\\t"
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                default:
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                output += escape.utf8
                index += length
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `"`, `\`, a control character, or the first byte of U+2028/U+2029 (and of the other
    /// characters U+2000…U+2FFF, which the full path copies as they are).
    private static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }
}

/// Where a writer's full chunks of bytes go: kept in memory, or written to a file.
final class ChunkSink {
    private(set) var collected: [[UInt8]] = []
    private(set) var error: Error?
    private let descriptor: Int32?

    /// A sink that keeps the chunks in memory.
    init() { descriptor = nil }

    /// A sink that writes the chunks to an open file.
    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the bytes of `output` and empties it (keeping its capacity for the next chunk).
    func take(_ output: inout [UInt8]) {
        output.withUnsafeBufferPointer { take(bytes: $0) }
        output.removeAll(keepingCapacity: true)
    }

    /// Takes the UTF-8 bytes of `text`, straight from the string's own storage.
    func take(_ text: String) {
        var text = text
        text.withUTF8 { take(bytes: $0) }
    }

    private func take(bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        guard let descriptor else {
            collected.append(Array(bytes))
            return
        }
        guard error == nil else { return }
        do {
            try FileWriting.writeAll(descriptor, bytes)
        } catch {
            self.error = error
        }
    }

    /// Writes `bytes` over ones taken before, `offset` bytes from the first byte taken (a ZIP
    /// entry's header completed after its data).
    func rewrite(at offset: Int, _ bytes: [UInt8]) {
        guard let descriptor else {
            var position = 0
            for index in collected.indices {
                let chunk = collected[index].count
                for byte in bytes.indices where (position..<position + chunk).contains(offset + byte) {
                    collected[index][offset + byte - position] = bytes[byte]
                }
                position += chunk
            }
            return
        }
        guard error == nil else { return }
        do {
            try FileWriting.writeAll(descriptor, bytes, at: offset)
        } catch {
            self.error = error
        }
    }

    /// The chunks kept, as text, copied into a string made at its final size (`init()` only).
    var text: String {
        let length = collected.reduce(0) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            for piece in collected {
                piece.withUnsafeBufferPointer { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[position...]).initialize(from: bytes)
                }
                position += piece.count
            }
            return position
        }
    }
}
