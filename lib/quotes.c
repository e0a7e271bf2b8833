/* quotes.c: quote candidates, their pools and the choice (see quotes.h). */
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "qp.h"
#include "quotes.h"
#include "record.h"
#include "utf8.h"

int
quote_span_cmp(qp_span a, qp_span b)
{
	size_t n = a.n < b.n ? a.n : b.n;
	int c = n ? memcmp(a.p, b.p, n) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return a.n < b.n ? -1 : a.n > b.n;
}

bool
quote_span_eq(qp_span a, qp_span b)
{
	return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

static bool
all_digits(qp_span s)
{
	if (s.n == 0)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if (s.p[i] < '0' || s.p[i] > '9')
			return false;
	return true;
}

/* seg numerically when both are numbers, else (and on equal numbers such
 * as 7 and 007) bytewise. */
static int
segcmp(qp_span a, qp_span b)
{
	if (all_digits(a) && all_digits(b)) {
		qp_span x = a, y = b;
		while (x.n > 1 && x.p[0] == '0')
			x.p++, x.n--;
		while (y.n > 1 && y.p[0] == '0')
			y.p++, y.n--;
		if (x.n != y.n)
			return x.n < y.n ? -1 : 1;
		int c = memcmp(x.p, y.p, x.n);
		if (c)
			return c < 0 ? -1 : 1;
	}
	return quote_span_cmp(a, b);
}

/* The score hits/words as a fraction; a text without words scores 0. */
void
quote_score(const quote *c, uint64_t *h, uint64_t *w)
{
	*h = c->words ? c->hits : 0;
	*w = c->words ? c->words : 1;
}

/*
 * The order of candidates: higher score first, then doc, seg, text,
 * speaker, participant, role and hits.  Candidates that compare equal
 * print the same, even with --partial, so every sort and every pool is
 * deterministic.
 */
int
quote_cmp(const quote *a, const quote *b)
{
	uint64_t ah, aw, bh, bw;
	quote_score(a, &ah, &aw);
	quote_score(b, &bh, &bw);
	/* hits < 2^32 and words <= 10^8 + 1: the products fit. */
	uint64_t l = ah * bw, r = bh * aw;
	if (l != r)
		return l > r ? -1 : 1;
	int c;
	if ((c = quote_span_cmp(a->f[QF_DOC], b->f[QF_DOC])))
		return c;
	if ((c = segcmp(a->f[QF_SEG], b->f[QF_SEG])))
		return c;
	if ((c = quote_span_cmp(a->f[QF_TEXT], b->f[QF_TEXT])))
		return c;
	if ((c = quote_span_cmp(a->f[QF_SPEAKER], b->f[QF_SPEAKER])))
		return c;
	if ((c = quote_span_cmp(a->f[QF_PARTICIPANT], b->f[QF_PARTICIPANT])))
		return c;
	if ((c = quote_span_cmp(a->f[QF_ROLE], b->f[QF_ROLE])))
		return c;
	/* Only texts without words get here with different hits. */
	return a->hits > b->hits ? -1 : a->hits < b->hits;
}

int
quote_qsort(const void *a, const void *b)
{
	return quote_cmp(a, b);
}

static void
quote_copy(quote *dst, const quote *src)
{
	size_t total = 0;
	for (int i = 0; i < QF_N; i++)
		total += src->f[i].n;
	dst->mem = xmalloc(total);
	char *p = dst->mem;
	for (int i = 0; i < QF_N; i++) {
		if (src->f[i].n)
			memcpy(p, src->f[i].p, src->f[i].n);
		dst->f[i].p = p;
		dst->f[i].n = src->f[i].n;
		p += src->f[i].n;
	}
	dst->hits = src->hits;
	dst->words = src->words;
}

static void
swap(quote *a, quote *b)
{
	quote t = *a;
	*a = *b;
	*b = t;
}

/* The heap keeps the worst quote at the root. */
static void
sift_up(quote *h, size_t i)
{
	while (i > 0) {
		size_t up = (i - 1) / 2;
		if (quote_cmp(&h[i], &h[up]) <= 0)
			break;
		swap(&h[i], &h[up]);
		i = up;
	}
}

static void
sift_down(quote *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < n && quote_cmp(&h[l], &h[w]) > 0)
			w = l;
		if (r < n && quote_cmp(&h[r], &h[w]) > 0)
			w = r;
		if (w == i)
			return;
		swap(&h[i], &h[w]);
		i = w;
	}
}

void
quote_pool_offer(quote_pool *p, const quote *v, size_t k)
{
	if (p->n < k) {
		if (p->n == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 4;
			if (p->cap > k)
				p->cap = k;
			p->c = xreallocarray(p->c, p->cap, sizeof *p->c);
		}
		quote_copy(&p->c[p->n], v);
		sift_up(p->c, p->n++);
		return;
	}
	if (quote_cmp(v, &p->c[0]) >= 0)
		return;
	free(p->c[0].mem);
	quote_copy(&p->c[0], v);
	sift_down(p->c, p->n, 0);
}

void
quote_pool_free(quote_pool *p)
{
	for (size_t j = 0; j < p->n; j++)
		free(p->c[j].mem);
	free(p->c);
	free(p->by);
	free(p->key);
	free(p);
}

const char *const quote_field_name[QF_N] = {
	"speaker", "participant", "role", "doc", "seg", "text"
};

void
quote_columns_find(quote_columns *qc, const qp_rd *rd, const char *const *by, int nby)
{
	qc->nby = nby;
	qc->by = by;
	qc->bycol = xcalloc((size_t)nby + 1, sizeof *qc->bycol);
	for (int i = 0; i < nby; i++)
		qc->bycol[i] = qp_rd_need(rd, by[i]);
	for (int f = 0; f < QF_N; f++) {
		qc->fcol[f] = qp_rd_col(rd, quote_field_name[f]);
		qc->inby[f] = false;
		for (int i = 0; i < nby; i++)
			qc->inby[f] |= strcmp(by[i], quote_field_name[f]) == 0;
	}
}

void
quote_columns_free(quote_columns *qc)
{
	free(qc->bycol);
	qc->bycol = NULL;
}

void
quote_view(quote *v, const qp_rd *rd, const quote_columns *qc)
{
	static const char empty[] = "";
	for (int i = 0; i < QF_N; i++)
		v->f[i] = qc->fcol[i] >= 0 ? qp_rd_raw(rd, qc->fcol[i])
		                           : (qp_span){ empty, 0 };
	v->mem = NULL;
}

uint64_t
quote_count_words(const qp_rd *rd, const quote_columns *qc, qp_buf *scratch,
                  uint64_t limit)
{
	int col = qc->fcol[QF_TEXT];
	qp_span t = qp_rd_raw(rd, col);
	if (memchr(t.p, '\\', t.n)) {
		buf_reset(scratch);
		qp_rd_get(rd, col, scratch);
		t = (qp_span){ scratch->s, scratch->len };
	}
	qp_words w;
	qp_word tok;
	uint64_t k = 0;
	words_init(&w, t.p, t.n);
	while (k <= limit && words_next(&w, &tok))
		k++;
	return k;
}

static void
check_escapes(const qp_rd *rd, int col, qp_buf *scratch)
{
	qp_span v = qp_rd_raw(rd, col);
	if (!memchr(v.p, '\\', v.n))
		return;
	buf_reset(scratch);
	qp_rd_get(rd, col, scratch);
}

void
quote_check_fields(const qp_rd *rd, const quote_columns *qc, qp_buf *scratch)
{
	for (int i = 0; i < QF_N; i++)
		if (i != QF_TEXT && qc->fcol[i] >= 0)
			check_escapes(rd, qc->fcol[i], scratch);
	for (int i = 0; i < qc->nby; i++)
		check_escapes(rd, qc->bycol[i], scratch);
}

quote_pool *
quote_pools_get(qp_map *pools, const qp_rd *rd, const quote_columns *qc,
                const char *code, size_t cn, qp_buf *key)
{
	buf_reset(key);
	buf_add(key, code, cn);
	for (int i = 0; i < qc->nby; i++) {
		qp_span v = qp_rd_raw(rd, qc->bycol[i]);
		buf_addc(key, '\t');
		buf_add(key, v.p, v.n);
	}
	bool created;
	qp_entry *e = qp_map_put(pools, key->s, key->len, &created);
	if (!created)
		return e->val;
	quote_pool *p = xcalloc(1, sizeof *p);
	p->key = xmemdup(key->s, key->len);
	p->nby = qc->nby;
	p->by = xcalloc((size_t)qc->nby + 1, sizeof *p->by);
	p->code.p = p->key;
	p->code.n = cn;
	/* The --by values are the key's TAB-separated parts after the code. */
	const char *s = p->key + cn, *end = p->key + key->len;
	for (int i = 0; i < qc->nby; i++) {
		s++;
		const char *tab = memchr(s, '\t', (size_t)(end - s));
		size_t n = tab ? (size_t)(tab - s) : (size_t)(end - s);
		p->by[i].p = s;
		p->by[i].n = n;
		s += n;
	}
	e->val = p;
	return p;
}

static int
pool_qsort(const void *a, const void *b)
{
	const quote_pool *x = *(quote_pool *const *)a, *y = *(quote_pool *const *)b;
	int c = quote_span_cmp(x->code, y->code);
	for (int i = 0; c == 0 && i < x->nby; i++)
		c = quote_span_cmp(x->by[i], y->by[i]);
	return c;
}

quote_pool **
quote_pools_sorted(const qp_map *pools, size_t *np)
{
	*np = qp_map_count(pools);
	quote_pool **ps = xcalloc(*np + 1, sizeof *ps);
	for (size_t i = 0; i < *np; i++)
		ps[i] = qp_map_at(pools, i)->val;
	qsort(ps, *np, sizeof *ps, pool_qsort);
	return ps;
}

/*
 * Near-duplicates: the set of 3-word shingles of the folded words (of
 * all the words when there are fewer than 3), as sorted distinct 64-bit
 * hashes.
 */
typedef struct {
	uint64_t *h;
	size_t n;
	bool done;
} shingles;

static int
u64cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void
make_shingles(shingles *s, qp_span text, qp_buf *raw, qp_buf *fold)
{
	enum { K = 3 };
	size_t *start = NULL, *end = NULL, nw = 0, cap = 0;
	qp_words w;
	qp_word tok;

	buf_reset(raw);
	qp_unescape(text.p, text.n, raw);       /* checked when read */
	buf_reset(fold);
	words_init(&w, raw->s, raw->len);
	while (words_next(&w, &tok)) {
		if (nw == cap) {
			cap = cap ? cap * 2 : 64;
			start = xreallocarray(start, cap, sizeof *start);
			end = xreallocarray(end, cap, sizeof *end);
		}
		if (nw)
			buf_addc(fold, ' ');
		start[nw] = fold->len;
		utf8_fold(raw->s + tok.off, tok.len, fold);
		end[nw++] = fold->len;
	}
	size_t k = nw < K ? nw : K;
	s->n = nw ? nw - k + 1 : 0;
	s->h = xcalloc(s->n, sizeof *s->h);
	for (size_t i = 0; i < s->n; i++)
		s->h[i] = qp_hash(fold->s + start[i], end[i + k - 1] - start[i]);
	qsort(s->h, s->n, sizeof *s->h, u64cmp);
	size_t u = 0;
	for (size_t i = 0; i < s->n; i++)
		if (u == 0 || s->h[i] != s->h[u - 1])
			s->h[u++] = s->h[i];
	s->n = u;
	s->done = true;
	free(start);
	free(end);
}

/* Is the Jaccard overlap of a and b above --max-overlap?  Two texts
 * without words overlap fully. */
static bool
too_close(const quote_rules *r, const shingles *a, const shingles *b)
{
	size_t i = 0, j = 0, inter = 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j])
			inter++, i++, j++;
		else if (a->h[i] < b->h[j])
			i++;
		else
			j++;
	}
	uint64_t uni = a->n + b->n - inter;
	if (uni == 0)
		inter = uni = 1;
	return (uint64_t)inter * r->overlap_den > r->overlap_num * uni;
}

/*
 * Is c said by the same known person as p?  A person is the participant
 * when known, a person in every doc; else the speaker label within its
 * doc, since labels such as "Speaker 1" start again in each transcript
 * (tally(1) counts speakers the same way).  With neither, nobody.
 */
static bool
same_speaker(const quote *c, const quote *p)
{
	if (c->f[QF_PARTICIPANT].n)
		return quote_span_eq(c->f[QF_PARTICIPANT], p->f[QF_PARTICIPANT]);
	if (c->f[QF_SPEAKER].n)
		return p->f[QF_PARTICIPANT].n == 0 &&
		       quote_span_eq(c->f[QF_SPEAKER], p->f[QF_SPEAKER]) &&
		       quote_span_eq(c->f[QF_DOC], p->f[QF_DOC]);
	return false;
}

/* May pass take c[i], given the quotes pick[0..np) taken so far?  The
 * first pass wants a speaker and a document not yet quoted, the second
 * a speaker not yet quoted, the third anyone. */
static bool
diverse(const quote *c, size_t i, const size_t *pick, size_t np, int pass)
{
	for (size_t j = 0; j < np; j++) {
		const quote *p = &c[pick[j]];
		if (pass < 2 && same_speaker(&c[i], p))
			return false;
		if (pass < 1 && c[i].f[QF_DOC].n && quote_span_eq(c[i].f[QF_DOC], p->f[QF_DOC]))
			return false;
	}
	return true;
}

/*
 * Choose up to N quotes from the sorted pool c[0..n), into pick[] (indices,
 * in the order of choice).  Three passes over the pool in score order
 * (diverse() says what each takes); no pass takes a near-duplicate of a
 * quote already taken.
 */
size_t
quote_choose(const quote_rules *r, const quote *c, size_t n, size_t *pick,
             qp_buf *raw, qp_buf *fold)
{
	shingles *sh = xcalloc(n, sizeof *sh);
	bool *gone = xcalloc(n, sizeof *gone);          /* taken or near-duplicate */
	size_t np = 0;

	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < n && np < r->nquotes; i++) {
			if (gone[i] || !diverse(c, i, pick, np, pass))
				continue;
			if (!sh[i].done)
				make_shingles(&sh[i], c[i].f[QF_TEXT], raw, fold);
			for (size_t j = 0; j < np && !gone[i]; j++)
				gone[i] = too_close(r, &sh[i], &sh[pick[j]]);
			if (gone[i])
				continue;
			gone[i] = true;
			pick[np++] = i;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(sh[i].h);
	free(sh);
	free(gone);
	return np;
}

