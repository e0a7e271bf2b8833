/*
 * quotes.h: how pick-quotes chooses: quote candidates, their total
 * order, the bounded pool of the best K of a code and group, and the
 * choice of the N quotes from a pool (pick-quotes(1) gives the rules).
 *
 * A quote's fields are spans of the stream's fields, escaped as there.
 * A quote in a pool owns them (mem); a view of the current record does
 * not (mem NULL).  A pool's heap keeps the worst of its quotes at c[0],
 * so a better candidate replaces it in log K steps; quote_pool_offer
 * copies what it keeps.  quote_pool_free releases a pool and everything
 * in it.
 */
#ifndef QP_QUOTES_H
#define QP_QUOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "record.h"

/* The fields a quote keeps. */
enum { QF_SPEAKER, QF_PARTICIPANT, QF_ROLE, QF_DOC, QF_SEG, QF_TEXT, QF_N };

typedef struct {
	qp_span f[QF_N];
	uint64_t hits, words;
	char *mem;              /* owns what f[] points at; NULL for a view */
} quote;

typedef struct {
	char *key;              /* code, then each --by value, TAB-separated */
	qp_span code;           /* into key */
	qp_span *by;            /* nby spans into key */
	int nby;
	quote *c;               /* heap, the worst quote at c[0] */
	size_t n, cap;
} quote_pool;

/* What the choice of a pool's quotes depends on. */
typedef struct {
	size_t nquotes;                         /* N */
	uint64_t overlap_num, overlap_den;      /* --max-overlap, exactly */
} quote_rules;

/* Bytewise order and equality of spans. */
int quote_span_cmp(qp_span a, qp_span b);
bool quote_span_eq(qp_span a, qp_span b);

/* The score hits/words as a fraction *h / *w; no words scores 0. */
void quote_score(const quote *c, uint64_t *h, uint64_t *w);
/* The total order: better first (<0 when a is better than b). */
int quote_cmp(const quote *a, const quote *b);
int quote_qsort(const void *a, const void *b);

/* Offer v to p, which keeps the best k. */
void quote_pool_offer(quote_pool *p, const quote *v, size_t k);
void quote_pool_free(quote_pool *p);

/* Choose up to r->nquotes quotes from the sorted pool c[0..n) into
 * pick[] (indices, in the order chosen); returns how many.  raw and fold
 * are scratch buffers. */
size_t quote_choose(const quote_rules *r, const quote *c, size_t n, size_t *pick,
                    qp_buf *raw, qp_buf *fold);

#endif
