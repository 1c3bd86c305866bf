import Foundation

/// Tokenizing: the scanning of text, tags and markup behind `XMLScanner.next()`.
extension XMLScanner {
    /// Keeps the bytes from `pos` on, moved to the front, and reads more after them (growing the
    /// buffer when one token fills it). False when the part has no more bytes.
    mutating func refill() throws(WorkbookError) -> Bool {
        if sourceEnded { return false }
        if pos > 0 {
            let kept = count &- pos
            if kept > 0 { buffer.update(from: buffer + pos, count: kept) }
            discarded &+= pos
            tokenStart &-= pos
            count = kept
            pos = 0
        }
        if count == memory.capacity {
            guard memory.capacity < Self.maximumTokenLength else {
                throw WorkbookError(
                    .tooLarge, part: part, byteOffset: discarded,
                    message: "a single text or tag is longer than \(Self.maximumTokenLength >> 20) MiB")
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: memory.capacity * 2)
            grown.update(from: buffer, count: count)
            memory.buffer.deallocate()
            memory.buffer = grown
            memory.capacity *= 2
            buffer = grown
        }
        let read = try source.read(
            into: UnsafeMutableBufferPointer(start: buffer + count, count: memory.capacity &- count))
        if read == 0 {
            sourceEnded = true
            return false
        }
        count &+= read
        if !started { try checkStart() }
        return true
    }

    /// Skips a UTF-8 byte-order mark; refuses UTF-16, which no mainstream writer uses for these parts.
    mutating func checkStart() throws(WorkbookError) {
        guard count >= 3 || sourceEnded || count >= 2 && buffer[0] != 0xEF else { return }
        started = true
        if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            pos = 3
            tokenStart = 3
        } else if count >= 2,
            (buffer[0] == 0xFE && buffer[1] == 0xFF) || (buffer[0] == 0xFF && buffer[1] == 0xFE)
        {
            throw WorkbookError(
                .notWellFormed, part: part, byteOffset: 0,
                message:
                    "the part is in UTF-16, which this reader does not read; open the workbook in Excel or WPS and save it again as .xlsx"
            )
        }
    }

    mutating func endOfPart() throws(WorkbookError) -> Token {
        if depth > 0 {
            throw malformed("the part ends before \(depth) element(s) are closed", at: discarded + count)
        }
        if !sawRoot { throw malformed("the part has no root element", at: discarded + count) }
        return .endOfPart
    }

    /// Text up to the next `<` or the end of the part. False for white space outside the root.
    mutating func scanText() throws(WorkbookError) -> Bool {
        var index = pos
        while true {
            if let found = memchr(buffer + index, 0x3C, count &- index) {
                index = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                break
            }
            index = count
            let before = pos
            let more = try refill()
            index &-= before &- pos
            if !more { break }
        }
        textStart = pos
        textEnd = index
        textIsCDATA = false
        pos = index
        if depth > 0 { return true }
        for offset in textStart..<textEnd where !Self.isSpace(buffer[offset]) {
            throw malformed("text outside the root element", at: discarded + offset)
        }
        return false
    }

    /// Finds `terminator` at or after `from`, keeping the token; returns the index just past it.
    @discardableResult
    mutating func skip(past terminator: StaticString, from first: Int) throws(WorkbookError) -> Int {
        let length = terminator.utf8CodeUnitCount
        let last = terminator.utf8Start[length - 1]
        var start = first
        var index = first
        while true {
            while index < count {
                if buffer[index] == last, index &- (length &- 1) >= start,
                    memcmp(buffer + (index &- (length &- 1)), terminator.utf8Start, length) == 0
                {
                    pos = index &+ 1
                    return index &+ 1
                }
                index &+= 1
            }
            let before = pos
            guard try refill() else { throw malformed("the part ends inside a comment or declaration") }
            index &-= before &- pos
            start &-= before &- pos
        }
    }

    /// `<!--…-->`, `<![CDATA[…]]>` (true: a text token) or `<!DOCTYPE…>`.
    mutating func scanMarkup() throws(WorkbookError) -> Bool {
        while count &- pos < 9, try refill() {}
        let available = count &- pos
        if available >= 4, memcmp(buffer + pos, "<!--", 4) == 0 {
            try skip(past: "-->", from: pos &+ 4)
            return false
        }
        if available >= 9, memcmp(buffer + pos, "<![CDATA[", 9) == 0 {
            guard depth > 0 else { throw malformed("CDATA outside the root element") }
            let end = try skip(past: "]]>", from: pos &+ 9)
            textStart = tokenStart &+ 9
            textEnd = end &- 3
            textIsCDATA = true
            return true
        }
        if available >= 9, memcmp(buffer + pos, "<!DOCTYPE", 9) == 0 {
            let end = try skip(past: ">", from: pos &+ 9)
            if memchr(buffer + tokenStart, 0x5B, end &- tokenStart) != nil {
                throw malformed("a DOCTYPE with an internal subset (entity declarations are not read)")
            }
            return false
        }
        throw malformed("`<!` begins neither a comment, CDATA nor a DOCTYPE")
    }

    /// The index of the next `>` at or after `from` (a tag's end, unless it is inside a quoted
    /// value), reading more of the part as needed. A refill moves the bytes, so callers hold
    /// indices relative to `pos` across it.
    mutating func nextTagEnd(from start: Int) throws(WorkbookError) -> Int {
        var index = start
        while true {
            if index < count, let found = memchr(buffer + index, 0x3E, count &- index) {
                return buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            index = count
            let before = pos
            guard try refill() else { throw malformed("the part ends inside a tag") }
            index &-= before &- pos
        }
    }

    /// A start tag: its name and attributes, scanned up to the first `>`; when that `>` turns out
    /// to lie inside a quoted value (legal in XML), the tag is extended to the next one.
    mutating func scanStartTag() throws(WorkbookError) {
        var limit = try nextTagEnd(from: pos &+ 1)
        var index = pos &+ 1
        try scanName(&index, limit: limit)
        attributeCount = 0
        var selfClosing = false
        while true {
            let before = index
            while index < limit, Self.isSpace(buffer[index]) { index &+= 1 }
            if index == limit { break }
            if buffer[index] == UInt8(ascii: "/"), index &+ 1 == limit {
                selfClosing = true
                break
            }
            guard index > before else {
                throw malformed("attributes must be separated by white space", at: discarded + index)
            }
            try scanAttribute(&index, limit: &limit)
        }
        guard depth < Self.maximumDepth else {
            throw malformed("elements nested deeper than \(Self.maximumDepth)")
        }
        if depth == 0 {
            guard !sawRoot else { throw malformed("a second root element") }
            sawRoot = true
        }
        memory.openElements[depth] = Self.hash(buffer + nameStart, nameEnd &- nameStart)
        depth &+= 1
        pendingEnd = selfClosing
        pos = limit &+ 1
    }

    /// Moves the tag's indices after a refill moved its bytes to the front of the buffer.
    private mutating func rebaseTag(by shift: Int) {
        nameStart &-= shift
        localStart &-= shift
        nameEnd &-= shift
        for index in 0..<(4 &* attributeCount) { memory.attributes[index] &-= shift }
    }

    /// A name at `index` (must be there): sets the tag's name bounds.
    mutating func scanName(_ index: inout Int, limit: Int) throws(WorkbookError) {
        nameStart = index
        localStart = index
        while index < limit {
            let byte = buffer[index]
            if Self.isSpace(byte) || byte == 0x2F || byte == 0x3D || byte == 0x22 || byte == 0x27 { break }
            if byte == 0x3A { localStart = index &+ 1 }
            index &+= 1
        }
        nameEnd = index
        guard nameEnd > localStart else { throw malformed("a tag without a name", at: discarded + nameStart) }
    }

    mutating func scanAttribute(_ index: inout Int, limit: inout Int) throws(WorkbookError) {
        var local = index
        let nameBegin = index
        while index < limit {
            let byte = buffer[index]
            if Self.isSpace(byte) || byte == 0x3D { break }
            if byte == 0x3A { local = index &+ 1 }
            if byte == 0x22 || byte == 0x27 || byte == 0x2F || byte == 0x3C {
                throw malformed("a broken attribute", at: discarded + index)
            }
            index &+= 1
        }
        var localEnd = index
        while index < limit, Self.isSpace(buffer[index]) { index &+= 1 }
        guard localEnd > nameBegin, index < limit, buffer[index] == 0x3D else {
            throw malformed("an attribute without `=\"value\"`", at: discarded + nameBegin)
        }
        index &+= 1
        while index < limit, Self.isSpace(buffer[index]) { index &+= 1 }
        guard index < limit, buffer[index] == 0x22 || buffer[index] == 0x27 else {
            throw malformed("an attribute value without quotes", at: discarded + index)
        }
        let quote = buffer[index]
        var valueStart = index &+ 1
        index = valueStart
        while true {
            // Values are short (`A1`, `1`, `s`): a plain loop beats a call to memchr.
            while index < limit, buffer[index] != quote { index &+= 1 }
            if index < limit { break }
            // The `>` taken for the tag's end is inside this value: the tag goes on to the next one.
            let before = pos
            limit = try nextTagEnd(from: limit &+ 1)
            let shift = before &- pos
            if shift != 0 {
                rebaseTag(by: shift)
                valueStart &-= shift
                local &-= shift
                localEnd &-= shift
            }
            index = valueStart
        }
        if attributeCount == memory.attributeCapacity { growAttributes() }
        let bounds = memory.attributes + 4 &* attributeCount
        bounds[0] = local
        bounds[1] = localEnd
        bounds[2] = valueStart
        bounds[3] = index
        attributeCount &+= 1
        index &+= 1
    }

    func growAttributes() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: 8 * memory.attributeCapacity)
        grown.update(from: memory.attributes, count: 4 * memory.attributeCapacity)
        memory.attributes.deallocate()
        memory.attributes = grown
        memory.attributeCapacity *= 2
    }

    mutating func scanEndTag() throws(WorkbookError) {
        let end = try nextTagEnd(from: pos &+ 2)
        var index = pos &+ 2
        try scanName(&index, limit: end)
        while index < end, Self.isSpace(buffer[index]) { index &+= 1 }
        guard index == end else { throw malformed("an end tag with attributes") }
        guard depth > 0,
            memory.openElements[depth &- 1] == Self.hash(buffer + nameStart, nameEnd &- nameStart)
        else {
            throw malformed("the end tag </\(localName)> does not close the element open here")
        }
        depth &-= 1
        attributeCount = 0
        pos = end &+ 1
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// FNV-1a of a qualified name: end tags are checked against it.
    @inline(__always)
    static func hash(_ bytes: UnsafeMutablePointer<UInt8>, _ length: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<length { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01B3 }
        return hash
    }
}
