#ifndef SAFEPOST_CPCRE2_SHIM_H
#define SAFEPOST_CPCRE2_SHIM_H
// PCRE2 needs the code unit width before its header; a module map cannot define it.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros that Swift cannot import, exposed as functions.
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
static inline size_t cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
#endif
