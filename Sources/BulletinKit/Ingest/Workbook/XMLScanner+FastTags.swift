/// The one-pass reading of a well-formed start tag: the hot path of a sheet, where every cell
/// is a tag such as `<c r="B7" s="3" t="s">`.
///
/// The general path finds the tag's end first (`tagEnd`, aware of quotes) and then reads the
/// name and attributes up to it: every byte of the tag is read twice. This reads them once,
/// finding the end on the way, but only for a tag that is whole in the buffer and plainly
/// well-formed — a name, attributes `name="value"` separated by white space, then `>` or
/// `/>`. On anything else (the buffer's end, a stray quote, `<` or `/`, a missing `=`) it gives
/// up with nil, having moved nothing but scratch bounds, and the general path reads the tag
/// again from its start: so a tag it accepts gives the same name, attributes and end, and
/// every malformed tag the same error, as before.
extension XMLScanner {
    /// Reads the start tag at `pos` when it is whole in the buffer and well-formed: sets the
    /// name and attributes and returns the index of its `>` and whether it closes itself.
    @inline(__always)
    mutating func scanPlainStartTag() -> (end: Int, selfClosing: Bool)? {
        var index = pos &+ 1
        nameStart = index
        localStart = index
        // The element's name: up to white space, `/` or `>`.
        while true {
            guard index < count else { return nil }
            let byte = buffer[index]
            if Self.isSpace(byte) || byte == 0x2F || byte == 0x3E { break }
            if byte == 0x3D || byte == 0x22 || byte == 0x27 || byte == 0x3C { return nil }
            if byte == 0x3A { localStart = index &+ 1 }
            index &+= 1
        }
        nameEnd = index
        guard nameEnd > localStart else { return nil }
        attributeCount = 0
        while true {
            // White space, then the end of the tag or the next attribute.
            let before = index
            while index < count, Self.isSpace(buffer[index]) { index &+= 1 }
            guard index < count else { return nil }
            let byte = buffer[index]
            if byte == 0x3E { return (index, false) }
            if byte == 0x2F {
                guard index &+ 1 < count, buffer[index &+ 1] == 0x3E else { return nil }
                return (index &+ 1, true)
            }
            guard index > before, scanPlainAttribute(&index) else { return nil }
        }
    }

    /// Reads `name="value"` (or with `'`) at `index`, white space allowed around `=`; false,
    /// with nothing recorded, on anything else.
    @inline(__always)
    private mutating func scanPlainAttribute(_ index: inout Int) -> Bool {
        let nameBegin = index
        var local = index
        while index < count {
            let byte = buffer[index]
            if Self.isSpace(byte) || byte == 0x3D { break }
            if byte == 0x22 || byte == 0x27 || byte == 0x2F || byte == 0x3E || byte == 0x3C { return false }
            if byte == 0x3A { local = index &+ 1 }
            index &+= 1
        }
        let localEnd = index
        while index < count, Self.isSpace(buffer[index]) { index &+= 1 }
        guard localEnd > nameBegin, index < count, buffer[index] == 0x3D else { return false }
        index &+= 1
        while index < count, Self.isSpace(buffer[index]) { index &+= 1 }
        guard index < count, buffer[index] == 0x22 || buffer[index] == 0x27 else { return false }
        let quote = buffer[index]
        let valueStart = index &+ 1
        index = valueStart
        while index < count, buffer[index] != quote { index &+= 1 }
        guard index < count else { return false }
        if attributeCount == memory.attributeCapacity { growAttributes() }
        let bounds = memory.attributes + 4 &* attributeCount
        bounds[0] = local
        bounds[1] = localEnd
        bounds[2] = valueStart
        bounds[3] = index
        attributeCount &+= 1
        index &+= 1
        return true
    }

    /// Reads the end tag at `pos` (`</name>`, white space allowed before `>`) when it is whole
    /// in the buffer and nothing else is in it: sets the name and returns the index of its `>`;
    /// nil leaves it to the general path, as for start tags.
    @inline(__always)
    mutating func scanPlainEndTag() -> Int? {
        var index = pos &+ 2
        nameStart = index
        localStart = index
        while true {
            guard index < count else { return nil }
            let byte = buffer[index]
            if Self.isSpace(byte) || byte == 0x3E { break }
            if byte == 0x2F || byte == 0x3D || byte == 0x22 || byte == 0x27 || byte == 0x3C { return nil }
            if byte == 0x3A { localStart = index &+ 1 }
            index &+= 1
        }
        nameEnd = index
        guard nameEnd > localStart else { return nil }
        while index < count, Self.isSpace(buffer[index]) { index &+= 1 }
        guard index < count, buffer[index] == 0x3E else { return nil }
        return index
    }

    /// Reads the rest of the part's bytes without tokenizing them, so that the source checks
    /// its end (a ZIP entry's size and CRC-32): for a reader that stops before the part ends.
    /// The current token is gone afterwards, and the scanner reads no more.
    mutating func drainSource() throws(WorkbookError) {
        guard !sourceEnded else { return }
        let whole = UnsafeMutableBufferPointer(start: buffer, count: memory.capacity)
        while try source.read(into: whole) > 0 {}
        sourceEnded = true
        count = 0
        pos = 0
    }
}
