/*
 * pick-quotes: for each code (and group), the few coded segments that
 * best stand for it, as quotes for a report.  See man/pick-quotes.1.
 *
 * Memory is bounded by codes x groups x K, not by the input: every
 * (code, group) keeps a pool of its K best candidates in a heap whose
 * root is the worst of them.  The quotes are then chosen from the pool
 * alone, by a greedy pass that applies the speaker, document and
 * near-duplicate rules.  The pool of a union of streams is the pool of
 * the union of their pools, which is what makes --partial and --merge
 * give exactly the one-process result.  The candidates, their pools
 * and the choice are lib/quotes.h, the output lib/quotes_write.h;
 * lib/partial.h says what the partial protocol shares with tally's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "coded.h"
#include "codepath.h"
#include "list.h"
#include "map.h"
#include "opt.h"
#include "output.h"
#include "partial.h"
#include "qp.h"
#include "quotes.h"
#include "quotes_write.h"
#include "record.h"
#include "table.h"

static const char usage[] =
	"usage: pick-quotes [-n N] [--by COL[,COL...]] [--codes CODE[,CODE...]]\n"
	"                   [--rollup | --no-rollup] [--min-words N] [--max-words N]\n"
	"                   [--max-overlap X] [--format tsv|md] [--partial] [--merge]\n"
	"                   [--line-buffered] [--replace-invalid] [--quiet] [FILE ...]\n"
	"       pick-quotes --help | --version\n"
	"Pick the N most representative coded segments of each code.\n"
	"  -n, --count N      quotes per code and group (default 3)\n"
	"  --by COL[,COL...]  pick separately for each value of these columns\n"
	"  --codes CODE[,CODE...]\n"
	"                     only these codes and their descendants\n"
	"  --rollup           a segment coded a/b is also a candidate for a\n"
	"  --no-rollup        a segment is a candidate for its own codes only\n"
	"                     (the default)\n"
	"  --min-words N      shortest quote, in words (default 8)\n"
	"  --max-words N      longest quote, in words (default 80)\n"
	"  --max-overlap X    quotes whose 3-word shingles overlap (Jaccard) by\n"
	"                     more than X are near-duplicates (default 0.5)\n"
	"  --format tsv|md    a record stream (default) or Markdown tables\n"
	"  --partial          write the candidate pools, for a later --merge\n"
	"  --merge            read --partial outputs (of the same options) instead\n"
	"                     of a coded stream\n"
	QP_COMMON_HELP;

enum {
	OPT_BY = QP_OPT_FIRST_PRIVATE,
	OPT_CODES,
	OPT_ROLLUP,
	OPT_NO_ROLLUP,
	OPT_MIN_WORDS,
	OPT_MAX_WORDS,
	OPT_MAX_OVERLAP,
	OPT_FORMAT,
	OPT_PARTIAL,
	OPT_MERGE,
};

static const struct option longopts[] = {
	{ "count", required_argument, NULL, 'n' },
	{ "by", required_argument, NULL, OPT_BY },
	{ "codes", required_argument, NULL, OPT_CODES },
	{ "rollup", no_argument, NULL, OPT_ROLLUP },
	{ "no-rollup", no_argument, NULL, OPT_NO_ROLLUP },
	{ "min-words", required_argument, NULL, OPT_MIN_WORDS },
	{ "max-words", required_argument, NULL, OPT_MAX_WORDS },
	{ "max-overlap", required_argument, NULL, OPT_MAX_OVERLAP },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	QP_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* Names --by may not take: they are columns of the output already, or
 * not single values. */
static const char *const by_reserved[] = {
	"code", "rank", "score", "codes", "hits", "words", "text", NULL
};

/* The options, and what a run holds. */
typedef struct {
	quote_rules rules;      /* -n, --max-overlap */
	unsigned long min_words, max_words;
	bool rollup, partial, merge, md;
	qp_strlist by, codes;

	size_t pool_k;          /* candidates kept per pool */
	qp_rd *rd;
	qp_map *pools;
	quote_columns cols;
	/* What the pools depend on besides --by, as --partial records it
	 * and --merge checks it (lib/partial.h). */
	qp_partial_options opts;
} picker;

/* X in [0, 1] with at most 9 decimals, kept as an exact fraction so the
 * comparison with an overlap never depends on floating point. */
static void
parse_overlap(picker *pk, const char *s)
{
	uint64_t num = 0, den = 1;
	const char *p = s;
	int digits = 0, decimals = 0;

	while (*p >= '0' && *p <= '9') {
		num = num * 10 + (uint64_t)(*p++ - '0');
		if (++digits > 9)
			goto bad;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			if (++decimals > 9)
				goto bad;
			num = num * 10 + (uint64_t)(*p++ - '0');
			den *= 10;
		}
	}
	if (*p != '\0' || digits + decimals == 0 || num > den)
		goto bad;
	pk->rules.overlap_num = num;
	pk->rules.overlap_den = den;
	return;
bad:
	qp_usage_error(usage, "--max-overlap: not a number from 0 to 1: '%s'", s);
}
/* Is the code selected by --codes (equal to an item or below one)? */
static bool
selected(const picker *pk, const char *p, size_t n)
{
	if (pk->codes.n == 0)
		return true;
	for (size_t i = 0; i < pk->codes.n; i++) {
		const char *s = pk->codes.v[i];
		size_t sn = strlen(s);
		if ((sn == n && memcmp(s, p, n) == 0) || code_is_ancestor(s, sn, p, n))
			return true;
	}
	return false;
}

/* The (code, hits) pairs of the current record; codes point into the
 * line. */
typedef struct {
	const char *p;
	size_t n;
	uint64_t hits;
} item;

typedef struct {
	item *v;
	size_t n, cap;
} items;

static void
add_item(const qp_rd *rd, items *it, const char *p, size_t cn, uint64_t h)
{
	for (size_t i = 0; i < it->n; i++)
		if (it->v[i].n == cn && memcmp(it->v[i].p, p, cn) == 0) {
			/* Kept below 2^32, as a --partial hits field must be. */
			if ((it->v[i].hits += h) > UINT32_MAX)
				qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
				          "hits of code '%.*s' add up to more than %lu",
				          (int)(cn > 60 ? 60 : cn), p,
				          (unsigned long)UINT32_MAX);
			return;
		}
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 16;
		it->v = xreallocarray(it->v, it->cap, sizeof *it->v);
	}
	it->v[it->n++] = (item){ p, cn, h };
}

/* The selected codes of the current record (with --rollup their
 * ancestors too) and their hits, into it. */
static void
record_items(const picker *pk, qp_span cs, qp_span hs, bool has_hits, items *it)
{
	const qp_rd *rd = pk->rd;
	if (has_hits)
		qp_coded_check_pairing(rd, qp_list_count(cs.p, cs.n),
		                       qp_list_count(hs.p, hs.n));
	qp_list lc, lh;
	qp_list_init(&lc, cs.p, cs.n);
	qp_list_init(&lh, hs.p, hs.n);
	const char *cp, *hp;
	size_t cn, hn;
	it->n = 0;
	while (qp_list_next(&lc, &cp, &cn)) {
		uint64_t h = 1;
		if (has_hits) {
			qp_list_next(&lh, &hp, &hn);
			h = qp_coded_count(rd, hp, hn, "hits value");
		}
		qp_coded_check_path(rd, cp, cn, "codes");
		if (selected(pk, cp, cn))
			add_item(rd, it, cp, cn, h);
		if (!pk->rollup)
			continue;
		for (size_t an = code_parent(cp, cn); an > 0; an = code_parent(cp, an))
			if (selected(pk, cp, an))
				add_item(rd, it, cp, an, h);
	}
}

/* Read a coded stream (match-theme's layout) into the pools. */
static void
read_coded(picker *pk)
{
	int c_codes = qp_rd_need(pk->rd, "codes");
	int c_hits = qp_rd_col(pk->rd, "hits");
	qp_buf key = QP_BUF_INIT, scratch = QP_BUF_INIT;
	items it = { NULL, 0, 0 };

	while (qp_rd_next(pk->rd)) {
		qp_span cs = qp_rd_raw(pk->rd, c_codes);
		qp_span hs = c_hits >= 0 ? qp_rd_raw(pk->rd, c_hits) : (qp_span){ "", 0 };
		if (cs.n == 0 && hs.n == 0)
			continue;
		record_items(pk, cs, hs, c_hits >= 0, &it);
		if (it.n == 0)
			continue;
		quote v;
		quote_view(&v, pk->rd, &pk->cols);
		v.words = quote_count_words(pk->rd, &pk->cols, &scratch, pk->max_words);
		if (v.words < pk->min_words || v.words > pk->max_words)
			continue;
		quote_check_fields(pk->rd, &pk->cols, &scratch);
		for (size_t i = 0; i < it.n; i++) {
			quote_pool *p = quote_pools_get(pk->pools, pk->rd, &pk->cols,
			                                it.v[i].p, it.v[i].n, &key);
			v.hits = it.v[i].hits;
			quote_pool_offer(p, &v, pk->pool_k);
		}
	}
	free(it.v);
	buf_free(&key);
	buf_free(&scratch);
}

/* A record of a --partial stream as a candidate, checked. */
static void
partial_candidate(picker *pk, int c_hits, int c_words, quote *v, qp_buf *scratch)
{
	qp_rd *rd = pk->rd;
	qp_span hs = qp_rd_raw(rd, c_hits), ws = qp_rd_raw(rd, c_words);
	quote_view(v, rd, &pk->cols);
	v->hits = qp_coded_count(rd, hs.p, hs.n, "hits");
	uint64_t words = qp_coded_count(rd, ws.p, ws.n, "words");
	v->words = quote_count_words(rd, &pk->cols, scratch,
	                             words > pk->max_words ? words : pk->max_words);
	if (v->words != words)
		qp_die_at(qp_rd_file(rd), qp_rd_lineno(rd),
		          "words is %llu but the text has %llu",
		          (unsigned long long)words, (unsigned long long)v->words);
}

/* Read --partial outputs back into the pools: an option record (empty
 * code) is checked against this run's options, a candidate re-pooled. */
static void
read_partial(picker *pk)
{
	qp_rd *rd = pk->rd;
	quote_check_partial_header(rd, &pk->cols);
	int c_code = qp_rd_need(rd, "code");
	int c_hits = qp_rd_need(rd, "hits");
	int c_words = qp_rd_need(rd, "words");
	int c_seg = qp_rd_need(rd, "seg"), c_text = qp_rd_need(rd, "text");
	qp_buf key = QP_BUF_INIT, scratch = QP_BUF_INIT;
	while (qp_rd_next(rd)) {
		qp_span cs = qp_rd_raw(rd, c_code);
		if (cs.n == 0) {
			qp_partial_options_record(&pk->opts, rd, qp_rd_raw(rd, c_seg),
			                          qp_rd_raw(rd, c_text));
			continue;
		}
		qp_partial_options_met(&pk->opts, rd);
		qp_coded_check_path(rd, cs.p, cs.n, "code");
		quote v;
		partial_candidate(pk, c_hits, c_words, &v, &scratch);
		/* Idempotent filters: the shards applied them already, with
		 * these options (the option records say so). */
		if (!selected(pk, cs.p, cs.n) || v.words < pk->min_words ||
		    v.words > pk->max_words)
			continue;
		quote_check_fields(rd, &pk->cols, &scratch);
		quote_pool *p = quote_pools_get(pk->pools, rd, &pk->cols, cs.p, cs.n, &key);
		quote_pool_offer(p, &v, pk->pool_k);
	}
	buf_free(&key);
	buf_free(&scratch);
}

static void
write_results(const picker *pk)
{
	size_t np;
	quote_pool **ps = quote_pools_sorted(pk->pools, &np);
	size_t *pick = xcalloc(pk->rules.nquotes, sizeof *pick);
	qp_buf raw = QP_BUF_INIT, fold = QP_BUF_INIT;
	qp_table tb;

	quote_md_table(&tb);
	if (!pk->md)
		quote_write_header(&pk->cols, pk->partial ? &pk->opts : NULL);
	for (size_t i = 0; i < np; i++) {
		quote_pool *p = ps[i];
		qsort(p->c, p->n, sizeof *p->c, quote_qsort);
		if (pk->partial) {
			for (size_t j = 0; j < p->n; j++)
				quote_write_record(&pk->cols, p, &p->c[j], true, 0);
			continue;
		}
		size_t k = quote_choose(&pk->rules, p->c, p->n, pick, &raw, &fold);
		if (pk->md)
			quote_write_md(&pk->cols, p, i ? ps[i - 1] : NULL, pick, k, &tb, &raw);
		else
			for (size_t j = 0; j < k; j++)
				quote_write_record(&pk->cols, p, &p->c[pick[j]], false,
				                   j + 1);
	}
	for (size_t i = 0; i < np; i++)
		quote_pool_free(ps[i]);
	free(ps);
	free(pick);
	qp_table_free(&tb);
	buf_free(&raw);
	buf_free(&fold);
}

/* --- options ---------------------------------------------------------- */

static void
set_option(picker *pk, int c)
{
	switch (c) {
	case 'n':
		pk->rules.nquotes = qp_parse_ulong(optarg, "-n", 10000, usage);
		if (pk->rules.nquotes == 0)
			qp_usage_error(usage, "-n: must be at least 1");
		break;
	case OPT_BY:
		qp_optlist_add(&pk->by, optarg, "--by", qp_valid_colname,
		               "column name", usage);
		break;
	case OPT_CODES:
		qp_optlist_add(&pk->codes, optarg, "--codes", code_valid, "code path",
		               usage);
		break;
	case OPT_ROLLUP: pk->rollup = true; break;
	case OPT_NO_ROLLUP: pk->rollup = false; break;
	case OPT_MIN_WORDS:
		pk->min_words = qp_parse_ulong(optarg, "--min-words", 100000000, usage);
		break;
	case OPT_MAX_WORDS:
		pk->max_words = qp_parse_ulong(optarg, "--max-words", 100000000, usage);
		break;
	case OPT_MAX_OVERLAP: parse_overlap(pk, optarg); break;
	case OPT_FORMAT:
		if (strcmp(optarg, "md") == 0)
			pk->md = true;
		else if (strcmp(optarg, "tsv") == 0)
			pk->md = false;
		else
			qp_usage_error(usage, "--format: 'tsv' or 'md', not '%s'", optarg);
		break;
	case OPT_PARTIAL: pk->partial = true; break;
	case OPT_MERGE: pk->merge = true; break;
	default: qp_common_opt(c, usage);
	}
}

static void
check_options(picker *pk)
{
	if (pk->partial && pk->md)
		qp_usage_error(usage, "--partial writes a record stream, not --format md");
	if (pk->min_words > pk->max_words)
		qp_usage_error(usage, "--min-words %lu is above --max-words %lu",
		               pk->min_words, pk->max_words);
	for (size_t i = 0; i < pk->by.n; i++)
		for (const char *const *r = by_reserved; *r; r++)
			if (strcmp(pk->by.v[i], *r) == 0)
				qp_usage_error(usage, "--by: cannot group by '%s'", pk->by.v[i]);
	/* Room for the diversity and near-duplicate rules to look past the
	 * first N; see the manual on why the pool makes merges exact. */
	unsigned long n = pk->rules.nquotes;
	pk->pool_k = n * 4 > n + 16 ? n * 4 : n + 16;
	/* --max-overlap is not among them: it acts on the merged pools. */
	qp_partial_options_init(&pk->opts, "pick-quotes");
	qp_partial_options_add(&pk->opts, "count", n);
	qp_partial_options_add_list(&pk->opts, "codes", &pk->codes);
	qp_partial_options_add(&pk->opts, "rollup", pk->rollup);
	qp_partial_options_add(&pk->opts, "min-words", pk->min_words);
	qp_partial_options_add(&pk->opts, "max-words", pk->max_words);
}

/* The columns of the stream; with a header, true. */
static bool
find_columns(picker *pk)
{
	static const char *const partial_marks[] = { "code", "words", NULL };
	qp_rd *rd = pk->rd;

	if (qp_rd_ncols(rd) == 0)
		return false;
	if (!pk->merge) {
		qp_partial_refuse_unmerged(rd, partial_marks, "the stream has no column "
		                           "'codes' (it looks like --partial output: use --merge)");
		qp_rd_need(rd, "codes");
	}
	qp_rd_need(rd, "text");
	quote_columns_find(&pk->cols, rd, (const char *const *)pk->by.v, (int)pk->by.n);
	return true;
}

int
main(int argc, char **argv)
{
	picker pk = {
		.rules = { .nquotes = 3, .overlap_num = 5, .overlap_den = 10 },
		.min_words = 8, .max_words = 80,
		.by = QP_STRLIST_INIT, .codes = QP_STRLIST_INIT,
	};
	int c;

	qp_init("pick-quotes");
	while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1)
		set_option(&pk, c);
	check_options(&pk);

	pk.rd = qp_rd_open(argc - optind, argv + optind);
	if (find_columns(&pk)) {
		pk.pools = qp_map_new();
		if (pk.merge)
			read_partial(&pk);
		else
			read_coded(&pk);
		write_results(&pk);
		qp_map_free(pk.pools);
	}
	qp_out_close(qp_stdout);
	qp_rd_free(pk.rd);
	quote_columns_free(&pk.cols);
	qp_strlist_free(&pk.by);
	qp_strlist_free(&pk.codes);
	qp_partial_options_free(&pk.opts);
	return 0;
}
