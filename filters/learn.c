/*
 * learn: train a model of the codes a human gave (qualpipe-model(5)),
 * or cross-validate one.  See man/learn.1.
 *
 * This file holds the options and the record loop.  The features are
 * lib/textfeat.h's, training and the model file lib/model.h's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codebook.h"
#include "codepath.h"
#include "combine.h"
#include "list.h"
#include "model.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "textfeat.h"

/* a weight beyond which a record would be the whole training set */
#define QP_MAX_WEIGHT 100

static const char usage[] =
	"usage: learn --codes COL [--column NAME] [--weight COL] [--solver NAME]\n"
	"             [--cost C] [--codebook CODEBOOK [--rule-features]]\n"
	"             [--cv K [--max-codes N]]\n"
	"             [--line-buffered] [--replace-invalid] [--quiet] [FILE ...]\n"
	"       learn --help | --version\n"
	"Train one classifier per code on the human codes of column COL and\n"
	"write the model (qualpipe-model(5)); or, with --cv, cross-validate it.\n"
	"  --codes COL        the column of human codes (';'-separated code paths)\n"
	"  --column NAME      learn from column NAME instead of text\n"
	"  --weight COL       a record counts as many times as column COL says\n"
	"                     (a whole number from 0 to 100; empty: 1)\n"
	"  --solver NAME      l2r_lr (the default), l1r_lr, svm or nb\n"
	"  --cost C           the solver's cost C (default 10; nb: its smoothing,\n"
	"                     default 0.1)\n"
	"  --cv K             K-fold cross-validation: every record with the codes\n"
	"                     hits and scores of a model that did not see it, and\n"
	"                     fold\n"
	"  --codebook CODEBOOK\n"
	"                     with --cv: code with the codebook's rules and the\n"
	"                     model together, as match-theme --model does\n"
	"  --rule-features    with --codebook: learn from the codebook's rule hits\n"
	"                     too; the model is then used with this codebook\n"
	"  --max-codes N      with --cv: at most the N best-scored codes, as\n"
	"                     match-theme --max-codes\n"
	QP_COMMON_HELP;

enum {
	OPT_CODES = QP_OPT_FIRST_PRIVATE,
	OPT_COLUMN,
	OPT_WEIGHT,
	OPT_SOLVER,
	OPT_COST,
	OPT_CV,
	OPT_CODEBOOK,
	OPT_MAX_CODES,
	OPT_RULE_FEATURES,
};

static const struct option longopts[] = {
	{ "codes", required_argument, NULL, OPT_CODES },
	{ "column", required_argument, NULL, OPT_COLUMN },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ "solver", required_argument, NULL, OPT_SOLVER },
	{ "cost", required_argument, NULL, OPT_COST },
	{ "cv", required_argument, NULL, OPT_CV },
	{ "codebook", required_argument, NULL, OPT_CODEBOOK },
	{ "max-codes", required_argument, NULL, OPT_MAX_CODES },
	{ "rule-features", no_argument, NULL, OPT_RULE_FEATURES },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static double
parse_cost(const char *s)
{
	double v;
	if (!qp_parse_number(s, strlen(s), &v) || !(v > 0) || v > 1e6)
		qp_usage_error(usage, "--cost: not a number above 0 and up to 1e6: '%s'", s);
	return v;
}

/* The --weight column's value of the record: a whole number from 0 to
 * QP_MAX_WEIGHT, empty for 1. */
static unsigned
record_weight(qp_rd *rd, int col, qp_buf *tmp)
{
	buf_reset(tmp);
	qp_rd_get(rd, col, tmp);
	double v;
	if (tmp->len == 0)
		return 1;
	if (!qp_parse_number(tmp->s, tmp->len, &v) || v < 0 || v > QP_MAX_WEIGHT || v != floor(v))
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "column %s: not a whole number from 0 to %d: '%.*s'", qp_rd_name(rd, col),
		          QP_MAX_WEIGHT, (int)(tmp->len > 40 ? 40 : tmp->len), tmp->s);
	return (unsigned)v;
}

/* The records kept for --cv: their fields as they came, escaped. */
typedef struct {
	qp_buf fields;          /* every field, each followed by a NUL */
	size_t *off;            /* record r's first field in fields */
	qp_buf texts;           /* --codebook: every text, unescaped, NUL after */
	size_t *text;           /* record r's text in texts; text[n] the end */
	size_t n, cap;
} kept;

static void
keep(kept *k, const qp_rd *rd, const qp_buf *text)
{
	if (k->n + 2 >= k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->off = xreallocarray(k->off, k->cap, sizeof *k->off);
		k->text = xreallocarray(k->text, k->cap, sizeof *k->text);
	}
	k->text[k->n] = k->texts.len;
	buf_add(&k->texts, text->s, text->len);
	buf_addc(&k->texts, '\0');
	k->text[k->n + 1] = k->texts.len;
	k->off[k->n++] = k->fields.len;
	for (int c = 0; c < qp_rd_ncols(rd); c++) {
		qp_span f = qp_rd_raw(rd, c);
		buf_add(&k->fields, f.p, f.n);
		buf_addc(&k->fields, '\0');
	}
}

/* The codes of the record: their indices into cs (deduplicated). */
static size_t
record_codes(qp_rd *rd, int col, qp_trainset *ts, size_t **cs, size_t *cap, qp_buf *tmp)
{
	buf_reset(tmp);
	qp_rd_get(rd, col, tmp);
	qp_list l;
	const char *v;
	size_t vn, n = 0;
	qp_list_init(&l, tmp->s, tmp->len);
	while (qp_list_next(&l, &v, &vn)) {
		if (!code_valid(v, vn) || memchr(v, '\t', vn) || memchr(v, '\n', vn) ||
		    memchr(v, '\r', vn) || memchr(v, '\\', vn))
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd), "column %s: not a code path: '%.*s'",
			          qp_rd_name(rd, col), (int)vn, v);
		size_t c = qp_ts_code(ts, v, vn);
		if (qp_ts_ncodes(ts) > QP_MODEL_MAX_CODES)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd), "column %s: more than %d codes",
			          qp_rd_name(rd, col), QP_MODEL_MAX_CODES);
		bool dup = false;
		for (size_t i = 0; i < n; i++)
			dup |= (*cs)[i] == c;
		if (dup)
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*cs = xreallocarray(*cs, *cap, sizeof **cs);
		}
		(*cs)[n++] = c;
	}
	return n;
}

/* --cv: the records, each with the codes of the fold's model. */
static void
cross_validate(const qp_trainset *ts, const qp_train_opts *o, unsigned long k,
               const cb_codebook *book, size_t max_codes, const qp_rd *rd,
               const kept *recs)
{
	size_t n = qp_ts_nsegs(ts);
	bool *use = xcalloc(n ? n : 1, sizeof *use);
	int nin = qp_rd_ncols(rd);
	const char *extra[4] = { "fold", "codes", "hits", "scores" };
	int where[4];
	const char **names = xcalloc((size_t)nin + 4, sizeof *names);
	int nout = nin;
	for (int c = 0; c < nin; c++)
		names[c] = qp_rd_name(rd, c);
	for (int e = 0; e < 4; e++) {
		where[e] = qp_rd_col(rd, extra[e]);
		if (where[e] < 0) {
			where[e] = nout;
			names[nout++] = extra[e];
		}
	}
	/* the predictions of every record, fold by fold */
	char **pcodes = xcalloc(n ? n : 1, sizeof *pcodes);
	char **phits = xcalloc(n ? n : 1, sizeof *phits);
	char **pscores = xcalloc(n ? n : 1, sizeof *pscores);
	cb_matcher *match = book ? cb_matcher_new(book, 0) : NULL;
	const qp_buf *texts = &recs->texts;
	size_t nc = qp_ts_ncodes(ts);
	double *score = xcalloc(nc + 1, sizeof *score);
	qp_buf cb = QP_BUF_INIT, hb = QP_BUF_INIT, sb = QP_BUF_INIT;
	for (unsigned long f = 0; f < k; f++) {
		for (size_t s = 0; s < n; s++)
			use[s] = s % k != f;
		qp_model *m = qp_model_train(ts, o, use);
		qp_combiner *cm = qp_comb_new(m, book);
		for (size_t s = f; s < n; s += k) {
			qp_model_score_seg(m, ts, s, score);
			size_t nr = 0;
			const cb_result *r = NULL;
			if (book) {
				cb_match(match, texts->s + recs->text[s], recs->text[s + 1] - recs->text[s] - 1);
				r = cb_results(match, &nr);
			}
			const qp_given *g;
			double doubt;
			size_t ng = qp_comb_codes(cm, r, nr, score, &g, &doubt);
			if (max_codes && ng > max_codes)
				ng = max_codes;
			buf_reset(&cb);
			buf_reset(&hb);
			buf_reset(&sb);
			for (size_t i = 0; i < ng; i++) {
				if (i) {
					buf_addc(&cb, ';');
					buf_addc(&hb, ';');
					buf_addc(&sb, ';');
				}
				qp_escape(qp_comb_path(cm, &g[i]), strlen(qp_comb_path(cm, &g[i])), &cb);
				buf_printf(&hb, "%u", g[i].hits);
				buf_printf(&sb, "%.3f", g[i].score);
			}
			pcodes[s] = xstrdup(cb.s);
			phits[s] = xstrdup(hb.s);
			pscores[s] = xstrdup(sb.s);
		}
		qp_comb_free(cm);
		qp_model_free(m);
	}
	qp_write_header(qp_stdout, names, nout);
	char num[32];
	for (size_t s = 0; s < n; s++) {
		const char *p = recs->fields.s + recs->off[s];
		for (int c = 0; c < nout; c++) {
			if (c)
				qp_putc(qp_stdout, '\t');
			if (c == where[0]) {
				snprintf(num, sizeof num, "%zu", (size_t)(s % k) + 1);
				qp_puts(qp_stdout, num);
			} else if (c == where[1]) {
				qp_puts(qp_stdout, pcodes[s]);
			} else if (c == where[2]) {
				qp_puts(qp_stdout, phits[s]);
			} else if (c == where[3]) {
				qp_puts(qp_stdout, pscores[s]);
			} else {
				qp_puts(qp_stdout, p);
			}
			if (c < nin)
				p += strlen(p) + 1;
		}
		qp_out_endrec(qp_stdout);
		free(pcodes[s]);
		free(phits[s]);
		free(pscores[s]);
	}
	buf_free(&cb);
	buf_free(&hb);
	buf_free(&sb);
	free(pcodes);
	free(phits);
	free(pscores);
	free(score);
	cb_matcher_free(match);
	free(names);
	free(use);
}

int
main(int argc, char **argv)
{
	const char *codes = NULL, *column = "text", *codebook = NULL, *weight = NULL;
	qp_train_opts o = { .solver = QP_LR, .cost = 0 };
	unsigned long cv = 0, max_codes = 0;
	bool stack = false;
	int c;

	qp_init("learn");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CODES:
			codes = optarg;
			break;
		case OPT_COLUMN:
			column = optarg;
			break;
		case OPT_WEIGHT:
			weight = optarg;
			break;
		case OPT_SOLVER: {
			int s = qp_solver_parse(optarg);
			if (s < 0)
				qp_usage_error(usage, "--solver: unknown solver '%s'", optarg);
			o.solver = (enum qp_solver)s;
			break;
		}
		case OPT_COST:
			o.cost = parse_cost(optarg);
			break;
		case OPT_CODEBOOK:
			codebook = optarg;
			break;
		case OPT_RULE_FEATURES:
			stack = true;
			break;
		case OPT_MAX_CODES:
			max_codes = qp_parse_ulong(optarg, "--max-codes", 1000, usage);
			if (max_codes == 0)
				qp_usage_error(usage, "--max-codes: N must be at least 1");
			break;
		case OPT_CV:
			cv = qp_parse_ulong(optarg, "--cv", 1000, usage);
			if (cv < 2)
				qp_usage_error(usage, "--cv: K must be at least 2");
			break;
		default:
			qp_common_opt(c, usage);
		}
	}
	if (!codes)
		qp_usage_error(usage, "no --codes COL given");
	if (max_codes && !cv)
		qp_usage_error(usage, "--max-codes goes with --cv");
	if (stack && !codebook)
		qp_usage_error(usage, "--rule-features goes with --codebook");
	if (codebook && !cv && !stack)
		qp_usage_error(usage, "--codebook goes with --cv or --rule-features");
	if (o.cost == 0)
		o.cost = o.solver == QP_NB ? 0.1 : 10;

	qp_rd *rd = qp_rd_open(argc - optind, argv + optind);
	qp_trainset *ts = qp_ts_new();
	qp_featx *fx = qp_feat_new(true);
	kept recs = { .fields = QP_BUF_INIT, .texts = QP_BUF_INIT };
	cb_codebook *book = codebook ? cb_load(codebook) : NULL;
	cb_matcher *match = book ? cb_matcher_new(book, 0) : NULL;
	size_t ncb = book ? cb_ncodes(book) : 0;
	double *rv = xcalloc(ncb + 1, sizeof *rv);
	if (stack) {
		const char **paths = xcalloc(ncb + 1, sizeof *paths);
		for (size_t i = 0; i < ncb; i++)
			paths[i] = cb_code_path(book, i);
		qp_ts_rules(ts, paths, ncb, qp_codebook_hash(codebook));
		free(paths);
	}
	if (qp_rd_ncols(rd) > 0) {
		int tcol = qp_rd_need(rd, column), ccol = qp_rd_need(rd, codes);
		int wcol = weight ? qp_rd_need(rd, weight) : -1;
		if (cv && !strcmp(codes, "codes"))
			qp_usage_error(usage, "--cv writes its codes to the column codes: "
			               "name the human codes otherwise");
		qp_buf text = QP_BUF_INIT, tmp = QP_BUF_INIT;
		size_t *cs = NULL, cap = 0;
		const char **names = NULL;
		size_t ncap = 0;
		while (qp_rd_next(rd)) {
			buf_reset(&text);
			qp_rd_get(rd, tcol, &text);
			size_t k = record_codes(rd, ccol, ts, &cs, &cap, &tmp);
			const qp_feat *f;
			size_t nf = qp_feat_text(fx, text.s, text.len, true, &f);
			if (nf > ncap) {
				ncap = nf * 2;
				names = xreallocarray(names, ncap, sizeof *names);
			}
			for (size_t i = 0; i < nf; i++)
				names[i] = qp_feat_name(fx, i);
			if (stack) {
				size_t nr;
				cb_match(match, text.s, text.len);
				const cb_result *r = cb_results(match, &nr);
				qp_rule_values(r, nr, rv, ncb);
			}
			qp_ts_add(ts, f, nf, names, stack ? rv : NULL, cs, k);
			if (wcol >= 0)
				qp_ts_weight(ts, qp_ts_nsegs(ts) - 1, record_weight(rd, wcol, &tmp));
			if (cv)
				keep(&recs, rd, &text);
		}
		free(names);
		free(cs);
		buf_free(&text);
		buf_free(&tmp);
	}
	if (cv) {
		if (qp_ts_nsegs(ts) > 0)
			cross_validate(ts, &o, cv, book, max_codes, rd, &recs);
	} else {
		qp_model *m = qp_model_train(ts, &o, NULL);
		qp_model_write(m, qp_stdout);
		qp_model_free(m);
	}
	qp_out_close(qp_stdout);
	buf_free(&recs.fields);
	buf_free(&recs.texts);
	free(recs.off);
	free(recs.text);
	free(rv);
	cb_matcher_free(match);
	cb_free(book);
	qp_feat_free(fx);
	qp_ts_free(ts);
	qp_rd_free(rd);
	return 0;
}
