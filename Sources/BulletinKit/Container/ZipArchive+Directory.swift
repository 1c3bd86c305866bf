/// Reading a ZIP archive's central directory (APPNOTE 6.3 §4.3): the end-of-central-directory
/// record found back over the comment, its ZIP64 counterpart, and one record per entry.
///
/// Every offset and length comes from the file, so each is checked against the bytes before it
/// is read; a failure names what is wrong instead of trapping.
enum CentralDirectory {
    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let headerSignature: UInt32 = 0x0201_4B50
    /// `D0 CF 11 E0 A1 B1 1A E1`, read as a little-endian integer.
    static let oleSignature: UInt64 = 0xE11A_B1A1_E011_CFD0

    /// The entries the archive's central directory lists, in its order.
    static func entries(in bytes: UnsafeRawBufferPointer) throws(ContainerError) -> [ZipArchive.Entry] {
        let end = try findEnd(in: bytes)
        // The entry count is not read: writers disagree on it past 65,535 entries, and the
        // directory's size, which bounds the work and memory, tells where the records end.
        var (size, offset) = (
            UInt64(bytes.littleEndian(UInt32.self, at: end + 12)),
            UInt64(bytes.littleEndian(UInt32.self, at: end + 16))
        )
        var directoryEnd = end
        if end >= 20, bytes.littleEndian(UInt32.self, at: end - 20) == zip64LocatorSignature {
            (size, offset) = try zip64End(in: bytes, locator: end - 20)
            directoryEnd = end - 20
        }
        guard offset <= UInt64(directoryEnd), size <= UInt64(directoryEnd) - offset else {
            throw ContainerError(.corrupt, "the ZIP directory lies outside the file; the file is damaged")
        }
        var entries: [ZipArchive.Entry] = []
        var position = Int(offset)
        let limit = Int(offset + size)
        while position < limit {
            let (entry, next) = try record(in: bytes, at: position, limit: limit)
            entries.append(entry)
            position = next
        }
        return entries
    }

    /// The offset of the end-of-central-directory record, searched back from the end over a
    /// comment of up to 65,535 bytes; one whose comment length reaches exactly to the end wins.
    private static func findEnd(in bytes: UnsafeRawBufferPointer) throws(ContainerError) -> Int {
        let count = bytes.count
        if count >= 8 && bytes.littleEndian(UInt64.self, at: 0) == oleSignature {
            throw ContainerError(.oleCompoundFile, .containerLegacy)
        }
        var fallback: Int?
        if count >= 22 {
            for position in stride(from: count - 22, through: max(0, count - 22 - 65_535), by: -1)
            where bytes.littleEndian(UInt32.self, at: position) == endSignature {
                let commentLength = Int(bytes.littleEndian(UInt16.self, at: position + 20))
                if position + 22 + commentLength == count { return position }
                if fallback == nil { fallback = position }
            }
        }
        if let fallback { return fallback }
        if count == 0 {
            throw ContainerError(.notZip, .containerEmpty)
        }
        if count >= 2 && bytes[0] == UInt8(ascii: "P") && bytes[1] == UInt8(ascii: "K") {
            throw ContainerError(.truncated, .containerCutShort)
        }
        throw ContainerError(.notZip, .containerNotZip)
    }

    /// The directory size and offset in the ZIP64 end record the locator at `locator` points to.
    private static func zip64End(in bytes: UnsafeRawBufferPointer, locator: Int) throws(ContainerError)
        -> (UInt64, UInt64)
    {
        let recordOffset = bytes.littleEndian(UInt64.self, at: locator + 8)
        guard recordOffset <= UInt64(locator), UInt64(locator) - recordOffset >= 56,
            bytes.littleEndian(UInt32.self, at: Int(recordOffset)) == zip64EndSignature
        else {
            throw ContainerError(
                .corrupt, "the ZIP64 directory record is missing or damaged; the file is damaged")
        }
        let record = Int(recordOffset)
        return (
            bytes.littleEndian(UInt64.self, at: record + 40), bytes.littleEndian(UInt64.self, at: record + 48)
        )
    }

    /// The central-directory record at `position` (which must end by `limit`) and where the next
    /// one starts.
    private static func record(in bytes: UnsafeRawBufferPointer, at position: Int, limit: Int)
        throws(ContainerError) -> (ZipArchive.Entry, Int)
    {
        guard limit - position >= 46, bytes.littleEndian(UInt32.self, at: position) == headerSignature else {
            throw ContainerError(.corrupt, "the ZIP directory is damaged at byte \(position)")
        }
        let flags = bytes.littleEndian(UInt16.self, at: position + 8)
        let nameLength = Int(bytes.littleEndian(UInt16.self, at: position + 28))
        let extraLength = Int(bytes.littleEndian(UInt16.self, at: position + 30))
        let commentLength = Int(bytes.littleEndian(UInt16.self, at: position + 32))
        let next = position + 46 + nameLength + extraLength + commentLength
        guard next <= limit else {
            throw ContainerError(.corrupt, "the ZIP directory is damaged at byte \(position)")
        }
        let nameBytes = UnsafeRawBufferPointer(
            rebasing: bytes[(position + 46)..<(position + 46 + nameLength)])
        let extra = UnsafeRawBufferPointer(
            rebasing: bytes[(position + 46 + nameLength)..<(position + 46 + nameLength + extraLength)])
        var entry = ZipArchive.Entry(
            path: name(nameBytes, isUTF8: flags & 0x800 != 0, extra: extra),
            method: bytes.littleEndian(UInt16.self, at: position + 10),
            crc32: bytes.littleEndian(UInt32.self, at: position + 16),
            compressedSize: UInt64(bytes.littleEndian(UInt32.self, at: position + 20)),
            uncompressedSize: UInt64(bytes.littleEndian(UInt32.self, at: position + 24)),
            localHeaderOffset: UInt64(bytes.littleEndian(UInt32.self, at: position + 42)),
            flags: flags)
        try applyZip64(extra, to: &entry)
        return (entry, next)
    }

    /// Replaces the sizes and offset saturated at 0xFFFFFFFF by their values in the ZIP64 extra
    /// field (0x0001), which holds just those, in this order.
    private static func applyZip64(_ extra: UnsafeRawBufferPointer, to entry: inout ZipArchive.Entry)
        throws(ContainerError)
    {
        let saturated: UInt64 = 0xFFFF_FFFF
        guard
            entry.uncompressedSize == saturated || entry.compressedSize == saturated
                || entry.localHeaderOffset == saturated
        else { return }
        guard var field = extraField(0x0001, in: extra) else {
            throw ContainerError(
                .corrupt, part: entry.path, "the ZIP64 sizes of the entry are missing; the file is damaged")
        }
        func take() throws(ContainerError) -> UInt64 {
            guard field.count >= 8 else {
                throw ContainerError(
                    .corrupt, part: entry.path,
                    "the ZIP64 sizes of the entry are cut short; the file is damaged")
            }
            let value = field.littleEndian(UInt64.self, at: 0)
            field = UnsafeRawBufferPointer(rebasing: field[8...])
            return value
        }
        if entry.uncompressedSize == saturated { entry.uncompressedSize = try take() }
        if entry.compressedSize == saturated { entry.compressedSize = try take() }
        if entry.localHeaderOffset == saturated { entry.localHeaderOffset = try take() }
    }

    /// The data of the first extra field with `id`, if the extra block holds one whole.
    private static func extraField(_ id: UInt16, in extra: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer?
    {
        var position = 0
        while extra.count - position >= 4 {
            let fieldID = extra.littleEndian(UInt16.self, at: position)
            let length = Int(extra.littleEndian(UInt16.self, at: position + 2))
            guard extra.count - position - 4 >= length else { return nil }
            if fieldID == id {
                return UnsafeRawBufferPointer(rebasing: extra[(position + 4)..<(position + 4 + length)])
            }
            position += 4 + length
        }
        return nil
    }

    /// The entry's name: UTF-8 when flagged so, or when the bytes are valid UTF-8 (many tools
    /// write it unflagged); Info-ZIP's Unicode path field (0x7075) when it matches the name;
    /// otherwise code page 437, the format's historical default.
    private static func name(_ raw: UnsafeRawBufferPointer, isUTF8: Bool, extra: UnsafeRawBufferPointer)
        -> String
    {
        let bytes = Array(raw)
        if isUTF8 { return String(decoding: bytes, as: UTF8.self) }
        if let unicode = extraField(0x7075, in: extra), unicode.count >= 5, unicode[0] == 1,
            unicode.littleEndian(UInt32.self, at: 1) == CRC32.checksum(bytes)
        {
            return String(decoding: unicode[5...], as: UTF8.self)
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(
            bytes.map { byte in
                byte < 0x80
                    ? Character(Unicode.Scalar(byte))
                    : cp437High.dropFirst(Int(byte) - 0x80).first ?? "\u{FFFD}"
            })
    }

    /// Code page 437's characters for the bytes 0x80–0xFF.
    private static let cp437High = Array(
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}"
    )
}
