/*
 * match-theme: code each segment with the codes of a codebook.
 *
 * Adds codes and hits to every record, or with --long writes one record
 * per hit (a keyword-in-context listing).  The codebook is read by
 * lib/codebook.c (and lib/dic.c) and matched by lib/matcher.c.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codebook.h"
#include "combine.h"
#include "model.h"
#include "output.h"
#include "qp.h"
#include "record.h"

/* The layout of every --help: cli.h, above QP_COMMON_HELP. */
static const char usage[] =
	"usage: match-theme [--column NAME] [--only-coded] [--long [--context N]]\n"
	"                   [--strict] [--line-buffered] [--replace-invalid] [--quiet]\n"
	"                   CODEBOOK [FILE ...]\n"
	"       match-theme --model MODEL [--max-codes N] [--explain] [--review N]\n"
	"                   [--column NAME] [--only-coded] [--strict] [--line-buffered]\n"
	"                   [--replace-invalid] [--quiet]\n"
	"                   CODEBOOK | --model-only [FILE ...]\n"
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
	"  --model MODEL      code with a learn(1) model too (qualpipe-model(5)):\n"
	"                     a code the rules or the model give, ranked by one\n"
	"                     score, in the added column scores\n"
	"  --model-only       with --model: no CODEBOOK, the model alone\n"
	"  --max-codes N      with --model: at most the N best-scored codes\n"
	"  --explain          with --model: add the column explain, what decided\n"
	"                     each code (rule terms, the model's top features)\n"
	"  --review N         with --model: only the N segments whose coding is\n"
	"                     least certain, most doubtful first, with doubt\n"
	QP_COMMON_HELP;

enum {
	OPT_COLUMN = QP_OPT_FIRST_PRIVATE,
	OPT_ONLY_CODED,
	OPT_LONG,
	OPT_CONTEXT,
	OPT_STRICT,
	OPT_MODEL,
	OPT_MODEL_ONLY,
	OPT_EXPLAIN,
	OPT_REVIEW,
	OPT_MAX_CODES,
};

static const struct option longopts[] = {
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "only-coded", no_argument, NULL, OPT_ONLY_CODED },
	{ "long", no_argument, NULL, OPT_LONG },
	{ "context", required_argument, NULL, OPT_CONTEXT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "model-only", no_argument, NULL, OPT_MODEL_ONLY },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "review", required_argument, NULL, OPT_REVIEW },
	{ "max-codes", required_argument, NULL, OPT_MAX_CODES },
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
	const qp_model *model;  /* --model, or NULL */
	bool explain;
	size_t review;          /* --review N, or 0 */
	size_t max_codes;       /* --max-codes N, or 0: all */
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

/* x as printf's "%.3f" writes it, a twentieth of --model's instructions:
 * x * 1000 is rounded to an integer here when it is not near a half,
 * where the product's rounding error could decide, else by printf. */
static void
add_fixed3(qp_buf *b, double x)
{
	if (!(x >= 0 && x < 1e6) || signbit(x)) {
		buf_printf(b, "%.3f", x);
		return;
	}
	double y = x * 1000, n = floor(y), frac = y - n;
	if (fabs(frac - 0.5) < 1e-6) {
		buf_printf(b, "%.3f", x);
		return;
	}
	uint32_t r = (uint32_t)n + (frac > 0.5);
	add_uint(b, r / 1000);
	char d[4] = { '.', (char)('0' + r / 100 % 10), (char)('0' + r / 10 % 10),
	              (char)('0' + r % 10) };
	buf_add(b, d, 4);
}

/* The text to code, unescaped only when it holds an escape (into
 * text): most fields have none and are coded where they lie. */
static inline const char *
coded_text(const job *j, qp_buf *text, size_t *n)
{
	qp_span raw = qp_rd_raw(j->rd, j->col);
	if (!memchr(raw.p, '\\', raw.n)) {
		*n = raw.n;
		return raw.p;
	}
	buf_reset(text);
	qp_rd_get(j->rd, j->col, text);
	*n = text->len;
	return text->s;
}

static void
run_wide(const job *j)
{
	int oc_codes = qp_rd_add_col(j->rd, "codes");
	int oc_hits = qp_rd_add_col(j->rd, "hits");
	qp_buf text = QP_BUF_INIT, codes = QP_BUF_INIT, hits = QP_BUF_INIT;

	qp_rd_write_header(j->rd, qp_stdout);
	while (qp_rd_next(j->rd)) {
		size_t tn;
		const char *t = coded_text(j, &text, &tn);
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

/* --explain: a term or feature name as one item of the explain list,
 * whose separators (';' between codes, ',' between items) it must not
 * hold. */
static void
add_item(qp_buf *b, bool *first, const char *pre, const char *s)
{
	if (!*first)
		buf_addc(b, ',');
	*first = false;
	buf_adds(b, pre);
	for (; *s; s++)
		buf_addc(b, *s == ';' || *s == ',' ? ' ' : *s);
}

enum { EXPLAIN_TERMS = 3, EXPLAIN_FEATS = 3 };

/* What decided code g: its rule terms (the first EXPLAIN_TERMS distinct
 * ones, in text order), then the model's EXPLAIN_FEATS features of the
 * text with the largest positive weight x value, each with "~". */
static void
explain_code(const job *j, qp_featx *fx, const qp_feat *f, size_t nf, const qp_given *g,
             qp_buf *b)
{
	bool first = true;
	if (g->by_rule) {
		size_t nh, shown = 0;
		const cb_hit *h = cb_hits(j->m, &nh);
		const char *seen[EXPLAIN_TERMS];
		for (size_t i = 0; i < nh && shown < EXPLAIN_TERMS; i++) {
			if (h[i].code != g->ccode)
				continue;
			const char *t = cb_pattern_term(j->cb, h[i].pattern);
			bool dup = false;
			for (size_t k = 0; k < shown; k++)
				dup |= !strcmp(seen[k], t);
			if (dup)
				continue;
			seen[shown++] = t;
			add_item(b, &first, "", t);
			/* an expanded word says where it came from:
			 * "hasten (syn hurry.v)" */
			const char *via = cb_pattern_via(j->cb, h[i].pattern);
			if (*via) {
				buf_adds(b, " (");
				for (; *via; via++)
					buf_addc(b, *via == ';' || *via == ',' ? ' ' : *via);
				buf_addc(b, ')');
			}
		}
	}
	if (!g->by_model)
		return;
	size_t top[EXPLAIN_FEATS];
	double topv[EXPLAIN_FEATS];
	size_t nt = 0;
	for (size_t i = 0; i < nf; i++) {
		double v = qp_model_weight(j->model, g->mcode, f[i].id) * f[i].value;
		if (v <= 0)
			continue;
		size_t k = nt < EXPLAIN_FEATS ? nt++ : EXPLAIN_FEATS;
		if (k == EXPLAIN_FEATS) {
			if (v <= topv[EXPLAIN_FEATS - 1])
				continue;
			k = EXPLAIN_FEATS - 1;
		}
		for (; k > 0 && topv[k - 1] < v; k--) {
			top[k] = top[k - 1];
			topv[k] = topv[k - 1];
		}
		top[k] = i;
		topv[k] = v;
	}
	for (size_t k = 0; k < nt; k++)
		add_item(b, &first, "~", qp_feat_name(fx, top[k]));
}

/* --review: the N most doubtful records, kept as written lines in a
 * min-heap on (doubt, later record first). */
typedef struct {
	double doubt;
	unsigned long n;        /* record number, for ties and order */
	char *line;
	size_t len;
} doubtful;

static bool
less(const doubtful *a, const doubtful *b)
{
	if (a->doubt != b->doubt)
		return a->doubt < b->doubt;
	return a->n > b->n;
}

static void
sift_down(doubtful *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < n && less(&h[l], &h[m]))
			m = l;
		if (r < n && less(&h[r], &h[m]))
			m = r;
		if (m == i)
			return;
		doubtful t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static void
sift_up(doubtful *h, size_t i)
{
	while (i > 0 && less(&h[i], &h[(i - 1) / 2])) {
		doubtful t = h[i];
		h[i] = h[(i - 1) / 2];
		h[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static int
most_doubtful_first(const void *a, const void *b)
{
	const doubtful *x = a, *y = b;
	return less(x, y) ? 1 : less(y, x) ? -1 : 0;
}

/* --model: rules (when there is a codebook) and model together. */
static void
run_model(const job *j)
{
	int oc_codes = qp_rd_add_col(j->rd, "codes");
	int oc_hits = qp_rd_add_col(j->rd, "hits");
	int oc_scores = qp_rd_add_col(j->rd, "scores");
	int oc_explain = j->explain ? qp_rd_add_col(j->rd, "explain") : -1;
	int oc_doubt = j->review ? qp_rd_add_col(j->rd, "doubt") : -1;
	qp_buf text = QP_BUF_INIT, codes = QP_BUF_INIT, hits = QP_BUF_INIT;
	qp_buf scores = QP_BUF_INIT, expl = QP_BUF_INIT, num = QP_BUF_INIT;
	qp_featx *fx = qp_feat_new(j->explain);
	qp_combiner *k = qp_comb_new(j->model, j->cb);
	double *p = xcalloc(qp_model_ncodes(j->model) + 1, sizeof *p);
	doubtful *heap = j->review ? xcalloc(j->review, sizeof *heap) : NULL;
	size_t nheap = 0;
	unsigned long nrec = 0;

	qp_rd_write_header(j->rd, qp_stdout);
	while (qp_rd_next(j->rd)) {
		nrec++;
		size_t tn;
		const char *t = coded_text(j, &text, &tn);
		size_t nr = 0, nf;
		const cb_result *r = NULL;
		const qp_feat *f;
		if (j->cb) {
			cb_match(j->m, t, tn);
			report_failures(j);
			r = cb_results(j->m, &nr);
			/* the words the matcher cut and folded, not cut again */
			cb_words w = cb_last_words(j->m);
			nf = qp_feat_words(fx, &w, false, &f);
		} else {
			nf = qp_feat_text(fx, t, tn, false, &f);
		}
		qp_model_score(j->model, f, nf, p);
		const qp_given *g;
		double doubt;
		size_t ng = qp_comb_codes(k, r, nr, p, &g, &doubt);
		if (j->max_codes && ng > j->max_codes)
			ng = j->max_codes;
		if (ng == 0 && j->only_coded)
			continue;
		if (j->review && nheap == j->review &&
		    !less(&heap[0], &(doubtful){ doubt, nrec, NULL, 0 }))
			continue;
		buf_reset(&codes);
		buf_reset(&hits);
		buf_reset(&scores);
		buf_reset(&expl);
		for (size_t i = 0; i < ng; i++) {
			if (i) {
				buf_addc(&codes, ';');
				buf_addc(&hits, ';');
				buf_addc(&scores, ';');
				buf_addc(&expl, ';');
			}
			buf_adds(&codes, qp_comb_path(k, &g[i]));
			add_uint(&hits, g[i].hits);
			add_fixed3(&scores, g[i].score);
			if (j->explain)
				explain_code(j, fx, f, nf, &g[i], &expl);
		}
		if (!j->review) {
			qp_rd_set(j->rd, oc_codes, codes.s, codes.len);
			qp_rd_set(j->rd, oc_hits, hits.s, hits.len);
			qp_rd_set(j->rd, oc_scores, scores.s, scores.len);
			if (j->explain)
				qp_rd_set(j->rd, oc_explain, expl.s, expl.len);
			qp_rd_write(j->rd, qp_stdout);
			continue;
		}
		/* the record's line, as qp_rd_write would write it */
		buf_reset(&num);
		add_fixed3(&num, doubt);
		const qp_buf *val[5] = { &codes, &hits, &scores, &expl, &num };
		const int oc[5] = { oc_codes, oc_hits, oc_scores, oc_explain, oc_doubt };
		qp_buf lb = QP_BUF_INIT;
		int nout = qp_rd_ncols(j->rd);
		for (int v = 0; v < 5; v++)
			nout = oc[v] >= nout ? oc[v] + 1 : nout;
		for (int c = 0; c < nout; c++) {
			if (c)
				buf_addc(&lb, '\t');
			int v = 0;
			while (v < 5 && oc[v] != c)
				v++;
			if (v < 5) {
				qp_escape(val[v]->s, val[v]->len, &lb);
			} else {
				qp_span f = qp_rd_raw(j->rd, c);
				buf_add(&lb, f.p, f.n);
			}
		}
		buf_addc(&lb, '\n');
		doubtful d = { doubt, nrec, NULL, 0 };
		d.line = buf_detach(&lb, &d.len);
		if (nheap < j->review) {
			heap[nheap] = d;
			sift_up(heap, nheap++);
		} else {
			free(heap[0].line);
			heap[0] = d;
			sift_down(heap, nheap, 0);
		}
	}
	if (j->review) {
		qsort(heap, nheap, sizeof *heap, most_doubtful_first);
		for (size_t i = 0; i < nheap; i++) {
			qp_write(qp_stdout, heap[i].line, heap[i].len);
			if (qp_line_buffered)
				qp_out_flush(qp_stdout);
			free(heap[i].line);
		}
	}
	free(heap);
	free(p);
	qp_comb_free(k);
	qp_feat_free(fx);
	buf_free(&text);
	buf_free(&codes);
	buf_free(&hits);
	buf_free(&scores);
	buf_free(&expl);
	buf_free(&num);
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
	const char *column = "text", *model = NULL;
	bool lng = false, model_only = false;
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
		case OPT_MODEL:
			model = optarg;
			break;
		case OPT_MODEL_ONLY:
			model_only = true;
			break;
		case OPT_EXPLAIN:
			j.explain = true;
			break;
		case OPT_MAX_CODES:
			j.max_codes = qp_parse_ulong(optarg, "--max-codes", 1000, usage);
			if (j.max_codes == 0)
				qp_usage_error(usage, "--max-codes: N must be at least 1");
			break;
		case OPT_REVIEW:
			j.review = qp_parse_ulong(optarg, "--review", 1000000, usage);
			if (j.review == 0)
				qp_usage_error(usage, "--review: N must be at least 1");
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	if (!model && (model_only || j.explain || j.review || j.max_codes))
		qp_usage_error(usage, "--model-only, --max-codes, --explain and --review "
		               "go with --model");
	if (model && lng)
		qp_usage_error(usage, "--long does not go with --model");
	if (!model_only && optind >= argc)
		qp_usage_error(usage, "no CODEBOOK given");

	qp_model *mod = model ? qp_model_load(model) : NULL;
	cb_codebook *book = NULL;
	if (mod)
		qp_model_check_codebook(mod, model_only ? NULL : argv[optind]);
	if (!model_only) {
		book = cb_load(argv[optind++]);
		j.m = cb_matcher_new(book, lng || j.explain ? CB_KEEP_HITS : 0);
	}
	j.cb = book;
	j.model = mod;
	j.rd = qp_rd_open(argc - optind, argv + optind);
	if (qp_rd_ncols(j.rd) > 0) {
		j.col = qp_rd_need(j.rd, column);
		j.doc_col = qp_rd_col(j.rd, "doc");
		j.seg_col = qp_rd_col(j.rd, "seg");
		if (mod)
			run_model(&j);
		else if (lng)
			run_long(&j);
		else
			run_wide(&j);
	}
	qp_out_close(qp_stdout);
	qp_rd_free(j.rd);
	cb_matcher_free(j.m);
	cb_free(book);
	qp_model_free(mod);
	return 0;
}
