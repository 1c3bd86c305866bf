extension XMLScanner {
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
