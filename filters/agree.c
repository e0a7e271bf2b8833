/*
 * agree: intercoder agreement between code columns (or value columns) of
 * the same units, in one record stream or two joined on their units.
 * See man/agree.1.
 *
 * This file holds the options, reading the units into memory (one slot
 * per unit and coder) and the output table.  The tallies and every
 * statistic are lib/agree.h's; the table is lib/table.h's.
 */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "coded.h"
#include "codepath.h"
#include "list.h"
#include "map.h"
#include "opt.h"
#include "output.h"
#include "qp.h"
#include "record.h"
#include "rng.h"
#include "table.h"

static const char usage[] =
	"usage: agree -c COL[,COL...] [--with FILE] [--unit COL[,COL...]]\n"
	"             [--rollup | --no-rollup] [--values]\n"
	"             [--level nominal|ordinal|interval|ratio[,...]]\n"
	"             [--rho] [--rho-threshold K] [--replicates N] [--seed N]\n"
	"             [--format tsv|md] [--line-buffered] [--replace-invalid]\n"
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

static const char *const level_names[] = { "nominal", "ordinal", "interval", "ratio" };
enum { NLEVELS = 4 };

typedef struct {
	qp_strlist cols, unit, levels;
	char *with;                     /* borrowed from argv */
	bool rollup, rollup_given;
	bool values;
	bool level[NLEVELS];
	bool rho, rho_given;
	ag_rho_params rp;
	uint64_t seed;
	bool md;
} options;

#define NONE UINT32_MAX

/* --- options ---------------------------------------------------------- */

/*
 * A decimal number as a person writes one: an optional sign, digits with
 * an optional fraction, an optional exponent.  No blanks, no hex, no
 * "inf" or "nan", which strtod would take.  False if p[0..n) is not one
 * or is out of range.
 */
static bool
parse_number(const char *p, size_t n, double *out)
{
	size_t i = 0, digits = 0;
	char b[64];

	if (n == 0 || n >= sizeof b)
		return false;
	if (p[i] == '+' || p[i] == '-')
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
		digits++;
	if (i < n && p[i] == '.')
		for (i++; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return false;
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		size_t e = 0;
		if (++i < n && (p[i] == '+' || p[i] == '-'))
			i++;
		for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			e++;
		if (e == 0)
			return false;
	}
	if (i != n)
		return false;
	memcpy(b, p, n);
	b[n] = '\0';
	*out = strtod(b, NULL);
	return isfinite(*out);
}

static bool
valid_level(const char *s, size_t n)
{
	for (int i = 0; i < NLEVELS; i++)
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
		if (!parse_number(optarg, strlen(optarg), &k) || k <= o->rp.kappa_min || k > 1)
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
		for (int l = 0; l < NLEVELS; l++)
			if (strcmp(o->levels.v[i], level_names[l]) == 0)
				o->level[l] = true;
	if (o->values && o->levels.n == 0)
		o->level[AG_NOMINAL] = true;
}

/* --- the units ---------------------------------------------------------- */

typedef struct {
	const char *path;       /* the map's key */
	size_t len;
	uint32_t parent;        /* with rollup; else NONE */
	uint64_t stamp;         /* last slot that took it */
} code;

typedef struct {
	const char *s;          /* unescaped, the map's key */
	size_t len;
	double num;
	bool is_num;
} value;

/* Where a unit was read, for messages. */
typedef struct {
	const char *file;
	unsigned long line;
} place;

typedef struct {
	const options *o;
	size_t m;               /* coders */
	char **coder;           /* their column names, borrowed from o */

	size_t nunits, capunits;
	qp_map *unitmap;        /* unit key -> index + 1; NULL: one unit a record */
	const char **ukey;      /* the unit's key, the map's, for messages */
	uint32_t *udoc;
	place *where, *with_where;      /* main stream; --with stream (file NULL: not yet) */

	/* Per unit and coder (index u * m + c): codes as a run of the pool,
	 * the first code given (NONE: none); with --values, the value (NONE:
	 * missing) in first. */
	uint32_t *off, *cnt, *first;
	uint32_t *pool;
	size_t npool, cappool;
	uint64_t stamp;

	qp_map *codemap;
	code *codes;
	size_t ncodes, capcodes;
	qp_map *docmap;
	size_t ndocs;
	qp_map *valmap;
	value *vals;
	size_t nvals, capvals;

	qp_buf key, scratch;
} state;

#define GROW(a, n, cap) do { \
		if ((n) == (cap)) { \
			(cap) = (cap) ? 2 * (cap) : 64; \
			(a) = xreallocarray((a), (cap), sizeof *(a)); \
		} \
	} while (0)

static uint32_t
code_id(state *s, const char *p, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(s->codemap, p, n, &created);
	if (!created)
		return (uint32_t)(uintptr_t)e->val - 1;
	uint32_t id = (uint32_t)s->ncodes;
	const char *key = e->key;
	e->val = (void *)(uintptr_t)(id + 1);
	GROW(s->codes, s->ncodes, s->capcodes);
	s->codes[s->ncodes++] = (code){ key, n, NONE, 0 };
	if (s->o->rollup) {
		size_t pl = code_parent(key, n);
		if (pl) {
			uint32_t par = code_id(s, key, pl);
			s->codes[id].parent = par;
		}
	}
	return id;
}

/* Intern a value of column col, checking it is a number where the levels
 * asked for need one. */
static uint32_t
value_id(state *s, const qp_rd *rd, const char *col)
{
	bool created;
	qp_entry *e = qp_map_put(s->valmap, s->scratch.s, s->scratch.len, &created);
	if (!created)
		return (uint32_t)(uintptr_t)e->val - 1;
	uint32_t id = (uint32_t)s->nvals;
	e->val = (void *)(uintptr_t)(id + 1);
	GROW(s->vals, s->nvals, s->capvals);
	value *v = &s->vals[s->nvals++];
	*v = (value){ e->key, s->scratch.len, 0, false };
	v->is_num = parse_number(v->s, v->len, &v->num);
	const options *o = s->o;
	if (!v->is_num && (o->level[AG_INTERVAL] || o->level[AG_RATIO]))
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "%s: '%.*s' is not a number (--level %s)", col,
		          (int)(v->len > 40 ? 40 : v->len), v->s,
		          o->level[AG_INTERVAL] ? "interval" : "ratio");
	if (v->is_num && v->num < 0 && o->level[AG_RATIO])
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "%s: '%.*s' is negative, which a ratio scale has not (--level ratio)",
		          col, (int)(v->len > 40 ? 40 : v->len), v->s);
	return id;
}

/* Read coder c's field of the current record into slot u * m + c. */
static void
read_slot(state *s, const qp_rd *rd, int col, size_t u, size_t c)
{
	size_t slot = u * s->m + c;
	qp_span f = qp_rd_raw(rd, col);
	const char *name = qp_rd_name(rd, col);

	s->off[slot] = (uint32_t)s->npool;
	s->cnt[slot] = 0;
	s->first[slot] = NONE;
	if (s->o->values) {
		if (f.n == 0)
			return;
		buf_reset(&s->scratch);
		qp_rd_get(rd, col, &s->scratch);
		s->first[slot] = value_id(s, rd, name);
		return;
	}
	qp_list l;
	const char *v;
	size_t vn;
	s->stamp++;
	qp_list_init(&l, f.p, f.n);
	while (qp_list_next(&l, &v, &vn)) {
		qp_coded_check_path(rd, v, vn, name);
		uint32_t id = code_id(s, v, vn);
		if (s->first[slot] == NONE)
			s->first[slot] = id;
		/* The code and, with rollup, its ancestors, each once. */
		for (; id != NONE && s->codes[id].stamp != s->stamp; id = s->codes[id].parent) {
			s->codes[id].stamp = s->stamp;
			GROW(s->pool, s->npool, s->cappool);
			s->pool[s->npool++] = id;
			s->cnt[slot]++;
		}
	}
}

static size_t
new_unit(state *s)
{
	if (s->nunits == s->capunits) {
		s->capunits = s->capunits ? 2 * s->capunits : 256;
		s->ukey = xreallocarray(s->ukey, s->capunits, sizeof *s->ukey);
		s->udoc = xreallocarray(s->udoc, s->capunits, sizeof *s->udoc);
		/* Places are for the messages about named units only. */
		if (s->o->unit.n)
			s->where = xreallocarray(s->where, s->capunits, sizeof *s->where);
		if (s->o->with)
			s->with_where = xreallocarray(s->with_where, s->capunits,
			                              sizeof *s->with_where);
		s->off = xreallocarray(s->off, s->capunits * s->m, sizeof *s->off);
		s->cnt = xreallocarray(s->cnt, s->capunits * s->m, sizeof *s->cnt);
		s->first = xreallocarray(s->first, s->capunits * s->m, sizeof *s->first);
	}
	size_t u = s->nunits++;
	s->ukey[u] = NULL;
	s->udoc[u] = NONE;
	if (s->o->with)
		s->with_where[u] = (place){ NULL, 0 };
	for (size_t c = 0; c < s->m; c++) {
		s->off[u * s->m + c] = 0;
		s->cnt[u * s->m + c] = 0;
		s->first[u * s->m + c] = NONE;
	}
	return u;
}

/* The unit key of the current record: the raw unit fields joined by TAB
 * (a TAB is always escaped inside a field). */
static void
unit_key(state *s, const qp_rd *rd, const int *ucol)
{
	buf_reset(&s->key);
	for (size_t i = 0; i < s->o->unit.n; i++) {
		qp_span f = qp_rd_raw(rd, ucol[i]);
		if (i)
			buf_addc(&s->key, '\t');
		buf_add(&s->key, f.p, f.n);
	}
}

/* A unit key as messages name it, "doc=d1 seg=4", in s->scratch. */
static const char *
unit_name(state *s, const char *key)
{
	buf_reset(&s->scratch);
	for (size_t i = 0; i < s->o->unit.n; i++) {
		size_t n = strcspn(key, "\t");
		buf_printf(&s->scratch, "%s%s=%.*s", i ? " " : "", s->o->unit.v[i],
		           (int)(n > 60 ? 60 : n), key);
		key += n + (key[n] != '\0');
	}
	return s->scratch.s;
}

/* The stream's column for each name of l (what names the option). */
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

/* The coders' columns of each stream: coder c is read from the main
 * stream for c < nmain, else from the --with stream. */
static size_t
main_coders(const state *s)
{
	return s->o->with ? 1 : s->m;
}

static void
read_main(state *s, qp_rd *rd)
{
	const options *o = s->o;
	size_t nm = main_coders(s);
	int *cols, *ucol = NULL;
	int doc;

	if (qp_rd_ncols(rd) == 0)
		return;
	cols = need_columns(rd, s->coder, nm, "-c");
	if (o->unit.n)
		ucol = need_columns(rd, o->unit.v, o->unit.n, "--unit");
	doc = qp_rd_col(rd, "doc");
	if (o->unit.n)
		s->unitmap = qp_map_new();
	while (qp_rd_next(rd)) {
		size_t u;
		if (s->unitmap) {
			unit_key(s, rd, ucol);
			bool created;
			qp_entry *e = qp_map_put(s->unitmap, s->key.s, s->key.len, &created);
			if (!created) {
				const place *w = &s->where[(uintptr_t)e->val - 1];
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "unit %s again (first at %s:%lu): units must be unique",
				          unit_name(s, e->key), w->file, w->line);
			}
			u = new_unit(s);
			e->val = (void *)(uintptr_t)(u + 1);
			s->ukey[u] = e->key;
		} else {
			u = new_unit(s);
		}
		if (s->where)
			s->where[u] = (place){ qp_rd_file(rd), qp_rd_lineno(rd) };
		if (doc >= 0) {
			qp_span d = qp_rd_raw(rd, doc);
			if (d.n) {
				bool created;
				qp_entry *e = qp_map_put(s->docmap, d.p, d.n, &created);
				if (created)
					e->val = (void *)(uintptr_t)(++s->ndocs);
				s->udoc[u] = (uint32_t)((uintptr_t)e->val - 1);
			}
		}
		for (size_t c = 0; c < nm; c++)
			read_slot(s, rd, cols[c], u, c);
	}
	free(cols);
	free(ucol);
}

static void
read_with(state *s, qp_rd *rd)
{
	const options *o = s->o;
	size_t nm = main_coders(s);
	int *cols, *ucol;

	if (qp_rd_ncols(rd) == 0)
		qp_die("%s: an empty stream: nothing to join", o->with);
	cols = need_columns(rd, s->coder + nm, s->m - nm, "-c");
	ucol = need_columns(rd, o->unit.v, o->unit.n, "--unit");
	while (qp_rd_next(rd)) {
		unit_key(s, rd, ucol);
		qp_entry *e = s->unitmap ? qp_map_get(s->unitmap, s->key.s, s->key.len) : NULL;
		if (!e)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "unit %s is not in the first stream", unit_name(s, s->key.s));
		size_t u = (uintptr_t)e->val - 1;
		if (s->with_where[u].file)
			qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
			          "unit %s again (first at %s:%lu): units must be unique",
			          unit_name(s, s->ukey[u]), s->with_where[u].file,
			          s->with_where[u].line);
		s->with_where[u] = (place){ qp_rd_file(rd), qp_rd_lineno(rd) };
		for (size_t c = nm; c < s->m; c++)
			read_slot(s, rd, cols[c - nm], u, c);
	}
	for (size_t u = 0; u < s->nunits; u++)
		if (!s->with_where[u].file)
			qp_die_at(s->where[u].file, s->where[u].line, "unit %s is not in %s",
			          unit_name(s, s->ukey[u]), o->with);
	free(cols);
	free(ucol);
}

/* --- output ---------------------------------------------------------------- */

enum { F_AGREEMENT, F_KAPPA, F_PABAK, F_ALPHA, F_PRECISION, F_RECALL, F_F1, NFIG };

typedef struct {
	const state *s;
	qp_table t;
	bool coder_col, rho;
} out;

#define NOCOUNT UINT64_MAX

static void
add_count(out *w, uint64_t v)
{
	if (v == NOCOUNT)
		qp_table_add_cell(&w->t, "", 0);
	else
		qp_table_add_u64(&w->t, v);
}

static void
add_num(out *w, ag_num x)
{
	char b[AG_FMT_MAX];
	qp_table_add_cell(&w->t, b, ag_format(x, b));
}

/* One row: code, coder (when the table has the column), units, a_pos,
 * b_pos, both, the figures, rho. */
static void
row(out *w, const char *code, size_t clen, const char *coder, uint64_t units,
    uint64_t apos, uint64_t bpos, uint64_t both, const ag_num *fig, ag_num rho)
{
	qp_table_add_cell(&w->t, code, clen);
	if (w->coder_col)
		qp_table_add_cell(&w->t, coder, strlen(coder));
	add_count(w, units);
	add_count(w, apos);
	add_count(w, bpos);
	add_count(w, both);
	for (int i = 0; i < NFIG; i++)
		add_num(w, fig[i]);
	if (w->rho)
		add_num(w, rho);
}

static void
figures(const ag_table *t, ag_num *fig)
{
	fig[F_AGREEMENT] = ag_agreement(t);
	fig[F_KAPPA] = ag_kappa(t);
	fig[F_PABAK] = ag_pabak(t);
	fig[F_ALPHA] = ag_alpha_table(t);
	fig[F_PRECISION] = ag_precision(t);
	fig[F_RECALL] = ag_recall(t);
	fig[F_F1] = ag_f1(t);
}

/* A row of the 2x2 table t of coder c against the reference. */
static void
pair_row(out *w, const char *code, size_t clen, size_t c, const ag_table *t, ag_num rho)
{
	ag_num fig[NFIG];
	figures(t, fig);
	row(w, code, clen, w->s->coder[c], ag_units(t), t->n11 + t->n10, t->n11 + t->n01,
	    t->n11, fig, rho);
}

/* With three coders or more: the row of every coder together. */
static void
all_figures(const ag_tally *t, size_t m, ag_num *fig)
{
	for (int i = 0; i < NFIG; i++)
		fig[i] = AG_NONE;
	fig[F_AGREEMENT] = ag_tally_agreement(t);
	fig[F_ALPHA] = ag_tally_alpha(t, m);
}

static void
all_row(out *w, const char *code, size_t clen, const ag_tally *t)
{
	ag_num fig[NFIG];
	all_figures(t, w->s->m, fig);
	row(w, code, clen, "(all)", t->units, NOCOUNT, NOCOUNT, t->unanimous, fig, AG_NONE);
}

/* FNV-1a, to give every row's simulation a stream of its own. */
static uint64_t
fnv(uint64_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL;
}

static ag_num
rho_of(const out *w, const code *k, size_t c, const ag_table *t)
{
	const state *s = w->s;
	if (!w->rho)
		return AG_NONE;
	ag_num kappa = ag_kappa(t);
	if (!kappa.ok)
		return AG_NONE;
	uint64_t h = fnv(0xcbf29ce484222325ULL, k->path, k->len);
	h = fnv(h, s->coder[c], strlen(s->coder[c]));
	qp_rng rng;
	qp_rng_seed(&rng, s->o->seed ^ h);
	return ag_rho(kappa.v, ag_units(t), t->n11 + t->n10, &s->o->rp, &rng);
}

static const state *sort_state;

static int
cmp_code(const void *a, const void *b)
{
	const code *x = &sort_state->codes[*(const uint32_t *)a];
	const code *y = &sort_state->codes[*(const uint32_t *)b];
	return code_cmp(x->path, x->len, y->path, y->len);
}

/* Sum of the figures of the code rows, for (mean). */
typedef struct {
	double sum[NFIG];
	uint64_t n[NFIG];
} means;

static void
add_means(means *mn, const ag_num *fig)
{
	for (int i = 0; i < NFIG; i++)
		if (fig[i].ok) {
			mn->sum[i] += fig[i].v;
			mn->n[i]++;
		}
}

static void
mean_figures(const means *mn, ag_num *fig)
{
	for (int i = 0; i < NFIG; i++)
		fig[i] = mn->n[i] ? (ag_num){ mn->sum[i] / (double)mn->n[i], true } : AG_NONE;
}

#define LIT(s) s, sizeof s - 1

/* (first): the first code of each unit, "no code" a category of its own. */
static void
first_rows(out *w)
{
	const state *s = w->s;
	size_t m = s->m, n = s->nunits, ncat = s->ncodes + 1;
	uint32_t *a = xcalloc(n + 1, sizeof *a), *b = xcalloc(n + 1, sizeof *b);
	uint32_t *pair = xcalloc(2 * n + 1, sizeof *pair);
	uint32_t *all = xcalloc(m * n + 1, sizeof *all);

	for (size_t u = 0; u < n; u++)
		for (size_t c = 0; c < m; c++) {
			uint32_t f = s->first[u * m + c];
			all[u * m + c] = f == NONE ? (uint32_t)s->ncodes : f;
		}
	for (size_t u = 0; u < n; u++)
		a[u] = all[u * m];
	for (size_t c = 1; c < m; c++) {
		ag_table t = { 0, 0, 0, 0 };
		for (size_t u = 0; u < n; u++) {
			b[u] = all[u * m + c];
			pair[2 * u] = a[u];
			pair[2 * u + 1] = b[u];
			bool ca = a[u] != s->ncodes, cb = b[u] != s->ncodes;
			bool same = ca && cb && a[u] == b[u];
			t.n11 += same;
			t.n10 += ca && !same;
			t.n01 += cb && !same;
		}
		ag_num fig[NFIG], po;
		uint64_t used;
		fig[F_KAPPA] = ag_kappa_nominal(a, b, n, ncat, NULL, &po, &used);
		fig[F_AGREEMENT] = po;
		fig[F_PABAK] = ag_bp_kappa(po, used);
		fig[F_ALPHA] = ag_alpha(pair, n, 2, ncat, NULL, AG_NOMINAL, NULL);
		fig[F_PRECISION] = ag_precision(&t);
		fig[F_RECALL] = ag_recall(&t);
		fig[F_F1] = ag_f1(&t);
		row(w, LIT("(first)"), s->coder[c], n, t.n11 + t.n10, t.n11 + t.n01, t.n11,
		    fig, AG_NONE);
	}
	if (m > 2) {
		ag_num fig[NFIG] = { AG_NONE, AG_NONE, AG_NONE, AG_NONE, AG_NONE, AG_NONE, AG_NONE };
		uint64_t same = 0;
		for (size_t u = 0; u < n; u++) {
			bool eq = true;
			for (size_t c = 1; c < m; c++)
				eq &= all[u * m + c] == all[u * m];
			same += eq;
		}
		if (n)
			fig[F_AGREEMENT] = (ag_num){ (double)same / (double)n, true };
		fig[F_ALPHA] = ag_alpha(all, n, m, ncat, NULL, AG_NOMINAL, NULL);
		row(w, LIT("(first)"), "(all)", n, NOCOUNT, NOCOUNT, NOCOUNT, fig, AG_NONE);
	}
	free(a);
	free(b);
	free(pair);
	free(all);
}

static void
report_codes(const state *s)
{
	size_t m = s->m;
	out w = { s, { 0 }, m > 2, s->o->rho };
	static const char *const base[] = {
		"units", "a_pos", "b_pos", "both", "agreement", "kappa", "pabak", "alpha",
		"precision", "recall", "f1"
	};
	size_t ncols = 1 + w.coder_col + 11 + w.rho, i = 0;

	ag_tally *codes = xcalloc(s->ncodes + 1, sizeof *codes), docs, pooled;
	ag_coding cd = { s->nunits, m, s->ncodes, s->ndocs, s->off, s->cnt, s->pool, s->udoc };
	bool has_docs = s->ndocs > 0;
	ag_tally_coding(&cd, codes, has_docs ? &docs : NULL);
	qp_table_init(&w.t, ncols);
	qp_table_set_column(&w.t, i++, "code", "code");
	if (w.coder_col)
		qp_table_set_column(&w.t, i++, "coder", "coder");
	for (size_t k = 0; k < 11; k++, i++)
		qp_table_set_column(&w.t, i, base[k], base[k]);
	if (w.rho)
		qp_table_set_column(&w.t, i, "rho", "rho");

	uint32_t *order = xcalloc(s->ncodes + 1, sizeof *order);
	for (size_t k = 0; k < s->ncodes; k++)
		order[k] = (uint32_t)k;
	sort_state = s;
	qsort(order, s->ncodes, sizeof *order, cmp_code);

	means *mn = xcalloc(m + 1, sizeof *mn);       /* [c]; [0]: every coder */
	uint64_t *used = xcalloc(m + 1, sizeof *used);  /* codes each pair used */
	ag_tally_init(&pooled, m);
	for (size_t i2 = 0; i2 < s->ncodes; i2++) {
		const code *k = &s->codes[order[i2]];
		const ag_tally *t = &codes[order[i2]];
		for (size_t c = 1; c < m; c++) {
			ag_num fig[NFIG];
			figures(&t->t[c], fig);
			add_means(&mn[c], fig);
			pair_row(&w, k->path, k->len, c, &t->t[c], rho_of(&w, k, c, &t->t[c]));
			used[c] += t->t[c].n11 + t->t[c].n10 + t->t[c].n01 > 0;
		}
		if (m > 2) {
			ag_num fig[NFIG];
			all_row(&w, k->path, k->len, t);
			all_figures(t, m, fig);
			add_means(&mn[0], fig);
		}
		ag_tally_add(&pooled, t, m);
	}
	ag_tally_close(&pooled, m, (uint64_t)s->nunits * s->ncodes);

	/* (all): every code x unit decision pooled. */
	for (size_t c = 1; c < m; c++)
		pair_row(&w, LIT("(all)"), c, &pooled.t[c], AG_NONE);
	if (m > 2)
		all_row(&w, LIT("(all)"), &pooled);
	/* (mean): the mean of each figure over the code rows that have it. */
	for (size_t c = 1; c < m; c++) {
		ag_num fig[NFIG];
		mean_figures(&mn[c], fig);
		row(&w, LIT("(mean)"), s->coder[c], s->nunits, NOCOUNT, NOCOUNT, NOCOUNT, fig,
		    AG_NONE);
	}
	if (m > 2) {
		ag_num fig[NFIG];
		mean_figures(&mn[0], fig);
		row(&w, LIT("(mean)"), "(all)", s->nunits, NOCOUNT, NOCOUNT, NOCOUNT, fig, AG_NONE);
	}
	first_rows(&w);
	/* (coded): MAXQDA's segment comparison, the decisions some coder
	 * made, with Brennan and Prediger's kappa over the codes used. */
	for (size_t c = 1; c < m; c++) {
		const ag_table *t = &pooled.t[c];
		ag_table coded = { t->n11, t->n10, t->n01, 0 };
		ag_num fig[NFIG];
		figures(&coded, fig);
		fig[F_KAPPA] = ag_bp_kappa(fig[F_AGREEMENT], used[c]);
		fig[F_PABAK] = fig[F_ALPHA] = AG_NONE;
		row(&w, LIT("(coded)"), s->coder[c], ag_units(&coded), t->n11 + t->n10,
		    t->n11 + t->n01, t->n11, fig, AG_NONE);
	}
	/* (documents): MAXQDA's code existence per document. */
	if (has_docs)
		for (size_t c = 1; c < m; c++)
			pair_row(&w, LIT("(documents)"), c, &docs.t[c], AG_NONE);

	if (s->o->md)
		qp_table_write_md(&w.t, qp_stdout, true);
	else
		qp_table_write_records(&w.t, qp_stdout);

	for (size_t k = 0; k < s->ncodes; k++)
		ag_tally_free(&codes[k]);
	free(codes);
	if (has_docs)
		ag_tally_free(&docs);
	ag_tally_free(&pooled);
	free(mn);
	free(used);
	free(order);
	qp_table_free(&w.t);
}

/* --- values --------------------------------------------------------------- */

static int
cmp_value(const void *a, const void *b)
{
	const value *x = &sort_state->vals[*(const uint32_t *)a];
	const value *y = &sort_state->vals[*(const uint32_t *)b];
	if (x->is_num && y->is_num && x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->is_num != y->is_num)
		return x->is_num ? -1 : 1;
	size_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->s, y->s, n);
	return d ? d : (x->len > y->len) - (x->len < y->len);
}

static void
report_values(const state *s)
{
	size_t m = s->m, n = s->nunits, nv = s->nvals;
	bool numeric = true;
	for (size_t i = 0; i < nv; i++)
		numeric &= s->vals[i].is_num;

	/* Nominal categories are the values as written; the others rank
	 * them, merging values that are the same number ("1", "1.0"). */
	uint32_t *order = xcalloc(nv + 1, sizeof *order), *rank = xcalloc(nv + 1, sizeof *rank);
	double *num = xcalloc(nv + 1, sizeof *num);
	size_t nrank = 0;
	for (size_t i = 0; i < nv; i++)
		order[i] = (uint32_t)i;
	sort_state = s;
	qsort(order, nv, sizeof *order, cmp_value);
	for (size_t i = 0; i < nv; i++) {
		const value *v = &s->vals[order[i]];
		if (i == 0 || (numeric ? v->num != num[nrank - 1]
		                       : cmp_value(&order[i - 1], &order[i]) != 0))
			num[nrank++] = v->num;
		rank[order[i]] = (uint32_t)(nrank - 1);
	}
	uint32_t *nom = xcalloc(n * m + 1, sizeof *nom), *ord = xcalloc(n * m + 1, sizeof *ord);
	for (size_t i = 0; i < n * m; i++) {
		uint32_t v = s->first[i];
		nom[i] = v == NONE ? AG_MISSING : v;
		ord[i] = v == NONE ? AG_MISSING : rank[v];
	}

	qp_table t;
	static const char *const cols[] = {
		"level", "units", "values", "agreement", "kappa", "alpha"
	};
	qp_table_init(&t, 6);
	for (size_t i = 0; i < 6; i++)
		qp_table_set_column(&t, i, cols[i], cols[i]);
	for (int l = 0; l < NLEVELS; l++) {
		if (!s->o->level[l])
			continue;
		ag_alpha_info info;
		ag_num alpha = l == AG_NOMINAL ? ag_alpha(nom, n, m, nv, NULL, AG_NOMINAL, &info)
		                               : ag_alpha(ord, n, m, nrank, num, (ag_level)l, &info);
		ag_num kappa = AG_NONE;
		if (l == AG_NOMINAL && m == 2) {
			uint32_t *a = xcalloc(n + 1, sizeof *a), *b = xcalloc(n + 1, sizeof *b);
			for (size_t u = 0; u < n; u++)
				a[u] = nom[2 * u], b[u] = nom[2 * u + 1];
			kappa = ag_kappa_nominal(a, b, n, nv, NULL, NULL, NULL);
			free(a);
			free(b);
		}
		char buf[AG_FMT_MAX];
		qp_table_add_cell(&t, level_names[l], strlen(level_names[l]));
		qp_table_add_u64(&t, info.units);
		qp_table_add_u64(&t, info.values);
		qp_table_add_cell(&t, buf, ag_format(info.agreement, buf));
		qp_table_add_cell(&t, buf, ag_format(kappa, buf));
		qp_table_add_cell(&t, buf, ag_format(alpha, buf));
	}
	if (s->o->md)
		qp_table_write_md(&t, qp_stdout, true);
	else
		qp_table_write_records(&t, qp_stdout);
	qp_table_free(&t);
	free(order);
	free(rank);
	free(num);
	free(nom);
	free(ord);
}

/* --- main ------------------------------------------------------------------ */

static void
state_free(state *s)
{
	free(s->ukey);
	free(s->udoc);
	free(s->where);
	free(s->with_where);
	free(s->off);
	free(s->cnt);
	free(s->first);
	free(s->pool);
	free(s->codes);
	free(s->vals);
	qp_map_free(s->unitmap);
	qp_map_free(s->codemap);
	qp_map_free(s->docmap);
	qp_map_free(s->valmap);
	buf_free(&s->key);
	buf_free(&s->scratch);
}

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

	state s = {
		.o = &o, .key = QP_BUF_INIT, .scratch = QP_BUF_INIT,
		.codemap = qp_map_new(), .docmap = qp_map_new(), .valmap = qp_map_new(),
	};
	s.m = o.with && o.cols.n == 1 ? 2 : o.cols.n;
	s.coder = xcalloc(s.m + 1, sizeof *s.coder);
	for (size_t i = 0; i < s.m; i++)
		s.coder[i] = o.cols.v[i < o.cols.n ? i : 0];

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
	read_main(&s, rd);
	if (o.with) {
		wd = qp_rd_open(1, &o.with);
		read_with(&s, wd);
	}
	if (o.values)
		report_values(&s);
	else
		report_codes(&s);
	qp_out_close(qp_stdout);

	state_free(&s);
	free(s.coder);
	qp_rd_free(rd);
	qp_rd_free(wd);
	qp_strlist_free(&o.cols);
	qp_strlist_free(&o.unit);
	qp_strlist_free(&o.levels);
	return 0;
}
