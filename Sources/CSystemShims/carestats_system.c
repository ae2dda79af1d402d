#define _GNU_SOURCE
#include "carestats_system.h"
#include <errno.h>
#include <fcntl.h>
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

void carestats_return_freed_memory(void) {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
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
