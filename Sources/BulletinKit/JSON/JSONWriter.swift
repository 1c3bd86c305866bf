import Foundation

/// Writes JSON deterministically: keys in the object's order, two-space indentation, integers
/// without a fraction, other numbers in their shortest round-tripping form.
extension JSONValue {
    /// The JSON text of this value, pretty-printed and ending without a newline.
    public func jsonText(pretty: Bool = true) -> String {
        var output: [UInt8] = []
        writeJSON(to: &output, pretty: pretty)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the UTF-8 JSON text of this value to `output`: the same bytes as `jsonText`,
    /// without making a string of them.
    func writeJSON(to output: inout [UInt8], pretty: Bool = true) {
        var chunks: ChunkSink? = nil
        write(to: &output, indent: pretty ? 0 : nil, chunks: &chunks)
    }

    /// The pretty-printed text and a final newline, as a file holds it (`data.json`).
    ///
    /// A file of hundreds of megabytes is written in chunks of about `chunkSize` bytes and then
    /// copied into a string made at its final size, so it is held at most twice while it is
    /// made (chunks, then string) rather than also in a buffer grown to up to twice its size.
    func jsonFileText(chunkSize: Int = 1 << 20) -> String {
        let sink = ChunkSink()
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize)
        var chunks: ChunkSink? = sink
        write(to: &output, indent: 0, chunks: &chunks, chunkSize: chunkSize)
        output.append(UInt8(ascii: "\n"))
        let pieces = sink.collected + [output]
        let length = pieces.reduce(0) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            for piece in pieces {
                piece.withUnsafeBufferPointer { bytes in
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[position...]).initialize(from: bytes)
                }
                position += piece.count
            }
            return position
        }
    }

    /// Writes the text of `jsonFileText()` into a new file at `path`, a chunk at a time: the
    /// whole text of a national `data.json` (hundreds of megabytes) is never held.
    func writeJSONFile(atPath path: String, chunkSize: Int = 1 << 20) throws {
        let descriptor = try FileWriting.create(path)
        defer { close(descriptor) }
        let sink = ChunkSink(descriptor: descriptor)
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize)
        var chunks: ChunkSink? = sink
        write(to: &output, indent: 0, chunks: &chunks, chunkSize: chunkSize)
        output.append(UInt8(ascii: "\n"))
        sink.take(&output)
        if let error = sink.error { throw error }
    }

    /// Writes into `output`; with `chunks`, moves what is written into a new chunk each time
    /// there are `chunkSize` bytes or more, between members and elements.
    private func write(
        to output: inout [UInt8], indent: Int?, chunks: inout ChunkSink?, chunkSize: Int = .max
    ) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .number(let value): output += JSONValue.numberText(value).utf8
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let elements):
            if elements.isEmpty {
                output += "[]".utf8
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent.map { $0 + 1 })
                element.write(
                    to: &output, indent: indent.map { $0 + 1 }, chunks: &chunks, chunkSize: chunkSize)
                Self.moveFullChunk(&output, to: &chunks, chunkSize: chunkSize)
            }
            newline(&output, indent)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            // A deferred object's members are made once here, for its size and its members.
            let object = object.resolved
            if object.count == 0 {
                output += "{}".utf8
                return
            }
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(&output, indent.map { $0 + 1 })
                JSONValue.writeString(member.key, to: &output)
                output += (indent == nil ? ":" : ": ").utf8
                member.value.write(
                    to: &output, indent: indent.map { $0 + 1 }, chunks: &chunks, chunkSize: chunkSize)
                Self.moveFullChunk(&output, to: &chunks, chunkSize: chunkSize)
            }
            newline(&output, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Hands `output` to the sink once it holds `chunkSize` bytes, and empties it (keeping its
    /// capacity for the next chunk).
    private static func moveFullChunk(_ output: inout [UInt8], to chunks: inout ChunkSink?, chunkSize: Int) {
        guard output.count >= chunkSize, let sink = chunks else { return }
        sink.take(&output)
    }

    private func newline(_ output: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// `12`, `0.5`, `-3.25`: integers without a fraction, others in shortest form; non-finite as null.
    static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A string in double quotes: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`
    /// or `\u00XX`, and U+2028/U+2029 as `\u2028`/`\u2029` (they end a line in JavaScript).
    private static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
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
}

/// Where the JSON writer's full chunks go: kept in memory, or written to a file.
final class ChunkSink {
    private(set) var collected: [[UInt8]] = []
    private(set) var error: Error?
    private let descriptor: Int32?

    /// A sink that keeps the chunks in memory.
    init() { descriptor = nil }
    /// A sink that writes the chunks to an open file.

    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Takes the bytes of `output` and empties it.
    func take(_ output: inout [UInt8]) {
        defer { output.removeAll(keepingCapacity: true) }
        guard let descriptor else {
            collected.append(output.withUnsafeBufferPointer { Array($0) })
            return
        }
        guard error == nil else { return }
        do {
            try output.withUnsafeBufferPointer { try FileWriting.writeAll(descriptor, $0) }
        } catch {
            self.error = error
        }
    }
}
