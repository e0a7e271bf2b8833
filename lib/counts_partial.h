/*
 * counts_partial.h: tally's partial form, a ct_state (counts.h) written
 * as records by tally --partial and read back by tally --merge
 * (partial.h says what the two filters' partials share; tally(1)
 * documents the format for users).
 *
 * The columns: agg (the record's kind), code, code_b, by_COL for each
 * --by column, doc, speaker, participant, n.  The first name sorts
 * before every kind, so a stream sorted bytewise (Hadoop's shuffle)
 * still begins with its header.  The kinds: option (what made the
 * counts; the merge checks them), nodoc, doc (in stream order), group,
 * group_doc, group_speaker, cell, cell_doc, cell_speaker, pair.
 */
#ifndef QP_COUNTS_PARTIAL_H
#define QP_COUNTS_PARTIAL_H

#include "counts.h"

void ct_write_partial(const ct_state *t);
/* Read the partial stream t->rd into t; dies on anything else, or on a
 * partial made with other options. */
void ct_merge_stream(ct_state *t);

#endif
