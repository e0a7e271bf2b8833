/*
 * strdist.h: how far apart two short strings are, for matching a name as
 * a speech recogniser misspells it ("kowalcyk" for "kowalczyk").
 */
#ifndef QP_STRDIST_H
#define QP_STRDIST_H

#include <stddef.h>

/* The edit distance between a[0..an) and b[0..bn), bytes compared as
 * they are: insertions, deletions, substitutions and swaps of two
 * neighbours each cost 1 (optimal string alignment).  Counting stops
 * above max: any answer above max is max + 1.  Strings longer than 63
 * bytes are max + 1 from everything. */
unsigned strdist(const char *a, size_t an, const char *b, size_t bn, unsigned max);

#endif
