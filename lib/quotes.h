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
 * in it.  The pools of a run live in a qp_map the caller owns, whose
 * values are the pools (quote_pools_get makes them): the caller frees
 * each with quote_pool_free, then the map.
 *
 * A quote_columns says where the fields are in the input stream; it
 * borrows the --by names and owns only bycol (quote_columns_free).
 * Nothing here keeps a reference to a qp_rd.
 */
#ifndef QP_QUOTES_H
#define QP_QUOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "map.h"
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

/* The fields' names, as columns of the input and of the output. */
extern const char *const quote_field_name[QF_N];

/* Where a run finds its --by values and the quote's fields. */
typedef struct {
	int nby;
	const char *const *by;  /* the --by column names */
	int *bycol;             /* their columns in the stream */
	int fcol[QF_N];         /* each field's column, -1: none */
	bool inby[QF_N];        /* the field is a --by column: written once
	                         * for the group, not per quote */
} quote_columns;

/* The columns of rd's stream for by[0..nby); dies (qp_rd_need) if one
 * of those is missing. */
void quote_columns_find(quote_columns *qc, const qp_rd *rd,
                        const char *const *by, int nby);
void quote_columns_free(quote_columns *qc);

/* The current record of rd as a view (hits and words left alone). */
void quote_view(quote *v, const qp_rd *rd, const quote_columns *qc);
/* The words of the current record's text, counted up to limit + 1: a
 * longer text is out of range anyway.  scratch is a scratch buffer. */
uint64_t quote_count_words(const qp_rd *rd, const quote_columns *qc,
                           qp_buf *scratch, uint64_t limit);
/* Dies, as qp_rd_get does, on a bad escape in a field a quote keeps but
 * the text (which quote_count_words has read), or in a --by field. */
void quote_check_fields(const qp_rd *rd, const quote_columns *qc, qp_buf *scratch);

/* The pool in pools of code[0..cn) and the current record's --by values,
 * made empty the first time.  key is a scratch buffer. */
quote_pool *quote_pools_get(qp_map *pools, const qp_rd *rd, const quote_columns *qc,
                            const char *code, size_t cn, qp_buf *key);
/* The pools of pools sorted by code, then by their --by values: an array
 * the caller frees, of pools that are still the map's. */
quote_pool **quote_pools_sorted(const qp_map *pools, size_t *n);

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
