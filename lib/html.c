/* html.c: a tiny HTML writer (see html.h). */
#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "html.h"

void
html_text(qp_out *o, const char *p, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *ref;
		switch (p[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default: continue;
		}
		qp_write(o, p + run, i - run);
		qp_puts(o, ref);
		run = i + 1;
	}
	qp_write(o, p + run, n - run);
}

void
html_str(qp_out *o, const char *s)
{
	html_text(o, s, strlen(s));
}

void
html_printf(qp_out *o, const char *fmt, ...)
{
	char small[256];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		qp_write(o, small, (size_t)n);
		return;
	}
	qp_buf b = QP_BUF_INIT;
	buf_grow(&b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	qp_write(o, b.s, (size_t)n);
	buf_free(&b);
}

void
html_elem(qp_out *o, const char *tag, const char *text)
{
	html_printf(o, "<%s>", tag);
	html_str(o, text);
	html_printf(o, "</%s>", tag);
}
