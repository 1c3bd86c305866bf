// The SHA-256 block compression on the x86 SHA extensions (SHA-NI), for BulletinKit's SHA256.
// Alone in its own target because the intrinsics compile only with `-Xcc -msha -Xcc -msse4.1`
// (Package.swift), and those flags let the compiler use SSE4.1 and SHA instructions anywhere in
// the module: nothing here runs them unless `SHA256Extensions.isAvailable` says the CPU has them.
// `_mm_alignr_epi8`, `_mm_shuffle_epi32` and `_mm_blend_epi16` are C macros, which Swift does not
// import: their lane moves are written with SIMD4 (the compiler emits PALIGNR, PSHUFD for them) and
// `_mm_unpackhi_epi64`. On other architectures this compiles to `isAvailable == false`.
#if arch(x86_64)
    internal import _Builtin_intrinsics.intel
    internal import _Builtin_intrinsics.intel.cpuid
#endif

/// SHA-256's compression function on the CPU's SHA extensions, and whether this CPU has them.
///
/// The state is the eight 32-bit words H0…H7 of FIPS 180-4 in order; the software compression
/// in BulletinKit's `SHA256` takes the same state and blocks and must give the same result.
public enum SHA256Extensions {
    /// True when the CPU has the SHA extensions and the SSSE3 and SSE4.1 instructions the
    /// compression also uses (CPUID leaf 7 EBX bit 29; leaf 1 ECX bits 9 and 19). Always false
    /// on other architectures.
    public static let isAvailable: Bool = cpuHasSHAExtensions()

    /// Runs the compression function over every whole 64-byte block of `blocks`, in order,
    /// updating `state` (H0…H7); bytes after the last whole block are ignored.
    ///
    /// - Precondition: `isAvailable`; on a CPU without the extensions this traps rather than
    ///   executing an illegal instruction.
    @inline(never)
    public static func compress(
        _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        blocks: UnsafeRawBufferPointer
    ) {
        precondition(isAvailable, "SHA256Extensions.compress needs a CPU with the SHA extensions")
        #if arch(x86_64)
            if blocks.count >= 64, let base = blocks.baseAddress {
                compressBlocks(&state, base, blocks.count / 64)
            }
        #endif
    }
}

#if arch(x86_64)
    /// CPUID: leaf 1 ECX bit 9 (SSSE3) and bit 19 (SSE4.1), leaf 7 subleaf 0 EBX bit 29 (SHA).
    private func cpuHasSHAExtensions() -> Bool {
        var eax: UInt32 = 0
        var ebx: UInt32 = 0
        var ecx: UInt32 = 0
        var edx: UInt32 = 0
        guard __get_cpuid_count(1, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let ssse3 = ecx & (1 << 9) != 0
        let sse41 = ecx & (1 << 19) != 0
        guard __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        let sha = ebx & (1 << 29) != 0
        return ssse3 && sse41 && sha
    }

    /// The four 32-bit lanes of a 128-bit vector, lane 0 lowest.
    private typealias Lanes = SIMD4<UInt32>

    /// The lanes of `vector` (`__m128i` is imported as two 64-bit lanes).
    @inline(__always) private func lanes(_ vector: __m128i) -> Lanes {
        unsafeBitCast(vector, to: Lanes.self)
    }

    /// The vector holding `lanes`.
    @inline(__always) private func vector(_ lanes: Lanes) -> __m128i {
        unsafeBitCast(lanes, to: __m128i.self)
    }

    /// A vector of four words, `w0` in lane 0.
    @inline(__always) private func words(_ w0: UInt32, _ w1: UInt32, _ w2: UInt32, _ w3: UInt32) -> __m128i {
        vector(Lanes(w0, w1, w2, w3))
    }

    /// Rounds t…t+3 on the state held as (A, B, E, F) and (C, D, G, H) in the lane order
    /// SHA256RNDS2 wants, with message words W[t…t+3] in `w` and round constants K[t…t+3].
    @inline(__always)
    private func fourRounds(
        _ abef: inout __m128i, _ cdgh: inout __m128i, _ w: __m128i,
        _ k0: UInt32, _ k1: UInt32, _ k2: UInt32, _ k3: UInt32
    ) {
        let wordsPlusConstants = _mm_add_epi32(w, words(k0, k1, k2, k3))
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wordsPlusConstants)
        // SHA256RNDS2 reads the two low lanes; the next two rounds take the two high ones.
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_unpackhi_epi64(wordsPlusConstants, wordsPlusConstants))
    }

    /// The next four schedule words W[t…t+3] from W[t-16…t-1] held as four vectors of four
    /// (FIPS 180-4 §6.2.2 step 1): σ0 terms by SHA256MSG1, the W[t-7] terms added from the lanes
    /// W[t-7…t-4], σ1 terms by SHA256MSG2.
    @inline(__always)
    private func nextWords(_ w0: __m128i, _ w1: __m128i, _ w2: __m128i, _ w3: __m128i) -> __m128i {
        let a = lanes(w2)
        let b = lanes(w3)
        let minus7 = vector(Lanes(a[1], a[2], a[3], b[0]))
        return _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), minus7), w3)
    }

    /// Compresses `count` 64-byte blocks at `data` into `state` (the Intel SHA extensions
    /// routine: 16 groups of four rounds with the schedule computed four words at a time).
    private func compressBlocks(
        _ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
        _ data: UnsafeRawPointer, _ count: Int
    ) {
        // SHA256RNDS2 keeps the state as ABEF and CDGH, A and C in the highest lane.
        var abef = words(state.5, state.4, state.1, state.0)
        var cdgh = words(state.7, state.6, state.3, state.2)
        // Reverses the bytes of each 32-bit lane: the message words are big-endian.
        let byteSwap = vector(Lanes(0x0001_0203, 0x0405_0607, 0x0809_0a0b, 0x0c0d_0e0f))
        var block = data
        for _ in 0..<count {
            let savedABEF = abef
            let savedCDGH = cdgh
            var w0 = _mm_shuffle_epi8(block.loadUnaligned(as: __m128i.self), byteSwap)
            var w1 = _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: 16, as: __m128i.self), byteSwap)
            var w2 = _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: 32, as: __m128i.self), byteSwap)
            var w3 = _mm_shuffle_epi8(block.loadUnaligned(fromByteOffset: 48, as: __m128i.self), byteSwap)
            // Round constants K[0…63] (FIPS 180-4 §4.2.2), four a group.
            fourRounds(&abef, &cdgh, w0, 0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5)
            fourRounds(&abef, &cdgh, w1, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5)
            fourRounds(&abef, &cdgh, w2, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3)
            fourRounds(&abef, &cdgh, w3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174)
            w0 = nextWords(w0, w1, w2, w3)
            fourRounds(&abef, &cdgh, w0, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc)
            w1 = nextWords(w1, w2, w3, w0)
            fourRounds(&abef, &cdgh, w1, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da)
            w2 = nextWords(w2, w3, w0, w1)
            fourRounds(&abef, &cdgh, w2, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7)
            w3 = nextWords(w3, w0, w1, w2)
            fourRounds(&abef, &cdgh, w3, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967)
            w0 = nextWords(w0, w1, w2, w3)
            fourRounds(&abef, &cdgh, w0, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13)
            w1 = nextWords(w1, w2, w3, w0)
            fourRounds(&abef, &cdgh, w1, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85)
            w2 = nextWords(w2, w3, w0, w1)
            fourRounds(&abef, &cdgh, w2, 0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3)
            w3 = nextWords(w3, w0, w1, w2)
            fourRounds(&abef, &cdgh, w3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070)
            w0 = nextWords(w0, w1, w2, w3)
            fourRounds(&abef, &cdgh, w0, 0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5)
            w1 = nextWords(w1, w2, w3, w0)
            fourRounds(&abef, &cdgh, w1, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3)
            w2 = nextWords(w2, w3, w0, w1)
            fourRounds(&abef, &cdgh, w2, 0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208)
            w3 = nextWords(w3, w0, w1, w2)
            fourRounds(&abef, &cdgh, w3, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2)
            abef = _mm_add_epi32(abef, savedABEF)
            cdgh = _mm_add_epi32(cdgh, savedCDGH)
            block += 64
        }
        let high = lanes(abef)
        let low = lanes(cdgh)
        state = (high[3], high[2], low[3], low[2], high[1], high[0], low[1], low[0])
    }
#else
    /// Not an x86-64 CPU: no SHA extensions to use.
    private func cpuHasSHAExtensions() -> Bool { false }
#endif
