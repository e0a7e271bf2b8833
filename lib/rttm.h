/*
 * rttm.h: speaker turns from an RTTM file (pyannote, NIST), given to the
 * timed pieces of a transcript that has no speakers (segment --rttm).
 *
 * An RTTM line is ten fields separated by white space; segment reads
 * the SPEAKER lines, "SPEAKER file channel onset duration <NA> <NA>
 * label <NA> <NA>" (onset and duration in seconds; nine fields, without
 * the last, are accepted too), skips the other types of the RTTM
 * specification (SPKR-INFO, SEGMENT, LEXEME, ...), blank lines and
 * ";;" comments, and dies on anything else naming FILE:LINE.  The turns
 * may overlap.  One file's turns only: turns of several recordings (two
 * file ids) are an error.
 *
 * The rule (segment(1), --rttm): a span start..end gets the speaker
 * whose turns overlap it longest in sum; a tie goes to the speaker whose
 * overlapping turn starts first.  A span without an end, or of no
 * length, is a point: it gets the speaker of the earliest-starting turn
 * that holds it.  A span no turn overlaps gets no speaker.
 *
 * Memory: a qp_rttm owns its turns and labels (rttm_free); the labels
 * rttm_speaker returns are borrowed from it.
 */
#ifndef QP_RTTM_H
#define QP_RTTM_H

#include <stddef.h>

#include "transcript.h"

typedef struct qp_rttm qp_rttm;

qp_rttm *rttm_load(const char *file);
void rttm_free(qp_rttm *r);
/* How many turns and speakers it holds. */
size_t rttm_nturns(const qp_rttm *r);
/* The speaker of start..end by the rule above, or NULL (*n its length). */
const char *rttm_speaker(qp_rttm *r, tr_msec start, tr_msec end, size_t *n);
/* A piece without a speaker and with a start gets rttm_speaker's. */
void rttm_assign(qp_rttm *r, tr_piece *p);

#endif
