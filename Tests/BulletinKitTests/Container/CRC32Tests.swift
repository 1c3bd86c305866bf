import Foundation
import Testing

@testable import BulletinKit

@Suite struct CRC32Tests {
    // Check values: "123456789" → CBF43926 is the catalogue's check value for CRC-32/ISO-HDLC
    // (Greg Cook's CRC catalogue); the pangram's value is the one zlib.crc32 and `gzip -l` print;
    // the empty message leaves the initial value XORed with itself.
    @Test(arguments: [
        ("123456789", UInt32(0xCBF4_3926)),
        ("The quick brown fox jumps over the lazy dog", UInt32(0x414F_A339)),
        ("", UInt32(0)),
        ("a", UInt32(0xE8B7_BE43)),
    ])
    func publishedCheckValues(message: String, expected: UInt32) {
        #expect(CRC32.checksum(Array(message.utf8)) == expected)
    }

    /// Fed in pieces of every length from 1 to 17 (so that the eight-byte steps start at every
    /// alignment), the checksum equals the one of a bit-by-bit reference computed here.
    @Test func piecesAgreeWithBitwiseReference() {
        var generator = SeededRandom(seed: 32)
        let bytes = (0..<4099).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var reference: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            reference ^= UInt32(byte)
            for _ in 0..<8 { reference = reference & 1 == 1 ? (reference >> 1) ^ 0xEDB8_8320 : reference >> 1 }
        }
        reference ^= 0xFFFF_FFFF
        for piece in 1...17 {
            var crc = CRC32()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + piece)
                bytes[start..<end].withUnsafeBufferPointer { crc.update($0) }
                start = end
            }
            #expect(crc.value == reference, "pieces of \(piece)")
        }
    }
}
