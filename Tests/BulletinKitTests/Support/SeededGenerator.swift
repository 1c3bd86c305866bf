import Foundation

/// Byte pieces that matter to a CSV reader: separators, quotes, every line ending, text in both
/// encodings, and bytes that are text in neither.
let csvPieces: [[UInt8]] = [
    Array("a".utf8), Array("1".utf8), Array("2020-10-01".utf8), Array(" ".utf8), Array("中".utf8),
    Array(",".utf8), Array("\"".utf8), Array("\"\"".utf8), Array("\r".utf8), Array("\n".utf8),
    Array("\r\n".utf8),
    [0xEF, 0xBB, 0xBF],  // byte-order mark
    [0xB8, 0xDF],  // 高 in GB18030
    [0x81, 0x30, 0x81, 0x30],  // a GB18030 four-byte code
    [0x81, 0x30],  // half of one
    [0xE4, 0xB8],  // a UTF-8 character cut short
    [0xC0, 0xAF],  // an overlong UTF-8 form
    [0xFF], [0x80], [0x00], [0x7F],
]

/// Physical lines of raw CSV bytes as an editor counts them (CR, LF and CRLF each end one),
/// each with its length in bytes.
func physicalLineLengths(_ bytes: [UInt8]) -> [Int] {
    var lengths: [Int] = []
    var current = 0
    var index = 0
    while index < bytes.count {
        let byte = bytes[index]
        if byte == 0x0A || byte == 0x0D {
            lengths.append(current)
            current = 0
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        } else {
            current += 1
        }
        index += 1
    }
    lengths.append(current)
    return lengths
}

/// `bytes` with 1…`count` random edits: a piece inserted, a byte range deleted or replaced, a
/// line repeated.
func mutate(_ bytes: [UInt8], count: Int, pieces: [[UInt8]], using generator: inout SeededGenerator)
    -> [UInt8]
{
    var bytes = bytes
    for _ in 0..<(1 + generator.below(count)) {
        let position = generator.below(bytes.count + 1)
        switch generator.below(4) {
        case 0:
            bytes.insert(contentsOf: generator.pick(pieces), at: position)
        case 1:
            let end = min(bytes.count, position + 1 + generator.below(4))
            bytes.removeSubrange(position..<end)
        case 2:
            let end = min(bytes.count, position + 1 + generator.below(3))
            bytes.replaceSubrange(position..<end, with: generator.pick(pieces))
        default:
            // Repeat the line around `position` (a duplicated row, a doubled header).
            let start = bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let end = bytes[position...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            bytes.insert(contentsOf: bytes[start..<end], at: end)
        }
    }
    return bytes
}
