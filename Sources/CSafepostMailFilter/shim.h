// Two Linux calls the mail filter needs that Swift's Glibc module does not show (their
// declarations sit behind _GNU_SOURCE). Declared here and called directly rather than found
// with dlsym: safepost-mail-filter is a static executable, where dlsym finds nothing.
#ifndef CSAFEPOST_MAIL_FILTER_SHIM_H
#define CSAFEPOST_MAIL_FILTER_SHIM_H

#if defined(__linux__)
#include <spawn.h>

extern int memfd_create(const char *name, unsigned int flags);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// An anonymous memory file, close-on-exec (MFD_CLOEXEC); -1 with errno on failure (glibc 2.27).
static inline int safepost_memfd(const char *name) {
    return memfd_create(name, 1u);
}

/// Adds "close every descriptor from `from` on" to `actions` (glibc 2.34); non-zero on failure.
static inline int safepost_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
#endif

#endif
