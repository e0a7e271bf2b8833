/* agree.c: the statistics of intercoder agreement (see agree.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "codepath.h"
#include "map.h"
#include "xalloc.h"

#define LIT(s) s, sizeof s - 1

static ag_num
num(double v)
{
	/* A figure that came out NaN or infinite is undefined, whatever
	 * produced it: nothing here may print one. */
	if (!isfinite(v))
		return AG_NONE;
	return (ag_num){ v, true };
}

static ag_num
ratio(double a, double b)
{
	return b == 0 ? AG_NONE : num(a / b);
}

ag_num
ag_agreement(const ag_table *t)
{
	return ratio((double)(t->n11 + t->n00), (double)ag_units(t));
}

ag_num
ag_kappa(const ag_table *t)
{
	/* 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)), Cohen's kappa of a 2x2
	 * table in counts: its denominator is n^2 (1 - pe), 0 exactly when
	 * the chance agreement is 1. */
	double a = (double)t->n11, b = (double)t->n10, c = (double)t->n01, d = (double)t->n00;
	return ratio(2 * (a * d - b * c), (a + b) * (b + d) + (a + c) * (c + d));
}

ag_num
ag_pabak(const ag_table *t)
{
	ag_num po = ag_agreement(t);
	return po.ok ? num(2 * po.v - 1) : AG_NONE;
}

ag_num
ag_alpha_table(const ag_table *t)
{
	return ag_alpha_binary(ag_units(t), 2, 2 * t->n11 + t->n10 + t->n01, t->n10 + t->n01);
}

ag_num
ag_precision(const ag_table *t)
{
	return ratio((double)t->n11, (double)(t->n11 + t->n01));
}

ag_num
ag_recall(const ag_table *t)
{
	return ratio((double)t->n11, (double)(t->n11 + t->n10));
}

ag_num
ag_f1(const ag_table *t)
{
	return ratio(2.0 * (double)t->n11, (double)(2 * t->n11 + t->n10 + t->n01));
}

ag_num
ag_bp_kappa(ag_num po, uint64_t k)
{
	if (!po.ok || k < 2)
		return AG_NONE;
	double pc = 1.0 / (double)k;
	return num((po.v - pc) / (1 - pc));
}

ag_num
ag_alpha_binary(uint64_t units, uint64_t m, uint64_t ones, uint64_t disagree)
{
	/* The coincidence matrix of a binary variable with no missing
	 * values: o01 = o10 = sum c0 c1 / (m - 1) over the units, and
	 * alpha = 1 - (n - 1) o01 / (n0 n1) with n = units * m values. */
	if (m < 2)
		return AG_NONE;
	double n = (double)units * (double)m;
	double n1 = (double)ones, n0 = n - n1;
	double o01 = (double)disagree / (double)(m - 1);
	if (n0 * n1 == 0)
		return AG_NONE;
	return num(1 - (n - 1) * o01 / (n0 * n1));
}

ag_num
ag_kappa_nominal(const uint32_t *a, const uint32_t *b, size_t n, size_t ncat,
                 uint64_t *units, ag_num *po, uint64_t *used)
{
	uint64_t *ma = xcalloc(ncat + 1, sizeof *ma);
	uint64_t *mb = xcalloc(ncat + 1, sizeof *mb);
	uint64_t both = 0, same = 0, k = 0;

	for (size_t i = 0; i < n; i++) {
		if (a[i] == AG_MISSING || b[i] == AG_MISSING)
			continue;
		both++;
		ma[a[i]]++;
		mb[b[i]]++;
		same += a[i] == b[i];
	}
	/* pe = sum_c pa(c) pb(c); kappa = (po - pe) / (1 - pe), here in
	 * counts: (n same - sum ma mb) / (n^2 - sum ma mb). */
	double nn = (double)both, chance = 0;
	for (size_t c = 0; c < ncat; c++) {
		chance += (double)ma[c] * (double)mb[c];
		k += ma[c] || mb[c];
	}
	free(ma);
	free(mb);
	if (units)
		*units = both;
	if (po)
		*po = ratio((double)same, nn);
	if (used)
		*used = k;
	return ratio(nn * (double)same - chance, nn * nn - chance);
}

/* --- tallies of codings ------------------------------------------------ */

void
ag_tally_init(ag_tally *t, size_t m)
{
	memset(t, 0, sizeof *t);
	t->t = xcalloc(m + 1, sizeof *t->t);
}

void
ag_tally_free(ag_tally *t)
{
	free(t->t);
	t->t = NULL;
}

void
ag_tally_add(ag_tally *a, const ag_tally *b, size_t m)
{
	for (size_t c = 1; c < m; c++) {
		a->t[c].n11 += b->t[c].n11;
		a->t[c].n10 += b->t[c].n10;
		a->t[c].n01 += b->t[c].n01;
	}
	a->ones += b->ones;
	a->disagree += b->disagree;
	a->unanimous += b->unanimous;
	a->any += b->any;
}

void
ag_tally_close(ag_tally *t, size_t m, uint64_t units)
{
	t->units = units;
	for (size_t c = 1; c < m; c++)
		t->t[c].n00 = units - t->t[c].n11 - t->t[c].n10 - t->t[c].n01;
}

/* One decision: the coders in pres[] gave the code. */
static void
count(ag_tally *t, size_t m, const bool *pres)
{
	uint64_t ones = 0;
	for (size_t c = 0; c < m; c++)
		ones += pres[c];
	for (size_t c = 1; c < m; c++) {
		if (pres[0] && pres[c])
			t->t[c].n11++;
		else if (pres[0])
			t->t[c].n10++;
		else if (pres[c])
			t->t[c].n01++;
	}
	t->ones += ones;
	t->disagree += ones * (m - ones);
	t->unanimous += ones == m;
	t->any += ones > 0;
}

typedef struct {
	uint32_t code, coder;
} entry;

static int
cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return x->coder < y->coder ? -1 : x->coder > y->coder;
}

/* The doc x code cells some coder coded: a map from the pair to the
 * cell, and per cell which coders coded it. */
typedef struct {
	qp_map *map;
	bool *pres;             /* [ncells * m] */
	size_t n, cap, m;
} cells;

static void
cell_mark(cells *cl, uint32_t doc, uint32_t code, const bool *pres)
{
	uint32_t key[2] = { doc, code };
	bool created;
	qp_entry *e = qp_map_put(cl->map, (const char *)key, sizeof key, &created);
	if (created) {
		if (cl->n == cl->cap) {
			cl->cap = cl->cap ? 2 * cl->cap : 256;
			cl->pres = xreallocarray(cl->pres, cl->cap * cl->m, sizeof *cl->pres);
		}
		memset(cl->pres + cl->n * cl->m, 0, cl->m * sizeof *cl->pres);
		e->val = (void *)(uintptr_t)(++cl->n);
	}
	bool *cp = cl->pres + ((uintptr_t)e->val - 1) * cl->m;
	for (size_t c = 0; c < cl->m; c++)
		cp[c] |= pres[c];
}

void
ag_tally_coding(const ag_coding *cd, ag_tally *codes, ag_tally *docs)
{
	size_t m = cd->m;
	entry *ent = NULL;
	size_t cap = 0;
	bool *pres = xcalloc(m + 1, sizeof *pres);
	cells cl = { docs ? qp_map_new() : NULL, NULL, 0, 0, m };

	for (size_t k = 0; k < cd->ncodes; k++)
		ag_tally_init(&codes[k], m);
	/* Per unit, the (code, coder) pairs sorted by code: each run is one
	 * decision, and only codes some coder gave are visited. */
	for (size_t u = 0; u < cd->nunits; u++) {
		size_t n = 0;
		for (size_t c = 0; c < m; c++)
			n += cd->cnt[u * m + c];
		if (n == 0)
			continue;
		if (n > cap) {
			cap = 2 * n;
			ent = xreallocarray(ent, cap, sizeof *ent);
		}
		n = 0;
		for (size_t c = 0; c < m; c++) {
			size_t slot = u * m + c;
			for (uint32_t i = 0; i < cd->cnt[slot]; i++)
				ent[n++] = (entry){ cd->pool[cd->off[slot] + i], (uint32_t)c };
		}
		qsort(ent, n, sizeof *ent, cmp_entry);
		for (size_t i = 0; i < n;) {
			size_t j = i;
			memset(pres, 0, m * sizeof *pres);
			for (; j < n && ent[j].code == ent[i].code; j++)
				pres[ent[j].coder] = true;
			count(&codes[ent[i].code], m, pres);
			if (cl.map && cd->doc && cd->doc[u] != AG_MISSING)
				cell_mark(&cl, cd->doc[u], ent[i].code, pres);
			i = j;
		}
	}
	for (size_t k = 0; k < cd->ncodes; k++)
		ag_tally_close(&codes[k], m, cd->nunits);
	if (docs) {
		ag_tally_init(docs, m);
		for (size_t i = 0; i < cl.n; i++)
			count(docs, m, cl.pres + i * m);
		ag_tally_close(docs, m, (uint64_t)cd->ndocs * cd->ncodes);
	}
	qp_map_free(cl.map);
	free(cl.pres);
	free(pres);
	free(ent);
}

ag_num
ag_tally_agreement(const ag_tally *t)
{
	return ratio((double)(t->unanimous + t->units - t->any), (double)t->units);
}

ag_num
ag_tally_alpha(const ag_tally *t, size_t m)
{
	return ag_alpha_binary(t->units, m, t->ones, t->disagree);
}

/* --- Krippendorff's alpha ---------------------------------------------- */

typedef struct {
	ag_level level;
	const double *num;
	const double *nc;       /* n_c: how often category c was pairable */
	const double *cum;      /* cum[c] = n_0 + ... + n_(c-1), for ordinal */
} metric;

/* The squared difference of categories c and k under the level's
 * metric (Krippendorff 2011, section E). */
static double
delta2(const metric *d, uint32_t c, uint32_t k)
{
	if (c == k)
		return 0;
	switch (d->level) {
	case AG_NOMINAL:
		return 1;
	case AG_ORDINAL: {
		uint32_t lo = c < k ? c : k, hi = c < k ? k : c;
		double s = d->cum[hi + 1] - d->cum[lo] - (d->nc[lo] + d->nc[hi]) / 2;
		return s * s;
	}
	case AG_INTERVAL: {
		double s = d->num[c] - d->num[k];
		return s * s;
	}
	case AG_RATIO: {
		double sum = d->num[c] + d->num[k];
		double s = sum == 0 ? 0 : (d->num[c] - d->num[k]) / sum;
		return s * s;
	}
	}
	return 0;
}

ag_num
ag_alpha(const uint32_t *v, size_t nunits, size_t m, size_t ncat,
         const double *numv, ag_level level, ag_alpha_info *info)
{
	double *nc = xcalloc(ncat + 1, sizeof *nc);
	double *cum = xcalloc(ncat + 2, sizeof *cum);
	uint32_t *vals = xcalloc(m + 1, sizeof *vals);
	uint64_t units = 0, values = 0;
	double match = 0, pairs = 0;
	metric d = { level, numv, nc, cum };

	for (size_t u = 0; u < nunits; u++) {
		size_t mu = 0;
		for (size_t c = 0; c < m; c++)
			mu += v[u * m + c] != AG_MISSING;
		if (mu < 2)
			continue;
		units++;
		values += mu;
		for (size_t c = 0; c < m; c++)
			if (v[u * m + c] != AG_MISSING)
				nc[v[u * m + c]]++;
	}
	for (size_t c = 0; c < ncat; c++)
		cum[c + 1] = cum[c] + nc[c];

	/* Observed: sum over units of sum_{i != j} delta2 / (m_u - 1), the
	 * coincidences o_ck weighted by their differences. */
	double dobs = 0;
	for (size_t u = 0; u < nunits; u++) {
		size_t mu = 0;
		for (size_t c = 0; c < m; c++)
			if (v[u * m + c] != AG_MISSING)
				vals[mu++] = v[u * m + c];
		if (mu < 2)
			continue;
		double s = 0, same = 0;
		for (size_t i = 0; i < mu; i++)
			for (size_t j = i + 1; j < mu; j++) {
				s += delta2(&d, vals[i], vals[j]);
				same += vals[i] == vals[j];
			}
		dobs += 2 * s / (double)(mu - 1);
		match += 2 * same / (double)(mu - 1);
		pairs += (double)mu;
	}

	/* Expected: sum_{c,k} n_c n_k delta2_ck. */
	double n = (double)values, dexp = 0;
	if (level == AG_NOMINAL) {
		double sq = 0;
		for (size_t c = 0; c < ncat; c++)
			sq += nc[c] * nc[c];
		dexp = n * n - sq;
	} else if (level == AG_INTERVAL) {
		/* 2 n sum_c n_c (x_c - mean)^2: the same sum, without the
		 * cancellation of n sum n x^2 - (sum n x)^2. */
		double mean = 0;
		for (size_t c = 0; c < ncat; c++)
			mean += nc[c] * numv[c];
		mean = n > 0 ? mean / n : 0;
		for (size_t c = 0; c < ncat; c++)
			dexp += nc[c] * (numv[c] - mean) * (numv[c] - mean);
		dexp *= 2 * n;
	} else {
		for (size_t c = 0; c < ncat; c++) {
			if (nc[c] == 0)
				continue;
			for (size_t k = c + 1; k < ncat; k++)
				if (nc[k] > 0)
					dexp += 2 * nc[c] * nc[k] * delta2(&d, (uint32_t)c, (uint32_t)k);
		}
	}
	free(nc);
	free(cum);
	free(vals);
	if (info) {
		info->units = units;
		info->values = values;
		info->agreement = ratio(match, pairs);
	}
	if (values < 2 || dexp <= 0)
		return AG_NONE;
	return num(1 - (n - 1) * dobs / dexp);
}

/* --- Shaffer's rho ------------------------------------------------------- */

/* R's round() of the quantities rhoR rounds; half up here, which only
 * matters on exact halves. */
static uint64_t
round_u(double x)
{
	return x <= 0 ? 0 : (uint64_t)floor(x + 0.5);
}

/* The least precision that, with base rate br and kappa k, makes a valid
 * 2x2 table (rhoR's checkBRPKcombo): precision must exceed it. */
static double
precision_floor(double br, double k)
{
	return (2 * br * k - 2 * br - k) / (k - 2);
}

ag_num
ag_rho(double kappa, uint64_t n, uint64_t pos, const ag_rho_params *p, qp_rng *rng)
{
	if (n == 0 || p->replicates == 0)
		return AG_NONE;
	double br = (double)pos / (double)n;
	uint64_t len = p->set_length > n ? p->set_length : n;
	uint64_t gold1 = round_u(br * (double)len);
	if (gold1 < 1)
		gold1 = 1;
	if (gold1 > len)
		gold1 = len;
	uint64_t gold0 = len - gold1;

	/* The kappas simulated are uniform on [kappa_min, threshold); a kappa
	 * for which no precision up to precision_max makes a valid table is
	 * drawn again, so the draw is uniform on the part that has one.  The
	 * precision floor grows with kappa, so that part is [kappa_min, khi). */
	double klo = p->kappa_min, khi = p->threshold;
	double pmax = p->precision_max;
	if (precision_floor(br, klo) >= pmax)
		return AG_NONE;
	if (precision_floor(br, khi) >= pmax)
		khi = 2 * (pmax - br) / (1 - 2 * br + pmax);
	if (!(khi > klo))
		return AG_NONE;

	double *dist = xcalloc(p->replicates, sizeof *dist);
	double mean = 0;
	for (uint64_t r = 0; r < p->replicates; r++) {
		double k = klo + qp_rng_unit(rng) * (khi - klo);
		double prec = p->precision_min +
		              qp_rng_unit(rng) * (pmax - p->precision_min);
		double pf = precision_floor(br, k);
		if (!(prec > pf)) {
			/* rhoR draws the precision again from the valid part. */
			double lo = pf > p->precision_min ? pf : p->precision_min;
			prec = lo + (1 - qp_rng_unit(rng)) * (pmax - lo);
		}
		double recall = k * prec / (2 * prec - 2 * br - k + 2 * br * k);
		uint64_t tp = round_u((double)gold1 * recall);
		if (tp < 1)
			tp = 1;
		if (tp > gold1)
			tp = gold1;
		uint64_t fp = round_u((double)tp * (1 - prec) / prec);
		if (fp < 1)
			fp = 1;
		if (fp > gold0)
			fp = gold0;
		/* The full set's four cells, then a sample of n of its len
		 * units without replacement, drawn one unit at a time. */
		uint64_t cell[4] = { tp, gold1 - tp, fp, gold0 - fp };
		uint64_t got[4] = { 0, 0, 0, 0 };
		if (n >= len) {
			memcpy(got, cell, sizeof got);
		} else {
			uint64_t left = len;
			for (uint64_t i = 0; i < n; i++) {
				uint64_t x = qp_rng_below(rng, left);
				int c = 0;
				while (x >= cell[c]) {
					x -= cell[c];
					c++;
				}
				cell[c]--;
				got[c]++;
				left--;
			}
		}
		ag_table t = { got[0], got[1], got[2], got[3] };
		ag_num sk = ag_kappa(&t);
		/* rhoR counts a sample on which the coders agree on every unit
		 * (the only case without a kappa) as kappa 1. */
		dist[r] = sk.ok ? sk.v : 1;
		mean += dist[r];
	}
	mean /= (double)p->replicates;
	uint64_t above = 0;
	for (uint64_t r = 0; r < p->replicates; r++)
		above += dist[r] >= kappa;
	free(dist);
	if (kappa < mean)
		return num(1);
	return num((double)above / (double)p->replicates);
}

size_t
ag_format(ag_num x, char *buf)
{
	if (!x.ok || !isfinite(x.v) || fabs(x.v) > 1e12) {
		buf[0] = '\0';
		return 0;
	}
	double s = x.v * 1e6;
	bool neg = s < 0;
	uint64_t q = (uint64_t)floor(fabs(s) + 0.5);
	if (q == 0)
		neg = false;
	return (size_t)snprintf(buf, AG_FMT_MAX, "%s%llu.%06llu", neg ? "-" : "",
	                        (unsigned long long)(q / 1000000),
	                        (unsigned long long)(q % 1000000));
}

/* --- agree's tables ------------------------------------------------------ */

static ag_row *
new_row(ag_rows *r, const char *code, size_t len, size_t coder)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->row = xreallocarray(r->row, r->cap, sizeof *r->row);
	}
	ag_row *w = &r->row[r->n++];
	*w = (ag_row){ code, len, coder, AG_NOCOUNT, AG_NOCOUNT, AG_NOCOUNT, AG_NOCOUNT,
	               { AG_NONE, AG_NONE, AG_NONE, AG_NONE, AG_NONE, AG_NONE, AG_NONE },
	               AG_NONE };
	return w;
}

static void
figures(const ag_table *t, ag_num *fig)
{
	fig[AG_F_AGREEMENT] = ag_agreement(t);
	fig[AG_F_KAPPA] = ag_kappa(t);
	fig[AG_F_PABAK] = ag_pabak(t);
	fig[AG_F_ALPHA] = ag_alpha_table(t);
	fig[AG_F_PRECISION] = ag_precision(t);
	fig[AG_F_RECALL] = ag_recall(t);
	fig[AG_F_F1] = ag_f1(t);
}

/* The row of the 2x2 table t of coder c against the reference. */
static ag_row *
pair_row(ag_rows *r, const char *code, size_t len, size_t c, const ag_table *t)
{
	ag_row *w = new_row(r, code, len, c);
	figures(t, w->fig);
	w->units = ag_units(t);
	w->apos = t->n11 + t->n10;
	w->bpos = t->n11 + t->n01;
	w->both = t->n11;
	return w;
}

/* With three coders or more: the row of every coder together. */
static ag_row *
all_row(ag_rows *r, const char *code, size_t len, const ag_tally *t, size_t m)
{
	ag_row *w = new_row(r, code, len, 0);
	w->units = t->units;
	w->both = t->unanimous;
	w->fig[AG_F_AGREEMENT] = ag_tally_agreement(t);
	w->fig[AG_F_ALPHA] = ag_tally_alpha(t, m);
	return w;
}

/* FNV-1a, to give every row's simulation a stream of its own.  The
 * trailing step parts the code from the coder, and the bytes are
 * agree --rho's output: changing the hash changes every rho. */
static uint64_t
fnv(uint64_t h, const char *p, size_t n)
{
	return QP_FNV_STEP(qp_fnv1a(h, p, n), 0xff);
}

static ag_num
rho_of(const ag_code_input *in, const ag_name *k, size_t c, const ag_table *t)
{
	if (!in->rho)
		return AG_NONE;
	ag_num kappa = ag_kappa(t);
	if (!kappa.ok)
		return AG_NONE;
	uint64_t h = fnv(QP_FNV_INIT, k->s, k->len);
	h = fnv(h, in->coder[c], strlen(in->coder[c]));
	qp_rng rng;
	qp_rng_seed(&rng, in->seed ^ h);
	return ag_rho(kappa.v, ag_units(t), t->n11 + t->n10, in->rho, &rng);
}

static int
cmp_name(const void *a, const void *b)
{
	const ag_name *x = *(const ag_name *const *)a, *y = *(const ag_name *const *)b;
	return code_cmp(x->s, x->len, y->s, y->len);
}

/* Sum of the figures of the code rows, for (mean). */
typedef struct {
	double sum[AG_NFIG];
	uint64_t n[AG_NFIG];
} means;

static void
add_means(means *mn, const ag_num *fig)
{
	for (int i = 0; i < AG_NFIG; i++)
		if (fig[i].ok) {
			mn->sum[i] += fig[i].v;
			mn->n[i]++;
		}
}

static void
mean_row(ag_rows *r, size_t c, uint64_t units, const means *mn)
{
	ag_row *w = new_row(r, LIT("(mean)"), c);
	w->units = units;
	for (int i = 0; i < AG_NFIG; i++)
		if (mn->n[i])
			w->fig[i] = (ag_num){ mn->sum[i] / (double)mn->n[i], true };
}

/* (first): the first code of each unit, "no code" a category of its own. */
static void
first_rows(const ag_code_input *in, ag_rows *r)
{
	size_t m = in->cd.m, n = in->cd.nunits, ncodes = in->cd.ncodes, ncat = ncodes + 1;
	uint32_t *a = xcalloc(n + 1, sizeof *a), *b = xcalloc(n + 1, sizeof *b);
	uint32_t *pair = xcalloc(2 * n + 1, sizeof *pair);
	uint32_t *all = xcalloc(m * n + 1, sizeof *all);

	for (size_t i = 0; i < m * n; i++)
		all[i] = in->first[i] == AG_MISSING ? (uint32_t)ncodes : in->first[i];
	for (size_t u = 0; u < n; u++)
		a[u] = all[u * m];
	for (size_t c = 1; c < m; c++) {
		ag_table t = { 0, 0, 0, 0 };
		for (size_t u = 0; u < n; u++) {
			b[u] = all[u * m + c];
			pair[2 * u] = a[u];
			pair[2 * u + 1] = b[u];
			bool ca = a[u] != ncodes, cb = b[u] != ncodes;
			bool same = ca && cb && a[u] == b[u];
			t.n11 += same;
			t.n10 += ca && !same;
			t.n01 += cb && !same;
		}
		ag_row *w = new_row(r, LIT("(first)"), c);
		ag_num po;
		uint64_t used;
		w->units = n;
		w->apos = t.n11 + t.n10;
		w->bpos = t.n11 + t.n01;
		w->both = t.n11;
		w->fig[AG_F_KAPPA] = ag_kappa_nominal(a, b, n, ncat, NULL, &po, &used);
		w->fig[AG_F_AGREEMENT] = po;
		w->fig[AG_F_PABAK] = ag_bp_kappa(po, used);
		w->fig[AG_F_ALPHA] = ag_alpha(pair, n, 2, ncat, NULL, AG_NOMINAL, NULL);
		w->fig[AG_F_PRECISION] = ag_precision(&t);
		w->fig[AG_F_RECALL] = ag_recall(&t);
		w->fig[AG_F_F1] = ag_f1(&t);
	}
	if (m > 2) {
		ag_row *w = new_row(r, LIT("(first)"), 0);
		uint64_t same = 0;
		for (size_t u = 0; u < n; u++) {
			bool eq = true;
			for (size_t c = 1; c < m; c++)
				eq &= all[u * m + c] == all[u * m];
			same += eq;
		}
		w->units = n;
		if (n)
			w->fig[AG_F_AGREEMENT] = (ag_num){ (double)same / (double)n, true };
		w->fig[AG_F_ALPHA] = ag_alpha(all, n, m, ncat, NULL, AG_NOMINAL, NULL);
	}
	free(a);
	free(b);
	free(pair);
	free(all);
}

void
ag_code_rows(const ag_code_input *in, ag_rows *r)
{
	const ag_coding *cd = &in->cd;
	size_t m = cd->m, ncodes = cd->ncodes;
	ag_tally *codes = xcalloc(ncodes + 1, sizeof *codes), docs, pooled;
	bool has_docs = cd->ndocs > 0;

	*r = (ag_rows){ NULL, 0, 0 };
	ag_tally_coding(cd, codes, has_docs ? &docs : NULL);
	const ag_name **order = xcalloc(ncodes + 1, sizeof *order);
	for (size_t k = 0; k < ncodes; k++)
		order[k] = &in->code[k];
	qsort(order, ncodes, sizeof *order, cmp_name);

	means *mn = xcalloc(m + 1, sizeof *mn);         /* [c]; [0]: every coder */
	uint64_t *used = xcalloc(m + 1, sizeof *used);  /* codes each pair used */
	ag_tally_init(&pooled, m);
	for (size_t i = 0; i < ncodes; i++) {
		const ag_name *k = order[i];
		const ag_tally *t = &codes[k - in->code];
		for (size_t c = 1; c < m; c++) {
			ag_row *w = pair_row(r, k->s, k->len, c, &t->t[c]);
			add_means(&mn[c], w->fig);
			w->rho = rho_of(in, k, c, &t->t[c]);
			used[c] += t->t[c].n11 + t->t[c].n10 + t->t[c].n01 > 0;
		}
		if (m > 2)
			add_means(&mn[0], all_row(r, k->s, k->len, t, m)->fig);
		ag_tally_add(&pooled, t, m);
	}
	ag_tally_close(&pooled, m, (uint64_t)cd->nunits * ncodes);

	/* (all): every code x unit decision pooled. */
	for (size_t c = 1; c < m; c++)
		pair_row(r, LIT("(all)"), c, &pooled.t[c]);
	if (m > 2)
		all_row(r, LIT("(all)"), &pooled, m);
	/* (mean): the mean of each figure over the code rows that have it. */
	for (size_t c = 1; c < m; c++)
		mean_row(r, c, cd->nunits, &mn[c]);
	if (m > 2)
		mean_row(r, 0, cd->nunits, &mn[0]);
	first_rows(in, r);
	/* (coded): MAXQDA's segment comparison, the decisions some coder
	 * made, with Brennan and Prediger's kappa over the codes used. */
	for (size_t c = 1; c < m; c++) {
		const ag_table *t = &pooled.t[c];
		ag_table coded = { t->n11, t->n10, t->n01, 0 };
		ag_row *w = pair_row(r, LIT("(coded)"), c, &coded);
		w->fig[AG_F_KAPPA] = ag_bp_kappa(w->fig[AG_F_AGREEMENT], used[c]);
		w->fig[AG_F_PABAK] = w->fig[AG_F_ALPHA] = AG_NONE;
	}
	/* (documents): MAXQDA's code existence per document. */
	if (has_docs)
		for (size_t c = 1; c < m; c++)
			pair_row(r, LIT("(documents)"), c, &docs.t[c]);

	for (size_t k = 0; k < ncodes; k++)
		ag_tally_free(&codes[k]);
	free(codes);
	if (has_docs)
		ag_tally_free(&docs);
	ag_tally_free(&pooled);
	free(mn);
	free(used);
	free(order);
}

void
ag_rows_free(ag_rows *r)
{
	free(r->row);
	*r = (ag_rows){ NULL, 0, 0 };
}

/* Numbers first, in numeric order, then the rest bytewise; distinct
 * values never compare equal. */
static int
cmp_value(const void *a, const void *b)
{
	const ag_value *x = *(const ag_value *const *)a, *y = *(const ag_value *const *)b;
	if (x->is_num && y->is_num && x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->is_num != y->is_num)
		return x->is_num ? -1 : 1;
	size_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->s, y->s, n);
	return d ? d : (x->len > y->len) - (x->len < y->len);
}

size_t
ag_value_rows(const ag_value *vals, size_t nv, const uint32_t *v, size_t n, size_t m,
              const bool *level, ag_value_row *out)
{
	bool numeric = true;
	for (size_t i = 0; i < nv; i++)
		numeric &= vals[i].is_num;

	/* Nominal categories are the values as written; the others rank
	 * them, merging values that are the same number ("1", "1.0"). */
	const ag_value **order = xcalloc(nv + 1, sizeof *order);
	uint32_t *rank = xcalloc(nv + 1, sizeof *rank);
	double *num = xcalloc(nv + 1, sizeof *num);
	size_t nrank = 0;
	for (size_t i = 0; i < nv; i++)
		order[i] = &vals[i];
	qsort(order, nv, sizeof *order, cmp_value);
	for (size_t i = 0; i < nv; i++) {
		if (i == 0 || (numeric ? order[i]->num != num[nrank - 1]
		                       : cmp_value(&order[i - 1], &order[i]) != 0))
			num[nrank++] = order[i]->num;
		rank[order[i] - vals] = (uint32_t)(nrank - 1);
	}
	uint32_t *ord = xcalloc(n * m + 1, sizeof *ord);
	for (size_t i = 0; i < n * m; i++)
		ord[i] = v[i] == AG_MISSING ? AG_MISSING : rank[v[i]];

	size_t nrows = 0;
	for (int l = AG_NOMINAL; l <= AG_RATIO; l++) {
		if (!level[l])
			continue;
		ag_value_row *w = &out[nrows++];
		ag_alpha_info info;
		w->level = (ag_level)l;
		w->alpha = l == AG_NOMINAL ? ag_alpha(v, n, m, nv, NULL, AG_NOMINAL, &info)
		                           : ag_alpha(ord, n, m, nrank, num, (ag_level)l, &info);
		w->units = info.units;
		w->values = info.values;
		w->agreement = info.agreement;
		w->kappa = AG_NONE;
		if (l == AG_NOMINAL && m == 2) {
			uint32_t *a = xcalloc(n + 1, sizeof *a), *b = xcalloc(n + 1, sizeof *b);
			for (size_t u = 0; u < n; u++)
				a[u] = v[2 * u], b[u] = v[2 * u + 1];
			w->kappa = ag_kappa_nominal(a, b, n, nv, NULL, NULL, NULL);
			free(a);
			free(b);
		}
	}
	free(order);
	free(rank);
	free(num);
	free(ord);
	return nrows;
}
