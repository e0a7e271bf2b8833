/*
 * textfeat.c: stems, stem pairs and their buckets (textfeat.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "textfeat.h"
#include "map.h"
#include "stem.h"
#include "utf8.h"
#include "xalloc.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

/* A word seen before: its stem and the hashes made from it. */
typedef struct {
	size_t off, len;        /* the stem, in x->stems */
	uint32_t uni;           /* the stem's bucket */
	uint64_t pre;           /* FNV-1a state after "stem " */
} cword;

/* A feature of the current text while it is counted. */
typedef struct {
	uint32_t id;
	uint32_t count;
	size_t noff, nlen;      /* its name in x->names */
} tfeat;

struct qp_featx {
	bool keep_names;
	qp_stemmer *st;
	qp_map *cache;          /* folded word -> index + 1 in words */
	cword *words;
	size_t nwords, wcap;
	qp_buf stems, fold, names;
	struct { uint32_t stamp, slot; } *seen;  /* per bucket: the text that last
	                                          * saw it, where (one cache line) */
	uint32_t gen;
	tfeat *tf;
	qp_feat *out;
	size_t ntf, cap;
};

static uint64_t
fnv_add(uint64_t h, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		h ^= u[i];
		h *= FNV_PRIME;
	}
	return h;
}

static uint32_t
bucket_of(uint64_t h)
{
	return (uint32_t)((h ^ (h >> 32)) & (QP_FEAT_BUCKETS - 1)) + 1;
}

uint32_t
qp_feat_bucket(const char *s, size_t n)
{
	return bucket_of(fnv_add(FNV_OFFSET, s, n));
}

qp_featx *
qp_feat_new(bool names)
{
	qp_featx *x = xcalloc(1, sizeof *x);
	x->keep_names = names;
	x->st = qp_stemmer_new();
	x->cache = qp_map_new();
	buf_init(&x->stems);
	buf_init(&x->fold);
	buf_init(&x->names);
	x->seen = xcalloc(QP_FEAT_BUCKETS + 1, sizeof *x->seen);
	return x;
}

void
qp_feat_free(qp_featx *x)
{
	if (!x)
		return;
	qp_stemmer_free(x->st);
	qp_map_free(x->cache);
	free(x->words);
	buf_free(&x->stems);
	buf_free(&x->fold);
	buf_free(&x->names);
	free(x->seen);
	free(x->tf);
	free(x->out);
	free(x);
}

/* The cached entry of the word at text[off..off+len), made if new. */
static const cword *
word_of(qp_featx *x, const char *w, size_t len)
{
	buf_reset(&x->fold);
	/* ASCII, nearly every word, folds by lowering its letters; the
	 * same result utf8_fold gives, without its per-call setup */
	size_t k = 0;
	buf_grow(&x->fold, len);
	for (; k < len && (unsigned char)w[k] < 0x80; k++)
		x->fold.s[k] = (char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]);
	if (k == len) {
		x->fold.len = len;
		x->fold.s[len] = '\0';
	} else {
		utf8_fold(w, len, &x->fold);
	}
	bool created;
	qp_entry *e = qp_map_put(x->cache, x->fold.s, x->fold.len, &created);
	if (!created)
		return &x->words[(uintptr_t)e->val - 1];
	if (x->nwords == x->wcap) {
		x->wcap = x->wcap ? x->wcap * 2 : 1024;
		x->words = xreallocarray(x->words, x->wcap, sizeof *x->words);
	}
	e->val = (void *)(uintptr_t)(x->nwords + 1);
	cword *c = &x->words[x->nwords++];
	size_t sn;
	const char *s = qp_stem(x->st, x->fold.s, x->fold.len, &sn);
	c->off = x->stems.len;
	c->len = sn;
	buf_add(&x->stems, s, sn);
	uint64_t h = fnv_add(FNV_OFFSET, s, sn);
	c->uni = bucket_of(h);
	c->pre = fnv_add(h, " ", 1);
	return c;
}

static void
count(qp_featx *x, uint32_t id, const char *a, size_t an, const char *b, size_t bn)
{
	if (x->seen[id].stamp == x->gen) {
		x->tf[x->seen[id].slot].count++;
		return;
	}
	if (x->ntf == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 256;
		x->tf = xreallocarray(x->tf, x->cap, sizeof *x->tf);
		x->out = xreallocarray(x->out, x->cap, sizeof *x->out);
	}
	x->seen[id].stamp = x->gen;
	x->seen[id].slot = (uint32_t)x->ntf;
	tfeat *t = &x->tf[x->ntf++];
	t->id = id;
	t->count = 1;
	t->noff = x->names.len;
	t->nlen = 0;
	if (x->keep_names) {
		buf_add(&x->names, a, an);
		if (b) {
			buf_addc(&x->names, ' ');
			buf_add(&x->names, b, bn);
		}
		buf_addc(&x->names, '\0');
		t->nlen = x->names.len - 1 - t->noff;
	}
}

static int
by_id(const void *a, const void *b)
{
	uint32_t x = ((const tfeat *)a)->id, y = ((const tfeat *)b)->id;
	return (x > y) - (x < y);
}

size_t
qp_feat_text(qp_featx *x, const char *text, size_t n, bool sorted, const qp_feat **out)
{
	/* Only between texts: a word of this text points into the cache. */
	if (x->nwords >= QP_FEAT_CACHE) {
		qp_map_free(x->cache);
		x->cache = qp_map_new();
		x->nwords = 0;
		buf_reset(&x->stems);
	}
	if (++x->gen == 0) {
		memset(x->seen, 0, (QP_FEAT_BUCKETS + 1) * sizeof *x->seen);
		x->gen = 1;
	}
	x->ntf = 0;
	buf_reset(&x->names);

	qp_words w;
	qp_word t;
	size_t prev = SIZE_MAX;
	words_init(&w, text, n);
	while (words_next(&w, &t)) {
		size_t cur = (size_t)(word_of(x, text + t.off, t.len) - x->words);
		const cword *c = &x->words[cur];
		const char *cs = x->stems.s + c->off;
		count(x, c->uni, cs, c->len, NULL, 0);
		if (prev != SIZE_MAX) {
			const cword *p = &x->words[prev];
			uint32_t id = bucket_of(fnv_add(p->pre, cs, c->len));
			count(x, id, x->stems.s + p->off, p->len, cs, c->len);
		}
		prev = cur;
	}
	if (sorted)
		qsort(x->tf, x->ntf, sizeof *x->tf, by_id);
	double norm = 0;
	for (size_t i = 0; i < x->ntf; i++) {
		uint32_t c = x->tf[i].count;
		double v = c == 1 ? 1 : 1 + log((double)c);
		x->out[i].id = x->tf[i].id;
		x->out[i].value = v;
		norm += v * v;
	}
	norm = sqrt(norm);
	for (size_t i = 0; i < x->ntf; i++)
		x->out[i].value /= norm;
	*out = x->out;
	return x->ntf;
}

const char *
qp_feat_name(const qp_featx *x, size_t i)
{
	return x->keep_names ? x->names.s + x->tf[i].noff : "";
}
