// Small system calls Swift's Glibc module does not expose.
#ifndef CARESTATS_SYSTEM_H
#define CARESTATS_SYSTEM_H

/// Atomically exchanges two paths (Linux renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno
/// set (ENOSYS or EINVAL where the kernel or file system cannot).
int carestats_exchange_paths(const char *a, const char *b);

#endif
