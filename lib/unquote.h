/*
 * unquote.h: curly quotes made straight, with a map back to the original.
 *
 * Codebook authors write regular expressions with ' and ", while word
 * processors and transcription tools write ’ “ ” and ʼ; a regex should
 * match either.
 * So the text a regex sees has each of U+2018, U+2019, U+201C, U+201D and
 * U+02BC replaced by the ASCII quote it stands for, and a qp_qmap records
 * where, so that an offset into the straightened text (a match, a regex
 * compile error) can be taken back to the text as written.
 *
 * Memory: the caller owns both the output buffer and the map, reuses them
 * from text to text (nothing is freed between calls; capacity only grows),
 * and frees them with buf_free and qp_qmap_free.  A zeroed qp_qmap
 * ({ 0 }) is an empty map.
 */
#ifndef QP_UNQUOTE_H
#define QP_UNQUOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* For each replaced quote, in order: its offset in the straightened text
 * and how many bytes shorter that text is up to and including it. */
typedef struct {
	size_t *pos, *extra;
	size_t n, cap;
} qp_qmap;

/*
 * Straighten s[0..n) into out and record the replacements in m.  Returns
 * false, with m emptied and out left as it was, when s has no curly quote:
 * the caller then uses s itself and need not copy it.
 */
bool qp_unquote(const char *s, size_t n, qp_buf *out, qp_qmap *m);

/* The offset in the original text of offset p of the straightened one
 * (p itself for an empty map). */
size_t qp_qmap_back(const qp_qmap *m, size_t p);

void qp_qmap_free(qp_qmap *m);

#endif
