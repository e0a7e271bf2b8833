/*
 * svg.h: the charts of report(1), drawn as inline SVG by qualpipe itself.
 *
 * Every chart is one <svg role="img"> with an aria-label, a <title> and
 * a <desc>, its axis labels and numbers as real text.  Shades come from
 * one sequential scale of a single hue (ColorBrewer's Blues, light to
 * dark), whose lightness falls steadily from one end to the other: it
 * reads the same in grey and to colour-blind readers, and every shaded
 * cell also carries its number.  The caller puts a table of the same
 * figures beside each chart.
 *
 * The caller owns every string and array in a chart's description; they
 * are read during the call only.  Sizes are estimated from the number of
 * characters of the labels (no font metrics), generously.
 */
#ifndef QP_SVG_H
#define QP_SVG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "output.h"

/* The scale at t in [0, 1] (clamped) as "#rrggbb" into out; its
 * relative luminance (WCAG 2), which falls as t rises; and the ink
 * (black or white) that reads on it with a contrast of at least 4.5. */
void svg_shade(double t, char out[8]);
double svg_luminance(double t);
const char *svg_ink(double t);

/* A heat map: rows x columns of shaded cells with their text. */
typedef struct {
	const char *title, *desc;
	const char *xlabel, *ylabel;        /* above the columns; left of the rows */
	size_t nrows, ncols;
	const char *const *rowlabel;        /* nrows */
	const unsigned *rowindent;          /* nrows, levels of indent; may be NULL */
	const bool *rowbold;                /* nrows; may be NULL */
	const char *const *collabel;        /* ncols */
	const double *value;                /* nrows * ncols, row by row; < 0: no cell */
	const char *const *text;            /* nrows * ncols; an entry may be NULL */
	const char *legend_lo, *legend_hi;  /* the scale's ends, e.g. "0", "40%" */
	const char *legend;                 /* what the shade stands for */
} svg_heatmap;

void svg_heatmap_write(qp_out *o, const svg_heatmap *h);

/* A cumulative curve over docs 1..xmax, with shaded spans of docs. */
enum svg_span_kind { SVG_SPAN_BASE, SVG_SPAN_RUN, SVG_SPAN_HIT };
typedef struct {
	uint64_t from, to;                  /* docs, 1-based, inclusive */
	enum svg_span_kind kind;
} svg_span;

typedef struct {
	const char *title, *desc, *xlabel, *ylabel;
	size_t n;                           /* the points where the curve rises */
	const uint64_t *x, *y;              /* at doc x[i] it reaches y[i]; x rising */
	uint64_t xmax, ymax;
	size_t nspans;
	const svg_span *span;
	const char *mark;                   /* a label at the end of the HIT span, or NULL */
} svg_curve;

void svg_curve_write(qp_out *o, const svg_curve *c);

#endif
