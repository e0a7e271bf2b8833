/*
 * stem.c: the libstemmer wrapper of stem.h.
 */
#include <stdlib.h>

#include <libstemmer.h>

#include "err.h"
#include "stem.h"
#include "xalloc.h"

struct qp_stemmer {
	struct sb_stemmer *sb;
};

#ifdef QP_FUZZ
static void
release(void *p)
{
	sb_stemmer_delete(p);
}
#endif

qp_stemmer *
qp_stemmer_new(void)
{
	qp_stemmer *st = xmalloc(sizeof *st);
	/* UTF_8: folded words may still hold non-ASCII letters (ß, ø). */
	st->sb = sb_stemmer_new("english", "UTF_8");
	if (!st->sb)
		qp_die("libstemmer: no English stemmer (out of memory?)");
	QP_FUZZ_OWN(st->sb, release);
	return st;
}

void
qp_stemmer_free(qp_stemmer *st)
{
	if (!st)
		return;
	QP_FUZZ_DISOWN(st->sb);
	sb_stemmer_delete(st->sb);
	free(st);
}

const char *
qp_stem(qp_stemmer *st, const char *w, size_t n, size_t *len)
{
	if (n == 0 || n > QP_STEM_MAX) {
		*len = n;
		return w;
	}
	const sb_symbol *s = sb_stemmer_stem(st->sb, (const sb_symbol *)w, (int)n);
	if (!s)
		qp_die("libstemmer: out of memory");
	*len = (size_t)sb_stemmer_length(st->sb);
	return (const char *)s;
}
