#include "buf.h"
#include "qp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char qp_buf_slop[1];

void
buf_grow(qp_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need < b->len)
		qp_die("out of memory (buffer overflow)");
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap * 2 > cap ? cap * 2 : need;
	if (b->cap) {
		b->s = xrealloc(b->s, cap);
	} else {
		/* the slop (or a zeroed NULL) holds nothing and is not ours */
		b->s = xmalloc(cap);
		b->s[0] = '\0';
	}
	b->cap = cap;
}

void
buf_free(qp_buf *b)
{
	if (b->cap)
		free(b->s);
	buf_init(b);
}

void
buf_printf(qp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	buf_grow(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		qp_die("formatting failed");
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

char *
buf_detach(qp_buf *b, size_t *len)
{
	char *s;

	if (!b->cap)
		buf_grow(b, 0);
	s = b->s;
	if (len)
		*len = b->len;
	buf_init(b);
	return s;
}
