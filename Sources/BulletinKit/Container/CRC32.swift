/// CRC-32 as ZIP, gzip and PNG use it (ISO 3309, reflected polynomial 0xEDB88320, initial value
/// and final XOR all ones): the check of every entry a workbook or Word document holds.
///
/// Fed in pieces of any size; eight bytes are folded per step with eight tables
/// ("slicing-by-8"), which reads the checksum of an inflated sheet at memory speed.
struct CRC32 {
    private var state: UInt32 = 0xFFFF_FFFF

    /// An empty checksum.
    init() {}

    /// The checksum of everything fed so far.
    var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// The checksum of `bytes` alone.
    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = CRC32()
        let array = Array(bytes)
        array.withUnsafeBufferPointer { crc.update($0) }
        return crc.value
    }

    /// Feeds `bytes`.
    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var pointer = bytes.baseAddress else { return }
        var count = bytes.count
        var crc = state
        Self.tables.withUnsafeBufferPointer { table in
            while count >= 8 {
                let low = crc ^ (UInt32(pointer[0]) | UInt32(pointer[1]) << 8 | UInt32(pointer[2]) << 16
                    | UInt32(pointer[3]) << 24)
                let high = UInt32(pointer[4]) | UInt32(pointer[5]) << 8 | UInt32(pointer[6]) << 16
                    | UInt32(pointer[7]) << 24
                crc =
                    table[7 &* 256 &+ Int(low & 0xFF)] ^ table[6 &* 256 &+ Int((low >> 8) & 0xFF)]
                    ^ table[5 &* 256 &+ Int((low >> 16) & 0xFF)] ^ table[4 &* 256 &+ Int(low >> 24)]
                    ^ table[3 &* 256 &+ Int(high & 0xFF)] ^ table[2 &* 256 &+ Int((high >> 8) & 0xFF)]
                    ^ table[1 &* 256 &+ Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                pointer += 8
                count -= 8
            }
            while count > 0 {
                crc = table[Int((crc ^ UInt32(pointer[0])) & 0xFF)] ^ (crc >> 8)
                pointer += 1
                count -= 1
            }
        }
        state = crc
    }

    /// Feeds `bytes`.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        update(bytes.bindMemory(to: UInt8.self))
    }

    /// Table k holds the CRC of a byte followed by k zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()
}
