// A software prefetch, which Swift has no spelling for. The scanner's readers visit the words
// the word pass listed, in text order, after the pass has written every word: on a long text
// most of those reads missed every cache, and the hardware's prefetchers do not follow a
// sparse list of indexes. A prefetch never faults and never waits.
#ifndef CSAFEPOST_PREFETCH_H
#define CSAFEPOST_PREFETCH_H

/// Asks for the cache line holding `address` to be loaded, for reading, into every cache level.
static inline __attribute__((always_inline)) void safepost_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
