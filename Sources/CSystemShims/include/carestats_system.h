// Small system calls Swift's Glibc module does not expose, and processor instructions Swift does
// not reach (a prefetch hint, SSE2 byte counts).
#ifndef CARESTATS_SYSTEM_H
#define CARESTATS_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno
/// set (ENOSYS or EINVAL where the kernel or file system cannot).
int carestats_exchange_paths(const char *a, const char *b);

/// Asks the processor to start loading the cache line at `p` (a hint: never faults, no effect
/// on results). Used to overlap a hash table's cache miss with the work of the row before.
static inline void carestats_prefetch(const void *p) { __builtin_prefetch(p); }

/// As `carestats_prefetch`, for the `bytes` from `p` (at most a cache line's 64): a row of an
/// array need not start a line (an array's elements start 32 bytes into its block), and a row
/// across two lines needs both.
static inline void carestats_prefetch_row(const void *p, long bytes) {
    __builtin_prefetch(p);
    __builtin_prefetch((const char *)p + bytes - 1);
}

/// A 32-bit load that sees everything written before the `carestats_store_release_i32` that
/// wrote the value it reads (C11 acquire), and that store. For a table read without its lock
/// while one writer, holding it, fills a slot's other fields and then its last (`ChildInterner`).
static inline int carestats_load_acquire_i32(const int *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void carestats_store_release_i32(int *p, int value) { __atomic_store_n(p, value, __ATOMIC_RELEASE); }

/// Makes the allocator give every allocation of 4 MB or more its own mapping, returned to the
/// system as soon as it is freed (glibc's threshold otherwise rises to 32 MB as large blocks are
/// freed, and freed blocks below it stay in the process: at national scale the rows of a table
/// read and let go kept 50 MB resident through the measures). Blocks under 4 MB (sets of
/// children, filters, the measures' bits) are reused once freed instead of mapped and cleared
/// afresh: the race's peak 276–283 → 287–290 MiB, its fresh pages 23,000–26,000 → 18,000, and
/// 1 MB had run 6% slower right after a DuckDB run (docs/performance.md, eighteenth pass). No
/// effect where there is no glibc.
void carestats_return_freed_memory(void);

/// Restarts the process in place (same process id, arguments, open files and environment), with
/// glibc told to ask the kernel for 2 MB pages for its large blocks and thread heaps
/// (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`), which glibc reads only as a process starts. Returns,
/// and the process goes on as it is, when Linux does not give huge pages to memory that asks for
/// them ("madvise" mode), the setting is there already, or the restart fails. `LargePages`
/// (carestats) says when to call it.
void carestats_restart_with_large_pages(char *const argv[]);

/// 1 in the process `carestats_restart_with_large_pages` started (once: the mark it left in the
/// environment is removed, so no later process started from this one takes it for a restart).
int carestats_restarted_with_large_pages(void);

/// Lowers the calling thread to Linux's idle scheduling class (`SCHED_IDLE`): it runs only on a
/// core no other thread of normal priority wants, and yields to one at once. For work whose result
/// is needed only at the end of a run (the input files' digests). No effect elsewhere.
void carestats_run_only_when_idle(void);

/// What `carestats_count_text` has counted of a file's bytes so far (`CSVFileScan`).
typedef struct {
    long lf, cr, crlf;
    /// Blocks holding a byte other than a space, a tab or a line end (only whether it is above 0 matters).
    long nonSpace;
    /// Whether the last byte counted was a CR.
    int lastWasCR;
} carestats_text_counts;

/// Counts the line ends of `p[0..<n]` a block at a time (32 bytes where the processor has AVX2, as
/// `carestats_text_scans_use_avx2` chooses; 16 with SSE2), as long as every byte of a block is
/// printable ASCII (0x20-0x7E), a tab, a CR or an LF, and no block holding an LF ends at or after
/// `due` (where the scan must note a line start). A CR then an LF is one CRLF, also across blocks
/// and calls (`lastWasCR`). Returns how many bytes it counted, a multiple of 16: the caller reads
/// the block it stopped at its own way. Where the processor has no SSE2, counts nothing.
long carestats_count_text(const unsigned char *p, long n, long due, carestats_text_counts *counts);

/// The line that starts at `p[0]`: returns where it ends, at its first CR or LF (`n` when
/// `p[0..<n]` holds none), sixteen bytes at a time where the processor has SSE2. Sets `*quote` to
/// whether a quote mark comes before the end, `*spaced` to whether a value starts or ends with a
/// space or a tab (right after the line's start or a comma, right before a comma or the line's
/// end: what reading the values trims; one inside a value, as in a postcode, does not count), and
/// `*count` to how many commas do; writes the place of each in `commas`, the first `cap` of them
/// (a caller told of more makes room and asks again). `QuoteFreeLines` reads a line's values from them.
long carestats_line_commas(const unsigned char *p, long n, int *quote, int *spaced, int *commas, long cap, long *count);
/// Whether `carestats_line_commas` and `carestats_count_text` read 32 bytes at a time (AVX2), when
/// the processor has it (asked at their first call otherwise); returns whether they now do. Tests
/// turn it off to check the 16-byte paths on a processor that has AVX2.
int carestats_text_scans_use_avx2(int use);

#endif
