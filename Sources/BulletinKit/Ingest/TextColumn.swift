/// Many short strings kept as one UTF-8 buffer and their end offsets, each made a `String` only
/// when asked for. A national `regions.csv` has some 670,000 codes and names: as separate
/// `String`s the names alone took a heap block each, most of them never shown (village names).
struct TextColumn: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count }

    /// The text at `position`.
    subscript(position: Int) -> String {
        let start = position == 0 ? 0 : Int(ends[position - 1])
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<Int(ends[position])]), as: UTF8.self)
        }
    }

    /// Adds a text at the end.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(Int32(bytes.count))
    }
}
