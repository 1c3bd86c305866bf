/// Compact JSON written value by value and handed to a sink in chunks, for `data.json`
/// (`DataModel`): no indentation, since a national model is mostly short numbers and
/// indentation would add a third to it, and no `JSONValue` tree of the whole file in memory.
/// Commas are placed from a stack of "first member yet?" flags, one per open object or array;
/// strings are escaped as `JSONValue` writes them.
struct CompactJSONWriter {
    private var output: [UInt8] = []
    private let sink: ChunkSink
    private let chunkSize: Int
    private var isFirst: [Bool] = []
    /// The next value follows a key: no comma before it.
    private var afterKey = false

    init(sink: ChunkSink, chunkSize: Int) {
        self.sink = sink
        self.chunkSize = chunkSize
        output.reserveCapacity(min(chunkSize, 1 << 20) + 4096)
    }

    /// An object whose members `body` writes.
    mutating func object(_ body: (inout CompactJSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// An array whose elements `body` writes.
    mutating func array(_ body: (inout CompactJSONWriter) -> Void) {
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    /// A member of the object being written: its key, then the value `body` writes.
    mutating func member(_ key: String, _ body: (inout CompactJSONWriter) -> Void) {
        separate()
        JSONValue.string(key).writeJSON(to: &output, pretty: false)
        output.append(UInt8(ascii: ":"))
        afterKey = true
        body(&self)
    }

    /// A string, escaped.
    mutating func string(_ value: String) {
        separate()
        JSONValue.string(value).writeJSON(to: &output, pretty: false)
    }

    /// The string, or null.
    mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    /// The integer, or null.
    mutating func integer(_ value: Int?) {
        guard let value else { return null() }
        integer(value)
    }

    /// `null`.
    mutating func null() {
        separate()
        output += "null".utf8
    }

    /// An integer.
    mutating func integer(_ value: Int) {
        separate()
        output += String(value).utf8
    }

    /// A number written as it is: `text` must be a JSON number.
    mutating func number(text: some Sequence<UInt8>) {
        separate()
        output += text
    }

    /// Hands over what is left and ends the file with a newline.
    mutating func finish() {
        output.append(UInt8(ascii: "\n"))
        sink.take(&output)
    }

    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = isFirst.indices.last else { return }
        if !isFirst[last] { output.append(UInt8(ascii: ",")) }
        isFirst[last] = false
    }

    private mutating func open(_ bracket: UInt8) {
        separate()
        output.append(bracket)
        isFirst.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        isFirst.removeLast()
        output.append(bracket)
        if output.count >= chunkSize { sink.take(&output) }
    }
}
