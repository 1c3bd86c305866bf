internal import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), streaming, for the manifest's input-file hashes.
///
/// Feed bytes with `update` as often as needed, then call `finalize` once. Written here
/// because the tool may use only the Swift toolchain and Foundation (SPEC §1), and CryptoKit
/// is not part of Foundation on Linux. Whole blocks go through the CPU's SHA extensions when it
/// has them (the C target CSHA256), else through the compression function in Swift below.
package struct SHA256 {
    typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// Which compression function a hasher runs over whole 64-byte blocks. Both give the same
    /// digests; tests and the benchmark pick one with `init?(implementation:)`.
        package enum Implementation: String, Sendable, CaseIterable {
        /// In Swift, on any CPU: the fallback, and the oracle the hardware path is tested against.
        case software
        /// The x86 SHA extensions (SHA-NI), on CPUs that have them.
        case hardware
    }

    /// The compression `init()` picks: `.hardware` when this CPU has the SHA extensions.
        package static let defaultImplementation: Implementation =
        hasHardware ? .hardware : .software

    /// The compression this hasher runs.
        package let implementation: Implementation

    private var state: State = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// Bytes of an incomplete block waiting for more input; never 64 or more.
    private var pending: [UInt8] = []
    /// Total message length in bytes so far.
    private var length: UInt64 = 0

    /// A hasher with nothing fed to it yet, on the fastest compression this CPU has.
    package init() {
        implementation = Self.defaultImplementation
        pending.reserveCapacity(64)
    }

    /// A hasher on the given compression, or nil if it is `.hardware` and this CPU lacks the
    /// SHA extensions.
        package init?(implementation: Implementation) {
        guard implementation == .software || Self.hasHardware else { return nil }
        self.implementation = implementation
        pending.reserveCapacity(64)
    }

    /// Adds `bytes` to the message.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            offset = take
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { Self.compress(&state, blocksAt: $0, using: implementation) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - offset) / 64 * 64
        if whole > 0 {
            Self.compress(
                &state, blocksAt: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + whole)]),
                using: implementation)
            offset += whole
        }
        if offset < bytes.count {
            pending.append(contentsOf: bytes[offset...])
        }
    }

    /// Adds the bytes of `data` to the message.
    mutating func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Pads the message and returns its 32-byte digest. Call once: the hasher is spent after it.
    package mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // Padding: 0x80, zeros up to 56 mod 64, then the bit length big-endian.
        var tail: [UInt8] = [0x80]
        let zeros = (55 &- pending.count + 64) % 64
        tail.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        let savedLength = length
        tail.withUnsafeBytes { update($0) }
        length = savedLength
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// The 32-byte digest of `data`.
    static func hash(_ data: Data) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data)
        return hasher.finalize()
    }

    /// The digest of `data` as 64 lowercase hexadecimal digits.
    static func hexDigest(_ data: Data) -> String {
        hex(hash(data))
    }

    /// The digest of the file at `path` as 64 lowercase hexadecimal digits, read in 1 MiB
    /// chunks so that memory stays flat whatever the file's size.
    static func hexDigest(ofFileAt path: String) throws -> String {
        try hexDigest(ofFileAt: path, hasher: SHA256())
    }

    /// The digest of the file at `path` as 64 lowercase hexadecimal digits, hashed on the given
    /// compression, or nil if it is `.hardware` and this CPU lacks the SHA extensions.
        package static func hexDigest(ofFileAt path: String, implementation: Implementation) throws -> String? {
        guard let hasher = SHA256(implementation: implementation) else { return nil }
        return try hexDigest(ofFileAt: path, hasher: hasher)
    }

    /// The digest of the file at `path`, fed to `hasher` in 1 MiB chunks read into one buffer:
    /// a new `Data` a chunk, as `FileHandle.read` gives, cost SHA-NI hashing a seventh of its
    /// speed (1,310 against 1,510 MB/s on a 410 MB file).
    private static func hexDigest(ofFileAt path: String, hasher: SHA256) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = hasher
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        while true {
            let count = read(handle.fileDescriptor, chunk.baseAddress, chunk.count)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            hasher.update(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
        }
        return hex(hasher.finalize())
    }
}

extension SHA256 {
    /// `bytes` as lowercase hexadecimal, two digits a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

extension SHA256 {
    /// Round constants: the first 32 bits of the fractional parts of the cube roots of the
    /// first 64 primes (FIPS 180-4 §4.2.2).
    fileprivate static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
        0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7,
        0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc,
        0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351,
        0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e,
        0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585,
        0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f,
        0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
        0xc671_78f2,
    ]

    @inline(__always) fileprivate static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x >> n) | (x << (32 - n))
    }

    /// One round: `h` becomes the new `a` and `d` the new `e`; the caller renames the rest.
    @inline(__always)
    fileprivate static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ constantAndWord: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ constantAndWord
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d = d &+ t1
        h = t1 &+ t2
    }

    /// Runs `implementation`'s compression function over every 64-byte block of `blocks`, whose
    /// count is a multiple of 64, updating `state`.
    static func compress(
        _ state: inout State, blocksAt blocks: UnsafeRawBufferPointer, using implementation: Implementation
    ) {
        switch implementation {
        case .software: compressInSoftware(&state, blocksAt: blocks)
        case .hardware: compressInHardware(&state, blocksAt: blocks)
        }
    }

    /// True when this CPU has the SHA extensions and the SSSE3 and SSE4.1 instructions the
    /// hardware compression also uses; always false on CPUs other than x86-64.
    static let hasHardware = csha256_hardware_available() != 0

    /// Runs the compression function on the CPU's SHA extensions (CSHA256) over every 64-byte
    /// block of `blocks`, updating `state`; bytes after the last whole block are ignored.
    ///
    /// - Precondition: `hasHardware`: without it this traps rather than executing an
    ///   instruction the CPU lacks.
    private static func compressInHardware(_ state: inout State, blocksAt blocks: UnsafeRawBufferPointer) {
        precondition(hasHardware, "the SHA-256 hardware compression needs a CPU with the SHA extensions")
        guard blocks.count >= 64, let base = blocks.baseAddress else { return }
        // A homogeneous tuple is laid out as a C array: H0…H7 in order.
        withUnsafeMutableBytes(of: &state) { words in
            csha256_compress_blocks(
                words.baseAddress?.assumingMemoryBound(to: UInt32.self),
                base.assumingMemoryBound(to: UInt8.self), blocks.count / 64)
        }
    }

    /// Runs the compression function over every 64-byte block of `blocks`, whose count is a
    /// multiple of 64, updating `state`.
    fileprivate static func compressInSoftware(
        _ state: inout State, blocksAt blocks: UnsafeRawBufferPointer
    ) {
        var (h0, h1, h2, h3, h4, h5, h6, h7) = state
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            Self.k.withUnsafeBufferPointer { k in
                var base = 0
                while base + 64 <= blocks.count {
                    for t in 0..<16 {
                        w[t] = blocks.loadUnaligned(fromByteOffset: base + t * 4, as: UInt32.self).bigEndian
                    }
                    for t in 16..<64 {
                        let x = w[t - 15]
                        let y = w[t - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                    }
                    var a = h0
                    var b = h1
                    var c = h2
                    var d = h3
                    var e = h4
                    var f = h5
                    var g = h6
                    var h = h7
                    // Eight rounds a pass with the working variables' roles rotated, rather than
                    // moved round by round: a third faster (FIPS 180-4 §6.2.2, step 3).
                    var t = 0
                    while t < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                        round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
                        round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
                        round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
                        round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4])
                        round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5])
                        round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6])
                        round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7])
                        t += 8
                    }
                    h0 = h0 &+ a
                    h1 = h1 &+ b
                    h2 = h2 &+ c
                    h3 = h3 &+ d
                    h4 = h4 &+ e
                    h5 = h5 &+ f
                    h6 = h6 &+ g
                    h7 = h7 &+ h
                    base += 64
                }
            }
        }
        state = (h0, h1, h2, h3, h4, h5, h6, h7)
    }
}
