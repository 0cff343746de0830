// Byte scans that want vector compares and a movemask, which Swift's SIMD types do not lower
// to one instruction each (`any` of a SIMD16 mask is a chain of extracts here).
#ifndef CSAFEPOST_BYTE_SCAN_H
#define CSAFEPOST_BYTE_SCAN_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The first index `j` in `from ..< count` where `keys[j]`, `keys[j + 1]` and `keys[j + 2]` are
/// one byte of 0x40–0x7F (every lowercase letter) three times, or `count`. `keys` must be
/// readable to `count + 8` (the word pass pads its keys with eight zero bytes, which equal no
/// letter). Sixteen places a step with SSE2: three loads, two compares for equality, one for
/// the range, a movemask.
static inline long safepost_triple_letter(const uint8_t *keys, long from, long count) {
    long i = from;
#if defined(__SSE2__)
    const __m128i below_letters = _mm_set1_epi8(0x3F);
    // Loads reach i + 17, which must stay below count + 8.
    if (count - i >= 10) {
        for (;;) {
            if (i > count - 10) i = count - 10;  // the last step overlaps the one before
            __m128i a = _mm_loadu_si128((const __m128i *)(keys + i));
            __m128i b = _mm_loadu_si128((const __m128i *)(keys + i + 1));
            __m128i c = _mm_loadu_si128((const __m128i *)(keys + i + 2));
            __m128i same = _mm_and_si128(_mm_cmpeq_epi8(a, b), _mm_cmpeq_epi8(a, c));
            int found = _mm_movemask_epi8(_mm_and_si128(same, _mm_cmpgt_epi8(a, below_letters)));
            if (found) return i + __builtin_ctz((unsigned)found);
            if (i == count - 10) break;
            i += 16;
        }
        i = count - 2;  // at most two places left, and neither has two bytes after it
    }
#endif
    for (; i + 2 < count; i++) {
        uint8_t x = keys[i];
        if (x >= 0x40 && x < 0x80 && x == keys[i + 1] && x == keys[i + 2]) return i;
    }
    return count;
}

#endif
