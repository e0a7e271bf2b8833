/*
 * tally: count coded segments per code and group, with the distinct
 * speakers and docs behind them; co-occurrences of codes; thematic
 * saturation; and exact merging of partial counts from shards.
 * See man/tally.1.
 *
 * This file holds the options and the loop over coded records.  The
 * counts live in a ct_state (lib/counts.h: the state and the long and
 * matrix reports), co-occurrence in lib/cooccur.h, saturation in
 * lib/saturation.h, the partial form in lib/counts_partial.h, and the
 * tables in lib/table.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coded.h"
#include "cooccur.h"
#include "counts.h"
#include "counts_partial.h"
#include "list.h"
#include "opt.h"
#include "output.h"
#include "partial.h"
#include "qp.h"
#include "record.h"
#include "saturation.h"

static const char usage[] =
	"usage: tally [--by COL[,COL...]] [--rollup | --no-rollup] [--depth N]\n"
	"             [--format long|matrix|md] [--measure segments|speakers|docs|share]\n"
	"             [--cooccur | --saturation [--base N] [--run N] [--threshold P]]\n"
	"             [--partial] [--merge] [--line-buffered] [--replace-invalid]\n"
	"             [--quiet] [FILE ...]\n"
	"       tally --help | --version\n"
	"Count coded segments per code and group, with their distinct speakers\n"
	"and docs; or co-occurrences of codes; or thematic saturation.\n"
	"  --by COL[,COL...]  count per group of the values of these columns\n"
	"  --rollup           count a code for its ancestors too (the default)\n"
	"  --no-rollup        count a code only where it was given\n"
	"  --depth N          cut code paths to their first N levels\n"
	"  --format long|matrix|md\n"
	"                     a record per code and group (long, the default), a\n"
	"                     code x group matrix, or the matrix in Markdown\n"
	"  --measure segments|speakers|docs|share\n"
	"                     what the cells of a matrix hold (default segments)\n"
	"  --cooccur          count the segments of every pair of codes\n"
	"  --saturation       the codes new in each doc, and thematic saturation\n"
	"  --base N           saturation: the first N docs are the base (default 4)\n"
	"  --run N            saturation: docs per run (default 2)\n"
	"  --threshold P      saturation: new codes a run may bring, in per cent of\n"
	"                     the base's (default 5)\n"
	"  --partial          write partial counts, for a later --merge\n"
	"  --merge            read partial counts instead of coded records\n"
	QP_COMMON_HELP;

enum {
	OPT_BY = QP_OPT_FIRST_PRIVATE,
	OPT_ROLLUP,
	OPT_NO_ROLLUP,
	OPT_DEPTH,
	OPT_FORMAT,
	OPT_MEASURE,
	OPT_COOCCUR,
	OPT_SATURATION,
	OPT_BASE,
	OPT_RUN,
	OPT_THRESHOLD,
	OPT_PARTIAL,
	OPT_MERGE,
};

static const struct option longopts[] = {
	{ "by", required_argument, NULL, OPT_BY },
	{ "rollup", no_argument, NULL, OPT_ROLLUP },
	{ "no-rollup", no_argument, NULL, OPT_NO_ROLLUP },
	{ "depth", required_argument, NULL, OPT_DEPTH },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "measure", required_argument, NULL, OPT_MEASURE },
	{ "cooccur", no_argument, NULL, OPT_COOCCUR },
	{ "saturation", no_argument, NULL, OPT_SATURATION },
	{ "base", required_argument, NULL, OPT_BASE },
	{ "run", required_argument, NULL, OPT_RUN },
	{ "threshold", required_argument, NULL, OPT_THRESHOLD },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

enum format { F_LONG, F_MATRIX, F_MD };
enum mode { MODE_TALLY, MODE_COOCCUR, MODE_SATURATION };

typedef struct {
	qp_strlist by;
	bool rollup;
	unsigned long depth;            /* 0: no cut */
	enum format format;
	enum ct_measure measure;
	bool measure_given, sat_given;
	enum mode mode;
	sat_params sat;
	bool partial, merge;
} options;

/* --- options ---------------------------------------------------------- */

/* P per cent, with up to four decimals and an optional '%'; in 1/10000
 * of a per cent. */
static uint64_t
parse_threshold(const char *s)
{
	uint64_t v = 0;
	int frac = -1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p && *p != '%'; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || frac == 4 || v > 1000000000)
			goto bad;
		v = v * 10 + (uint64_t)(*p - '0');
		if (frac >= 0)
			frac++;
	}
	if (*p == '%' && p[1] != '\0')
		goto bad;
	for (int i = frac < 0 ? 0 : frac; i < 4; i++)
		v *= 10;
	if (v > 1000000)
		qp_usage_error(usage, "--threshold: %s is more than 100 per cent", s);
	return v;
bad:
	qp_usage_error(usage, "--threshold: not a percentage: '%s'", s);
}

static unsigned long
positive(const char *arg, const char *opt)
{
	unsigned long v = qp_parse_ulong(arg, opt, 1000000, usage);
	if (v == 0)
		qp_usage_error(usage, "%s: at least 1", opt);
	return v;
}

/* The value of --format or --measure: its index in names[]. */
static int
choose(const char *arg, const char *const *names, const char *opt, const char *list)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	qp_usage_error(usage, "%s: %s, not '%s'", opt, list, arg);
}

static void
set_option(options *o, int c)
{
	static const char *const formats[] = { "long", "matrix", "md", NULL };
	static const char *const measures[] = {
		"segments", "speakers", "docs", "share", NULL
	};

	switch (c) {
	case OPT_BY:
		qp_optlist_add(&o->by, optarg, "--by", qp_valid_colname,
		               "column name", usage);
		break;
	case OPT_ROLLUP: o->rollup = true; break;
	case OPT_NO_ROLLUP: o->rollup = false; break;
	case OPT_DEPTH: o->depth = positive(optarg, "--depth"); break;
	case OPT_FORMAT:
		o->format = choose(optarg, formats, "--format", "long, matrix or md");
		break;
	case OPT_MEASURE:
		o->measure_given = true;
		o->measure = choose(optarg, measures, "--measure",
		                    "segments, speakers, docs or share");
		break;
	case OPT_COOCCUR:
	case OPT_SATURATION:
		if (o->mode != MODE_TALLY)
			qp_usage_error(usage, "--cooccur and --saturation exclude each other");
		o->mode = c == OPT_COOCCUR ? MODE_COOCCUR : MODE_SATURATION;
		break;
	case OPT_BASE: o->sat.base = positive(optarg, "--base"); o->sat_given = true; break;
	case OPT_RUN: o->sat.run = positive(optarg, "--run"); o->sat_given = true; break;
	case OPT_THRESHOLD:
		o->sat.threshold = parse_threshold(optarg);
		o->sat_given = true;
		break;
	case OPT_PARTIAL: o->partial = true; break;
	case OPT_MERGE: o->merge = true; break;
	default: qp_common_opt(c, usage);
	}
}

/* Names the output uses itself; a --by column may not take them. */
static void
check_by_names(const options *o)
{
	static const char *const tally_cols[] = {
		"code", "segments", "speakers", "docs", "group_segments",
		"group_speakers", "group_docs", "segment_share", "speaker_share",
		"doc_share", NULL
	};
	static const char *const pair_cols[] = { "code_a", "code_b", "segments", NULL };
	static const char *const sat_cols[] = {
		"kind", "from", "to", "docs", "new_codes", "total_codes", "ratio",
		"saturated", "point", "new", NULL
	};
	const char *const *cols = o->mode == MODE_COOCCUR ? pair_cols :
	                          o->mode == MODE_SATURATION ? sat_cols : tally_cols;
	if (o->partial || o->format != F_LONG)
		return;
	for (size_t i = 0; i < o->by.n; i++)
		for (int k = 0; cols[k]; k++)
			if (strcmp(o->by.v[i], cols[k]) == 0)
				qp_usage_error(usage, "--by: '%s' is a column of tally's own output",
				               o->by.v[i]);
}

static void
check_options(const options *o)
{
	if (o->sat_given && o->mode != MODE_SATURATION)
		qp_usage_error(usage, "--base, --run and --threshold go with --saturation");
	if (o->measure_given && o->format == F_LONG)
		qp_usage_error(usage, "--measure goes with --format matrix or md");
	if (o->mode == MODE_SATURATION && o->format != F_LONG)
		qp_usage_error(usage, "--saturation writes the long format only");
	if (o->mode == MODE_COOCCUR && o->format != F_LONG && o->by.n)
		qp_usage_error(usage, "--cooccur --format %s takes no --by",
		               o->format == F_MD ? "md" : "matrix");
	if (o->mode == MODE_COOCCUR && o->measure != CT_SEGMENTS)
		qp_usage_error(usage, "--cooccur counts segments only");
	check_by_names(o);
}

/* --- the coded records ------------------------------------------------ */

/* The columns of a coded stream that tally reads. */
typedef struct {
	int codes, hits, doc, speaker, participant;
	int *by;
} columns;

static void
find_columns(const ct_state *t, enum mode mode, columns *c)
{
	qp_rd *rd = t->rd;
	const char *file = qp_rd_file(rd);
	static const char *const partial_marks[] = { "agg", NULL };

	qp_partial_refuse_unmerged(rd, partial_marks,
	                           "this is tally --partial output: read it with --merge");
	c->codes = qp_rd_need(rd, "codes");
	c->hits = qp_rd_col(rd, "hits");
	c->doc = qp_rd_col(rd, "doc");
	c->speaker = qp_rd_col(rd, "speaker");
	c->participant = qp_rd_col(rd, "participant");
	c->by = xcalloc((size_t)t->nby + 1, sizeof *c->by);
	for (int i = 0; i < t->nby; i++)
		if ((c->by[i] = qp_rd_col(rd, t->by->v[i])) < 0)
			qp_die_at(file, 1, "--by: the stream has no column '%s'", t->by->v[i]);
	if (mode == MODE_SATURATION && c->doc < 0)
		qp_die_at(file, 1, "--saturation: the stream has no column 'doc'");
}

/* The current record's doc and speaker, into *d and *s. */
static void
doc_and_speaker(ct_state *t, const columns *c, bool saturation, uint32_t *d,
                uint32_t *s)
{
	qp_rd *rd = t->rd;
	*d = CT_NONE;
	if (c->doc >= 0) {
		qp_span v = qp_rd_raw(rd, c->doc);
		*d = ct_doc_of(t, v.p, v.n, true);
	}
	if (*d == CT_NONE) {
		if (saturation)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "--saturation: a record without a doc");
		t->nodoc++;
	}
	qp_span pv = { "", 0 }, sv = { "", 0 };
	if (c->participant >= 0)
		pv = qp_rd_raw(rd, c->participant);
	if (c->speaker >= 0)
		sv = qp_rd_raw(rd, c->speaker);
	*s = ct_speaker_of(t, pv.p, pv.n, sv.p, sv.n, *d);
}

static void
count_stream(ct_state *t, enum mode mode)
{
	columns c;
	/* Co-occurrence counts segments only: no docs, no speakers. */
	bool people = mode != MODE_COOCCUR;

	if (qp_rd_ncols(t->rd) == 0)
		return;
	find_columns(t, mode, &c);
	while (qp_rd_next(t->rd)) {
		ct_codeset cs;
		ct_resolve(t, qp_rd_raw(t->rd, c.codes), &cs);
		if (c.hits >= 0) {
			qp_span h = qp_rd_raw(t->rd, c.hits);
			qp_coded_check_pairing(t->rd, cs.nvals, qp_list_count(h.p, h.n));
		}
		uint32_t g = t->nby ? ct_group_of(t, c.by) : 0;
		uint32_t d = CT_NONE, s = CT_NONE;
		if (people)
			doc_and_speaker(t, &c, mode == MODE_SATURATION, &d, &s);
		ct_count_record(t, g, d, s, &cs);
	}
	free(c.by);
}

static void
report(ct_state *t, const options *o)
{
	if (o->partial) {
		ct_write_partial(t);
		return;
	}
	ct_sort(t);
	if (o->mode == MODE_SATURATION)
		saturation_write(t, &o->sat);
	else if (o->mode == MODE_COOCCUR && o->format == F_LONG)
		cooccur_write_long(t);
	else if (o->mode == MODE_COOCCUR)
		cooccur_write_matrix(t, o->format == F_MD);
	else if (o->format == F_LONG)
		ct_write_long(t);
	else
		ct_write_matrix(t, o->measure, o->format == F_MD);
}

int
main(int argc, char **argv)
{
	options o = {
		.by = QP_STRLIST_INIT, .rollup = true, .format = F_LONG,
		.measure = CT_SEGMENTS, .mode = MODE_TALLY,
		.sat = { .base = 4, .run = 2, .threshold = 50000 },
	};
	int c;

	qp_init("tally");
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		set_option(&o, c);
	check_options(&o);

	qp_rd *rd = qp_rd_open(argc - optind, argv + optind);
	ct_state *t = ct_new(&o.by, o.rollup, o.depth, o.mode == MODE_COOCCUR, rd);
	if (o.merge)
		ct_merge_stream(t);
	else
		count_stream(t, o.mode);
	report(t, &o);
	qp_out_close(qp_stdout);
	ct_free(t);
	qp_rd_free(rd);
	qp_strlist_free(&o.by);
	return 0;
}
