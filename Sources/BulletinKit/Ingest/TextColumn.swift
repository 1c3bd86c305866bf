/// Many short strings kept as one UTF-8 buffer and their end offsets, each made a `String` only
/// when asked for. A national `regions.csv` has some 670,000 codes and names: as separate
/// `String`s the names alone took a heap block each, most of them never shown (village names).
struct TextColumn: RandomAccessCollection, Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []

    init() {}

    /// The bytes of all the texts.
    var byteCount: Int { bytes.count }

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
        text.withUTF8 { append(utf8: $0) }
    }

    /// Adds a text at the end from its UTF-8 bytes, which must be valid UTF-8.
    mutating func append(utf8 text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
        ends.append(Int32(bytes.count))
    }

    /// Makes room for `count` texts of `byteCount` bytes in all, before they are added.
    mutating func reserveCapacity(count: Int, byteCount: Int) {
        ends.reserveCapacity(count)
        bytes.reserveCapacity(byteCount)
    }
}
