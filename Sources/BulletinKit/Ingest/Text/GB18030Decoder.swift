import Foundation

/// GB18030 → UTF-8 transcoding. The mapping tables are taken once from Foundation's own
/// GB18030 decoder, so that Bulletin reads exactly what Foundation reads, but decoding runs
/// over raw buffers without making a `String` per chunk (Foundation's decoder on Linux manages
/// about 70 MB/s).
struct GB18030Decoder: Sendable {
    /// Foundation's identifier of GB18030 (kCFStringEncodingGB_18030_2000 as an NSStringEncoding).
    static let foundationEncoding = String.Encoding(rawValue: 0x8000_0632)

    /// The shared tables, built on first use.
    static let shared = GB18030Decoder()

    /// Two-byte codes, already as UTF-8: index `(lead − 0x81) × 191 + (trail − 0x40)`; the bytes
    /// from the lowest byte up and their count in the top byte; 0 where nothing is mapped.
    private let twoByte: [UInt32]
    /// Four-byte codes `81 30 81 30` … `84 31 A4 39`, in order; 0 where nothing is mapped.
    private let fourByte: [UInt16]
    /// What the lone byte 0x80 decodes to (Foundation reads it as €, as code page 936 does).
    private let byte80: UInt32

    private static let fourByteBMPCount = 39_420  // 4 × 10 × 126 × 10 codes up to 84 31 A4 39
    private static let supplementaryFirst = 189_000  // linear index of 90 30 81 30 (U+10000)

    private init() {
        var pairs: [UInt8] = []
        var pairIndices: [Int] = []
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                pairs += [UInt8(lead), UInt8(trail)]
                pairIndices.append((lead - 0x81) * 191 + (trail - 0x40))
            }
        }
        var twoByte = [UInt32](repeating: 0, count: 126 * 191)
        for (position, scalar) in Self.decodeEach(pairs, width: 2).enumerated() where scalar != 0 {
            twoByte[pairIndices[position]] = Self.packedUTF8(UInt32(scalar))
        }
        var quads: [UInt8] = []
        quads.reserveCapacity(Self.fourByteBMPCount * 4)
        for linear in 0..<Self.fourByteBMPCount {
            quads += Self.fourByteCode(linear: linear)
        }
        fourByte = Self.decodeEach(quads, width: 4)
        self.twoByte = twoByte
        byte80 = String(data: Data([0x80]), encoding: Self.foundationEncoding)?.unicodeScalars.first?.value ?? 0
    }

    /// Transcodes `source[start..<end]` to UTF-8 at `target`, which must have room for three
    /// bytes per source byte. Returns how many bytes were written and where decoding stopped.
    func decode(
        _ source: UnsafePointer<UInt8>, from start: Int, to end: Int, into target: UnsafeMutablePointer<UInt8>
    ) -> (written: Int, outcome: DecodingOutcome) {
        twoByte.withUnsafeBufferPointer { twoByte in
            var index = start
            var written = 0
            while index < end {
                // ASCII is the same in both encodings: eight bytes at a time. The whole word is
                // stored even when only its first bytes are ASCII; what follows overwrites the rest.
                // Every store stays inside the room: `written` never passes 3 × (`index` − `start`).
                if index &+ 8 <= end {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(target + written).storeBytes(of: word, as: UInt64.self)
                    let highBits = UInt64(littleEndian: word) & 0x8080_8080_8080_8080
                    if highBits == 0 {
                        index &+= 8
                        written &+= 8
                        continue
                    }
                    let asciiCount = highBits.trailingZeroBitCount &>> 3
                    index &+= asciiCount
                    written &+= asciiCount
                } else if source[index] < 0x80 {
                    target[written] = source[index]
                    written &+= 1
                    index &+= 1
                    continue
                }
                let lead = source[index]
                if lead &- 0x81 < 0x7E, index &+ 1 < end {
                    let second = source[index &+ 1]
                    if second &- 0x40 < 0xBF, second != 0x7F {
                        // Two bytes, the bulk of Chinese text: a table of ready UTF-8.
                        let utf8 = twoByte[(Int(lead) &- 0x81) &* 191 &+ Int(second) &- 0x40]
                        guard utf8 != 0 else { return (written, .invalid(at: index)) }
                        let destination = UnsafeMutableRawPointer(target + written)
                        destination.storeBytes(of: utf8.littleEndian, as: UInt32.self)
                        written &+= Int(utf8 &>> 24)
                        index &+= 2
                        continue
                    }
                }
                var scalar: UInt32 = 0
                if lead == 0x80 {
                    scalar = byte80
                } else if lead != 0xFF {
                    guard index &+ 1 < end else { return (written, .truncated(at: index)) }
                    if (0x30...0x39).contains(source[index &+ 1]) {
                        guard index &+ 3 < end else {
                            let third = index &+ 2 < end ? source[index &+ 2] : 0x81
                            let isCut = (0x81...0xFE).contains(third)
                            return (written, isCut ? .truncated(at: index) : .invalid(at: index))
                        }
                        scalar = fourByteScalar(source + index)
                    }
                }
                guard scalar != 0 else { return (written, .invalid(at: index)) }
                written &+= Self.writeUTF8(scalar, to: target + written)
                index &+= lead == 0x80 ? 1 : 4
            }
            return (written, .complete)
        }
    }

    /// The scalar of the four-byte code at `code` (its second byte a digit), or 0 if none.
    private func fourByteScalar(_ code: UnsafePointer<UInt8>) -> UInt32 {
        let (lead, second, third, fourth) = (code[0], code[1], code[2], code[3])
        guard (0x81...0xFE).contains(third), (0x30...0x39).contains(fourth) else { return 0 }
        let linear =
            ((Int(lead) &- 0x81) &* 10 &+ Int(second) &- 0x30) &* 1260
            &+ (Int(third) &- 0x81) &* 10 &+ Int(fourth) &- 0x30
        if linear < Self.fourByteBMPCount { return UInt32(fourByte[linear]) }
        if linear >= Self.supplementaryFirst, linear - Self.supplementaryFirst <= 0xF_FFFF {
            return 0x1_0000 &+ UInt32(linear &- Self.supplementaryFirst)
        }
        return 0
    }

    /// The four bytes of the four-byte code with this linear index.
    private static func fourByteCode(linear: Int) -> [UInt8] {
        [
            UInt8(0x81 + linear / 12_600), UInt8(0x30 + linear / 1260 % 10),
            UInt8(0x81 + linear / 10 % 126), UInt8(0x30 + linear % 10),
        ]
    }

    /// Decodes a run of fixed-width codes with Foundation: all at once when every code maps to
    /// one scalar, one by one otherwise. Unmapped codes give 0.
    private static func decodeEach(_ codes: [UInt8], width: Int) -> [UInt16] {
        let count = codes.count / width
        if let text = String(data: Data(codes), encoding: foundationEncoding) {
            let scalars = text.unicodeScalars.map(\.value)
            if scalars.count == count, scalars.allSatisfy({ $0 != 0 && $0 <= 0xFFFF }) {
                return scalars.map { UInt16($0) }
            }
        }
        return (0..<count).map { index in
            let code = Data(codes[index * width..<(index + 1) * width])
            guard let scalars = String(data: code, encoding: foundationEncoding)?.unicodeScalars,
                scalars.count == 1, let value = scalars.first?.value, value <= 0xFFFF
            else { return 0 }
            return UInt16(value)
        }
    }

    /// `scalar` (below U+10000) as UTF-8 in the form of the `twoByte` table.
    private static func packedUTF8(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case ..<0x80: scalar | 1 << 24
        case ..<0x800: (0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8 | 2 << 24
        default:
            (0xE0 | scalar >> 12) | (0x80 | scalar >> 6 & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16 | 3 << 24
        }
    }

    /// Writes `scalar` as UTF-8; returns the number of bytes.
    private static func writeUTF8(_ scalar: UInt32, to target: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case ..<0x80:
            target[0] = UInt8(scalar)
            return 1
        case ..<0x800:
            target[0] = UInt8(0xC0 | scalar >> 6)
            target[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case ..<0x1_0000:
            target[0] = UInt8(0xE0 | scalar >> 12)
            target[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            target[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            target[0] = UInt8(0xF0 | scalar >> 18)
            target[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            target[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            target[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
