#if canImport(Glibc)
import Glibc
#endif

/// Fixed-size storage of plain values, written in place. Two uses in the ledger scan:
///
/// - Scratch columns for a batch of rows, written row by row: an array checks on every write
///   that its storage is not shared (copy on write), and at ten million rows those checks were
///   a fifth of the scan.
/// - Large tables looked up at random once a row — the region table and the id sets, tens of
///   megabytes: with the usual 4 KiB pages every lookup also misses the TLB, and under
///   virtualisation a page walk can cost as much as the cache miss itself. On Linux a buffer of
///   2 MiB or more is aligned to 2 MiB and asks for transparent huge pages
///   (`madvise(MADV_HUGEPAGE)`) before it is first written, so that a few dozen TLB entries
///   cover it; where the kernel says no, nothing changes.
///
/// A class: types that keep one as a value (`CodeTable`, `IDSet`) copy it before they change a
/// shared one (`copy()`), and so keep value semantics.
final class FlatBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    private static var hugePageSize: Int { 2 << 20 }

    /// `count` copies of `value`.
    convenience init(repeating value: Element, count: Int) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    private init(uninitializedCount count: Int) {
        self.count = count
        let bytes = max(1, count * MemoryLayout<Element>.stride)
        let isLarge = bytes >= Self.hugePageSize
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: bytes, alignment: isLarge ? Self.hugePageSize : MemoryLayout<Element>.alignment)
        #if os(Linux)
        if isLarge {
            // Whole huge pages only; the advice is a hint, and a refusal is not an error.
            _ = madvise(raw, bytes / Self.hugePageSize * Self.hugePageSize, MADV_HUGEPAGE)
        }
        #endif
        base = raw.bindMemory(to: Element.self, capacity: count)
    }

    /// A buffer with the same elements.
    func copy() -> FlatBuffer {
        let copy = FlatBuffer(uninitializedCount: count)
        copy.base.initialize(from: base, count: count)
        return copy
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "index out of range")
            base[index] = newValue
        }
    }

    deinit { base.deallocate() }
}
