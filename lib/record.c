#include "record.h"
#include "qp.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct qp_rd {
	qp_input *in;
	char *hdr;              /* the header line as first read */
	size_t hdr_len;
	int ncols;
	char **names;
	qp_span *f;             /* fields of the current record */
	/* output shaping */
	int nout;
	char **out_names;
	bool *is_set;           /* per output column */
	qp_buf *val;            /* per output column, escaped */
	char *file;             /* file of the current record */
	unsigned long lineno;
};

bool
qp_valid_colname(const char *p, size_t n)
{
	if (n == 0 || p[0] < 'a' || p[0] > 'z')
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = p[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

static void
parse_header(qp_rd *r, const char *line, size_t len)
{
	const char *file = qp_input_name(r->in);
	unsigned long ln = qp_input_lineno(r->in);
	size_t i = 0;

	r->hdr = xmemdup(line, len);
	r->hdr_len = len;
	for (;;) {
		const char *tab = memchr(line + i, '\t', len - i);
		size_t e = tab ? (size_t)(tab - line) : len;
		if (!qp_valid_colname(line + i, e - i))
			qp_die_at(file, ln, "bad column name '%.*s' in header "
			          "(lower-case letters, digits and _, starting with a letter)",
			          (int)(e - i > 60 ? 60 : e - i), line + i);
		for (int k = 0; k < r->ncols; k++)
			if (strlen(r->names[k]) == e - i &&
			    memcmp(r->names[k], line + i, e - i) == 0)
				qp_die_at(file, ln, "column '%s' appears twice in header",
				          r->names[k]);
		r->names = xreallocarray(r->names, (size_t)r->ncols + 1, sizeof *r->names);
		r->names[r->ncols++] = xmemdup(line + i, e - i);
		if (!tab)
			break;
		i = e + 1;
	}
	r->f = xcalloc((size_t)r->ncols, sizeof *r->f);
	r->nout = r->ncols;
	r->out_names = xcalloc((size_t)r->ncols, sizeof *r->out_names);
	for (int k = 0; k < r->ncols; k++)
		r->out_names[k] = r->names[k];
	r->is_set = xcalloc((size_t)r->ncols, sizeof *r->is_set);
	r->val = xreallocarray(NULL, (size_t)r->ncols, sizeof *r->val);
	for (int k = 0; k < r->ncols; k++)
		buf_init(&r->val[k]);
}

qp_rd *
qp_rd_open(int nfiles, char **files)
{
	qp_rd *r = xcalloc(1, sizeof *r);
	const char *line;
	size_t len;

	r->in = qp_input_new(nfiles, files, 0);
	if (qp_input_line(r->in, &line, &len))
		parse_header(r, line, len);
	return r;
}

void
qp_rd_free(qp_rd *r)
{
	if (!r)
		return;
	for (int k = 0; k < r->nout; k++) {
		if (k >= r->ncols)
			free(r->out_names[k]);
		buf_free(&r->val[k]);
	}
	for (int k = 0; k < r->ncols; k++)
		free(r->names[k]);
	free(r->names);
	free(r->out_names);
	free(r->is_set);
	free(r->val);
	free(r->f);
	free(r->hdr);
	qp_input_free(r->in);
	free(r);
}

int
qp_rd_ncols(const qp_rd *r)
{
	return r->ncols;
}

const char *
qp_rd_name(const qp_rd *r, int col)
{
	return r->names[col];
}

int
qp_rd_col(const qp_rd *r, const char *name)
{
	for (int k = 0; k < r->ncols; k++)
		if (strcmp(r->names[k], name) == 0)
			return k;
	return -1;
}

int
qp_rd_need(const qp_rd *r, const char *name)
{
	int c = qp_rd_col(r, name);
	if (c < 0)
		qp_die_at(qp_input_name(r->in), 1,
		          "the stream has no column '%s'", name);
	return c;
}

bool
qp_rd_next(qp_rd *r)
{
	const char *line;
	size_t len;

	if (r->ncols == 0)
		return false;
	for (;;) {
		if (!qp_input_line(r->in, &line, &len))
			return false;
		if (len == r->hdr_len && memcmp(line, r->hdr, len) == 0)
			continue;       /* a repeated header: cat a.tsv b.tsv */
		break;
	}
	int k = 0;
	size_t i = 0;
	for (;;) {
		const char *tab = memchr(line + i, '\t', len - i);
		size_t e = tab ? (size_t)(tab - line) : len;
		if (k < r->ncols) {
			r->f[k].p = line + i;
			r->f[k].n = e - i;
		}
		k++;
		if (!tab)
			break;
		i = e + 1;
	}
	if (k != r->ncols || qp_input_first(r->in)) {
		/* A later file that starts with column names other than the
		 * first header's belongs to another stream. */
		bool names = k <= r->ncols;
		for (int c = 0; c < k && c < r->ncols && names; c++)
			names = qp_valid_colname(r->f[c].p, r->f[c].n);
		if (names && qp_input_first(r->in))
			qp_die_at(qp_input_name(r->in), qp_input_lineno(r->in),
			          "header differs from the stream's first header");
		if (k != r->ncols)
			qp_die_at(qp_input_name(r->in), qp_input_lineno(r->in),
			          "expected %d fields, found %d", r->ncols, k);
	}
	return true;
}

qp_span
qp_rd_raw(const qp_rd *r, int col)
{
	return r->f[col];
}

void
qp_rd_get(const qp_rd *r, int col, qp_buf *out)
{
	if (!qp_unescape(r->f[col].p, r->f[col].n, out))
		qp_die_at(qp_input_name(r->in), qp_input_lineno(r->in),
		          "bad escape in column '%s' (only \\\\ \\t \\n \\r are allowed)",
		          r->names[col]);
}

const char *
qp_rd_file(const qp_rd *r)
{
	return qp_input_name(r->in);
}

unsigned long
qp_rd_lineno(const qp_rd *r)
{
	return qp_input_lineno(r->in);
}

int
qp_rd_add_col(qp_rd *r, const char *name)
{
	for (int k = 0; k < r->nout; k++)
		if (strcmp(r->out_names[k], name) == 0)
			return k;
	r->out_names = xreallocarray(r->out_names, (size_t)r->nout + 1, sizeof(char *));
	r->is_set = xreallocarray(r->is_set, (size_t)r->nout + 1, sizeof(bool));
	r->val = xreallocarray(r->val, (size_t)r->nout + 1, sizeof(qp_buf));
	r->out_names[r->nout] = xstrdup(name);
	r->is_set[r->nout] = false;
	buf_init(&r->val[r->nout]);
	return r->nout++;
}

void
qp_rd_write_header(qp_rd *r, qp_out *o)
{
	qp_write_header(o, (const char *const *)r->out_names, r->nout);
}

void
qp_rd_set(qp_rd *r, int oc, const char *p, size_t n)
{
	buf_reset(&r->val[oc]);
	qp_escape(p, n, &r->val[oc]);
	r->is_set[oc] = true;
}

void
qp_rd_write(qp_rd *r, qp_out *o)
{
	for (int k = 0; k < r->nout; k++) {
		if (k > 0)
			qp_putc(o, '\t');
		if (r->is_set[k]) {
			qp_write(o, r->val[k].s, r->val[k].len);
			r->is_set[k] = false;
		} else if (k < r->ncols) {
			qp_write(o, r->f[k].p, r->f[k].n);
		}
	}
	qp_out_endrec(o);
}

void
qp_write_header(qp_out *o, const char *const *names, int n)
{
	for (int k = 0; k < n; k++) {
		if (k > 0)
			qp_putc(o, '\t');
		qp_puts(o, names[k]);
	}
	qp_out_endrec(o);
}

static inline int
esc_char(char c)
{
	switch (c) {
	case '\\': return '\\';
	case '\t': return 't';
	case '\n': return 'n';
	case '\r': return 'r';
	default: return 0;
	}
}

/* Offset of the first byte that needs escaping, or n.  Most fields
 * have none: 16 bytes a step where SSE2 is there. */
static size_t
esc_scan(const char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i bs = _mm_set1_epi8('\\'), tab = _mm_set1_epi8('\t'),
	              nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(p + i));
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, bs), _mm_cmpeq_epi8(x, tab)),
		                         _mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, cr)));
		int bits = _mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	for (; i < n; i++)
		if (esc_char(p[i]))
			return i;
	return n;
}

void
qp_escape(const char *p, size_t n, qp_buf *out)
{
	size_t i;

	buf_grow(out, n);
	while ((i = esc_scan(p, n)) < n) {
		buf_add(out, p, i);
		buf_addc(out, '\\');
		buf_addc(out, (char)esc_char(p[i]));
		p += i + 1;
		n -= i + 1;
	}
	buf_add(out, p, n);
}

void
qp_write_field(qp_out *o, const char *p, size_t n)
{
	size_t i;

	while ((i = esc_scan(p, n)) < n) {
		qp_write(o, p, i);
		qp_putc(o, '\\');
		qp_putc(o, (char)esc_char(p[i]));
		p += i + 1;
		n -= i + 1;
	}
	qp_write(o, p, n);
}

bool
qp_unescape(const char *p, size_t n, qp_buf *out)
{
	const char *bs = memchr(p, '\\', n);
	if (!bs) {
		buf_add(out, p, n);
		return true;
	}
	buf_grow(out, n);
	size_t i = 0;
	while (i < n) {
		bs = memchr(p + i, '\\', n - i);
		if (!bs) {
			buf_add(out, p + i, n - i);
			break;
		}
		size_t j = (size_t)(bs - p);
		buf_add(out, p + i, j - i);
		if (j + 1 >= n)
			return false;
		switch (p[j + 1]) {
		case '\\': buf_addc(out, '\\'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		default: return false;
		}
		i = j + 2;
	}
	return true;
}
