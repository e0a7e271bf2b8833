/*
 * saturation.h: thematic saturation (Guest, Namey & Chen 2020), tally
 * --saturation, computed from a ct_state (counts.h) whose docs all have
 * their place in the stream.
 *
 * Per group, the docs in stream order; a code is new at the first of
 * them it appears in.  The base is the codes of the first base docs; a
 * run of run docs after position s is saturated when it brings at most
 * threshold (in 1/10000 of a per cent) of the base's number in new
 * codes; the first saturated run is the result.  tally(1) has the
 * worked example.
 */
#ifndef QP_SATURATION_H
#define QP_SATURATION_H

#include <stdint.h>

#include "counts.h"

typedef struct {
	unsigned long base, run;
	uint64_t threshold;         /* in 1/10000 of a per cent */
} sat_params;

/* Write the saturation records of every group, after ct_sort; dies if a
 * record had no doc, or a doc has no place (a broken partial). */
void saturation_write(ct_state *t, const sat_params *p);

#endif
