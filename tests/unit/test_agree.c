/*
 * test_agree: lib/agree.h and lib/rng.h against the published examples
 * (Krippendorff 2011; the krippendorff and quica Python packages' test
 * data; NVivo's coding comparison example) and the edge cases agree(1)
 * documents, and the rows of agree's tables against agree's output for
 * the same codings.
 * Figures are compared as agree prints them (ag_format, six
 * decimals) or, where the source gives three, rounded to three.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "cli.h"
#include "rng.h"
#include "t.h"

/* Coders' rows of values ("1 2 . 3", '.' missing, values 0-9) into a
 * units x coders matrix; returns the units. */
static size_t
matrix(const char *const *rows, size_t m, uint32_t *v)
{
	size_t nunits = 0;
	for (size_t c = 0; c < m; c++) {
		size_t u = 0;
		for (const char *p = rows[c]; *p; p++) {
			if (*p == ' ')
				continue;
			v[u * m + c] = *p == '.' ? AG_MISSING : (uint32_t)(*p - '0');
			u++;
		}
		nunits = u;
	}
	return nunits;
}

static const char *
fmt(ag_num x)
{
	static char b[AG_FMT_MAX];
	ag_format(x, b);
	return b;
}

static const char *
fmt3(ag_num x)
{
	static char b[AG_FMT_MAX];
	if (!x.ok)
		return "";
	snprintf(b, sizeof b, "%.3f", floor(x.v * 1000 + 0.5) / 1000);
	return b;
}

typedef struct {
	const char *name;
	size_t m;
	const char *rows[4];
	ag_level level;
	const char *want;       /* three decimals when it has three */
} alpha_case;

static const alpha_case alpha_cases[] = {
#define K4 4, { "1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", \
	        ". 3 3 3 2 3 4 2 2 5 1 .", "1 2 3 3 2 4 4 1 2 5 1 ." }
	{ "Krippendorff 4x12 nominal", K4, AG_NOMINAL, "0.743" },
	{ "Krippendorff 4x12 ordinal", K4, AG_ORDINAL, "0.815" },
	{ "Krippendorff 4x12 interval", K4, AG_INTERVAL, "0.849" },
	{ "Krippendorff 4x12 ratio", K4, AG_RATIO, "0.797" },
#define K3 3, { ". . . . . 3 4 1 2 1 1 3 3 . 3", "1 . 2 1 3 3 4 3 . . . . . . .", \
	        ". . 2 1 3 4 4 . 2 1 1 3 3 . 4" }
	{ "3 coders x 15 nominal", K3, AG_NOMINAL, "0.691358" },
	{ "3 coders x 15 interval", K3, AG_INTERVAL, "0.810845" },
	{ "binary 010101/010100 alpha", 2, { "0 1 0 1 0 1", "0 1 0 1 0 0" }, AG_NOMINAL, "0.685714" },
	{ "all one value: alpha undefined", 2, { "1 1 1", "1 1 1" }, AG_NOMINAL, "" },
	{ "no pairable unit: alpha undefined", 2, { "1 . 2", ". 1 ." }, AG_INTERVAL, "" },
	{ "perfect agreement", 3, { "1 2 3 .", "1 2 3 4", "1 2 . 4" }, AG_ORDINAL, "1.000000" },
};

static void
test_alpha(void)
{
	static const double nums[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	for (size_t i = 0; i < sizeof alpha_cases / sizeof *alpha_cases; i++) {
		const alpha_case *c = &alpha_cases[i];
		uint32_t v[64];
		size_t n = matrix(c->rows, c->m, v);
		ag_num a = ag_alpha(v, n, c->m, 10, nums, c->level, NULL);
		const char *got = strlen(c->want) == 5 ? fmt3(a) : fmt(a);
		T_STR(got, c->want, c->name);
	}
}

static void
test_alpha_info(void)
{
	static const char *const rows[] = { "1 2 . 3", "1 3 1 .", ". . . 3" };
	uint32_t v[16];
	size_t n = matrix(rows, 3, v);
	ag_alpha_info info;
	ag_alpha(v, n, 3, 10, NULL, AG_NOMINAL, &info);
	T_OK(info.units == 3, "pairable units: the third has one value");
	T_OK(info.values == 6, "pairable values");
	/* pairs: unit 1 agrees, unit 2 not, unit 4 agrees: 4 of 6 values */
	T_STR(fmt(info.agreement), "0.666667", "observed agreement of the pairs");
}

typedef struct {
	const char *name;
	ag_table t;
	const char *agreement, *kappa, *pabak, *alpha, *precision, *recall, *f1;
} table_case;

static const table_case table_cases[] = {
	/* 0 1 0 1 0 1 (reference) vs 0 1 0 1 0 0 */
	{ "quica's disagreeing coders", { 2, 1, 0, 3 },
	  "0.833333", "0.666667", "0.666667", "0.685714", "1.000000", "0.666667", "0.800000" },
	/* NVivo: 1,000 units, 50 coded by both, 150 by one only, 800 by neither */
	{ "NVivo's example", { 50, 100, 50, 800 },
	  "0.850000", "0.318182", "0.700000", "0.314629", "0.500000", "0.333333", "0.400000" },
	{ "nobody used the code", { 0, 0, 0, 10 },
	  "1.000000", "", "1.000000", "", "", "", "" },
	{ "everybody used it everywhere", { 7, 0, 0, 0 },
	  "1.000000", "", "1.000000", "", "1.000000", "1.000000", "1.000000" },
	{ "only the reference used it", { 0, 3, 0, 5 },
	  "0.625000", "0.000000", "0.250000", "-0.153846", "", "0.000000", "0.000000" },
	{ "no units", { 0, 0, 0, 0 }, "", "", "", "", "", "", "" },
};

static void
test_tables(void)
{
	char name[160];
	for (size_t i = 0; i < sizeof table_cases / sizeof *table_cases; i++) {
		const table_case *c = &table_cases[i];
#define CHECK(fn, field) \
		snprintf(name, sizeof name, "%s: %s", c->name, #field); \
		T_STR(fmt(fn(&c->t)), c->field, name)
		CHECK(ag_agreement, agreement);
		CHECK(ag_kappa, kappa);
		CHECK(ag_pabak, pabak);
		CHECK(ag_alpha_table, alpha);
		CHECK(ag_precision, precision);
		CHECK(ag_recall, recall);
		CHECK(ag_f1, f1);
#undef CHECK
	}
}

static void
test_kappa_nominal(void)
{
	static const char *const rows[] = { "1 2 4 1 2 1 1 1 2", "1 2 3 1 2 2 1 1 2" };
	uint32_t v[32], a[16], b[16];
	size_t n = matrix(rows, 2, v);
	for (size_t u = 0; u < n; u++)
		a[u] = v[2 * u], b[u] = v[2 * u + 1];
	uint64_t units, used;
	ag_num po;
	T_STR(fmt3(ag_kappa_nominal(a, b, n, 10, &units, &po, &used)), "0.633",
	      "Cohen's kappa of 1 2 4 1 2 1 1 1 2 / 1 2 3 1 2 2 1 1 2");
	T_OK(units == 9 && used == 4, "units and categories used");
	T_STR(fmt(po), "0.777778", "observed agreement 7/9");
	T_STR(fmt(ag_bp_kappa(po, used)), "0.703704", "Brennan-Prediger, k = 4");

	static const char *const bin[] = { "0 1 0 1 0 1", "0 1 0 1 0 0" };
	n = matrix(bin, 2, v);
	for (size_t u = 0; u < n; u++)
		a[u] = v[2 * u], b[u] = v[2 * u + 1];
	T_STR(fmt(ag_kappa_nominal(a, b, n, 2, NULL, NULL, NULL)), "0.666667",
	      "nominal Cohen of the binary example equals the 2x2 one");

	static const char *const miss[] = { "1 . 2 2", "1 3 . 2" };
	n = matrix(miss, 2, v);
	for (size_t u = 0; u < n; u++)
		a[u] = v[2 * u], b[u] = v[2 * u + 1];
	ag_kappa_nominal(a, b, n, 10, &units, NULL, NULL);
	T_OK(units == 2, "units with a missing value are left out");
	T_STR(fmt(ag_bp_kappa(po, 1)), "", "Brennan-Prediger needs two categories");
}

static void
test_tally(void)
{
	/* unit 0: coder 0 gave code 0, coder 1 codes 0 and 1 (doc 0);
	 * unit 1: coder 1 gave code 1 (doc 0); unit 2: coder 0 code 1 (doc 1) */
	static const uint32_t pool[] = { 0, 0, 1, 1, 1 };
	static const uint32_t off[] = { 0, 1, 3, 3, 4, 5 };
	static const uint32_t cnt[] = { 1, 2, 0, 1, 1, 0 };
	static const uint32_t doc[] = { 0, 0, 1 };
	ag_coding cd = { 3, 2, 2, 2, off, cnt, pool, doc };
	ag_tally codes[2], docs;
	ag_tally_coding(&cd, codes, &docs);
	const ag_table *a = &codes[0].t[1], *b = &codes[1].t[1], *d = &docs.t[1];
	T_OK(a->n11 == 1 && a->n10 == 0 && a->n01 == 0 && a->n00 == 2, "tally: code 0");
	T_OK(b->n11 == 0 && b->n10 == 1 && b->n01 == 2 && b->n00 == 0, "tally: code 1");
	T_OK(codes[1].ones == 3 && codes[1].disagree == 3 && codes[1].any == 3 &&
	     codes[1].unanimous == 0, "tally: code 1 over all coders");
	T_STR(fmt(ag_tally_agreement(&codes[1])), "0.000000", "tally: no decision unanimous");
	T_STR(fmt(ag_tally_agreement(&codes[0])), "1.000000", "tally: every decision unanimous");
	T_OK(docs.units == 4 && d->n11 == 1 && d->n10 == 1 && d->n01 == 1 && d->n00 == 1,
	     "tally: code existence per document");
	ag_tally pooled;
	ag_tally_init(&pooled, 2);
	ag_tally_add(&pooled, &codes[0], 2);
	ag_tally_add(&pooled, &codes[1], 2);
	ag_tally_close(&pooled, 2, 6);
	T_OK(pooled.t[1].n11 == 1 && pooled.t[1].n00 == 2 && pooled.units == 6, "tally: pooled");
	ag_num x = ag_tally_alpha(&pooled, 2), y = ag_alpha_table(&pooled.t[1]);
	T_OK(x.ok && y.ok && x.v == y.v, "tally: alpha over two coders is the table's");
	ag_tally_free(&codes[0]);
	ag_tally_free(&codes[1]);
	ag_tally_free(&docs);
	ag_tally_free(&pooled);
}

static void
test_format(void)
{
	static const struct { double v; const char *want; } cases[] = {
		{ 2.0 / 3, "0.666667" }, { -1e-9, "0.000000" }, { 0.5, "0.500000" },
		{ -0.25, "-0.250000" }, { 1, "1.000000" }, { 0.0000005, "0.000001" },
		{ -0.6666666, "-0.666667" }, { 12.5, "12.500000" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		T_STR(fmt((ag_num){ cases[i].v, true }), cases[i].want, cases[i].want);
	T_STR(fmt(AG_NONE), "", "undefined is an empty field");
	T_STR(fmt((ag_num){ NAN, true }), "", "NaN never printed");
}

static void
test_rng(void)
{
	qp_rng a, b;
	qp_rng_seed(&a, 42);
	qp_rng_seed(&b, 42);
	int same = 1;
	for (int i = 0; i < 1000; i++)
		same &= qp_rng_next(&a) == qp_rng_next(&b);
	T_OK(same, "same seed, same sequence");
	/* splitmix64's published first output for seed 0 */
	uint64_t x = 0;
	T_OK(qp_splitmix64(&x) == 0xe220a8397b1dcdafULL, "splitmix64 of 0");
	/* xoshiro256**'s reference code from the state 1, 2, 3, 4 */
	qp_rng ref = { { 1, 2, 3, 4 } };
	uint64_t o1 = qp_rng_next(&ref), o2 = qp_rng_next(&ref);
	T_OK(o1 == 11520 && o2 == 0, "xoshiro256** from 1, 2, 3, 4");
	qp_rng_seed(&a, 7);
	int inrange = 1;
	for (int i = 0; i < 10000; i++) {
		inrange &= qp_rng_below(&a, 3) < 3;
		double u = qp_rng_unit(&a);
		inrange &= u >= 0 && u < 1;
	}
	T_OK(inrange, "below and unit stay in range");
}

static void
test_rho(void)
{
	ag_rho_params p = { 0.65, 0.40, 0.6, 1.0, 10000, 800 };
	qp_rng r1, r2;
	qp_rng_seed(&r1, 1);
	qp_rng_seed(&r2, 1);
	ag_num a = ag_rho(0.8, 80, 20, &p, &r1), b = ag_rho(0.8, 80, 20, &p, &r2);
	T_OK(a.ok && b.ok && a.v == b.v, "rho: same seed, same value");
	qp_rng_seed(&r1, 1);
	ag_num big = ag_rho(1.0, 1000, 300, &p, &r1);
	T_OK(big.ok && big.v < 0.01, "rho of a large perfect set is near 0");
	qp_rng_seed(&r1, 1);
	ag_num tiny = ag_rho(1.0, 8, 3, &p, &r1);
	T_OK(tiny.ok && tiny.v > 0.1, "rho of a tiny perfect set is large");
	qp_rng_seed(&r1, 1);
	ag_num low = ag_rho(0.3, 200, 50, &p, &r1);
	T_OK(low.ok && low.v == 1, "rho of a kappa below the simulated ones is 1");
	qp_rng_seed(&r1, 1);
	T_OK(!ag_rho(1.0, 10, 10, &p, &r1).ok, "rho undefined at base rate 1");
	T_OK(!ag_rho(1.0, 0, 0, &p, &r1).ok, "rho undefined without units");
	qp_rng_seed(&r1, 1);
	ag_num whole = ag_rho(0.9, 20000, 5000, &p, &r1);
	T_OK(whole.ok && whole.v == 0, "a set larger than the simulated one is simulated whole");
}

static void
test_parse_number(void)
{
	static const struct { const char *s; bool ok; double v; } cases[] = {
		{ "1", true, 1 }, { "-2.5", true, -2.5 }, { "+.5", true, 0.5 }, { "5.", true, 5 },
		{ "1e3", true, 1000 }, { "1E-2", true, 0.01 }, { "0", true, 0 },
		{ "", false, 0 }, { ".", false, 0 }, { "-", false, 0 }, { "e5", false, 0 },
		{ "1e", false, 0 }, { "1e+", false, 0 }, { " 1", false, 0 }, { "1 ", false, 0 },
		{ "0x1", false, 0 }, { "inf", false, 0 }, { "nan", false, 0 },
		{ "1e999", false, 0 }, { "1,5", false, 0 },
		{ "1000000000000000000000000000000000000000000000000000000000000000", false, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double v = -99;
		bool ok = qp_parse_number(cases[i].s, strlen(cases[i].s), &v);
		T_OK(ok == cases[i].ok && (!ok || v == cases[i].v), cases[i].s);
	}
	double v;
	T_OK(qp_parse_number("12x", 2, &v) && v == 12, "only the n bytes given are read");
}

/* A row as agree writes it in a record stream, with or without the coder
 * and rho columns. */
static const char *
row_line(const ag_row *w, char *const *coder, bool coder_col, bool rho)
{
	static char b[512];
	char f[AG_FMT_MAX];
	size_t n = (size_t)snprintf(b, sizeof b, "%.*s", (int)w->len, w->code);
	if (coder_col)
		n += (size_t)snprintf(b + n, sizeof b - n, "\t%s", w->coder ? coder[w->coder] : "(all)");
	const uint64_t counts[] = { w->units, w->apos, w->bpos, w->both };
	for (int i = 0; i < 4; i++)
		n += (size_t)(counts[i] == AG_NOCOUNT ? snprintf(b + n, sizeof b - n, "\t")
		              : snprintf(b + n, sizeof b - n, "\t%llu",
		                         (unsigned long long)counts[i]));
	for (int i = 0; i < AG_NFIG; i++) {
		ag_format(w->fig[i], f);
		n += (size_t)snprintf(b + n, sizeof b - n, "\t%s", f);
	}
	if (rho) {
		ag_format(w->rho, f);
		snprintf(b + n, sizeof b - n, "\t%s", f);
	}
	return b;
}

static void
test_code_rows(void)
{
	/* test_tally's codings, code 0 named "b" and code 1 "a" (so the rows
	 * sort them the other way), as agree -c h,c --rho reads
	 *   d0 1 b b;a / d0 2 - a / d1 3 a -  */
	static const uint32_t pool[] = { 0, 0, 1, 1, 1 };
	static const uint32_t off[] = { 0, 1, 3, 3, 4, 5 };
	static const uint32_t cnt[] = { 1, 2, 0, 1, 1, 0 };
	static const uint32_t first[] = { 0, 0, AG_MISSING, 1, 1, AG_MISSING };
	static const uint32_t doc[] = { 0, 0, 1 };
	static const ag_name names[] = { { "b", 1 }, { "a", 1 } };
	static char *coder[] = { "h", "c" };
	static const char *const want[] = {
		"a\t3\t1\t2\t0\t0.000000\t-0.800000\t-1.000000\t-0.666667\t0.000000\t0.000000\t0.000000\t1.000000",
		"b\t3\t1\t1\t1\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t0.516250",
		"(all)\t6\t2\t3\t1\t0.500000\t0.000000\t0.000000\t0.057143\t0.333333\t0.500000\t0.400000\t",
		"(mean)\t3\t\t\t\t0.500000\t0.100000\t0.000000\t0.166667\t0.500000\t0.500000\t0.500000\t",
		"(first)\t3\t2\t2\t1\t0.333333\t0.000000\t0.000000\t0.166667\t0.500000\t0.500000\t0.500000\t",
		"(coded)\t4\t2\t3\t1\t0.250000\t-0.500000\t\t\t0.333333\t0.500000\t0.400000\t",
		"(documents)\t4\t2\t2\t1\t0.500000\t0.000000\t0.000000\t0.125000\t0.500000\t0.500000\t0.500000\t",
	};
	ag_rho_params p = { 0.65, 0.40, 0.6, 1.0, 10000, 800 };
	ag_code_input in = { { 3, 2, 2, 2, off, cnt, pool, doc }, first, names, coder, &p, 1 };
	ag_rows rows;
	ag_code_rows(&in, &rows);
	T_OK(rows.n == 7, "code rows: two codes and five summaries");
	for (size_t i = 0; i < rows.n && i < 7; i++)
		T_STR(row_line(&rows.row[i], coder, false, true), want[i], want[i]);
	ag_rows_free(&rows);

	/* Seeded from the seed, the code's path and the coder's name: as
	 * agree -c h,e --rho and agree -c h,c --rho --seed 2 give them. */
	static char *other[] = { "h", "e" };
	in.coder = other;
	ag_code_rows(&in, &rows);
	T_STR(fmt(rows.row[1].rho), "0.536250", "code rows: another coder's name, another rho");
	ag_rows_free(&rows);
	in.coder = coder;
	in.seed = 2;
	ag_code_rows(&in, &rows);
	T_STR(fmt(rows.row[1].rho), "0.543750", "code rows: another seed, another rho");
	ag_rows_free(&rows);
	in.rho = NULL;
	ag_code_rows(&in, &rows);
	T_OK(rows.n == 7 && !rows.row[1].rho.ok, "code rows: no rho asked, none given");
	ag_rows_free(&rows);
}

static void
test_code_rows_three(void)
{
	/* The same with a third coder t: b / a / a. */
	static const uint32_t pool[] = { 0, 0, 1, 0, 1, 1, 1, 1 };
	static const uint32_t off[] = { 0, 1, 3, 4, 4, 5, 6, 7, 7 };
	static const uint32_t cnt[] = { 1, 2, 1, 0, 1, 1, 1, 0, 1 };
	static const uint32_t first[] = { 0, 0, 0, AG_MISSING, 1, 1, 1, AG_MISSING, 1 };
	static const uint32_t doc[] = { 0, 0, 1 };
	static const ag_name names[] = { { "b", 1 }, { "a", 1 } };
	static char *coder[] = { "h", "c", "t" };
	static const char *const want[] = {
		"a\tc\t3\t1\t2\t0\t0.000000\t-0.800000\t-1.000000\t-0.666667\t0.000000\t0.000000\t0.000000",
		"a\tt\t3\t1\t2\t1\t0.666667\t0.400000\t0.333333\t0.444444\t0.500000\t1.000000\t0.666667",
		"a\t(all)\t3\t\t\t0\t0.000000\t\t\t-0.200000\t\t\t",
		"b\tc\t3\t1\t1\t1\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000",
		"b\tt\t3\t1\t1\t1\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000\t1.000000",
		"b\t(all)\t3\t\t\t1\t1.000000\t\t\t1.000000\t\t\t",
		"(all)\tc\t6\t2\t3\t1\t0.500000\t0.000000\t0.000000\t0.057143\t0.333333\t0.500000\t0.400000",
		"(all)\tt\t6\t2\t3\t2\t0.833333\t0.666667\t0.666667\t0.685714\t0.666667\t1.000000\t0.800000",
		"(all)\t(all)\t6\t\t\t1\t0.500000\t\t\t0.362500\t\t\t",
		"(mean)\tc\t3\t\t\t\t0.500000\t0.100000\t0.000000\t0.166667\t0.500000\t0.500000\t0.500000",
		"(mean)\tt\t3\t\t\t\t0.833333\t0.700000\t0.666667\t0.722222\t0.750000\t1.000000\t0.833333",
		"(mean)\t(all)\t3\t\t\t\t0.500000\t\t\t0.400000\t\t\t",
		"(first)\tc\t3\t2\t2\t1\t0.333333\t0.000000\t0.000000\t0.166667\t0.500000\t0.500000\t0.500000",
		"(first)\tt\t3\t2\t3\t2\t0.666667\t0.500000\t0.500000\t0.545455\t0.666667\t1.000000\t0.800000",
		"(first)\t(all)\t3\t\t\t\t0.333333\t\t\t0.384615\t\t\t",
		"(coded)\tc\t4\t2\t3\t1\t0.250000\t-0.500000\t\t\t0.333333\t0.500000\t0.400000",
		"(coded)\tt\t3\t2\t3\t2\t0.666667\t0.333333\t\t\t0.666667\t1.000000\t0.800000",
		"(documents)\tc\t4\t2\t2\t1\t0.500000\t0.000000\t0.000000\t0.125000\t0.500000\t0.500000\t0.500000",
		"(documents)\tt\t4\t2\t3\t2\t0.750000\t0.500000\t0.500000\t0.533333\t0.666667\t1.000000\t0.800000",
	};
	ag_code_input in = { { 3, 3, 2, 2, off, cnt, pool, doc }, first, names, coder, NULL, 1 };
	ag_rows rows;
	ag_code_rows(&in, &rows);
	T_OK(rows.n == 19, "code rows, three coders: the (all) rows too");
	for (size_t i = 0; i < rows.n && i < 19; i++)
		T_STR(row_line(&rows.row[i], coder, true, false), want[i], want[i]);
	ag_rows_free(&rows);

	/* No units, no documents: the summaries only, without (documents). */
	ag_code_input none = { { 0, 2, 0, 0, NULL, NULL, NULL, NULL }, NULL, NULL, coder, NULL, 1 };
	ag_code_rows(&none, &rows);
	T_OK(rows.n == 4, "code rows of nothing: (all), (mean), (first), (coded)");
	ag_rows_free(&rows);
}

static void
test_value_rows(void)
{
	/* agree --values -c a,b --level nominal,ordinal,interval,ratio of
	 *   1 1.0 / 2 2 / 3 1 / - 2 / 2 3: "1" and "1.0" are one number. */
	static const ag_value vals[] = {
		{ "1", 1, 1, true }, { "1.0", 3, 1, true }, { "2", 1, 2, true }, { "3", 1, 3, true },
	};
	static const uint32_t v[] = { 0, 1, 2, 2, 3, 0, AG_MISSING, 2, 2, 3 };
	static const bool all[] = { true, true, true, true };
	static const char *const want[] = {
		"nominal 4 8 0.250000 0.000000 0.086957", "ordinal 4 8 0.500000  0.148333",
		"interval 4 8 0.500000  0.102564", "ratio 4 8 0.500000  0.259124",
	};
	ag_value_row out[4];
	size_t n = ag_value_rows(vals, 4, v, 5, 2, all, out);
	T_OK(n == 4, "value rows: one a level");
	for (size_t i = 0; i < n; i++) {
		char b[256], f[3][AG_FMT_MAX];
		ag_format(out[i].agreement, f[0]);
		ag_format(out[i].kappa, f[1]);
		ag_format(out[i].alpha, f[2]);
		snprintf(b, sizeof b, "%s %llu %llu %s %s %s",
		         (const char *[]){ "nominal", "ordinal", "interval", "ratio" }[out[i].level],
		         (unsigned long long)out[i].units, (unsigned long long)out[i].values,
		         f[0], f[1], f[2]);
		T_STR(b, want[i], want[i]);
	}
	static const bool ordinal[] = { false, true, false, false };
	T_OK(ag_value_rows(vals, 4, v, 5, 2, ordinal, out) == 1 && out[0].level == AG_ORDINAL,
	     "value rows: only the levels asked for");
	/* Not all numbers: every value its own rank, numbers first. */
	static const ag_value words[] = {
		{ "b", 1, 0, false }, { "1", 1, 1, true }, { "a", 1, 0, false },
	};
	static const uint32_t w[] = { 0, 0, 1, 2, 2, 2 };
	T_OK(ag_value_rows(words, 3, w, 3, 2, ordinal, out) == 1 && out[0].units == 3,
	     "value rows: ordinal of words");
	T_STR(fmt(out[0].agreement), "0.666667", "value rows: ordinal of words, agreement");
}

int
main(void)
{
	test_alpha();
	test_alpha_info();
	test_tables();
	test_kappa_nominal();
	test_tally();
	test_format();
	test_rng();
	test_rho();
	test_parse_number();
	test_code_rows();
	test_code_rows_three();
	test_value_rows();
	return t_done();
}
