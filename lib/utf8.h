/*
 * utf8.h: UTF-8 validation, case/accent folding and word tokens.
 *
 * Input is validated once, when it is read (input.h); everything after
 * that may assume valid UTF-8 and calls no checking decoder.
 *
 * Folding is what every matcher in qualpipe compares: Unicode case
 * folding, canonical decomposition with combining marks removed
 * (accent-insensitive), and the typographic apostrophes U+2019 and
 * U+02BC made U+0027.  ASCII goes through a table; only other code
 * points reach utf8proc, and then without allocating.
 */
#ifndef QP_UTF8_H
#define QP_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Length of the longest valid UTF-8 prefix of s[0..n) that also holds no
 * NUL byte: n when the whole of it is valid. */
size_t utf8_valid_prefix(const char *s, size_t n);

/* Length of the longest prefix of s[0..n) that is ASCII without NUL: the
 * bulk check input.h runs on every buffer it reads (16 bytes a step). */
size_t utf8_ascii_prefix(const char *s, size_t n);

/* Append s[0..n) to out with every invalid sequence (and NUL) replaced by
 * U+FFFD, one replacement per maximal invalid subpart as Unicode advises. */
void utf8_replace_invalid(const char *s, size_t n, qp_buf *out);

/* Decode the code point at s (valid UTF-8, at least one byte); returns
 * its length in bytes. */
static inline size_t
utf8_decode(const char *s, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) { *cp = u[0]; return 1; }
	if (u[0] < 0xE0) { *cp = ((u[0] & 0x1F) << 6) | (u[1] & 0x3F); return 2; }
	if (u[0] < 0xF0) {
		*cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		return 3;
	}
	*cp = ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) |
	      ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
	return 4;
}

/* Encode cp (a valid scalar value) at out, which has room for 4 bytes. */
size_t utf8_encode(int32_t cp, char *out);

/* Append the folded form of s[0..n) (valid UTF-8) to out. */
void utf8_fold(const char *s, size_t n, qp_buf *out);

/* Is the code point a word character: a letter, mark or number? */
bool utf8_is_wordcp(int32_t cp);

/*
 * Words.  A word is a maximal run of letters, marks and numbers; an
 * apostrophe (' U+2019 U+02BC) between two word characters belongs to the
 * word ("don't", "people's").  Everything else separates words.
 */
typedef struct {
	size_t off;       /* byte offset of the word in the text */
	size_t len;       /* its length in bytes */
	size_t cp_off;    /* its offset in code points */
	size_t cp_len;    /* its length in code points */
} qp_word;

typedef struct {
	const char *s;
	size_t n;
	size_t pos;       /* next byte to look at */
	size_t cp;        /* code points before pos */
} qp_words;

static inline void
words_init(qp_words *w, const char *s, size_t n)
{
	w->s = s;
	w->n = n;
	w->pos = 0;
	w->cp = 0;
}

/* Next word, or false at the end of the text. */
bool words_next(qp_words *w, qp_word *out);

#endif
