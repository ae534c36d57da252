#if canImport(Glibc)
    import CMalloc
    import Glibc
#endif

/// Backs the heap of a large run with transparent huge pages.
///
/// A whole-spec `generate` allocates about 50 MB in small pieces; with 4 KiB pages that is 9,000 page faults (a
/// microsecond or more each in a virtual machine) and as many pages to free at exit, about a tenth of the run. Here
/// the heap is grown once by `reserve` bytes, kept (not trimmed back), and marked `MADV_HUGEPAGE`, and large
/// blocks are taken from it instead of mapped one by one, so it fills in 2 MiB pages where the system allows
/// (`/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise` or `always`). Reserved memory that is never
/// touched costs nothing. What `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` does, set from inside the process.
enum LargePages {
    /// Reserves `bytes` of heap (at most 1 GiB) for huge pages; does nothing where glibc's allocator is not in use.
    static func reserve(_ bytes: Int) {
        #if canImport(Glibc)
            let bytes = min(max(bytes, 4 << 20), 1 << 30)
            guard mallopt(M_TOP_PAD, Int32(bytes)) == 1, mallopt(M_TRIM_THRESHOLD, Int32(bytes * 2)) == 1,
                mallopt(M_MMAP_THRESHOLD, Int32(min(bytes / 2, 32 << 20))) == 1
            else { return }
            // An allocation larger than what the heap has free grows it by the pad; from there to the top is marked.
            guard let probe = malloc(1 << 20) else { return }
            free(probe)
            let huge = 2 << 20
            guard let end = sbrk(0).map({ Int(bitPattern: $0) }), end > 0 else { return }
            let start = (Int(bitPattern: probe) + huge - 1) & ~(huge - 1)
            guard end > start + huge else { return }
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
        #endif
    }
}
