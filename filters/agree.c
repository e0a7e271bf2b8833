/*
 * agree: intercoder agreement between code columns (or value columns) of
 * the same units, in one record stream or two joined on their units.
 * See man/agree.1.
 *
 * This file holds the options, the record loops and the writing of the
 * tables.  The store of the units read is lib/codings.h's; the rows of
 * the tables and every statistic in them are lib/agree.h's; the table
 * writer is lib/table.h's.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "codings.h"
#include "opt.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "table.h"

static const char usage[] =
	"usage: agree -c COL[,COL...] [--with FILE] [--unit COL[,COL...]]\n"
	"             [--rollup | --no-rollup] [--values]\n"
	"             [--level nominal|ordinal|interval|ratio[,...]]\n"
	"             [--rho] [--rho-threshold K] [--replicates N] [--seed N]\n"
	"             [--format tsv|md] [--line-buffered] [--replace-invalid] [--quiet]\n"
	"             [FILE ...]\n"
	"       agree --help | --version\n"
	"Intercoder agreement of the code columns COL of the same units: per code,\n"
	"pooled, first code and per document; or Krippendorff's alpha of values.\n"
	"  -c, --codes COL[,COL...]\n"
	"                     the coders' columns, the reference coder first\n"
	"  --with FILE        read the other coders' columns from FILE, joined on\n"
	"                     the units\n"
	"  --unit COL[,COL...]\n"
	"                     the columns that name a unit (default doc,seg when\n"
	"                     the stream has both, else each record is a unit)\n"
	"  --rollup           a code counts for its ancestors too (the default)\n"
	"  --no-rollup        compare each code only where it was given\n"
	"  --values           the columns hold one value each, empty = missing:\n"
	"                     Krippendorff's alpha\n"
	"  --level nominal|ordinal|interval|ratio[,...]\n"
	"                     --values: the metrics (default nominal)\n"
	"  --rho              Shaffer's rho of each code's kappa\n"
	"  --rho-threshold K  --rho: the largest true kappa simulated (default 0.65)\n"
	"  --replicates N     --rho: simulated sets (default 800)\n"
	"  --seed N           --rho: the seed of the simulation (default 1)\n"
	"  --format tsv|md    a record stream (default) or a Markdown table\n"
	QP_COMMON_HELP;

enum {
	OPT_WITH = QP_OPT_FIRST_PRIVATE,
	OPT_UNIT,
	OPT_ROLLUP,
	OPT_NO_ROLLUP,
	OPT_VALUES,
	OPT_LEVEL,
	OPT_RHO,
	OPT_RHO_THRESHOLD,
	OPT_REPLICATES,
	OPT_SEED,
	OPT_FORMAT,
};

static const struct option longopts[] = {
	{ "codes", required_argument, NULL, 'c' },
	{ "with", required_argument, NULL, OPT_WITH },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "rollup", no_argument, NULL, OPT_ROLLUP },
	{ "no-rollup", no_argument, NULL, OPT_NO_ROLLUP },
	{ "values", no_argument, NULL, OPT_VALUES },
	{ "level", required_argument, NULL, OPT_LEVEL },
	{ "rho", no_argument, NULL, OPT_RHO },
	{ "rho-threshold", required_argument, NULL, OPT_RHO_THRESHOLD },
	{ "replicates", required_argument, NULL, OPT_REPLICATES },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "format", required_argument, NULL, OPT_FORMAT },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const char *const level_names[AG_NLEVELS] = { "nominal", "ordinal", "interval", "ratio" };

typedef struct {
	qp_strlist cols, unit, levels;
	char *with;                     /* borrowed from argv */
	bool rollup, rollup_given;
	bool values;
	bool level[AG_NLEVELS];
	bool rho, rho_given;
	ag_rho_params rp;
	uint64_t seed;
	bool md;
} options;

/* --- options ---------------------------------------------------------- */

static bool
valid_level(const char *s, size_t n)
{
	for (int i = 0; i < AG_NLEVELS; i++)
		if (strlen(level_names[i]) == n && memcmp(s, level_names[i], n) == 0)
			return true;
	return false;
}

static void
set_option(options *o, int c)
{
	double k;

	switch (c) {
	case 'c':
		qp_optlist_add(&o->cols, optarg, "-c", qp_valid_colname, "column name", usage);
		break;
	case OPT_WITH: o->with = optarg; break;
	case OPT_UNIT:
		qp_optlist_add(&o->unit, optarg, "--unit", qp_valid_colname, "column name",
		               usage);
		break;
	case OPT_ROLLUP: o->rollup = true; o->rollup_given = true; break;
	case OPT_NO_ROLLUP: o->rollup = false; o->rollup_given = true; break;
	case OPT_VALUES: o->values = true; break;
	case OPT_LEVEL:
		qp_optlist_add(&o->levels, optarg, "--level", valid_level,
		               "level (nominal, ordinal, interval or ratio)", usage);
		break;
	case OPT_RHO: o->rho = true; break;
	case OPT_RHO_THRESHOLD:
		if (!qp_parse_number(optarg, strlen(optarg), &k) || k <= o->rp.kappa_min || k > 1)
			qp_usage_error(usage, "--rho-threshold: a kappa above %.2f and at most 1, "
			               "not '%s'", o->rp.kappa_min, optarg);
		o->rp.threshold = k;
		o->rho_given = true;
		break;
	case OPT_REPLICATES:
		o->rp.replicates = qp_parse_ulong(optarg, "--replicates", 10000000, usage);
		if (o->rp.replicates == 0)
			qp_usage_error(usage, "--replicates: at least 1");
		o->rho_given = true;
		break;
	case OPT_SEED:
		o->seed = qp_parse_ulong(optarg, "--seed", ULONG_MAX, usage);
		o->rho_given = true;
		break;
	case OPT_FORMAT:
		if (strcmp(optarg, "tsv") == 0)
			o->md = false;
		else if (strcmp(optarg, "md") == 0)
			o->md = true;
		else
			qp_usage_error(usage, "--format: 'tsv' or 'md', not '%s'", optarg);
		break;
	default: qp_common_opt(c, usage);
	}
}

static void
check_options(options *o)
{
	if (o->cols.n == 0)
		qp_usage_error(usage, "-c: name the coders' columns");
	if (o->cols.n < 2 && !o->with)
		qp_usage_error(usage, "-c: two columns or more (or one, with --with)");
	if (o->values && (o->rho || o->rho_given))
		qp_usage_error(usage, "--rho goes with code columns, not --values");
	if (o->values && o->rollup_given)
		qp_usage_error(usage, "--rollup and --no-rollup go with code columns, "
		               "not --values");
	if (o->levels.n && !o->values)
		qp_usage_error(usage, "--level goes with --values");
	if (o->rho_given && !o->rho)
		qp_usage_error(usage, "--rho-threshold, --replicates and --seed go with --rho");
	for (size_t i = 0; i < o->levels.n; i++)
		for (int l = 0; l < AG_NLEVELS; l++)
			if (strcmp(o->levels.v[i], level_names[l]) == 0)
				o->level[l] = true;
	if (o->values && o->levels.n == 0)
		o->level[AG_NOMINAL] = true;
}

/* --- the units ---------------------------------------------------------- */

/* The stream's column for each of the n names (what names the option). */
static int *
need_columns(const qp_rd *rd, char *const *names, size_t n, const char *what)
{
	int *cols = xcalloc(n + 1, sizeof *cols);
	for (size_t i = 0; i < n; i++)
		if ((cols[i] = qp_rd_col(rd, names[i])) < 0)
			qp_die_at(qp_rd_file(rd), 1, "%s: the stream has no column '%s'", what,
			          names[i]);
	return cols;
}

/* Coder c is read from the main stream for c < main_coders, else from the
 * --with stream. */
static size_t
main_coders(const options *o, const ag_codings *s)
{
	return o->with ? 1 : s->m;
}

static void
read_main(ag_codings *s, const options *o, char *const *coder, qp_rd *rd)
{
	size_t nm = main_coders(o, s);
	int *cols, *ucol = NULL;
	int doc;

	if (qp_rd_ncols(rd) == 0)
		return;
	cols = need_columns(rd, coder, nm, "-c");
	if (o->unit.n)
		ucol = need_columns(rd, o->unit.v, o->unit.n, "--unit");
	doc = qp_rd_col(rd, "doc");
	while (qp_rd_next(rd)) {
		size_t u = ag_codings_unit(s, rd, ucol, doc);
		for (size_t c = 0; c < nm; c++)
			ag_codings_read(s, rd, cols[c], u, c);
	}
	free(cols);
	free(ucol);
}

static void
read_with(ag_codings *s, const options *o, char *const *coder, qp_rd *rd)
{
	size_t nm = main_coders(o, s);
	int *cols, *ucol;

	if (qp_rd_ncols(rd) == 0)
		qp_die("%s: an empty stream: nothing to join", o->with);
	cols = need_columns(rd, coder + nm, s->m - nm, "-c");
	ucol = need_columns(rd, o->unit.v, o->unit.n, "--unit");
	while (qp_rd_next(rd)) {
		size_t u = ag_codings_join(s, rd, ucol);
		for (size_t c = nm; c < s->m; c++)
			ag_codings_read(s, rd, cols[c - nm], u, c);
	}
	ag_codings_check_joined(s);
	free(cols);
	free(ucol);
}

/* --- output ---------------------------------------------------------------- */

static void
add_num(qp_table *t, ag_num x)
{
	char b[AG_FMT_MAX];
	qp_table_add_cell(t, b, ag_format(x, b));
}

static void
add_count(qp_table *t, uint64_t v)
{
	if (v == AG_NOCOUNT)
		qp_table_add_cell(t, "", 0);
	else
		qp_table_add_u64(t, v);
}

static void
write_table(const qp_table *t, const options *o)
{
	if (o->md)
		qp_table_write_md(t, qp_stdout, true);
	else
		qp_table_write_records(t, qp_stdout);
}

static void
report_codes(const ag_codings *s, const options *o, char *const *coder)
{
	static const char *const base[] = {
		"units", "a_pos", "b_pos", "both", "agreement", "kappa", "pabak", "alpha",
		"precision", "recall", "f1"
	};
	bool coder_col = s->m > 2;
	size_t i = 0;
	qp_table t;

	qp_table_init(&t, 1 + coder_col + 11 + o->rho);
	qp_table_set_column(&t, i++, "code", "code");
	if (coder_col)
		qp_table_set_column(&t, i++, "coder", "coder");
	for (size_t k = 0; k < 11; k++)
		qp_table_set_column(&t, i++, base[k], base[k]);
	if (o->rho)
		qp_table_set_column(&t, i, "rho", "rho");

	ag_code_input in = {
		ag_codings_view(s), s->first, s->code, coder, o->rho ? &o->rp : NULL, o->seed
	};
	ag_rows rows;
	ag_code_rows(&in, &rows);
	for (size_t r = 0; r < rows.n; r++) {
		const ag_row *w = &rows.row[r];
		const char *who = w->coder ? coder[w->coder] : "(all)";
		qp_table_add_cell(&t, w->code, w->len);
		if (coder_col)
			qp_table_add_cell(&t, who, strlen(who));
		add_count(&t, w->units);
		add_count(&t, w->apos);
		add_count(&t, w->bpos);
		add_count(&t, w->both);
		for (int f = 0; f < AG_NFIG; f++)
			add_num(&t, w->fig[f]);
		if (o->rho)
			add_num(&t, w->rho);
	}
	write_table(&t, o);
	ag_rows_free(&rows);
	qp_table_free(&t);
}

static void
report_values(const ag_codings *s, const options *o)
{
	static const char *const cols[] = {
		"level", "units", "values", "agreement", "kappa", "alpha"
	};
	ag_value_row rows[AG_NLEVELS];
	size_t n = ag_value_rows(s->val, s->nvals, s->first, s->nunits, s->m, o->level, rows);
	qp_table t;

	qp_table_init(&t, 6);
	for (size_t i = 0; i < 6; i++)
		qp_table_set_column(&t, i, cols[i], cols[i]);
	for (size_t r = 0; r < n; r++) {
		const char *name = level_names[rows[r].level];
		qp_table_add_cell(&t, name, strlen(name));
		qp_table_add_u64(&t, rows[r].units);
		qp_table_add_u64(&t, rows[r].values);
		add_num(&t, rows[r].agreement);
		add_num(&t, rows[r].kappa);
		add_num(&t, rows[r].alpha);
	}
	write_table(&t, o);
	qp_table_free(&t);
}

/* --- main ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	options o = {
		.cols = QP_STRLIST_INIT, .unit = QP_STRLIST_INIT, .levels = QP_STRLIST_INIT,
		.rollup = true, .seed = 1,
		.rp = { .threshold = 0.65, .kappa_min = 0.40, .precision_min = 0.6,
		        .precision_max = 1, .set_length = 10000, .replicates = 800 },
	};
	int c;

	qp_init("agree");
	while ((c = getopt_long(argc, argv, "c:", longopts, NULL)) != -1)
		set_option(&o, c);
	check_options(&o);

	size_t m = o.with && o.cols.n == 1 ? 2 : o.cols.n;
	char **coder = xcalloc(m + 1, sizeof *coder);   /* borrowed from o.cols */
	for (size_t i = 0; i < m; i++)
		coder[i] = o.cols.v[i < o.cols.n ? i : 0];

	qp_rd *rd = qp_rd_open(argc - optind, argv + optind);
	qp_rd *wd = NULL;
	/* The unit: --unit, else doc and seg when the stream has both. */
	if (o.unit.n == 0 && qp_rd_col(rd, "doc") >= 0 && qp_rd_col(rd, "seg") >= 0) {
		qp_optlist_add(&o.unit, "doc", "--unit", NULL, NULL, usage);
		qp_optlist_add(&o.unit, "seg", "--unit", NULL, NULL, usage);
	}
	if (o.with && o.unit.n == 0)
		qp_die_at(qp_rd_file(rd), 1, "--with: the stream has no doc and seg columns "
		          "to join on; name the unit's columns with --unit");
	ag_codings s;
	ag_codings_init(&s, &(ag_codings_opts){
		.m = m, .values = o.values, .rollup = o.rollup,
		.interval = o.level[AG_INTERVAL], .ratio = o.level[AG_RATIO],
		.unit = o.unit.v, .nunit = o.unit.n, .with = o.with });
	read_main(&s, &o, coder, rd);
	if (o.with) {
		wd = qp_rd_open(1, &o.with);
		read_with(&s, &o, coder, wd);
	}
	if (o.values)
		report_values(&s, &o);
	else
		report_codes(&s, &o, coder);
	qp_out_close(qp_stdout);

	ag_codings_free(&s);
	free(coder);
	qp_rd_free(rd);
	qp_rd_free(wd);
	qp_strlist_free(&o.cols);
	qp_strlist_free(&o.unit);
	qp_strlist_free(&o.levels);
	return 0;
}
