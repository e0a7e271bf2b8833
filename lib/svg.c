/* svg.c: the charts of report(1) (see svg.h). */
#include <math.h>
#include <stdio.h>

#include "html.h"
#include "svg.h"

/* ColorBrewer 9-class Blues, light to dark (Cynthia Brewer, Penn State). */
static const unsigned char blues[9][3] = {
	{ 0xf7, 0xfb, 0xff }, { 0xde, 0xeb, 0xf7 }, { 0xc6, 0xdb, 0xef },
	{ 0x9e, 0xca, 0xe1 }, { 0x6b, 0xae, 0xd6 }, { 0x42, 0x92, 0xc6 },
	{ 0x21, 0x71, 0xb5 }, { 0x08, 0x51, 0x9c }, { 0x08, 0x30, 0x6b },
};

static double
clamp01(double t)
{
	return t < 0 || t != t ? 0 : t > 1 ? 1 : t;
}

static void
shade_rgb(double t, unsigned c[3])
{
	double f = clamp01(t) * 8;
	int i = (int)f;
	if (i > 7)
		i = 7;
	double r = f - i;
	for (int k = 0; k < 3; k++)
		c[k] = (unsigned)lround(blues[i][k] + r * (blues[i + 1][k] - blues[i][k]));
}

void
svg_shade(double t, char out[8])
{
	unsigned c[3];
	shade_rgb(t, c);
	snprintf(out, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
}

double
svg_luminance(double t)
{
	unsigned c[3];
	double lin[3];
	shade_rgb(t, c);
	for (int k = 0; k < 3; k++) {
		double v = c[k] / 255.0;
		lin[k] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

/* Black ink has a contrast of (L + 0.05) / 0.05 on a shade of luminance
 * L, white (1.05) / (L + 0.05): they are equal at L = 0.179, where both
 * are 4.58, above WCAG's 4.5 for text. */
const char *
svg_ink(double t)
{
	return svg_luminance(t) >= 0.179 ? "#000000" : "#ffffff";
}

/* Characters of a UTF-8 string. */
static size_t
width(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

#define CHAR_W 6.8      /* px a character of 12px sans-serif, generously */
#define CELL_W 52
#define CELL_H 22

static void
open_svg(qp_out *o, double w, double h, const char *title, const char *desc)
{
	html_printf(o, "<svg width=\"%.0f\" "
	            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"",
	            w, h, w, h);
	html_str(o, title);
	qp_puts(o, "\">\n<title>");
	html_str(o, title);
	qp_puts(o, "</title>\n<desc>");
	html_str(o, desc ? desc : "");
	qp_puts(o, "</desc>\n");
}

static void
text_at(qp_out *o, double x, double y, const char *anchor, const char *extra,
        const char *s)
{
	html_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y,
	            anchor, extra ? extra : "");
	html_str(o, s);
	qp_puts(o, "</text>\n");
}

void
svg_heatmap_write(qp_out *o, const svg_heatmap *h)
{
	size_t lw = 0, cw = 0;
	for (size_t r = 0; r < h->nrows; r++) {
		size_t w = width(h->rowlabel[r]) + 2 * (h->rowindent ? h->rowindent[r] : 0);
		if (w > lw)
			lw = w;
	}
	for (size_t c = 0; c < h->ncols; c++)
		if (width(h->collabel[c]) > cw)
			cw = width(h->collabel[c]);
	double left = 24 + lw * CHAR_W + 8;
	/* column labels slanted at 45 degrees */
	double colh = cw * CHAR_W * 0.72 + 12;
	double top = 22 + colh;
	double gw = (double)h->ncols * CELL_W, gh = (double)h->nrows * CELL_H;
	double wdt = left + gw + cw * CHAR_W * 0.72 + 12;
	double hgt = top + gh + 54;
	if (wdt < left + 5 * 40 + 200)
		wdt = left + 5 * 40 + 200;

	open_svg(o, wdt, hgt, h->title, h->desc);
	text_at(o, left + gw / 2, 14, "middle", " font-weight=\"bold\"", h->xlabel);
	html_printf(o, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" "
	            "transform=\"rotate(-90 14 %.1f)\">", top + gh / 2, top + gh / 2);
	html_str(o, h->ylabel);
	qp_puts(o, "</text>\n");
	for (size_t c = 0; c < h->ncols; c++) {
		double x = left + c * CELL_W + CELL_W / 2.0, y = top - 6;
		char tr[96];
		snprintf(tr, sizeof tr, " transform=\"rotate(-45 %.1f %.1f)\"", x, y);
		text_at(o, x, y, "start", tr, h->collabel[c]);
	}
	for (size_t r = 0; r < h->nrows; r++) {
		double y = top + r * CELL_H;
		double x = 24 + (h->rowindent ? h->rowindent[r] : 0) * 2 * CHAR_W;
		text_at(o, x, y + CELL_H / 2.0 + 4, "start",
		        h->rowbold && h->rowbold[r] ? " font-weight=\"bold\"" : NULL,
		        h->rowlabel[r]);
		for (size_t c = 0; c < h->ncols; c++) {
			double v = h->value[r * h->ncols + c];
			const char *t = h->text ? h->text[r * h->ncols + c] : NULL;
			double cx = left + c * CELL_W;
			if (v < 0) {
				html_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
				            "fill=\"#ffffff\" stroke=\"#bdbdbd\"/>\n",
				            cx, y, CELL_W, CELL_H);
				continue;
			}
			char fill[8];
			svg_shade(v, fill);
			html_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%d\" "
			            "fill=\"%s\" stroke=\"#ffffff\"/>\n", cx, y, CELL_W, CELL_H, fill);
			if (t) {
				char ink[40];
				snprintf(ink, sizeof ink, " fill=\"%s\"", svg_ink(v));
				text_at(o, cx + CELL_W / 2.0, y + CELL_H / 2.0 + 4, "middle", ink, t);
			}
		}
	}
	/* the legend: five steps of the scale */
	double ly = top + gh + 14;
	text_at(o, left, ly + 12, "end", NULL, h->legend_lo);
	for (int i = 0; i < 5; i++) {
		char fill[8];
		svg_shade(i / 4.0, fill);
		html_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"40\" height=\"16\" fill=\"%s\" "
		            "stroke=\"#bdbdbd\"/>\n", left + 6 + i * 40, ly, fill);
	}
	text_at(o, left + 6 + 5 * 40 + 6, ly + 12, "start", NULL, h->legend_hi);
	text_at(o, left + 6, ly + 32, "start", NULL, h->legend);
	qp_puts(o, "</svg>\n");
}

/* A step of 1, 2 or 5 times a power of ten that cuts 0..max into at most
 * about 8 parts. */
static uint64_t
tick_step(uint64_t max)
{
	uint64_t s = 1;
	for (;;) {
		if (max / s <= 8)
			return s;
		if (max / (2 * s) <= 8)
			return 2 * s;
		if (max / (5 * s) <= 8)
			return 5 * s;
		s *= 10;
	}
}

void
svg_curve_write(qp_out *o, const svg_curve *c)
{
	const double left = 64, top = 24, pw = 600, ph = 240, bottom = 52;
	uint64_t xmax = c->xmax ? c->xmax : 1, ymax = c->ymax ? c->ymax : 1;
	double sx = pw / (double)xmax, sy = ph / (double)ymax;
#define X(v) (left + (double)(v) * sx)
#define Y(v) (top + ph - (double)(v) * sy)

	open_svg(o, left + pw + 24, top + ph + bottom, c->title, c->desc);
	for (size_t i = 0; i < c->nspans; i++) {
		const svg_span *s = &c->span[i];
		const char *fill = s->kind == SVG_SPAN_BASE ? "#e0e0e0" :
		                   s->kind == SVG_SPAN_HIT ? "#9ecae1" : "none";
		const char *stroke = s->kind == SVG_SPAN_RUN ? " stroke=\"#9e9e9e\" "
		                     "stroke-dasharray=\"3 3\"" : "";
		html_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
		            "fill=\"%s\"%s/>\n", X(s->from - 1), top,
		            (double)(s->to - s->from + 1) * sx, ph, fill, stroke);
		if (s->kind == SVG_SPAN_BASE)
			text_at(o, (X(s->from - 1) + X(s->to)) / 2, top + ph - 8, "middle", NULL, "base");
		if (s->kind == SVG_SPAN_HIT && c->mark)
			text_at(o, X(s->to) + 4, top + 14, "start", " font-weight=\"bold\"", c->mark);
	}
	/* axes, ticks and grid */
	html_printf(o, "<path d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\" stroke=\"#000000\"/>\n",
	            left, top, top + ph, left + pw);
	uint64_t st = tick_step(xmax);
	for (uint64_t v = 0; v <= xmax; v += st) {
		char lab[24];
		snprintf(lab, sizeof lab, "%llu", (unsigned long long)v);
		html_printf(o, "<path d=\"M%.1f %.1fv5\" stroke=\"#000000\"/>\n", X(v), top + ph);
		text_at(o, X(v), top + ph + 18, "middle", NULL, lab);
	}
	st = tick_step(ymax);
	for (uint64_t v = 0; v <= ymax; v += st) {
		char lab[24];
		snprintf(lab, sizeof lab, "%llu", (unsigned long long)v);
		html_printf(o, "<path d=\"M%.1f %.1fh-5\" stroke=\"#000000\"/>\n", left, Y(v));
		if (v)
			html_printf(o, "<path d=\"M%.1f %.1fH%.1f\" stroke=\"#eeeeee\"/>\n",
			            left, Y(v), left + pw);
		text_at(o, left - 8, Y(v) + 4, "end", NULL, lab);
	}
	text_at(o, left + pw / 2, top + ph + 42, "middle", " font-weight=\"bold\"", c->xlabel);
	html_printf(o, "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" "
	            "transform=\"rotate(-90 16 %.1f)\">", top + ph / 2, top + ph / 2);
	html_str(o, c->ylabel);
	qp_puts(o, "</text>\n");
	/* the curve: flat between the docs that bring new codes */
	html_printf(o, "<polyline fill=\"none\" stroke=\"#08306b\" stroke-width=\"2\" "
	            "points=\"%.1f,%.1f", X(0), Y(0));
	uint64_t prev = 0;
	for (size_t i = 0; i < c->n; i++) {
		html_printf(o, " %.1f,%.1f %.1f,%.1f", X(c->x[i] - 1), Y(prev), X(c->x[i]),
		            Y(c->y[i]));
		prev = c->y[i];
	}
	html_printf(o, " %.1f,%.1f\"/>\n", X(xmax), Y(prev));
	for (size_t i = 0; i < c->n; i++)
		html_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#08306b\"/>\n",
		            X(c->x[i]), Y(c->y[i]));
	qp_puts(o, "</svg>\n");
#undef X
#undef Y
}
