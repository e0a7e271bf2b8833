/*
 * match-theme: code each segment with the codes of a codebook.
 *
 * Adds codes and hits to every record, or with --long writes one record
 * per hit (a keyword-in-context listing).  The codebook is read by
 * lib/codebook.c (and lib/dic.c) and matched by lib/matcher.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codebook.h"
#include "output.h"
#include "qp.h"
#include "record.h"

/* The layout of every --help: cli.h, above QP_COMMON_HELP. */
static const char usage[] =
	"usage: match-theme [--column NAME] [--only-coded] [--long [--context N]]\n"
	"                   [--strict] [--line-buffered] [--replace-invalid]\n"
	"                   CODEBOOK [FILE ...]\n"
	"       match-theme --help | --version\n"
	"Code the text of each segment with the codes of CODEBOOK (a codebook(5)\n"
	"file or a LIWC-style .dic) and add the columns codes and hits.\n"
	"  --column NAME      code column NAME instead of text\n"
	"  --only-coded       leave out segments that no code matches\n"
	"  --long             one record per hit instead of one per segment:\n"
	"                     the segment's columns but text, then code, term,\n"
	"                     match, offset and context\n"
	"  --context N        words of context either side of a hit with --long\n"
	"                     (default 5)\n"
	"  --strict           a regular expression that gives up on a segment\n"
	"                     is an error, not a warning\n"
	QP_COMMON_HELP;

enum {
	OPT_COLUMN = QP_OPT_FIRST_PRIVATE,
	OPT_ONLY_CODED,
	OPT_LONG,
	OPT_CONTEXT,
	OPT_STRICT,
};

static const struct option longopts[] = {
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "only-coded", no_argument, NULL, OPT_ONLY_CODED },
	{ "long", no_argument, NULL, OPT_LONG },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char *const long_cols[] = { "code", "term", "match", "offset", "context" };
enum { NLONG = 5 };

/* One run: the codebook, its matcher, the stream and what the options
 * chose.  main owns every pointer here. */
typedef struct {
	const cb_codebook *cb;
	cb_matcher *m;
	qp_rd *rd;
	int col;                /* the column coded */
	int doc_col, seg_col;   /* for messages; -1 when absent */
	bool strict;
	bool only_coded;
	size_t context;         /* --long: words either side */
} job;

/* A regex that gave up: say where, then count no hit or stop. */
static void
report_failures(const job *j)
{
	size_t nf;
	const cb_failure *f = cb_failures(j->m, &nf);
	qp_buf where = QP_BUF_INIT;

	for (size_t i = 0; i < nf; i++) {
		char msg[256];
		size_t p = f[i].pattern;
		cb_regex_error(f[i].error, msg, sizeof msg);
		buf_reset(&where);
		if (j->doc_col >= 0 && j->seg_col >= 0) {
			qp_span d = qp_rd_raw(j->rd, j->doc_col), s = qp_rd_raw(j->rd, j->seg_col);
			buf_printf(&where, " (doc %.*s, seg %.*s)", (int)d.n, d.p, (int)s.n, s.p);
		}
		const char *what = j->strict ? "stopped" : "no hits counted";
		const char *code = cb_code_path(j->cb, cb_pattern_code(j->cb, p));
		if (j->strict)
			qp_die_at(qp_rd_file(j->rd), qp_rd_lineno(j->rd),
			          "code %s: regex '%s' (codebook line %lu) gave up on this "
			          "segment%s: %s; %s", code, cb_pattern_term(j->cb, p),
			          cb_pattern_line(j->cb, p), where.s, msg, what);
		qp_warn_at(qp_rd_file(j->rd), qp_rd_lineno(j->rd),
		           "code %s: regex '%s' (codebook line %lu) gave up on this "
		           "segment%s: %s; %s", code, cb_pattern_term(j->cb, p),
		           cb_pattern_line(j->cb, p), where.s, msg, what);
	}
	buf_free(&where);
}

/* printf is a tenth of the run with a LIWC dictionary's many codes. */
static void
add_uint(qp_buf *b, uint32_t v)
{
	char d[10];
	int n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		buf_addc(b, d[--n]);
}

static void
run_wide(const job *j)
{
	int oc_codes = qp_rd_add_col(j->rd, "codes");
	int oc_hits = qp_rd_add_col(j->rd, "hits");
	qp_buf text = QP_BUF_INIT, codes = QP_BUF_INIT, hits = QP_BUF_INIT;

	qp_rd_write_header(j->rd, qp_stdout);
	while (qp_rd_next(j->rd)) {
		qp_span raw = qp_rd_raw(j->rd, j->col);
		const char *t = raw.p;
		size_t tn = raw.n;
		if (memchr(raw.p, '\\', raw.n)) {
			buf_reset(&text);
			qp_rd_get(j->rd, j->col, &text);
			t = text.s;
			tn = text.len;
		}
		size_t k = cb_match(j->m, t, tn);
		report_failures(j);
		if (k == 0 && j->only_coded)
			continue;
		size_t nr;
		const cb_result *r = cb_results(j->m, &nr);
		buf_reset(&codes);
		buf_reset(&hits);
		for (size_t i = 0; i < nr; i++) {
			if (i) {
				buf_addc(&codes, ';');
				buf_addc(&hits, ';');
			}
			buf_adds(&codes, cb_code_path(j->cb, r[i].code));
			add_uint(&hits, r[i].hits);
		}
		qp_rd_set(j->rd, oc_codes, codes.s, codes.len);
		qp_rd_set(j->rd, oc_hits, hits.s, hits.len);
		qp_rd_write(j->rd, qp_stdout);
	}
	buf_free(&text);
	buf_free(&codes);
	buf_free(&hits);
}

/*
 * --long: the input columns that identify the segment (all but text, the
 * coded column, codes and hits), then the five hit columns; a hit column
 * the input already has keeps its place.  out[k] >= 0 is input column
 * out[k], out[k] < 0 hit column -1 - out[k]; names[k] its name.  Returns
 * the number of output columns.
 */
static int
long_columns(const job *j, int *out, const char **names)
{
	int nin = qp_rd_ncols(j->rd), nout = 0;

	for (int c = 0; c < nin; c++) {
		const char *nm = qp_rd_name(j->rd, c);
		if (c == j->col || !strcmp(nm, "text") || !strcmp(nm, "codes") ||
		    !strcmp(nm, "hits"))
			continue;
		out[nout] = c;
		for (int h = 0; h < NLONG; h++)
			if (!strcmp(nm, long_cols[h]))
				out[nout] = -1 - h;
		names[nout++] = nm;
	}
	for (int h = 0; h < NLONG; h++) {
		bool have = false;
		for (int k = 0; k < nout; k++)
			have |= out[k] == -1 - h;
		if (!have) {
			out[nout] = -1 - h;
			names[nout++] = long_cols[h];
		}
	}
	return nout;
}

/* One --long record: hit h of text t. */
static void
write_hit(const job *j, const int *out, int nout, const char *t, const cb_hit *h)
{
	char num[32];
	const char *v;
	size_t vs, ve;

	for (int k = 0; k < nout; k++) {
		if (k)
			qp_putc(qp_stdout, '\t');
		if (out[k] >= 0) {
			qp_span f = qp_rd_raw(j->rd, out[k]);
			qp_write(qp_stdout, f.p, f.n);
			continue;
		}
		switch (-1 - out[k]) {
		case 0:
			qp_puts(qp_stdout, cb_code_path(j->cb, h->code));
			break;
		case 1:
			v = cb_pattern_term(j->cb, h->pattern);
			qp_write_field(qp_stdout, v, strlen(v));
			break;
		case 2:
			qp_write_field(qp_stdout, t + h->start, h->end - h->start);
			break;
		case 3:
			snprintf(num, sizeof num, "%zu", h->cp_off);
			qp_puts(qp_stdout, num);
			break;
		case 4:
			cb_context(j->m, h, j->context, &vs, &ve);
			qp_write_field(qp_stdout, t + vs, ve - vs);
			break;
		}
	}
	qp_out_endrec(qp_stdout);
}

static void
run_long(const job *j)
{
	int nin = qp_rd_ncols(j->rd);
	int *out = xcalloc((size_t)nin + NLONG, sizeof *out);
	const char **names = xcalloc((size_t)nin + NLONG, sizeof *names);
	int nout = long_columns(j, out, names);
	qp_buf text = QP_BUF_INIT;

	qp_write_header(qp_stdout, names, nout);
	while (qp_rd_next(j->rd)) {
		buf_reset(&text);
		qp_rd_get(j->rd, j->col, &text);
		cb_match(j->m, text.s, text.len);
		report_failures(j);
		size_t nh;
		const cb_hit *h = cb_hits(j->m, &nh);
		for (size_t i = 0; i < nh; i++)
			write_hit(j, out, nout, text.s, &h[i]);
	}
	buf_free(&text);
	free(out);
	free(names);
}

int
main(int argc, char **argv)
{
	job j = { .doc_col = -1, .seg_col = -1, .context = 5 };
	const char *column = "text";
	bool lng = false;
	int c;

	qp_init("match-theme");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_COLUMN:
			column = optarg;
			break;
		case OPT_ONLY_CODED:
			j.only_coded = true;
			break;
		case OPT_LONG:
			lng = true;
			break;
		case OPT_CONTEXT:
			j.context = qp_parse_ulong(optarg, "--context", 1000, usage);
			break;
		case OPT_STRICT:
			j.strict = true;
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	if (optind >= argc)
		qp_usage_error(usage, "no CODEBOOK given");

	cb_codebook *book = cb_load(argv[optind]);
	j.cb = book;
	j.m = cb_matcher_new(book, lng ? CB_KEEP_HITS : 0);
	j.rd = qp_rd_open(argc - optind - 1, argv + optind + 1);
	if (qp_rd_ncols(j.rd) > 0) {
		j.col = qp_rd_need(j.rd, column);
		j.doc_col = qp_rd_col(j.rd, "doc");
		j.seg_col = qp_rd_col(j.rd, "seg");
		if (lng)
			run_long(&j);
		else
			run_wide(&j);
	}
	qp_out_close(qp_stdout);
	qp_rd_free(j.rd);
	cb_matcher_free(j.m);
	cb_free(book);
	return 0;
}
