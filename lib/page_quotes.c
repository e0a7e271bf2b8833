/* page_quotes.c: the quote tables of the page, streamed from pick-quotes'
 * output a theme at a time (see page.h). */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "html.h"
#include "page.h"
#include "qp.h"
#include "record.h"

static const char *const quote_cols[] = {
	"code", "rank", "score", "speaker", "participant", "doc", "seg", "start",
	"end", "text", NULL
};

typedef struct {
	qp_rd *rd;
	int code, rank, speaker, doc, seg, text;
	int nby, *by;
	qp_buf f;
} quotes;

static void
cell(qp_out *o, quotes *q, int col)
{
	qp_puts(o, "<td>");
	if (col >= 0) {
		buf_reset(&q->f);
		qp_rd_get(q->rd, col, &q->f);
		html_text(o, q->f.s, q->f.len);
	}
	qp_puts(o, "</td>");
}

static void
theme_start(qp_out *o, quotes *q, const pg_meta *m, const char *code, size_t no)
{
	html_printf(o, "<section class=\"theme\" id=\"theme-%zu\">\n<h3>", no);
	html_str(o, code);
	qp_puts(o, "</h3>\n");
	qp_entry *e = m->desc ? qp_map_get(m->desc, code, strlen(code)) : NULL;
	if (e && ((const char *)e->val)[0]) {
		qp_puts(o, "<p class=\"desc\">");
		html_str(o, e->val);
		qp_puts(o, "</p>\n");
	}
	qp_puts(o, "<div class=\"scroll\"><table class=\"quotes\">\n<thead><tr>");
	if (q->nby) {
		qp_puts(o, "<th scope=\"col\">");
		for (int i = 0; i < q->nby; i++) {
			if (i)
				qp_puts(o, " / ");
			html_str(o, qp_rd_name(q->rd, q->by[i]));
		}
		qp_puts(o, "</th>");
	}
	qp_puts(o, "<th scope=\"col\">rank</th><th scope=\"col\">quote</th>"
	        "<th scope=\"col\">speaker</th><th scope=\"col\">doc</th>"
	        "<th scope=\"col\">seg</th></tr></thead>\n<tbody>\n");
}

static void
theme_end(qp_out *o, size_t more)
{
	qp_puts(o, "</tbody>\n</table></div>\n");
	if (more)
		html_printf(o, "<p class=\"note\">%zu more quotes of this theme in the quotes "
		            "file.</p>\n", more);
	qp_puts(o, "</section>\n");
}

static void
quote_row(qp_out *o, quotes *q)
{
	qp_puts(o, "<tr>");
	if (q->nby) {
		qp_puts(o, "<td>");
		for (int i = 0; i < q->nby; i++) {
			if (i)
				qp_puts(o, " / ");
			buf_reset(&q->f);
			qp_rd_get(q->rd, q->by[i], &q->f);
			html_text(o, q->f.s, q->f.len);
		}
		qp_puts(o, "</td>");
	}
	cell(o, q, q->rank);
	buf_reset(&q->f);
	qp_rd_get(q->rd, q->text, &q->f);
	qp_puts(o, "<td class=\"quote\">");
	html_text(o, q->f.s, q->f.len);
	qp_puts(o, "</td>");
	cell(o, q, q->speaker);
	cell(o, q, q->doc);
	cell(o, q, q->seg);
	qp_puts(o, "</tr>\n");
}

void
pg_quotes(qp_out *o, const st_study *s, const pg_meta *m)
{
	char *files[1] = { (char *)m->quotes };
	quotes q = { .rd = qp_rd_open(1, files), .f = QP_BUF_INIT };
	qp_buf last = QP_BUF_INIT;
	size_t themes = 0, shown = 0, more = 0;

	(void)s;
	if (qp_rd_ncols(q.rd) == 0)
		qp_die_at(m->quotes, 1, "empty: not pick-quotes' output");
	q.code = qp_rd_need(q.rd, "code");
	q.text = qp_rd_need(q.rd, "text");
	q.rank = qp_rd_col(q.rd, "rank");
	q.speaker = qp_rd_col(q.rd, "speaker");
	q.doc = qp_rd_col(q.rd, "doc");
	q.seg = qp_rd_col(q.rd, "seg");
	q.nby = st_group_columns(q.rd, quote_cols, &q.by);
	while (qp_rd_next(q.rd)) {
		qp_span c = qp_rd_raw(q.rd, q.code);
		if (themes == 0 || c.n != last.len || memcmp(c.p, last.s, c.n) != 0) {
			if (themes)
				theme_end(o, more);
			buf_reset(&last);
			qp_rd_get(q.rd, q.code, &last);
			theme_start(o, &q, m, last.s, ++themes);
			buf_reset(&last);
			buf_add(&last, c.p, c.n);
			shown = more = 0;
		}
		if (m->max_quotes && shown == m->max_quotes) {
			more++;
			continue;
		}
		shown++;
		quote_row(o, &q);
	}
	if (themes)
		theme_end(o, more);
	else
		qp_puts(o, "<p>pick-quotes chose no quotes.</p>\n");
	buf_free(&last);
	buf_free(&q.f);
	free(q.by);
	qp_rd_free(q.rd);
}
