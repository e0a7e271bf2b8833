/*
 * sentence.h: a rule-based English sentence splitter.
 *
 * A hand-written scanner, no regular expressions and no allocation beyond
 * growing the caller's output array.  It knows abbreviations (titles,
 * months, e.g., a.m., U.S.), initials, decimals and grouped numbers,
 * ellipses, closing quotes and brackets after a terminator, list markers
 * (1. a. (i) bullets, hyphens), e-mail addresses and URLs, and newlines
 * (an errant newline inside a sentence versus newline-separated items).
 */
#ifndef QP_SENTENCE_H
#define QP_SENTENCE_H

#include <stddef.h>

/* Byte span of one sentence in the text, trimmed of surrounding white
 * space; never empty. */
typedef struct {
	size_t off, len;
} qp_sent;

/*
 * Split text s[0..n) (valid UTF-8, may contain '\n') into sentences.
 * Stores the spans, in text order, in *out, which is grown with xrealloc
 * as needed (*cap is its capacity in elements; start with *out NULL and
 * *cap 0, and reuse both across calls).  The caller owns and frees *out.
 * Returns how many sentences were found: 0 for empty or all-white-space
 * text.
 */
size_t sent_split(const char *s, size_t n, qp_sent **out, size_t *cap);

#endif
