/*
 * tr_vtt.h: what the WebVTT reader's files share (tr_vtt.c parses the
 * file by the spec's algorithm, tr_vtt_time.c reads its timings,
 * tr_vtt_join.c rejoins the cues meeting tools split).  Not for other
 * readers: they see WebVTT through tr_fmt_vtt (transcript.h).
 *
 * Memory: a vtt_join owns its buffers (vtt_join_free); cue text handed
 * to vtt_join_cue is copied.
 */
#ifndef QP_TR_VTT_H
#define QP_TR_VTT_H

#include <stdbool.h>
#include <stddef.h>

#include "transcript.h"

/* ---- timings (tr_vtt_time.c) ---- */

/* How a file's timing lines are read: by the spec, or as Teams wrote
 * them in 2022 ("0:0:10.20": fields unpadded, the milliseconds an
 * integer).  VTT_ASK: no timing line decided it yet. */
enum vtt_clock { VTT_ASK, VTT_SPEC, VTT_TEAMS };

typedef struct {
	enum vtt_clock clock;
	bool teams_shape;       /* every timing line so far is Teams-shaped */
} vtt_timing_state;

/* The timing line p[0..n): true with the span in *s, *e.  A file's
 * first timing line the spec rejects turns the Teams clock on if it and
 * every one before it has Teams' shape (segment(1), Teams); then a line
 * not in Teams' shape is still read by the spec.  A negative Teams time
 * is reported (tr_drop) and read as 0. */
bool vtt_timing(tr_reader *rd, vtt_timing_state *ts, const char *p, size_t n,
                tr_msec *s, tr_msec *e);

/* ---- cues to pieces, fragments rejoined (tr_vtt_join.c) ---- */

#define VTT_JOIN_WINDOW 8

typedef struct {
	qp_buf key;             /* the utterance: "GUID/187" of "GUID/187-1" */
	qp_buf text;            /* the fragments' texts joined by \n */
	tr_msec s, e;
	unsigned long line;     /* where its first fragment began */
	bool onedrive;          /* a OneDrive cue ("GUID-N" id) */
} vtt_pending;

typedef struct {
	vtt_pending q[VTT_JOIN_WINDOW];
	size_t n;               /* pending, oldest first */
} vtt_join;

/* A cue of id[0..idn), s..e, text[0..n): to the sink as pieces, now or
 * once it is known no later fragment joins it. */
void vtt_join_cue(tr_reader *rd, vtt_join *j, const char *id, size_t idn,
                  tr_msec s, tr_msec e, const char *text, size_t n);
/* Give every pending cue to the sink. */
void vtt_join_flush(tr_reader *rd, vtt_join *j);
void vtt_join_free(vtt_join *j);

#endif
