/*
 * test_html: lib/html's escaping and lib/svg's colour scale: light to
 * dark with a luminance that falls all the way (so it reads in grey),
 * and ink that reads on every shade (WCAG contrast 4.5 or more).
 */
#include <stdlib.h>

#include "html.h"
#include "svg.h"
#include "t.h"

/* An output that stays in memory: nothing here writes more than cap. */
static qp_out *
mem_out(void)
{
	static char buf[4096];
	static qp_out o;
	o = (qp_out){ .fd = -1, .name = "memory", .buf = buf, .cap = sizeof buf };
	return &o;
}

static double
contrast(double a, double b)
{
	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

int
main(void)
{
	qp_out *o = mem_out();
	html_str(o, "a<b & \"c\" 'd' > é");
	T_MEM(o->buf, o->len, "a&lt;b &amp; &quot;c&quot; &#39;d&#39; &gt; é",
	      "html_text escapes the five characters and nothing else");
	o = mem_out();
	html_printf(o, "<td>%d</td>", 42);
	html_elem(o, "p", "x&y");
	T_MEM(o->buf, o->len, "<td>42</td><p>x&amp;y</p>", "html_printf as given, html_elem escaped");

	char c[8];
	svg_shade(0, c);
	T_STR(c, "#f7fbff", "the scale starts at ColorBrewer's lightest blue");
	svg_shade(1, c);
	T_STR(c, "#08306b", "and ends at its darkest");
	svg_shade(-3, c);
	T_STR(c, "#f7fbff", "below 0 is 0");
	svg_shade(7, c);
	T_STR(c, "#08306b", "above 1 is 1");
	int falls = 1, reads = 1;
	for (int i = 1; i <= 100; i++) {
		if (!(svg_luminance(i / 100.0) < svg_luminance((i - 1) / 100.0)))
			falls = 0;
	}
	for (int i = 0; i <= 100; i++) {
		double l = svg_luminance(i / 100.0);
		double ink = svg_ink(i / 100.0)[1] == 'f' ? 1.0 : 0.0;
		if (contrast(l, ink) < 4.5)
			reads = 0;
	}
	T_OK(falls, "the luminance falls along the whole scale: it reads in grey");
	T_OK(reads, "the ink has a contrast of 4.5 or more on every shade");
	T_OK(contrast(svg_luminance(0), svg_luminance(1)) > 10,
	     "the ends of the scale are far apart");
	return t_done();
}
