// SHA-256 on the x86 SHA extensions: the CPUID check, and the compression function in the form
// Intel's white paper gives it (16 groups of four rounds, the message schedule four words at a
// time). Only `csha256_compress_blocks` and its helpers carry the target attribute, so nothing
// else in the program may use the SHA or SSE4.1 instructions, and the caller checks the CPU first.
#include "CSHA256.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

int csha256_hardware_available(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    // `__get_cpuid_count` returns 0 when the CPU has no such leaf.
    if (!__get_cpuid_count(1, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int ssse3 = (ecx >> 9) & 1;
    int sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

#define CSHA256_TARGET __attribute__((target("sha,sse4.1,ssse3")))

/// Round constants K[0…63] (FIPS 180-4 §4.2.2), read four at a time.
static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/// Rounds t…t+3 (t = 4 × `group`) on the state held as ABEF and CDGH, the lane order
/// SHA256RNDS2 wants, with the message words W[t…t+3] in `w`.
static inline __attribute__((always_inline)) CSHA256_TARGET void four_rounds(
    __m128i *abef, __m128i *cdgh, __m128i w, int group) {
    __m128i k = _mm_loadu_si128((const __m128i *)&round_constants[4 * group]);
    __m128i wk = _mm_add_epi32(w, k);
    *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, wk);
    // SHA256RNDS2 reads the two low lanes; the next two rounds take the two high ones.
    *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, _mm_shuffle_epi32(wk, 0x0E));
}

/// The next four schedule words W[t…t+3] from W[t-16…t-1] held in `w0`…`w3` (FIPS 180-4
/// §6.2.2 step 1): the σ0 terms by SHA256MSG1, the W[t-7] terms added from lanes W[t-7…t-4]
/// (the top three of `w2` and the bottom one of `w3`), the σ1 terms by SHA256MSG2.
static inline __attribute__((always_inline)) CSHA256_TARGET __m128i next_words(
    __m128i w0, __m128i w1, __m128i w2, __m128i w3) {
    __m128i minus7 = _mm_alignr_epi8(w3, w2, 4);
    return _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), minus7), w3);
}

CSHA256_TARGET void csha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count) {
    // SHA256RNDS2 keeps the state as ABEF and CDGH, A and C in the highest lane.
    __m128i abef = _mm_set_epi32((int)state[0], (int)state[1], (int)state[4], (int)state[5]);
    __m128i cdgh = _mm_set_epi32((int)state[2], (int)state[3], (int)state[6], (int)state[7]);
    // Reverses the bytes of each 32-bit lane: the message words are big-endian.
    const __m128i byte_swap = _mm_set_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203);
    for (size_t block = 0; block < count; block++, blocks += 64) {
        const __m128i saved_abef = abef;
        const __m128i saved_cdgh = cdgh;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 0)), byte_swap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16)), byte_swap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 32)), byte_swap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 48)), byte_swap);
        four_rounds(&abef, &cdgh, w0, 0);
        four_rounds(&abef, &cdgh, w1, 1);
        four_rounds(&abef, &cdgh, w2, 2);
        four_rounds(&abef, &cdgh, w3, 3);
        // Groups 4…15, four at a time so that the four words rotate back to their names.
        for (int group = 4; group < 16; group += 4) {
            w0 = next_words(w0, w1, w2, w3);
            four_rounds(&abef, &cdgh, w0, group);
            w1 = next_words(w1, w2, w3, w0);
            four_rounds(&abef, &cdgh, w1, group + 1);
            w2 = next_words(w2, w3, w0, w1);
            four_rounds(&abef, &cdgh, w2, group + 2);
            w3 = next_words(w3, w0, w1, w2);
            four_rounds(&abef, &cdgh, w3, group + 3);
        }
        abef = _mm_add_epi32(abef, saved_abef);
        cdgh = _mm_add_epi32(cdgh, saved_cdgh);
    }
    uint32_t high[4], low[4];
    _mm_storeu_si128((__m128i *)high, abef);
    _mm_storeu_si128((__m128i *)low, cdgh);
    state[0] = high[3];
    state[1] = high[2];
    state[4] = high[1];
    state[5] = high[0];
    state[2] = low[3];
    state[3] = low[2];
    state[6] = low[1];
    state[7] = low[0];
}

#else

// Not an x86-64 CPU: no SHA extensions, and SHA256 keeps to its compression in Swift.
int csha256_hardware_available(void) { return 0; }

void csha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count) {
    (void)state;
    (void)blocks;
    (void)count;
}

#endif
