// How the static safepost-mail-filter gives the Swift runtime its command line, without the
// runtime's own way for static executables: a constructor (in libswiftCore.a's CommandLine.cpp.o)
// that opens and scans /proc/self/maps with sscanf to find the stack, then walks back from
// `environ` to argv. That costs every process, so every mail, four system calls, stdio and about
// 50,000 instructions (a sixth of the filter's), and the pages of code they touch.
//
// glibc calls each .init_array constructor with argc, argv and envp, static executables included,
// so argv is simply kept here. Defining the two functions the stdlib asks for means the linker
// never takes CommandLine.cpp.o out of the archive. Linked only into the static executable; the
// `safepost` command (dynamic libswiftCore) is untouched.
#if defined(__linux__)
static char **savedArgv = 0;
static int savedArgc = 0;
static char **overrideArgv = 0;
static int overrideArgc = 0;

__attribute__((constructor(101))) static void safepost_keep_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    savedArgc = argc;
    savedArgv = argv;
}

// What `CommandLine.arguments` and `CommandLine.unsafeArgv` read (libswiftCore's shim interface).
char **_swift_stdlib_getUnsafeArgvArgc(int *outArgLen) {
    if (overrideArgv) {
        *outArgLen = overrideArgc;
        return overrideArgv;
    }
    if (savedArgv) {
        *outArgLen = savedArgc;
        return savedArgv;
    }
    static char *empty[] = {0};
    *outArgLen = 0;
    return empty;
}

// The runtime's hook for an embedder to replace the arguments (kept for the same contract).
void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) {
    overrideArgv = argv;
    overrideArgc = argc;
}
#endif
