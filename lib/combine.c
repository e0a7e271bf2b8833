/*
 * combine.c: rules and model together (combine.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "combine.h"
#include "xalloc.h"

struct qp_combiner {
	const qp_model *m;
	const cb_codebook *cb;
	size_t nm, nc;
	uint32_t *c2m;          /* codebook code -> model code, or QP_NONE */
	uint32_t *m2c;          /* model code -> codebook code, or QP_NONE */
	uint32_t *hits;         /* per model code, this segment's rule hits */
	uint32_t *c2r;          /* codebook code -> model rule feature, or QP_NONE */
	double *rv;             /* per rule feature, this segment's value */
	double *p;              /* the model's scores, the rules' terms added */
	qp_given *g;
	size_t ng;
};

qp_combiner *
qp_comb_new(const qp_model *m, const cb_codebook *cb)
{
	qp_combiner *k = xcalloc(1, sizeof *k);
	k->m = m;
	k->cb = cb;
	k->nm = qp_model_ncodes(m);
	k->nc = cb ? cb_ncodes(cb) : 0;
	k->c2m = xcalloc(k->nc + 1, sizeof *k->c2m);
	k->m2c = xcalloc(k->nm + 1, sizeof *k->m2c);
	k->hits = xcalloc(k->nm + 1, sizeof *k->hits);
	k->g = xcalloc(k->nm + k->nc + 1, sizeof *k->g);
	k->c2r = xcalloc(k->nc + 1, sizeof *k->c2r);
	k->rv = xcalloc(qp_model_nrules(m) + 1, sizeof *k->rv);
	k->p = xcalloc(k->nm + 1, sizeof *k->p);
	for (size_t i = 0; i < k->nc; i++) {
		k->c2r[i] = QP_NONE;
		for (size_t j = 0; j < qp_model_nrules(m); j++)
			if (!strcmp(cb_code_path(cb, i), qp_model_rule(m, j)))
				k->c2r[i] = (uint32_t)j;
	}
	for (size_t j = 0; j < k->nm; j++)
		k->m2c[j] = QP_NONE;
	for (size_t i = 0; i < k->nc; i++) {
		k->c2m[i] = QP_NONE;
		for (size_t j = 0; j < k->nm; j++)
			if (!strcmp(cb_code_path(cb, i), qp_model_code(m, j))) {
				k->c2m[i] = (uint32_t)j;
				k->m2c[j] = (uint32_t)i;
			}
	}
	return k;
}

void
qp_comb_free(qp_combiner *k)
{
	if (!k)
		return;
	free(k->c2m);
	free(k->m2c);
	free(k->hits);
	free(k->c2r);
	free(k->rv);
	free(k->p);
	free(k->g);
	free(k);
}

const char *
qp_comb_path(const qp_combiner *k, const qp_given *g)
{
	return g->mcode != QP_NONE ? qp_model_code(k->m, g->mcode) : cb_code_path(k->cb, g->ccode);
}

static double
combined(double p, uint32_t h)
{
	return QP_COMB_WP * p + (1 - QP_COMB_WP) * ((double)h / ((double)h + 1));
}

/* Higher score first; then model codes in model order, then the
 * codebook's others in codebook order. */
static int
before(const qp_given *a, const qp_given *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if ((a->mcode == QP_NONE) != (b->mcode == QP_NONE))
		return a->mcode != QP_NONE;
	if (a->mcode != QP_NONE)
		return a->mcode < b->mcode;
	return a->ccode < b->ccode;
}

void
qp_rule_values(const cb_result *r, size_t nr, double *rv, size_t ncb)
{
	memset(rv, 0, ncb * sizeof *rv);
	for (size_t i = 0; i < nr; i++)
		if (r[i].code < ncb)
			rv[r[i].code] = qp_rule_value(r[i].hits);
}

size_t
qp_comb_codes(qp_combiner *k, const cb_result *r, size_t nr, const double *p0,
              const qp_given **out, double *doubt)
{
	double d = 0;
	k->ng = 0;
	memset(k->hits, 0, k->nm * sizeof *k->hits);
	memcpy(k->p, p0, k->nm * sizeof *k->p);
	double *p = k->p;
	size_t nrules = qp_model_nrules(k->m);
	if (nrules) {
		memset(k->rv, 0, nrules * sizeof *k->rv);
		for (size_t i = 0; i < nr; i++)
			if (k->c2r[r[i].code] != QP_NONE)
				k->rv[k->c2r[r[i].code]] = qp_rule_value(r[i].hits);
		qp_model_add_rules(k->m, k->rv, p);
	}
	for (size_t i = 0; i < nr; i++) {
		uint32_t j = k->c2m[r[i].code];
		if (j != QP_NONE) {
			k->hits[j] = r[i].hits;
			continue;
		}
		/* a code only the codebook has: the rules alone decide */
		k->g[k->ng++] = (qp_given){
			.mcode = QP_NONE, .ccode = r[i].code, .hits = r[i].hits, .p = 0,
			.score = combined(0, r[i].hits), .by_rule = true,
		};
		d = d > 1 ? d : 1;
	}
	for (size_t j = 0; j < k->nm; j++) {
		double t = qp_model_threshold(k->m, j);
		bool rule = k->hits[j] > 0, model, given;
		double sc;
		if (nrules) {
			/* the rules are in p already: the model decides */
			model = given = p[j] >= t;
			sc = p[j];
		} else {
			model = p[j] >= t && (!k->cb || p[j] >= QP_COMB_FLOOR);
			given = rule || model;
			sc = combined(p[j], k->hits[j]);
		}
		double span = t > 1 - t ? t : 1 - t;
		double dj = span > 0 ? 1 - fabs(p[j] - t) / span : 1;
		if (k->cb && rule != model)
			dj += 1;
		if (dj > d)
			d = dj;
		if (!given)
			continue;
		k->g[k->ng++] = (qp_given){
			.mcode = (uint32_t)j, .ccode = k->m2c[j], .hits = k->hits[j], .p = p[j],
			.score = sc, .by_rule = rule && given, .by_model = model,
		};
	}
	/* few codes: insertion sort */
	for (size_t i = 1; i < k->ng; i++)
		for (size_t j = i; j > 0 && before(&k->g[j], &k->g[j - 1]); j--) {
			qp_given t = k->g[j];
			k->g[j] = k->g[j - 1];
			k->g[j - 1] = t;
		}
	*out = k->g;
	*doubt = d;
	return k->ng;
}
