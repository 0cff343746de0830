// The ceiling of a word-by-word pass on this machine: what the least a per-word design must
// do costs, with nothing else. One pass lowercases the text into a key copy with a case-flag
// byte per byte (loading); a second finds each word from 8-byte chunks, hashes its first
// chunk, tests one bit of an 8 KB presence bitmap and stores a 16-byte token. No flags beyond
// the capital, no normalisation, no lookups past the bitmap, no readers, no rules.
//
//   cc -O2 -o ceiling word-pass-ceiling.c && ./ceiling TEXT [PASSES]
//
// Prints the median and best MB/s of PASSES passes (CPU time), and words per pass.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { int32_t start, length; uint16_t flags; int16_t spare; int32_t info; } Token;

static double cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static inline uint64_t load8(const uint8_t *p) { uint64_t x; memcpy(&x, p, 8); return x; }

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s TEXT [PASSES]\n", argv[0]); return 2; }
    int passes = argc > 2 ? atoi(argv[2]) : 41;
    if (passes < 1 || passes > 1000) passes = 41;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    size_t cap = 1 << 20, n = 0;
    uint8_t *text = malloc(cap);
    for (size_t got; (got = fread(text + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) text = realloc(text, cap *= 2);
    }
    fclose(f);
    uint8_t *keys = calloc(n + 64, 1), *caps = calloc(n + 64, 1);
    Token *tokens = malloc(sizeof(Token) * (n / 2 + 2));
    uint64_t *present = calloc(1024, 8);  // 8 KB; about 3,000 keys' bits set
    srand(1);
    for (int i = 0; i < 3000; i++) {
        uint64_t bit = ((uint64_t)rand() * 0x9E3779B97F4A7C15ULL) >> 48;
        present[bit >> 6] |= 1ULL << (bit & 63);
    }
    const uint64_t high = 0x8080808080808080ULL;
    double *seconds = malloc(sizeof(double) * passes);
    size_t words = 0, hits = 0;
    for (int r = 0; r < passes; r++) {
        double t0 = cpu_seconds();
        for (size_t i = 0; i < n; i++) {
            uint8_t c = text[i];
            int upper = c >= 'A' && c <= 'Z';
            keys[i] = c | (uint8_t)(upper << 5);
            caps[i] = (uint8_t)upper;
        }
        size_t i = 0, w = 0;
        hits = 0;
        while (i < n) {
            uint64_t x = load8(keys + i), low = x & ~high, ascii = ~x & high;
            uint64_t letter = ((low + 0x1F1F1F1F1F1F1F1FULL) & ~(low + 0x0505050505050505ULL)) & ascii & high;
            uint64_t digit = ((low + 0x5050505050505050ULL) & ~(low + 0x4646464646464646ULL)) & ascii & high;
            uint64_t word = letter | digit;
            if (!(word & 0x80)) { i++; continue; }
            uint64_t stop = ~word & high;
            int length = stop ? __builtin_ctzll(stop) >> 3 : 8;
            uint64_t chunk = length == 8 ? x : (x & ((1ULL << (8 * length)) - 1));
            uint64_t bit = (chunk * 0x9E3779B97F4A7C15ULL) >> 48;
            int found = (present[bit >> 6] >> (bit & 63)) & 1;
            hits += found;
            tokens[w] = (Token){ (int32_t)i, length, (uint16_t)(caps[i] & 1), 0, found ? 0 : -1 };
            w++;
            i += length;
            while (i < n && keys[i] >= 'a' && keys[i] <= 'z') i++;  // words of more than 8 bytes
        }
        seconds[r] = cpu_seconds() - t0;
        words = w;
    }
    qsort(seconds, passes, sizeof(double), compare);
    printf("word-pass ceiling: %zu bytes, %zu words, %d passes: median %.0f MB/s, best %.0f MB/s (presence hits %zu)\n",
           n, words, passes, n / seconds[passes / 2] / 1e6, n / seconds[0] / 1e6, hits);
    return 0;
}
