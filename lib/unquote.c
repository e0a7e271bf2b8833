#include "unquote.h"
#include "xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Bytes of the curly quote at s[i], with its ASCII form in *to; 0 if
 * there is none. */
static size_t
quote_at(const char *s, size_t i, size_t n, char *to)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == 0xE2 && i + 2 < n && u[1] == 0x80) {
		switch (u[2]) {
		case 0x98: case 0x99: *to = '\''; return 3;
		case 0x9C: case 0x9D: *to = '"'; return 3;
		}
	}
	if (u[0] == 0xCA && i + 1 < n && u[1] == 0xBC) {
		*to = '\'';
		return 2;
	}
	return 0;
}

static void
qmap_add(qp_qmap *m, size_t pos, size_t extra)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->pos = xreallocarray(m->pos, m->cap, sizeof *m->pos);
		m->extra = xreallocarray(m->extra, m->cap, sizeof *m->extra);
	}
	m->pos[m->n] = pos;
	m->extra[m->n++] = extra;
}

bool
qp_unquote(const char *s, size_t n, qp_buf *out, qp_qmap *m)
{
	size_t i = 0, run = 0, extra = 0;
	bool any = false;
	char c;

	m->n = 0;
	/* Curly quotes start with 0xE2 or 0xCA: memchr for each, once per
	 * occurrence, is what keeps a text without them nearly free. */
	const char *pe = memchr(s, 0xE2, n), *pc = memchr(s, 0xCA, n);
	while (pe || pc) {
		const char *p = !pe || (pc && pc < pe) ? pc : pe;
		i = (size_t)(p - s);
		size_t l = quote_at(s, i, n, &c);
		if (l) {
			if (!any) {
				buf_reset(out);
				any = true;
			}
			buf_add(out, s + run, i - run);
			buf_addc(out, c);
			extra += l - 1;
			qmap_add(m, out->len - 1, extra);
			i += l;
			run = i;
		} else {
			i++;
		}
		if (pe && (size_t)(pe - s) < i)
			pe = i < n ? memchr(s + i, 0xE2, n - i) : NULL;
		if (pc && (size_t)(pc - s) < i)
			pc = i < n ? memchr(s + i, 0xCA, n - i) : NULL;
	}
	if (any)
		buf_add(out, s + run, n - run);
	return any;
}

size_t
qp_qmap_back(const qp_qmap *m, size_t p)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {                /* replacements before p */
		size_t mid = (lo + hi) / 2;
		if (m->pos[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? p + m->extra[lo - 1] : p;
}

void
qp_qmap_free(qp_qmap *m)
{
	free(m->pos);
	free(m->extra);
	*m = (qp_qmap){ 0 };
}
