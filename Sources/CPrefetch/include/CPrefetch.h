// A hint to the CPU to start loading a cache line that will be read soon, for BulletinKit's
// ledger scan. In C because Swift has no way to emit a prefetch instruction: the scan used to
// read the line instead, and a read, unlike a prefetch, holds up the instructions behind it.
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks for the cache line holding `address` to be loaded for reading, kept in every cache
/// level. Only a hint: it never faults, even on an address that is not mapped.
static inline void cprefetch_read(const void *address) { __builtin_prefetch(address, 0, 3); }

/// The same, for a cache line that will be written.
static inline void cprefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
