/*
 * fuzz_model: the qualpipe-model(5) reader (qp_model_load), then what
 * match-theme --model does with the model it accepted: features of
 * text, scores (with rule features, when it has them), codes with
 * lib/combine.h, weights as --explain looks them up.  The input is the model file, up to the first form feed,
 * then text, one segment a line.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "combine.h"
#include "fuzz.h"
#include "model.h"
#include "textfeat.h"

static const char sample[] =
	"I never have time, I rush from patient to patient and no time is left; "
	"my mentor was kind. Café, naïve, don't.";

static void
code(const qp_model *m, qp_featx *x, qp_combiner *k, double *p, const char *s, size_t n)
{
	const qp_feat *f;
	size_t nf = qp_feat_text(x, s, n, false, &f);
	qp_model_score(m, f, nf, p);
	for (size_t c = 0; c < qp_model_ncodes(m); c++) {
		if (!(p[c] >= 0 && p[c] <= 1))
			abort();
		for (size_t i = 0; i < nf; i++)
			if (!isfinite(qp_model_weight(m, c, f[i].id)))
				abort();
	}
	/* the rule features of a model trained with a codebook, every rule
	 * hit once, as qp_comb_codes adds them beside a codebook */
	double *rv = xcalloc(qp_model_nrules(m) + 1, sizeof *rv);
	for (size_t i = 0; i < qp_model_nrules(m); i++) {
		rv[i] = qp_rule_value(1);
		if (!qp_model_rule(m, i)[0])
			abort();
		for (size_t c = 0; c < qp_model_ncodes(m); c++)
			if (!isfinite(qp_model_rule_weight(m, c, i)))
				abort();
	}
	double *pr = xcalloc(qp_model_ncodes(m) + 1, sizeof *pr);
	memcpy(pr, p, qp_model_ncodes(m) * sizeof *pr);
	qp_model_add_rules(m, rv, pr);
	for (size_t c = 0; c < qp_model_ncodes(m); c++)
		if (!(pr[c] >= 0 && pr[c] <= 1))
			abort();
	free(rv);
	free(pr);
	const qp_given *g;
	double doubt;
	size_t ng = qp_comb_codes(k, NULL, 0, p, &g, &doubt);
	for (size_t i = 0; i < ng; i++)
		if (!qp_comb_path(k, &g[i])[0] || !(g[i].score >= 0 && g[i].score <= 1))
			abort();
}

static void
run(const char *path, const uint8_t *text, size_t n)
{
	qp_model *m = qp_model_load(path);
	qp_featx *x = qp_feat_new(true);
	qp_combiner *k = qp_comb_new(m, NULL);
	double *p = xcalloc(qp_model_ncodes(m) + 1, sizeof *p);
	code(m, x, k, p, sample, sizeof sample - 1);
	const uint8_t *q = text;
	size_t left = n, len;
	const char *s;
	while (fuzz_line(&q, &left, &s, &len))
		code(m, x, k, p, s, len);
	free(p);
	qp_comb_free(k);
	qp_feat_free(x);
	qp_model_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *ff = memchr(data, '\f', size);
	size_t cut = ff ? (size_t)(ff - data) : size;
	char *path = strdup(fuzz_file("m.model", data, cut));
	const uint8_t *text = ff ? ff + 1 : NULL;
	size_t n = ff ? size - cut - 1 : 0;

	FUZZ_RUN(run(path, text, n));
	free(path);
	return 0;
}
