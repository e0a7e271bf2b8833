/* agree.c: the statistics of intercoder agreement (see agree.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agree.h"
#include "map.h"
#include "xalloc.h"

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
