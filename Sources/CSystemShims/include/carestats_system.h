// Small system calls Swift's Glibc module does not expose.
#ifndef CARESTATS_SYSTEM_H
#define CARESTATS_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno
/// set (ENOSYS or EINVAL where the kernel or file system cannot).
int carestats_exchange_paths(const char *a, const char *b);

/// Asks the processor to start loading the cache line at `p` (a hint: never faults, no effect
/// on results). Used to overlap a hash table's cache miss with the work of the row before.
static inline void carestats_prefetch(const void *p) { __builtin_prefetch(p); }

#endif
