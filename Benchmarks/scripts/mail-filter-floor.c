/* The floor of a process-per-mail filter on this machine, for `make bench-mail-floor`.
 *
 * Not a filter: it makes the same system calls as safepost-mail-filter on a clean run (memfd,
 * splice from the pipe, connect, send + sendfile of POST /v1/mail, recv, vfork + execve of
 * sendmail with the memfd as its standard input, wait4) in a static C program with no language
 * runtime, no deadline, no headers and no error detail. It exits 69 for a block, 0 after sendmail
 * exits 0, 75 otherwise, so safepost-mailbench checks its statuses as it checks the filter's.
 * What safepost-mail-filter costs above it is the cost of its language runtime and checks.
 *
 *   cc -O2 -static mail-filter-floor.c -o mail-filter-floor
 *   mail-filter-floor --socket PATH --sendmail PATH -f SENDER -- RECIPIENT   (this order only)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 9) return 75;
    const char *socketPath = argv[2], *sendmail = argv[4];
    int message = memfd_create("floor", MFD_CLOEXEC);
    loff_t size = 0;
    long n;
    while ((n = splice(0, 0, message, &size, 1 << 20, SPLICE_F_MOVE)) > 0) {}
    if (n < 0 || size == 0) return 75;

    int daemon = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    strncpy(address.sun_path, socketPath, sizeof address.sun_path - 1);
    if (connect(daemon, (struct sockaddr *)&address, sizeof address) != 0) return 75;
    char head[256];
    int headLength = snprintf(head, sizeof head,
        "POST /v1/mail HTTP/1.1\r\nHost: safepost\r\nContent-Type: message/rfc822\r\nContent-Length: %ld\r\nConnection: close\r\n\r\n",
        (long)size);
    if (send(daemon, head, headLength, MSG_NOSIGNAL) != headLength) return 75;
    off_t sent = 0;
    while (sent < size) if (sendfile(daemon, message, &sent, size - sent) <= 0) return 75;
    char answer[4096];
    int got = 0;
    while (got < (int)sizeof answer - 1 && (n = recv(daemon, answer + got, sizeof answer - 1 - got, 0)) > 0) got += n;
    answer[got] = 0;
    close(daemon);
    if (strncmp(answer, "HTTP/1.1 200 ", 13) != 0) return 75;
    if (strstr(answer, "\"verdict\":\"block\"")) return 69;

    char *arguments[] = {(char *)sendmail, "-G", "-i", "-f", argv[6], "--", argv[8], 0};
    char *environment[] = {0};
    pid_t child = vfork();
    if (child == 0) {
        dup2(message, 0);
        execve(sendmail, arguments, environment);
        _exit(127);
    }
    int status;
    if (child < 0 || waitpid(child, &status, 0) != child) return 75;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 75;
}
