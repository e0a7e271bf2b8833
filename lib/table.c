/* table.c: tables as record streams and Markdown (see table.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "qp.h"
#include "record.h"
#include "table.h"

void
qp_table_init(qp_table *t, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->name = xcalloc(ncols + 1, sizeof *t->name);
	t->label = xcalloc(ncols + 1, sizeof *t->label);
}

void
qp_table_free(qp_table *t)
{
	for (size_t i = 0; i < t->ncols; i++) {
		free(t->name[i]);
		free(t->label[i]);
	}
	free(t->name);
	free(t->label);
	free(t->off);
	buf_free(&t->text);
	memset(t, 0, sizeof *t);
}

void
qp_table_clear_rows(qp_table *t)
{
	t->ncells = 0;
	buf_reset(&t->text);
}

void
qp_table_set_column(qp_table *t, size_t i, const char *name, const char *label)
{
	free(t->name[i]);
	free(t->label[i]);
	t->name[i] = xstrdup(name);
	t->label[i] = xstrdup(label);
}

/* Lower-case ASCII letters and digits stay; every run of anything else
 * becomes one '_'. */
static void
sanitize(const char *p, size_t n, qp_buf *out)
{
	bool run = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			buf_addc(out, (char)c);
			run = false;
		} else if (!run) {
			buf_addc(out, '_');
			run = true;
		}
	}
}

void
qp_table_column_from_values(qp_table *t, size_t i, char *const *parts,
                            const size_t *lens, int nparts)
{
	qp_buf nm = QP_BUF_INIT, lb = QP_BUF_INIT;
	buf_adds(&nm, "g_");
	buf_adds(&lb, "");
	for (int k = 0; k < nparts; k++) {
		if (k) {
			buf_adds(&nm, "__");
			buf_adds(&lb, " / ");
		}
		sanitize(parts[k], lens[k], &nm);
		buf_add(&lb, parts[k], lens[k]);
	}
	/* The "g_" stays only where the name would not begin with a letter. */
	size_t skip = nm.len > 2 && nm.s[2] >= 'a' && nm.s[2] <= 'z' ? 2 : 0;
	free(t->name[i]);
	free(t->label[i]);
	t->name[i] = xmemdup(nm.s + skip, nm.len - skip);
	t->label[i] = buf_detach(&lb, NULL);
	buf_free(&nm);
}

void
qp_table_check_names(const qp_table *t, const char *what)
{
	qp_map *seen = qp_map_new();
	for (size_t i = 0; i < t->ncols; i++) {
		bool created;
		qp_entry *e = qp_map_put(seen, t->name[i], strlen(t->name[i]), &created);
		if (!created)
			qp_die("--format matrix: %s '%s' and '%s' both become the column "
			       "name '%s' (use --format md, or tell them apart in the input)",
			       what, t->label[(uintptr_t)e->val - 1], t->label[i], t->name[i]);
		e->val = (void *)(uintptr_t)(i + 1);
	}
	qp_map_free(seen);
}

void
qp_table_add_cell(qp_table *t, const char *p, size_t n)
{
	if (t->ncells == t->capoff) {
		t->capoff = t->capoff ? 2 * t->capoff : 64;
		t->off = xreallocarray(t->off, t->capoff, sizeof *t->off);
	}
	t->off[t->ncells++] = t->text.len;
	buf_add(&t->text, p, n);
	buf_addc(&t->text, '\0');
}

void
qp_table_add_u64(qp_table *t, uint64_t v)
{
	char b[24];
	qp_table_add_cell(t, b, (size_t)snprintf(b, sizeof b, "%llu", (unsigned long long)v));
}

/* The ratio into b (at least 32 bytes); its length. */
static size_t
ratio(uint64_t num, uint64_t den, char *b)
{
	if (den == 0)
		return 0;
	uint64_t q = (num * 20000 + den) / (2 * den);
	return (size_t)snprintf(b, 32, "%llu.%04llu", (unsigned long long)(q / 10000),
	                        (unsigned long long)(q % 10000));
}

void
qp_table_add_ratio(qp_table *t, uint64_t num, uint64_t den)
{
	char b[32];
	qp_table_add_cell(t, b, ratio(num, den, b));
}

void
qp_fmt_ratio(uint64_t num, uint64_t den, qp_buf *out)
{
	char b[32];
	buf_add(out, b, ratio(num, den, b));
}

void
qp_write_ratio(qp_out *o, uint64_t num, uint64_t den)
{
	char b[32];
	qp_write(o, b, ratio(num, den, b));
}

void
qp_write_u64(qp_out *o, uint64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof b, "%llu", (unsigned long long)v);
	qp_write(o, b, (size_t)n);
}

static const char *
cell(const qp_table *t, size_t r, size_t c)
{
	return t->text.s + t->off[r * t->ncols + c];
}

void
qp_table_write_records(const qp_table *t, qp_out *o)
{
	size_t nrows = t->ncols ? t->ncells / t->ncols : 0;
	qp_write_header(o, (const char *const *)t->name, (int)t->ncols);
	for (size_t r = 0; r < nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = cell(t, r, c);
			if (c)
				qp_putc(o, '\t');
			qp_write_field(o, s, strlen(s));
		}
		qp_out_endrec(o);
	}
}

/* Markdown flattens a line break, a carriage return and a TAB to a
 * space; in a cell it also escapes what would end the cell or escape. */
static void
md_text(const char *p, size_t n, bool cell, qp_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		char ch = p[i];
		if (ch == '\n' || ch == '\r' || ch == '\t')
			ch = ' ';
		else if (cell && (ch == '|' || ch == '\\'))
			buf_addc(out, '\\');
		buf_addc(out, ch);
	}
}

void
qp_md_cell(const char *p, size_t n, qp_buf *out)
{
	md_text(p, n, true, out);
}

void
qp_md_inline(const char *p, size_t n, qp_buf *out)
{
	md_text(p, n, false, out);
}

/* Width in code points, which is what a reader of the plain text sees
 * for the scripts a transcript is likely to hold. */
static size_t
width(const char *p, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		w += ((unsigned char)p[i] & 0xC0) != 0x80;
	return w;
}

static size_t
md_width(const char *s, qp_buf *tmp)
{
	buf_reset(tmp);
	qp_md_cell(s, strlen(s), tmp);
	return width(tmp->s, tmp->len);
}

static void
md_row_cell(qp_out *o, const char *s, size_t w, bool right, qp_buf *tmp)
{
	buf_reset(tmp);
	qp_md_cell(s, strlen(s), tmp);
	size_t have = width(tmp->s, tmp->len);
	qp_putc(o, ' ');
	for (size_t i = have; right && i < w; i++)
		qp_putc(o, ' ');
	qp_write(o, tmp->s, tmp->len);
	for (size_t i = have; !right && i < w; i++)
		qp_putc(o, ' ');
	qp_puts(o, " |");
}

void
qp_table_write_md(const qp_table *t, qp_out *o, bool aligned)
{
	size_t nrows = t->ncols ? t->ncells / t->ncols : 0;
	qp_buf tmp = QP_BUF_INIT;
	size_t *w = xcalloc(t->ncols + 1, sizeof *w);

	buf_grow(&tmp, 64);
	for (size_t c = 0; aligned && c < t->ncols; c++) {
		w[c] = md_width(t->label[c], &tmp);
		if (w[c] < 3)
			w[c] = 3;
		for (size_t r = 0; r < nrows; r++) {
			size_t x = md_width(cell(t, r, c), &tmp);
			if (x > w[c])
				w[c] = x;
		}
	}
	qp_putc(o, '|');
	for (size_t c = 0; c < t->ncols; c++)
		md_row_cell(o, t->label[c], w[c], false, &tmp);
	qp_out_endrec(o);
	qp_putc(o, '|');
	for (size_t c = 0; c < t->ncols; c++) {
		bool right = aligned && c > 0;
		size_t dashes = aligned ? w[c] - right : 3;
		qp_putc(o, ' ');
		for (size_t i = 0; i < dashes; i++)
			qp_putc(o, '-');
		if (right)
			qp_putc(o, ':');
		qp_puts(o, " |");
	}
	qp_out_endrec(o);
	for (size_t r = 0; r < nrows; r++) {
		qp_putc(o, '|');
		for (size_t c = 0; c < t->ncols; c++)
			md_row_cell(o, cell(t, r, c), w[c], aligned && c > 0, &tmp);
		qp_out_endrec(o);
	}
	free(w);
	buf_free(&tmp);
}
