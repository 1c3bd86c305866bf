/// A raw DEFLATE (RFC 1951) decoder that is resumable on output: the compressed stream is all in
/// memory (usually a mapped file), and the caller pulls the inflated bytes in chunks of any size,
/// so a sheet of hundreds of megabytes never sits in memory at once.
///
/// It inflates into a window of its own that keeps the last 32 KiB (the farthest a match may
/// reach back) and hands the bytes out from there; when the window fills, the last 32 KiB slide
/// to its start. Every malformed stream ends in a `ContainerError`; after one, every further
/// read throws it again.
final class Inflater {
    /// The farthest back a match may reach.
    static let history = 32 * 1024
    /// Where inflated bytes go: `history` bytes kept from before plus room for fresh output.
    static let windowSize = history + 256 * 1024
    /// Beyond this, a symbol is not decoded: a match (at most 258 bytes, copied eight bytes at a
    /// time so up to 7 more) must still fit in the window.
    static let outputLimit = windowSize - 258 - 8

    let window: UnsafeMutablePointer<UInt8>
    /// Decoding tables, reused by every block: literal/length (10-bit primary), distance (8-bit).
    let literalTable: HuffmanTable
    let distanceTable: HuffmanTable
    /// Whether the tables hold the fixed code, so consecutive fixed blocks do not rebuild them.
    var tablesAreFixed = false

    // The state saved between reads.
    enum Phase {
        case blockHeader
        case stored(remaining: Int)
        case huffman, finished
    }
    var phase = Phase.blockHeader
    var sawFinalBlock = false
    var failure: ContainerError?
    /// The `BitReader`'s state between reads.
    var position = 0
    var buffer: UInt64 = 0
    var bitCount = 0
    /// Window bytes written, and of those handed out.
    var windowEnd = 0
    var windowDelivered = 0

    init() {
        window = .allocate(capacity: Self.windowSize)
        // 10-bit primary: 1,024 entries plus at most 310 of sub-tables for a complete 15-bit code
        // over 286 symbols (zlib's `enough 286 10 15` gives 1,332 in all); 8-bit distance tables
        // need at most 402 over 30 symbols. The builder still checks against these capacities.
        literalTable = HuffmanTable(entries: .allocate(capacity: 1_536), capacity: 1_536, primaryBits: 10)
        distanceTable = HuffmanTable(entries: .allocate(capacity: 768), capacity: 768, primaryBits: 8)
    }

    deinit {
        window.deallocate()
        literalTable.entries.deallocate()
        distanceTable.entries.deallocate()
    }

    /// Inflates up to `output.count` bytes of the stream `input` into `output` and returns how
    /// many; 0 only at the end of the stream (or for an empty `output`). `input` must be the same
    /// bytes on every call.
    func read(into output: UnsafeMutableBufferPointer<UInt8>, from input: UnsafeBufferPointer<UInt8>)
        throws(ContainerError) -> Int
    {
        if let failure { throw failure }
        guard let target = output.baseAddress else { return 0 }
        guard let bytes = input.baseAddress else {
            failure = .streamEndsEarly
            throw .streamEndsEarly
        }
        var reader = BitReader(
            input: bytes, count: input.count, position: position, buffer: buffer, bitCount: bitCount)
        defer { (position, buffer, bitCount) = (reader.position, reader.buffer, reader.bitCount) }
        var written = 0
        do {
            while written < output.count {
                if windowDelivered < windowEnd {
                    let count = min(output.count - written, windowEnd - windowDelivered)
                    (target + written).update(from: window + windowDelivered, count: count)
                    written += count
                    windowDelivered += count
                    continue
                }
                if case .finished = phase { break }
                if windowEnd > Self.outputLimit { slideWindow() }
                try inflateIntoWindow(&reader)
            }
        } catch {
            failure = error
            throw error
        }
        return written
    }

    /// Keeps the last `history` bytes, at the window's start.
    private func slideWindow() {
        let keep = min(windowEnd, Self.history)
        window.update(from: window + (windowEnd - keep), count: keep)
        windowEnd = keep
        windowDelivered = keep
    }

    /// Decodes blocks into the window until it is nearly full or the stream ends.
    private func inflateIntoWindow(_ reader: inout BitReader) throws(ContainerError) {
        while windowEnd <= Self.outputLimit {
            switch phase {
            case .finished:
                return
            case .blockHeader:
                if sawFinalBlock {
                    phase = .finished
                    return
                }
                try readBlockHeader(&reader)
            case .stored(let remaining):
                phase = try copyStored(&reader, remaining: remaining)
            case .huffman:
                if try decodeHuffmanBlock(&reader) { phase = .blockHeader }
            }
        }
    }

    /// Reads BFINAL and BTYPE and what follows them up to the block's data.
    private func readBlockHeader(_ reader: inout BitReader) throws(ContainerError) {
        let header = try reader.bits(3)
        sawFinalBlock = header & 1 == 1
        switch header >> 1 {
        case 0:
            // Stored: skip to a byte boundary, then LEN and its complement NLEN.
            try reader.drop(reader.bitCount & 7)
            let length = try reader.bits(16)
            let complement = try reader.bits(16)
            guard length == ~complement & 0xFFFF else {
                throw .damagedStream("stored block length \(length) does not match its complement")
            }
            reader.returnWholeBytes()
            phase = .stored(remaining: Int(length))
        case 1:
            if !tablesAreFixed {
                try Self.fixedLiteralLengths.withUnsafeBufferPointer { lengths throws(ContainerError) in
                    try literalTable.build(
                        lengths: lengths, payloads: HuffmanEntry.literalLengthPayloads, allowsSingleCode: true
                    )
                }
                try Self.fixedDistanceLengths.withUnsafeBufferPointer { lengths throws(ContainerError) in
                    try distanceTable.build(
                        lengths: lengths, payloads: HuffmanEntry.distancePayloads, allowsSingleCode: true)
                }
                tablesAreFixed = true
            }
            phase = .huffman
        case 2:
            tablesAreFixed = false
            try readDynamicTables(&reader)
            phase = .huffman
        default:
            throw .damagedStream("invalid block type 3")
        }
    }

    /// Copies stored bytes as far as the window and the input allow.
    private func copyStored(_ reader: inout BitReader, remaining: Int) throws(ContainerError) -> Phase {
        if remaining == 0 { return .blockHeader }
        let available = reader.count - reader.position
        guard available > 0 else { throw .streamEndsEarly }
        let length = min(remaining, available, Self.windowSize - windowEnd)
        (window + windowEnd).update(from: reader.input + reader.position, count: length)
        windowEnd += length
        reader.position += length
        return remaining == length ? .blockHeader : .stored(remaining: remaining - length)
    }

    static let fixedLiteralLengths = HuffmanEntry.fixedLiteralLengths
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 32)
}

/// The input side of the inflater: the compressed bytes and a 64-bit buffer of the bits read
/// from them, least significant first. Built for one `read` call around the stream's memory and
/// kept in locals, so the hot loop works on registers.
struct BitReader {
    let input: UnsafePointer<UInt8>
    let count: Int
    /// The next input byte not yet in the buffer.
    var position: Int
    /// The `bitCount` low bits are the next unconsumed bits; any bits above them are the stream's
    /// following bits (a refill may load a byte it does not yet count), never garbage.
    var buffer: UInt64
    var bitCount: Int

    /// Tops the buffer up to at least 57 bits, or with all the input that is left.
    @inline(__always)
    mutating func refill() {
        if count &- position >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(input + position).loadUnaligned(as: UInt64.self))
            buffer |= word &<< UInt64(bitCount)
            let whole = (63 &- bitCount) &>> 3
            position &+= whole
            bitCount &+= whole &<< 3
        } else {
            while bitCount <= 56 && position < count {
                buffer |= UInt64(input[position]) &<< UInt64(bitCount)
                position += 1
                bitCount += 8
            }
        }
    }

    /// The next `wanted` (at most 32) bits as a number, least significant first.
    mutating func bits(_ wanted: Int) throws(ContainerError) -> UInt32 {
        if bitCount < wanted { refill() }
        guard bitCount >= wanted else { throw .streamEndsEarly }
        let value = UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(wanted)) - 1))
        buffer >>= UInt64(wanted)
        bitCount -= wanted
        return value
    }

    /// Consumes `wanted` bits already in the buffer.
    @inline(__always)
    mutating func drop(_ wanted: Int) throws(ContainerError) {
        guard bitCount >= wanted else { throw .streamEndsEarly }
        buffer &>>= UInt64(wanted)
        bitCount &-= wanted
    }

    /// Hands the whole bytes still in the buffer back to the input (at a byte boundary), for
    /// stored data copied straight from it.
    mutating func returnWholeBytes() {
        position -= bitCount >> 3
        buffer = 0
        bitCount = 0
    }
}
