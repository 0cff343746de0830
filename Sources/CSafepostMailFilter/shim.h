// Linux calls the mail filter needs that Swift's Glibc module does not show (their declarations
// sit behind _GNU_SOURCE, or, like vfork, cannot be called from Swift), as small C functions.
// Declared here and called directly rather than found with dlsym: safepost-mail-filter is a
// static executable, where dlsym finds nothing.
#ifndef CSAFEPOST_MAIL_FILTER_SHIM_H
#define CSAFEPOST_MAIL_FILTER_SHIM_H

#if defined(__linux__)
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

extern int memfd_create(const char *name, unsigned int flags);

/// An anonymous memory file, close-on-exec (MFD_CLOEXEC); -1 with errno on failure (glibc 2.27).
static inline int safepost_memfd(const char *name) {
    return memfd_create(name, 1u);
}

extern int execvpe(const char *file, char *const argv[], char *const envp[]);

/// Starts `file` (looked up in PATH when it holds no '/', as posix_spawnp does) with `argv` and
/// `envp`: standard input from `in`, standard output and error to `out`, every other descriptor
/// closed, SIGPIPE and SIGALRM back to their defaults and no signal blocked. Returns the child's
/// pid, or -errno when it could not be started (the exec's own error, as posix_spawn reports it).
///
/// vfork(2) rather than posix_spawn(3): the child borrows this process's memory until it execs, as
/// in glibc's posix_spawn, but without its walk over every signal (two rt_sigaction calls for each
/// of the 64, since it blocks them all first), which cost a process started once per message more
/// than the rest of the spawn. Only async-signal-safe calls run in the child.
__attribute__((noinline)) static int safepost_spawn(const char *file, char *const argv[], char *const envp[], int in, int out) {
    sigset_t all, previous;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &previous);
    volatile int failure = 0;
    pid_t pid = vfork();
    if (pid == 0) {
        if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) { failure = errno; _exit(127); }
        if (in == 0) fcntl(0, F_SETFD, 0);
        if (out == 1) fcntl(1, F_SETFD, 0);
        if (out == 2) fcntl(2, F_SETFD, 0);
        if (syscall(SYS_close_range, 3u, ~0u, 0u) != 0) {
            long max = sysconf(_SC_OPEN_MAX);
            if (max < 0 || max > 65536) max = 65536;
            for (int fd = 3; fd < max; fd++) close(fd);
        }
        struct sigaction defaults;
        memset(&defaults, 0, sizeof defaults);
        defaults.sa_handler = SIG_DFL;
        sigaction(SIGPIPE, &defaults, 0);
        sigaction(SIGALRM, &defaults, 0);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, 0);
        if (strchr(file, '/')) execve(file, argv, envp); else execvpe(file, argv, envp);
        failure = errno;
        _exit(127);
    }
    int code = pid < 0 ? errno : 0;
    sigprocmask(SIG_SETMASK, &previous, 0);
    if (pid < 0) return -code;
    if (failure != 0) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -failure;
    }
    return pid;
}

/// splice(2) from the pipe `in` to the file `out` at `*offset` (advanced), at most `length` bytes,
/// moving pages rather than copying them through this process. -1 with errno (EINVAL when `in`
/// is not a pipe).
static inline long safepost_splice_to(int in, int out, long long *offset, unsigned long length) {
    __off64_t at = (__off64_t)*offset;
    long n = syscall(SYS_splice, in, (void *)0, out, &at, length, 1u /* SPLICE_F_MOVE */);
    if (n > 0) *offset = (long long)at;
    return n;
}

/// sendfile(2): `length` bytes of the file `in` from `*offset` (advanced) to `out`, in the kernel.
static inline long safepost_sendfile(int out, int in, long long *offset, unsigned long length) {
    off_t at = (off_t)*offset;
    long n = sendfile(out, in, &at, length);
    if (n > 0) *offset = (long long)at;
    return n;
}
#endif

#endif
