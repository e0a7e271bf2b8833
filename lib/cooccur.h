/*
 * cooccur.h: co-occurrence of codes, tally --cooccur: how many segments
 * carry both codes of a pair, per group, kept in a ct_state (counts.h).
 *
 * A pair is two codes of one segment, the first before the second in
 * tree order (codepath.h); a code and its own ancestor are no pair, since
 * a rolled-up parent trivially co-occurs with its child.
 */
#ifndef QP_COOCCUR_H
#define QP_COOCCUR_H

#include <stdbool.h>
#include <stdint.h>

#include "counts.h"

/* The pairs of the codes in t->sc_ids, into t->sc_pairs (two ids each). */
void cooccur_expand(ct_state *t);
/* Add n segments to the pair (a, b) of group g. */
void cooccur_add(ct_state *t, uint32_t a, uint32_t b, uint32_t g, uint64_t n);

/* The reports, after ct_sort: one record per pair and group; or the
 * code x code matrix (the Code Relations Browser) as records or, with
 * md, a Markdown table. */
void cooccur_write_long(const ct_state *t);
void cooccur_write_matrix(const ct_state *t, bool md);

#endif
