import Foundation

extension CSVReader {
    enum Byte {
        static let lineFeed: UInt8 = 0x0A
        static let carriageReturn: UInt8 = 0x0D
        static let quote: UInt8 = 0x22
        static let comma: UInt8 = 0x2C
    }

    /// The common case, with the scanning state in local variables: adds the fields from `pos` on
    /// that are not quoted and that end, in the text read so far, in a comma or a line end. True
    /// when it stops after a field, on the line end; false when it stops at the start of a field
    /// it leaves to the general path.
    ///
    /// It visits every special byte in turn, so it takes them straight from the bits of the
    /// block: the lowest bit is the next one, and clearing it moves on.
    @inline(__always)
    mutating func readPlainFields(into storage: RecordStorage) -> Bool {
        let text = input.text
        let limit = self.limit
        let delta = spanDelta
        var start = pos
        guard start < limit else { return false }
        var blockStart = self.blockStart
        var blockMask = self.blockMask
        var fields = storage.fieldWriter()
        defer {
            pos = start
            self.blockStart = blockStart
            self.blockMask = blockMask
            storage.finish(fields)
        }
        var remaining: UInt64
        let offset = start &- blockStart
        if UInt(bitPattern: offset) < 64 {
            remaining = blockMask & (UInt64.max &<< UInt64(offset))
        } else {
            blockStart = start
            blockMask = Self.specialBytes(text, from: start, to: limit)
            remaining = blockMask
        }
        while true {
            while remaining == 0 {
                let next = blockStart &+ 64
                guard next < limit else { return false }
                blockStart = next
                blockMask = Self.specialBytes(text, from: next, to: limit)
                remaining = blockMask
            }
            let end = blockStart &+ remaining.trailingZeroBitCount
            remaining &= remaining &- 1
            guard end < limit else { return false }  // the field goes on past the text read so far
            let byte = text[end]
            if byte == Byte.comma {
                fields.add(start: start &+ delta, end: end &+ delta)
                start = end &+ 1
            } else if byte == Byte.lineFeed || byte == Byte.carriageReturn {
                fields.add(start: start &+ delta, end: end &+ delta)
                start = end
                return true
            } else if end == start, byte == Byte.quote {
                // A quoted field. (`end == start` comes first so that the compiler keeps the byte
                // tests as branches rather than an indirect jump through a table.)
                return false
            }
            // Any other special byte is data; a quote inside an unquoted field too, as Excel reads it.
        }
    }

    /// Reads a quoted field starting at the opening quote at `pos`, leaving `pos` on the byte
    /// after the closing quote (a separator or line end) or at the end of the input.
    mutating func readQuotedField(into storage: RecordStorage) throws(CSVError) {
        let text = input.text
        let openLine = line
        let openIndex = pos
        let openOffset = input.encoding == .utf8 ? input.textFileOffset + openIndex : nil
        // The opening quote's column, taken before a line break or a refill makes it unknowable.
        var openColumn: Int?
        pos &+= 1
        let start = pos &+ spanDelta
        var hasDoubledQuotes = false
        while true {
            pos = nextSpecialByte(from: pos)
            if pos == limit {
                if openColumn == nil { openColumn = column(at: openIndex) }
                guard try refill(keeping: storage) else {
                    throw CSVError(
                        line: openLine, column: openColumn ?? 1, byteOffset: openOffset,
                        message: .init(.quoteNeverClosed))
                }
                continue
            }
            let byte = text[pos]
            if byte != Byte.quote {
                guard byte == Byte.lineFeed || byte == Byte.carriageReturn else {
                    pos &+= 1  // a comma or another special byte: data inside quotes
                    continue
                }
                // A line break inside quotes is data, but still a physical line.
                if openColumn == nil { openColumn = column(at: openIndex) }
                pos &+= 1
                if byte == Byte.carriageReturn { try skipLineFeed(keeping: storage) }
                startNewLine()
                continue
            }
            let end = pos &+ spanDelta
            pos &+= 1
            if pos == limit {
                if openColumn == nil { openColumn = column(at: openIndex) }
                if try !refill(keeping: storage) {
                    storage.addField(start: start, end: end, hasDoubledQuotes: hasDoubledQuotes)
                    return
                }
            }
            if text[pos] == Byte.quote {
                hasDoubledQuotes = true
                pos &+= 1
                continue
            }
            let next = text[pos]
            guard next == Byte.comma || next == Byte.lineFeed || next == Byte.carriageReturn else {
                if line != openLine {
                    // The field ran over line ends: most likely its opening quote was stray or
                    // its closing one missing, so the place to fix is where it opened.
                    throw CSVError(
                        line: openLine, column: openColumn ?? 1, byteOffset: openOffset,
                        message: .init(.quoteRunsOn, ["line": .number(line), "column": .number(column(at: pos))]))
                }
                throw CSVError(
                    line: line, column: column(at: pos),
                    byteOffset: input.encoding == .utf8 ? input.textFileOffset + pos : nil,
                    message: .init(.textAfterQuote))
            }
            storage.addField(start: start, end: end, hasDoubledQuotes: hasDoubledQuotes)
            return
        }
    }

    /// After a carriage return: skips a line feed that follows it (CRLF is one line break).
    mutating func skipLineFeed(keeping storage: RecordStorage?) throws(CSVError) {
        if pos == limit {
            let hasMore: Bool
            do {
                hasMore = if let storage { try refill(keeping: storage) } else { try refill() }
            } catch {
                // The CR ended its line, and an encoding error is only thrown once scanning
                // reaches the bad byte: it is the first character of the next line.
                throw CSVError(
                    line: error.line + 1, column: 1, byteOffset: error.byteOffset, reason: error.reason,
                    isEncodingError: error.isEncodingError)
            }
            guard hasMore else { return }
        }
        if input.text[pos] == Byte.lineFeed { pos &+= 1 }
    }

    mutating func startNewLine() {
        line &+= 1
        lineStart = pos
        columnCarry = 0
    }

    /// The 1-based column of the text index `index` on the current line.
    func column(at index: Int) -> Int {
        columnCarry + Self.characterCount(input.text, from: lineStart, to: index) + 1
    }

    static func characterCount(_ text: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int)
        -> Int
    {
        guard end > start else { return 0 }
        return String(decoding: UnsafeBufferPointer(start: text + start, count: end - start), as: UTF8.self)
            .count
    }

    /// Copies the current record's stretch of text into `storage`, then reads more input.
    mutating func refill(keeping storage: RecordStorage) throws(CSVError) -> Bool {
        storage.append(input.text + spanStart, count: pos &- spanStart)
        let hasMore = try refill()
        spanStart = pos
        spanDelta = storage.byteCount &- pos
        return hasMore
    }

    /// Discards the scanned text (all of it: `pos == limit`) and reads more; false at the end of
    /// the input. An encoding error is reported here, once scanning reaches it.
    mutating func refill() throws(CSVError) -> Bool {
        columnCarry += Self.characterCount(input.text, from: lineStart, to: pos)
        lineStart = pos
        blockStart = Self.noBlock
        do {
            let hasMore = try input.refill()
            pos = 0
            lineStart = 0
            limit = input.limit
            return hasMore
        } catch {
            throw CSVError(
                line: line, column: columnCarry + 1, byteOffset: error.byteOffset, message: error.message,
                isEncodingError: error.byteOffset != nil)
        }
    }

    /// A `blockStart` no text index falls in, so that the next search computes a block.
    static let noBlock = -128

    /// The index of the first special byte (see `specialBytes`) in `text[index..<limit]`, or
    /// `limit`. Fields are short, so instead of searching from each field's start the reader
    /// classifies 64 bytes at once and keeps the bits: most searches are then a shift and a
    /// trailing-zero count.
    @inline(__always)
    mutating func nextSpecialByte(from index: Int) -> Int {
        Self.nextSpecialByte(
            from: index, in: input.text, limit: limit, blockStart: &blockStart, blockMask: &blockMask)
    }

    @inline(__always)
    static func nextSpecialByte(
        from index: Int, in text: UnsafeMutablePointer<UInt8>, limit: Int, blockStart: inout Int,
        blockMask: inout UInt64
    ) -> Int {
        var start = index
        let offset = index &- blockStart
        if UInt(bitPattern: offset) < 64 {
            let bits = blockMask & (UInt64.max &<< UInt64(offset))
            if bits != 0 { return blockStart &+ bits.trailingZeroBitCount }
            start = blockStart &+ 64
        }
        while start < limit {
            blockStart = start
            blockMask = specialBytes(text, from: start, to: limit)
            if blockMask != 0 { return start &+ blockMask.trailingZeroBitCount }
            start &+= 64
        }
        return limit
    }

    /// Bit `i` is set when `text[start + i]` is below 0x2D ("-"): every byte that ends or quotes a
    /// field (`,` `"` CR LF) is, and so are only a few others (space, controls, `!` to `+`),
    /// which the caller passes over. Bits from `end - start` on are set too, so that the end of
    /// the text is found like a special byte.
    ///
    /// Eight bytes at a time: `(byte | 0x80) − 0x2D` keeps its high bit exactly when
    /// `byte & 0x7F ≥ 0x2D`, with no borrow between bytes; multiplying the eight high bits by
    /// 0x02040810204081 gathers them into the top byte (bit 8k + 7 moves to bit 56 + k).
    static func specialBytes(_ text: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int)
        -> UInt64
    {
        @inline(__always) func bits(at index: Int) -> UInt64 {
            let word = UInt64(littleEndian: UnsafeRawPointer(text + index).loadUnaligned(as: UInt64.self))
            let highs: UInt64 = 0x8080_8080_8080_8080
            let below = ~((word | highs) &- 0x2D2D_2D2D_2D2D_2D2D | word) & highs
            return (below &* 0x0002_0408_1020_4081) &>> 56
        }
        if start &+ 64 <= end {
            return bits(at: start) | bits(at: start &+ 8) &<< 8 | bits(at: start &+ 16) &<< 16
                | bits(at: start &+ 24) &<< 24 | bits(at: start &+ 32) &<< 32 | bits(at: start &+ 40) &<< 40
                | bits(at: start &+ 48) &<< 48 | bits(at: start &+ 56) &<< 56
        }
        var mask = UInt64.max &<< UInt64(end &- start)
        var offset = 0
        while start &+ offset &+ 8 <= end {
            mask |= bits(at: start &+ offset) &<< UInt64(offset)
            offset &+= 8
        }
        while start &+ offset < end {
            if text[start &+ offset] < 0x2D { mask |= 1 &<< UInt64(offset) }
            offset &+= 1
        }
        return mask
    }
}
