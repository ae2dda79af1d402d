#define _GNU_SOURCE
#include "carestats_system.h"
#include <errno.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <fcntl.h>
#ifdef __linux__
#include <sched.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>
#endif

int carestats_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

void carestats_run_only_when_idle(void) {
#if defined(__linux__) && defined(SCHED_IDLE)
    struct sched_param p = { .sched_priority = 0 };
    (void)sched_setscheduler(0, SCHED_IDLE, &p);
#endif
}

void carestats_return_freed_memory(void) {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
#endif
}

int carestats_restarted_with_large_pages(void) {
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (!getenv("CARESTATS_RESTARTED")) return 0;
    unsetenv("CARESTATS_RESTARTED");
    return tunables && strstr(tunables, "glibc.malloc.hugetlb") ? 1 : 0;
}

void carestats_restart_with_large_pages(char *const argv[]) {
#if defined(__linux__) && defined(__GLIBC__)
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables && strstr(tunables, "glibc.malloc.hugetlb")) return;
    // "always": every large block has huge pages already; "never": none can.
    char mode[256] = {0};
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f) return;
    size_t n = fread(mode, 1, sizeof mode - 1, f);
    fclose(f);
    mode[n] = 0;
    if (!strstr(mode, "[madvise]")) return;
    char before[2048] = {0}, value[2100];
    int had = tunables != NULL && *tunables != 0;
    if (had) {
        if (strlen(tunables) >= sizeof before) return;
        strcpy(before, tunables);
        snprintf(value, sizeof value, "%s:glibc.malloc.hugetlb=1", before);
    } else {
        snprintf(value, sizeof value, "glibc.malloc.hugetlb=1");
    }
    if (setenv("GLIBC_TUNABLES", value, 1) != 0) return;
    if (setenv("CARESTATS_RESTARTED", "1", 1) == 0) execv("/proc/self/exe", argv);
    // Still here: the restart failed (no /proc, say). Go on as before.
    unsetenv("CARESTATS_RESTARTED");
    if (had) setenv("GLIBC_TUNABLES", before, 1); else unsetenv("GLIBC_TUNABLES");
#else
    (void)argv;
#endif
}

/// `carestats_count_text` sixteen bytes at a time.
static long count_text_sse2(const unsigned char *p, long n, long due, carestats_text_counts *c) {
    long i = 0;
#if defined(__SSE2__)
    const __m128i lfs = _mm_set1_epi8(0x0A), crs = _mm_set1_epi8(0x0D), tabs = _mm_set1_epi8(0x09), spaces = _mm_set1_epi8(0x20);
    const __m128i below = _mm_set1_epi8(0x1F), del = _mm_set1_epi8(0x7F), zero = _mm_setzero_si128();
    // Per-lane counts (a byte each, summed out before any can pass 255), and whether any byte
    // was other than a space, a tab or a line end.
    __m128i lfCount = zero, crCount = zero, pairCount = zero, nonBlank = zero;
    // The last block's CRs, for a CR at its end and an LF at the start of the next.
    __m128i lastCR = c->lastWasCR ? _mm_slli_si128(_mm_set1_epi8(-1), 15) : zero;
    long lf = 0, cr = 0, crlf = 0;
    int lanes = 0;
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        // Signed comparisons: a byte of 0x80 or more is negative, so never above 0x1F.
        __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(v, below), _mm_cmplt_epi8(v, del));
        __m128i isLF = _mm_cmpeq_epi8(v, lfs), isCR = _mm_cmpeq_epi8(v, crs), isTab = _mm_cmpeq_epi8(v, tabs);
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(printable, isTab), _mm_or_si128(isLF, isCR))) != 0xFFFF) break;
        if (i + 16 >= due && _mm_movemask_epi8(isLF) != 0) break;
        __m128i blank = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, spaces), isTab), _mm_or_si128(isLF, isCR));
        nonBlank = _mm_or_si128(nonBlank, _mm_cmpeq_epi8(blank, zero));
        // An LF whose byte before (in this block or the last) is a CR.
        __m128i crBefore = _mm_or_si128(_mm_slli_si128(isCR, 1), _mm_srli_si128(lastCR, 15));
        lfCount = _mm_sub_epi8(lfCount, isLF);
        crCount = _mm_sub_epi8(crCount, isCR);
        pairCount = _mm_sub_epi8(pairCount, _mm_and_si128(crBefore, isLF));
        lastCR = isCR;
        i += 16;
        if (++lanes == 255) {
            lf += _mm_cvtsi128_si32(_mm_sad_epu8(lfCount, zero)) + _mm_extract_epi16(_mm_sad_epu8(lfCount, zero), 4);
            cr += _mm_cvtsi128_si32(_mm_sad_epu8(crCount, zero)) + _mm_extract_epi16(_mm_sad_epu8(crCount, zero), 4);
            crlf += _mm_cvtsi128_si32(_mm_sad_epu8(pairCount, zero)) + _mm_extract_epi16(_mm_sad_epu8(pairCount, zero), 4);
            lfCount = crCount = pairCount = zero;
            lanes = 0;
        }
    }
    lf += _mm_cvtsi128_si32(_mm_sad_epu8(lfCount, zero)) + _mm_extract_epi16(_mm_sad_epu8(lfCount, zero), 4);
    cr += _mm_cvtsi128_si32(_mm_sad_epu8(crCount, zero)) + _mm_extract_epi16(_mm_sad_epu8(crCount, zero), 4);
    crlf += _mm_cvtsi128_si32(_mm_sad_epu8(pairCount, zero)) + _mm_extract_epi16(_mm_sad_epu8(pairCount, zero), 4);
    if (i > 0) {
        // A CR then an LF is one line end: counted as a CRLF, not as a CR and an LF.
        c->crlf += crlf; c->lf += lf - crlf; c->cr += cr - crlf;
        // A pair across the first block's start had its CR counted before this call.
        c->lastWasCR = (_mm_movemask_epi8(lastCR) >> 15) & 1;
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(nonBlank, zero)) != 0xFFFF) c->nonSpace += 1;
    }
#else
    (void)p; (void)n; (void)due; (void)c;
#endif
    return i;
}

/// The state of `carestats_line_commas` between blocks of a line.
struct line_scan { long i, found; int quoted, edged; unsigned lastComma, lastBlank; };

/// One block's masks (bit k for byte k): line ends, quote marks, spaces and tabs, commas. Notes
/// what they say of the line up to its end; true when the line ends in the block (`*end` set).
static inline int line_block(struct line_scan *s, unsigned ends, unsigned quotes, unsigned blanks, unsigned marks, int width,
                             int *commas, long cap, long *end) {
    unsigned all = width == 32 ? 0xFFFFFFFFu : (1u << width) - 1;
    // Only the bytes before the line's end count: the bits below its first CR or LF.
    unsigned before = ends ? (1u << __builtin_ctz(ends)) - 1 : all;
    if (quotes & before) s->quoted = 1;
    blanks &= before;
    marks &= before;
    // A space or tab that starts a value (after a comma or the line's start) or ends one
    // (before a comma or the line's end). One inside a value ("ZZ3 6HL") is kept as it is.
    if ((blanks & ((marks << 1) | s->lastComma)) || (marks & ((blanks << 1) | s->lastBlank))) s->edged = 1;
    if (ends) {
        unsigned e = (unsigned)__builtin_ctz(ends);
        if (e > 0 ? (blanks >> (e - 1)) & 1 : s->lastBlank) s->edged = 1;
    }
    s->lastComma = (marks >> (width - 1)) & 1;
    s->lastBlank = (blanks >> (width - 1)) & 1;
    if (s->found + width <= cap) {
        // Room for every comma the block can hold: no test for each.
        while (marks) {
            commas[s->found++] = (int)(s->i + __builtin_ctz(marks));
            marks &= marks - 1;
        }
    } else {
        while (marks) {
            if (s->found < cap) commas[s->found] = (int)(s->i + __builtin_ctz(marks));
            s->found++;
            marks &= marks - 1;
        }
    }
    if (ends) { *end = s->i + __builtin_ctz(ends); return 1; }
    s->i += width;
    return 0;
}

/// The line from `s->i` on, sixteen bytes at a time, then a byte at a time.
static long line_rest(const unsigned char *p, long n, struct line_scan *s, int *quote, int *spaced, int *commas, long cap, long *count) {
    long end;
#if defined(__SSE2__)
    const __m128i lfs = _mm_set1_epi8(0x0A), crs = _mm_set1_epi8(0x0D), quoteBytes = _mm_set1_epi8(0x22), commaBytes = _mm_set1_epi8(0x2C);
    const __m128i spaces = _mm_set1_epi8(0x20), tabs = _mm_set1_epi8(0x09);
    while (s->i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + s->i));
        unsigned ends = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lfs), _mm_cmpeq_epi8(v, crs)));
        unsigned quotes = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quoteBytes));
        unsigned blanks = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, spaces), _mm_cmpeq_epi8(v, tabs)));
        unsigned marks = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, commaBytes));
        if (line_block(s, ends, quotes, blanks, marks, 16, commas, cap, &end)) {
            *quote = s->quoted; *spaced = s->edged; *count = s->found;
            return end;
        }
    }
#endif
    long i = s->i;
    for (; i < n; i++) {
        unsigned char b = p[i];
        if (b == 0x0A || b == 0x0D) break;
        unsigned isBlank = b == 0x20 || b == 0x09, isComma = b == 0x2C;
        if (b == 0x22) s->quoted = 1;
        if ((isBlank && s->lastComma) || (isComma && s->lastBlank)) s->edged = 1;
        if (isComma) {
            if (s->found < cap) commas[s->found] = (int)i;
            s->found++;
        }
        s->lastComma = isComma;
        s->lastBlank = isBlank;
    }
    if (s->lastBlank) s->edged = 1;
    *quote = s->quoted;
    *spaced = s->edged;
    *count = s->found;
    return i;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
/// Thirty-two bytes at a time, on processors with AVX2 (most lines of an extract are 40 to 80
/// bytes: two blocks, not four), then as `line_rest`.
__attribute__((target("avx2")))
static long line_commas_avx2(const unsigned char *p, long n, int *quote, int *spaced, int *commas, long cap, long *count) {
    struct line_scan s = { 0, 0, 0, 0, 1, 0 };
    long end;
    const __m256i lfs = _mm256_set1_epi8(0x0A), crs = _mm256_set1_epi8(0x0D), quoteBytes = _mm256_set1_epi8(0x22);
    const __m256i commaBytes = _mm256_set1_epi8(0x2C), spaces = _mm256_set1_epi8(0x20), tabs = _mm256_set1_epi8(0x09);
    while (s.i + 32 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + s.i));
        unsigned ends = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, lfs), _mm256_cmpeq_epi8(v, crs)));
        unsigned quotes = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quoteBytes));
        unsigned blanks = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, spaces), _mm256_cmpeq_epi8(v, tabs)));
        unsigned marks = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, commaBytes));
        if (line_block(&s, ends, quotes, blanks, marks, 32, commas, cap, &end)) {
            *quote = s.quoted; *spaced = s.edged; *count = s.found;
            return end;
        }
    }
    return line_rest(p, n, &s, quote, spaced, commas, cap, count);
}
#define CARESTATS_HAVE_AVX2_PATH 1
#endif

/// -1 until the processor is asked; then whether the text scans' AVX2 paths are taken (`carestats_text_scans_use_avx2`):
/// the processor must have AVX2 and POPCNT, which the line-end count uses.
static int text_scans_avx2_chosen = -1;

int carestats_text_scans_use_avx2(int use) {
#ifdef CARESTATS_HAVE_AVX2_PATH
    int chosen = use && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") ? 1 : 0;
#else
    int chosen = 0;
    (void)use;
#endif
    __atomic_store_n(&text_scans_avx2_chosen, chosen, __ATOMIC_RELAXED);
    return chosen;
}

#ifdef CARESTATS_HAVE_AVX2_PATH
/// Whether the text scans take their AVX2 paths (the processor asked at the first call).
static inline int text_scans_avx2(void) {
    int avx2 = __atomic_load_n(&text_scans_avx2_chosen, __ATOMIC_RELAXED);
    return avx2 < 0 ? carestats_text_scans_use_avx2(1) : avx2;
}
#endif

long carestats_line_commas(const unsigned char *p, long n, int *quote, int *spaced, int *commas, long cap, long *count) {
#ifdef CARESTATS_HAVE_AVX2_PATH
    if (text_scans_avx2()) return line_commas_avx2(p, n, quote, spaced, commas, cap, count);
#endif
    struct line_scan s = { 0, 0, 0, 0, 1, 0 };
    return line_rest(p, n, &s, quote, spaced, commas, cap, count);
}

#ifdef CARESTATS_HAVE_AVX2_PATH
/// `carestats_count_text` thirty-two bytes at a time: each block's line ends as bit masks, counted
/// with popcount (a CRLF is an LF whose bit before, in this block or at the end of the last, is a CR).
__attribute__((target("avx2,popcnt")))
static long count_text_avx2(const unsigned char *p, long n, long due, carestats_text_counts *c) {
    const __m256i lfs = _mm256_set1_epi8(0x0A), crs = _mm256_set1_epi8(0x0D), tabs = _mm256_set1_epi8(0x09), spaces = _mm256_set1_epi8(0x20);
    const __m256i below = _mm256_set1_epi8(0x1F), del = _mm256_set1_epi8(0x7F);
    long i = 0, lf = 0, cr = 0, crlf = 0;
    unsigned lastCR = c->lastWasCR ? 1u : 0u, nonBlank = 0;
    while (i + 32 <= n) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(p + i));
        // Signed comparisons: a byte of 0x80 or more is negative, so never above 0x1F.
        __m256i printable = _mm256_and_si256(_mm256_cmpgt_epi8(v, below), _mm256_cmpgt_epi8(del, v));
        __m256i isLF = _mm256_cmpeq_epi8(v, lfs), isCR = _mm256_cmpeq_epi8(v, crs), isTab = _mm256_cmpeq_epi8(v, tabs);
        __m256i ends = _mm256_or_si256(isLF, isCR);
        if ((unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(printable, isTab), ends)) != 0xFFFFFFFFu) break;
        unsigned lfMask = (unsigned)_mm256_movemask_epi8(isLF), crMask = (unsigned)_mm256_movemask_epi8(isCR);
        if (i + 32 >= due && lfMask != 0) break;
        unsigned blank = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, spaces), isTab), ends));
        nonBlank |= ~blank;
        lf += __builtin_popcount(lfMask);
        cr += __builtin_popcount(crMask);
        crlf += __builtin_popcount(lfMask & ((crMask << 1) | lastCR));
        lastCR = crMask >> 31;
        i += 32;
    }
    if (i > 0) {
        // A CR then an LF is one line end: counted as a CRLF, not as a CR and an LF.
        c->crlf += crlf; c->lf += lf - crlf; c->cr += cr - crlf;
        c->lastWasCR = (int)lastCR;
        if (nonBlank != 0) c->nonSpace += 1;
    }
    return i;
}
#endif

long carestats_count_text(const unsigned char *p, long n, long due, carestats_text_counts *c) {
#ifdef CARESTATS_HAVE_AVX2_PATH
    if (text_scans_avx2()) return count_text_avx2(p, n, due, c);
#endif
    return count_text_sse2(p, n, due, c);
}
