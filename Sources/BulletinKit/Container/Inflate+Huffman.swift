extension Inflater {
    /// Decodes symbols of the current Huffman block into the window until the block ends (true)
    /// or the window is nearly full (false).
    ///
    /// The hot loop of reading a workbook. State lives in locals for the loop's length; every
    /// table index is masked into the table or is a sub-table link `build` placed inside it, a
    /// match is checked against the bytes written before it is copied, and the window keeps
    /// `windowSize - outputLimit` bytes of slack for the longest match and its 8-byte copies.
    func decodeHuffmanBlock(_ reader: inout BitReader) throws(ContainerError) -> Bool {
        let literals = literalTable.entries
        let distances = distanceTable.entries
        let literalMask = UInt64(1 << literalTable.primaryBits - 1)
        let distanceMask = UInt64(1 << distanceTable.primaryBits - 1)
        let out = window
        var end = windowEnd
        var bits = reader
        defer {
            windowEnd = end
            reader = bits
        }

        while end <= Self.outputLimit {
            // At least 57 bits after a refill with 8 input bytes left: enough for a length
            // (15 + 5 bits) and its distance (15 + 13 bits). Near the input's end, each use of
            // the bits checks there are that many.
            bits.refill()
            var entry = literals[Int(truncatingIfNeeded: bits.buffer & literalMask)]
            if entry & HuffmanEntry.kindMask == HuffmanEntry.subtable {
                entry = try bits.follow(entry, in: literals)
            }
            try bits.drop(Int(entry & 31))

            let kind = entry & HuffmanEntry.kindMask
            if kind == HuffmanEntry.literal {
                out[end] = UInt8(truncatingIfNeeded: entry >> 16)
                end &+= 1
                // Text runs of literals: a second one from the same refill, when it is a
                // literal whose bits are there (one codeword took at most 15 of them).
                let next = literals[Int(truncatingIfNeeded: bits.buffer & literalMask)]
                let nextLength = Int(next & 31)
                if next & HuffmanEntry.kindMask == HuffmanEntry.literal && nextLength <= bits.bitCount {
                    bits.buffer &>>= UInt64(nextLength)
                    bits.bitCount &-= nextLength
                    out[end] = UInt8(truncatingIfNeeded: next >> 16)
                    end &+= 1
                }
                continue
            }
            guard kind == HuffmanEntry.length else {
                if kind == HuffmanEntry.endOfBlock { return true }
                throw .damagedStream("invalid literal/length code")
            }
            let length = Int(entry >> 16) &+ (try bits.extraBits(of: entry))

            entry = distances[Int(truncatingIfNeeded: bits.buffer & distanceMask)]
            if entry & HuffmanEntry.kindMask == HuffmanEntry.subtable {
                entry = try bits.follow(entry, in: distances)
            }
            try bits.drop(Int(entry & 31))
            guard entry & HuffmanEntry.kindMask == HuffmanEntry.length else {
                throw .damagedStream("invalid distance code")
            }
            let distance = Int(entry >> 16) &+ (try bits.extraBits(of: entry))
            guard distance <= end else {
                throw .damagedStream("a match reaches \(distance) bytes back, before the start of the data")
            }
            Self.copyMatch(out + end, distance: distance, length: length)
            end &+= length
        }
        return false
    }

    /// Copies `length` bytes from `distance` back to `target`; the source may overlap the target
    /// (a run). May write up to 7 bytes past the match, which the window's slack absorbs.
    @inline(__always)
    static func copyMatch(_ target: UnsafeMutablePointer<UInt8>, distance: Int, length: Int) {
        var source = UnsafeRawPointer(target - distance)
        if distance >= 8 {
            // Each 8-byte load reads only bytes written before it, since they lie ≥ 8 back.
            var destination = UnsafeMutableRawPointer(target)
            let end = destination + length
            repeat {
                destination.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                destination += 8
                source += 8
            } while destination < end
        } else if distance == 1 {
            target.update(repeating: target[-1], count: length)
        } else {
            let from = target - distance
            for index in 0..<length { target[index] = from[index] }
        }
    }

    /// Reads a dynamic block's code lengths (RFC 1951 §3.2.7) and builds its tables.
    func readDynamicTables(_ reader: inout BitReader) throws(ContainerError) {
        let literalCount = Int(try reader.bits(5)) + 257
        let distanceCount = Int(try reader.bits(5)) + 1
        let codeLengthCount = Int(try reader.bits(4)) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw .damagedStream("too many length or distance symbols")
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[HuffmanEntry.codeLengthOrder[index]] = UInt8(try reader.bits(3))
        }
        // The code-length code is at most 7 bits, so its table is a primary table alone; it
        // borrows the distance table's memory, which is rebuilt below.
        let codeLengthTable = HuffmanTable(
            entries: distanceTable.entries, capacity: distanceTable.capacity, primaryBits: 7)
        try codeLengthLengths.withUnsafeBufferPointer { lengths throws(ContainerError) in
            try codeLengthTable.build(
                lengths: lengths, payloads: HuffmanEntry.codeLengthPayloads, allowsSingleCode: false)
        }
        let lengths = try readCodeLengths(
            total: literalCount + distanceCount, table: codeLengthTable, &reader)
        guard lengths[256] != 0 else { throw .damagedStream("no end-of-block code") }
        try lengths.withUnsafeBufferPointer { all throws(ContainerError) in
            try literalTable.build(
                lengths: UnsafeBufferPointer(rebasing: all[0..<literalCount]),
                payloads: HuffmanEntry.literalLengthPayloads, allowsSingleCode: true)
            try distanceTable.build(
                lengths: UnsafeBufferPointer(rebasing: all[literalCount...]),
                payloads: HuffmanEntry.distancePayloads, allowsSingleCode: true)
        }
    }

    /// The literal/length and distance code lengths, read as one sequence with the repeat codes
    /// 16 (previous length 3–6 times), 17 (zero 3–10 times) and 18 (zero 11–138 times).
    private func readCodeLengths(total: Int, table: HuffmanTable, _ reader: inout BitReader)
        throws(ContainerError) -> [UInt8]
    {
        var lengths = [UInt8]()
        lengths.reserveCapacity(total)
        while lengths.count < total {
            reader.refill()
            let entry = table.entries[Int(truncatingIfNeeded: reader.buffer & 127)]
            try reader.drop(Int(entry & 31))
            guard entry & HuffmanEntry.kindMask == HuffmanEntry.literal else {
                throw .damagedStream("invalid code-length code")
            }
            let symbol = UInt8(truncatingIfNeeded: entry >> 16)
            let repeated: UInt8
            let times: Int
            switch symbol {
            case 16:
                guard let previous = lengths.last else {
                    throw .damagedStream("a repeat code with nothing to repeat")
                }
                repeated = previous
                times = 3 + Int(try reader.bits(2))
            case 17:
                repeated = 0
                times = 3 + Int(try reader.bits(3))
            case 18:
                repeated = 0
                times = 11 + Int(try reader.bits(7))
            default:
                repeated = symbol
                times = 1
            }
            guard lengths.count + times <= total else {
                throw .damagedStream("code lengths repeat past their end")
            }
            lengths.append(contentsOf: repeatElement(repeated, count: times))
        }
        return lengths
    }
}

extension BitReader {
    /// The sub-table entry a primary link leads to, after consuming the primary bits.
    @inline(__always)
    mutating func follow(_ link: UInt32, in table: UnsafeMutablePointer<UInt32>) throws(ContainerError)
        -> UInt32
    {
        let primaryBits = Int(link & 31)
        guard primaryBits <= bitCount else { throw .streamEndsEarly }
        buffer &>>= UInt64(primaryBits)
        bitCount &-= primaryBits
        let indexMask = UInt64(1) &<< UInt64((link >> 8) & 15) &- 1
        return table[Int(link >> 16) &+ Int(truncatingIfNeeded: buffer & indexMask)]
    }

    /// The extra bits after a length or distance code, as a number.
    @inline(__always)
    mutating func extraBits(of entry: UInt32) throws(ContainerError) -> Int {
        let extra = Int((entry >> 8) & 15)
        guard extra <= bitCount else { throw .streamEndsEarly }
        let value = Int(truncatingIfNeeded: buffer & (UInt64(1) &<< UInt64(extra) &- 1))
        buffer &>>= UInt64(extra)
        bitCount &-= extra
        return value
    }
}
