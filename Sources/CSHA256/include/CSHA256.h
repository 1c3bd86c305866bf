// SHA-256's block compression on the x86 SHA extensions (SHA-NI), for BulletinKit's SHA256.
// In C because a C function can enable the SHA instructions for itself alone, with a target
// attribute, where Swift would need a compiler flag for its whole module (and SwiftPM refuses
// such flags in a package that others depend on by version).
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions and the SSSE3 and SSE4.1 instructions the compression
/// also uses (CPUID leaf 7 EBX bit 29; leaf 1 ECX bits 9 and 19), else 0. Always 0 on CPUs
/// other than x86-64.
int csha256_hardware_available(void);

/// Runs SHA-256's compression function (FIPS 180-4 §6.2.2) over `count` consecutive 64-byte
/// blocks at `blocks`, updating `state`, the eight words H0…H7 in order.
/// Call only when `csha256_hardware_available()` is 1: elsewhere it would execute instructions
/// the CPU lacks (on other architectures it does nothing).
void csha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t count);

#endif
