// The static safepost-mail-filter runs without the Swift runtime's crash backtracer.
//
// libswiftCore.a's Backtrace.cpp.o has a constructor that, in every process (so once per mail),
// reads /proc/self/exe, looks for the swift-backtrace program in eight places next to the
// executable and asks whether standard output is a terminal. Postfix installs the filter in a
// directory without swift-backtrace (/usr/local/bin, say), so it would never run one anyway.
//
// The rest of the runtime uses two symbols of that object: `_swift_backtraceSettings` (Errors.cpp
// reads its `enabled` field to decide whether a fatal error prints its own backtrace) and
// `_swift_backtrace_isThunkFunction` (swiftrt.o names it, for the external backtracer). Defining
// both here means the linker never takes Backtrace.cpp.o (nor the crash handler it installs) out
// of the archive. The settings are all zeros, so they read as the runtime's own with
// SWIFT_BACKTRACE=enable=no: `enabled` is OnOffTty::Off (0), and a fatal error prints its message
// and a plain backtrace, as it does wherever swift-backtrace is not installed. 0x58 bytes is the size of swift::runtime::backtrace::
// BacktraceSettings in the Swift 6.3 runtime; a larger one in a later runtime reads past it only
// if that runtime reads more than `enabled` (offset 4).
#if defined(__linux__)
#include <stdbool.h>

__attribute__((aligned(16))) unsigned char _swift_backtraceSettings[0x58] = {0};

// Whether a mangled name is a thunk, for the backtracer's display; there is no backtracer.
bool _swift_backtrace_isThunkFunction(const char *mangledName) {
    (void)mangledName;
    return false;
}
#endif
