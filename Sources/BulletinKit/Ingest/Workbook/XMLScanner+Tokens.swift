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
        } else if count >= 2, (buffer[0] == 0xFE && buffer[1] == 0xFF) || (buffer[0] == 0xFF && buffer[1] == 0xFE) {
            throw WorkbookError(
                .notWellFormed, part: part, byteOffset: 0,
                message: "the part is in UTF-16, which this reader does not read; open the workbook in Excel or WPS and save it again as .xlsx")
        }
    }

    mutating func endOfPart() throws(WorkbookError) -> Token {
        if depth > 0 { throw malformed("the part ends before \(depth) element(s) are closed", at: discarded + count) }
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

    /// Finds the `>` that ends the tag starting at `pos` (outside quoted values); returns its index.
    mutating func tagEnd() throws(WorkbookError) -> Int {
        var index = pos &+ 1
        var quote: UInt8 = 0
        while true {
            while index < count {
                let byte = buffer[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 0x3E {
                    return index
                } else if byte == 0x22 || byte == 0x27 {
                    quote = byte
                } else if byte == 0x3C {
                    throw malformed("`<` inside a tag", at: discarded + index)
                }
                index &+= 1
            }
            let before = pos
            guard try refill() else { throw malformed("the part ends inside a tag") }
            index &-= before &- pos
        }
    }

    mutating func scanStartTag() throws(WorkbookError) {
        let end: Int
        let selfClosing: Bool
        if let fast = scanPlainStartTag() {
            (end, selfClosing) = fast
        } else {
            end = try tagEnd()
            selfClosing = buffer[end &- 1] == UInt8(ascii: "/") && end &- 1 > pos
            let limit = selfClosing ? end &- 1 : end
            var index = pos &+ 1
            try scanName(&index, limit: limit)
            attributeCount = 0
            while true {
                let before = index
                while index < limit, Self.isSpace(buffer[index]) { index &+= 1 }
                if index == limit { break }
                guard index > before else {
                    throw malformed("attributes must be separated by white space", at: discarded + index)
                }
                try scanAttribute(&index, limit: limit)
            }
        }
        guard depth < Self.maximumDepth else { throw malformed("elements nested deeper than \(Self.maximumDepth)") }
        if depth == 0 {
            guard !sawRoot else { throw malformed("a second root element") }
            sawRoot = true
        }
        memory.openElements[depth] = Self.hash(buffer + nameStart, nameEnd &- nameStart)
        depth &+= 1
        pendingEnd = selfClosing
        pos = end &+ 1
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

    mutating func scanAttribute(_ index: inout Int, limit: Int) throws(WorkbookError) {
        var local = index
        let nameBegin = index
        while index < limit {
            let byte = buffer[index]
            if Self.isSpace(byte) || byte == 0x3D { break }
            if byte == 0x3A { local = index &+ 1 }
            if byte == 0x22 || byte == 0x27 || byte == 0x2F {
                throw malformed("a broken attribute", at: discarded + index)
            }
            index &+= 1
        }
        let localEnd = index
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
        let valueStart = index &+ 1
        index = valueStart
        while index < limit, buffer[index] != quote { index &+= 1 }
        guard index < limit else { throw malformed("an unclosed attribute value", at: discarded + valueStart) }
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
        let end: Int
        if let fast = scanPlainEndTag() {
            end = fast
        } else {
            end = try tagEnd()
            var index = pos &+ 2
            try scanName(&index, limit: end)
            while index < end, Self.isSpace(buffer[index]) { index &+= 1 }
            guard index == end else { throw malformed("an end tag with attributes") }
        }
        guard depth > 0, memory.openElements[depth &- 1] == Self.hash(buffer + nameStart, nameEnd &- nameStart) else {
            throw malformed("the end tag </\(localName)> does not close the element open here")
        }
        depth &-= 1
        attributeCount = 0
        pos = end &+ 1
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    /// FNV-1a of a qualified name: end tags are checked against it.
    @inline(__always)
    static func hash(_ bytes: UnsafeMutablePointer<UInt8>, _ length: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<length { hash = (hash ^ UInt64(bytes[index])) &* 0x100_0000_01B3 }
        return hash
    }
}
