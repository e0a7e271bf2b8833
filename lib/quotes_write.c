/* quotes_write.c: pick-quotes' output (see quotes_write.h). */
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "qp.h"
#include "quotes_write.h"

/* The output columns, in order, with a and b the two of the kind of
 * output; returns their number.  names[] must hold nby + 10. */
static int
output_cols(const quote_columns *qc, const char **names, const char *a, const char *b)
{
	int n = 0;
	names[n++] = "code";
	for (int i = 0; i < qc->nby; i++)
		names[n++] = qc->by[i];
	names[n++] = a;
	names[n++] = b;
	for (int f = 0; f < QF_DOC; f++)
		if (qc->fcol[f] >= 0 && !qc->inby[f])
			names[n++] = quote_field_name[f];
	for (int f = QF_DOC; f < QF_N; f++)
		if (!qc->inby[f])
			names[n++] = quote_field_name[f];
	return n;
}

static int
partial_cols(const quote_columns *qc, const char **names)
{
	return output_cols(qc, names, "hits", "words");
}

void
quote_check_partial_header(const qp_rd *rd, const quote_columns *qc)
{
	const char **want = xcalloc((size_t)qc->nby + 10, sizeof *want);
	int nw = partial_cols(qc, want);
	if (!qp_partial_header_is(rd, want, nw)) {
		qp_buf w = QP_BUF_INIT;
		qp_partial_join(want, nw, " ", &w);
		qp_die_at(qp_rd_file(rd), 1, "not --partial output of pick-quotes "
		          "with these --by columns (expected the columns: %s)", w.s);
	}
	free(want);
}

/* The option records of a --partial output: an empty code, the
 * option's name in seg, its value in text, every other field empty. */
static void
write_options(const qp_partial_options *po, const char *const *names, int n)
{
	qp_buf v = QP_BUF_INIT;
	for (size_t i = 0; i < po->n; i++) {
		buf_reset(&v);
		qp_partial_options_value(po, i, &v);
		for (int c = 0; c < n; c++) {
			if (c)
				qp_putc(qp_stdout, '\t');
			if (strcmp(names[c], "seg") == 0)
				qp_puts(qp_stdout, po->name[i]);
			else if (strcmp(names[c], "text") == 0)
				qp_write_field(qp_stdout, v.s, v.len);
		}
		qp_out_endrec(qp_stdout);
	}
	buf_free(&v);
}

void
quote_write_header(const quote_columns *qc, const qp_partial_options *partial)
{
	const char **names = xcalloc((size_t)qc->nby + 12, sizeof *names);
	int n = partial ? partial_cols(qc, names)
	                : output_cols(qc, names, "rank", "score");
	qp_write_header(qp_stdout, names, n);
	if (partial)
		write_options(partial, names, n);
	free(names);
}

static void
tab_span(qp_span s)
{
	qp_putc(qp_stdout, '\t');
	qp_write(qp_stdout, s.p, s.n);
}

/* The score is hits/words to 4 decimals, as table.h writes ratios. */
void
quote_write_record(const quote_columns *qc, const quote_pool *p, const quote *c,
                   bool partial, size_t rank)
{
	qp_write(qp_stdout, p->code.p, p->code.n);
	for (int i = 0; i < qc->nby; i++)
		tab_span(p->by[i]);
	qp_putc(qp_stdout, '\t');
	if (partial) {
		qp_write_u64(qp_stdout, c->hits);
		qp_putc(qp_stdout, '\t');
		qp_write_u64(qp_stdout, c->words);
	} else {
		uint64_t h, w;
		quote_score(c, &h, &w);
		qp_write_u64(qp_stdout, rank);
		qp_putc(qp_stdout, '\t');
		qp_write_ratio(qp_stdout, h, w);
	}
	for (int f = 0; f < QF_DOC; f++)
		if (qc->fcol[f] >= 0 && !qc->inby[f])
			tab_span(c->f[f]);
	for (int f = QF_DOC; f < QF_N; f++)
		if (!qc->inby[f])
			tab_span(c->f[f]);
	qp_out_endrec(qp_stdout);
}

void
quote_md_table(qp_table *tb)
{
	qp_table_init(tb, 2);
	qp_table_set_column(tb, 0, "theme", "Theme");
	qp_table_set_column(tb, 1, "quote", "Quote");
}

/* Append the unescaped form of field v (checked when read) to out. */
static void
add_field(qp_span v, qp_buf *out)
{
	qp_unescape(v.p, v.n, out);
}

/* A field (escaped) as Markdown heading text. */
static void
put_inline(qp_span v, qp_buf *tmp, qp_buf *md)
{
	buf_reset(tmp);
	add_field(v, tmp);
	buf_reset(md);
	qp_md_inline(tmp->s, tmp->len, md);
	qp_write(qp_stdout, md->s, md->len);
}

/* The headings of pool p: "## code" when the code changes from prev's,
 * "### col: value, ..." for each group. */
static void
write_md_headings(const quote_columns *qc, const quote_pool *p, const quote_pool *prev,
                  qp_buf *tmp, qp_buf *md)
{
	if (!prev || !quote_span_eq(prev->code, p->code)) {
		if (prev)
			qp_putc(qp_stdout, '\n');
		qp_puts(qp_stdout, "## ");
		put_inline(p->code, tmp, md);
		qp_puts(qp_stdout, "\n\n");
	} else {
		qp_putc(qp_stdout, '\n');
	}
	if (qc->nby == 0)
		return;
	qp_puts(qp_stdout, "### ");
	for (int i = 0; i < qc->nby; i++) {
		if (i)
			qp_puts(qp_stdout, ", ");
		qp_puts(qp_stdout, qc->by[i]);
		qp_puts(qp_stdout, ": ");
		if (p->by[i].n == 0)
			qp_puts(qp_stdout, "(none)");
		else
			put_inline(p->by[i], tmp, md);
	}
	qp_puts(qp_stdout, "\n\n");
}

/* The table's rows: the theme, and the quote with the speaker's role. */
void
quote_write_md(const quote_columns *qc, const quote_pool *p, const quote_pool *prev,
               const size_t *pick, size_t np, qp_table *tb, qp_buf *tmp)
{
	qp_buf md = QP_BUF_INIT;
	write_md_headings(qc, p, prev, tmp, &md);
	buf_free(&md);
	qp_table_clear_rows(tb);
	for (size_t j = 0; j < np; j++) {
		const quote *q = &p->c[pick[j]];
		buf_reset(tmp);
		add_field(p->code, tmp);
		qp_table_add_cell(tb, tmp->s, tmp->len);
		buf_reset(tmp);
		buf_addc(tmp, '"');
		add_field(q->f[QF_TEXT], tmp);
		buf_addc(tmp, '"');
		if (q->f[QF_ROLE].n) {
			buf_adds(tmp, " (");
			add_field(q->f[QF_ROLE], tmp);
			buf_addc(tmp, ')');
		}
		qp_table_add_cell(tb, tmp->s, tmp->len);
	}
	qp_table_write_md(tb, qp_stdout, false);
}
