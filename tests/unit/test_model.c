/*
 * test_model: lib/model.h trains a model that separates what it was
 * shown, writes it deterministically, reads back what it wrote, and
 * scores from the file as it scored in memory; with rules as features
 * too.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "output.h"
#include "qp.h"
#include "t.h"

static const struct {
	const char *text, *code;
} segs[] = {
	{ "no time at all, always rushing", "time" },
	{ "I rush from one patient to the next", "time" },
	{ "there is never enough time", "time" },
	{ "the schedule is packed, no time", "time" },
	{ "we rush the family meetings", "time" },
	{ "my mentor showed me how to listen", "models" },
	{ "a resident I admire sat with the patient", "models" },
	{ "watching my attending be kind", "models" },
	{ "my mentor was patient and kind", "models" },
	{ "the attending modelled kindness", "models" },
	{ "the weather was fine", NULL },
	{ "we had lunch", NULL },
};
enum { NSEGS = sizeof segs / sizeof segs[0] };

/* The segments; with rules, two rule features: "time", which hits the
 * segments with "rush" or "time" in them, and "other", which never
 * does. */
static qp_trainset *
trainset(bool rules)
{
	qp_trainset *ts = qp_ts_new();
	static const char *const rule[] = { "time", "other" };
	if (rules)
		qp_ts_rules(ts, rule, 2, 0x0123456789abcdefULL);
	qp_featx *x = qp_feat_new(true);
	for (size_t i = 0; i < NSEGS; i++) {
		const qp_feat *f;
		size_t n = qp_feat_text(x, segs[i].text, strlen(segs[i].text), true, &f);
		const char *names[64];
		for (size_t k = 0; k < n && k < 64; k++)
			names[k] = qp_feat_name(x, k);
		double rv[2] = { strstr(segs[i].text, "rush") || strstr(segs[i].text, "time")
		                 ? qp_rule_value(1) : 0, 0 };
		size_t c = segs[i].code ? qp_ts_code(ts, segs[i].code, strlen(segs[i].code)) : 0;
		qp_ts_add(ts, f, n, names, rules ? rv : NULL, &c, segs[i].code ? 1 : 0);
	}
	qp_feat_free(x);
	return ts;
}

static char *
written(const qp_model *m, const char *path)
{
	unlink(path);
	qp_out *o = qp_out_create(path, 0600, QP_OUT_NEW);
	qp_model_write(m, o);
	qp_out_commit(o);
	FILE *f = fopen(path, "rb");
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	return xstrdup(buf);
}

int
main(void)
{
	qp_init("test_model");
	char dir[] = "/tmp/test_model.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char a[64], b[64];
	snprintf(a, sizeof a, "%s/a.model", dir);
	snprintf(b, sizeof b, "%s/b.model", dir);

	static const enum qp_solver solvers[] = { QP_LR, QP_L1LR, QP_SVM, QP_NB };
	for (size_t v = 0; v < 4; v++) {
		qp_trainset *ts = trainset(false);
		qp_train_opts o = { solvers[v], solvers[v] == QP_NB ? 0.1 : 10 };
		const char *sn = qp_solver_name(solvers[v]);
		char name[128];
		qp_model *m = qp_model_train(ts, &o, NULL);
		qp_model *m2 = qp_model_train(ts, &o, NULL);
		char *t1 = written(m, a), *t2 = written(m2, b);
		snprintf(name, sizeof name, "%s: the same data, the same bytes", sn);
		T_STR(t1, t2, name);
		snprintf(name, sizeof name, "%s: two codes, in tree order", sn);
		T_OK(qp_model_ncodes(m) == 2 && !strcmp(qp_model_code(m, 0), "models") &&
		     !strcmp(qp_model_code(m, 1), "time"), name);

		qp_model *r = qp_model_load(a);
		char *t3 = written(r, b);
		snprintf(name, sizeof name, "%s: what is read back writes the same file", sn);
		T_STR(t3, t1, name);
		int agree = 0, sep = 0;
		for (size_t s = 0; s < NSEGS; s++) {
			double p1[2], p2[2];
			qp_model_score_seg(m, ts, s, p1);
			qp_model_score_seg(r, ts, s, p2);
			agree += p1[0] == p2[0] && p1[1] == p2[1];
			/* the right code scores above the other on its own data */
			if (segs[s].code) {
				size_t want = !strcmp(segs[s].code, "time");
				sep += p1[want] > p1[1 - want];
			}
		}
		snprintf(name, sizeof name, "%s: the file scores as the memory did", sn);
		T_OK(agree == NSEGS, name);
		snprintf(name, sizeof name, "%s: each training segment's code scores higher", sn);
		T_OK(sep == 10, name);
		snprintf(name, sizeof name, "%s: thresholds between 0 and 1", sn);
		T_OK(qp_model_threshold(m, 0) >= 0 && qp_model_threshold(m, 0) <= 1 &&
		     qp_model_threshold(m, 1) >= 0 && qp_model_threshold(m, 1) <= 1, name);
		free(t1);
		free(t2);
		free(t3);
		qp_model_free(m);
		qp_model_free(m2);
		qp_model_free(r);
		qp_ts_free(ts);
	}
	T_OK(qp_solver_parse("svm") == QP_SVM && qp_solver_parse("x") == -1, "solver names");

	/* rules as features */
	{
		qp_trainset *ts = trainset(true);
		qp_train_opts o = { QP_LR, 10 };
		qp_model *m = qp_model_train(ts, &o, NULL);
		char *t1 = written(m, a);
		qp_model *r = qp_model_load(a);
		char *t2 = written(r, b);
		T_STR(t2, t1, "rules: what is read back writes the same file");
		T_OK(strstr(t1, "\ncodebook\t0123456789abcdef\n") && strstr(t1, "\nrules\t2\nrule\ttime\t"),
		     "rules: the codebook's hash and its rules in the file");
		T_OK(qp_model_nrules(r) == 2 && !strcmp(qp_model_rule(r, 0), "time") &&
		     !strcmp(qp_model_rule(r, 1), "other"), "rules: read back in order");
		/* "time" is code 1: its rule speaks for it, not for "models" */
		T_OK(qp_model_rule_weight(r, 1, 0) > 0 && qp_model_rule_weight(r, 0, 0) < 0,
		     "rules: the rule weighs for its code and against the other");
		T_OK(qp_model_rule_weight(r, 0, 1) == 0 && qp_model_rule_weight(r, 1, 1) == 0,
		     "rules: a rule that never hit weighs nothing");
		int same = 0;
		for (size_t s = 0; s < NSEGS; s++) {
			double p1[2], p2[2];
			qp_model_score_seg(m, ts, s, p1);
			qp_model_score_seg(r, ts, s, p2);
			same += p1[0] == p2[0] && p1[1] == p2[1];
		}
		T_OK(same == NSEGS, "rules: the file scores as the memory did");
		/* the odds times exp(a) is sigmoid(z + a) */
		double p[2] = { 0.25, 0.5 }, rv[2] = { qp_rule_value(3), 0 };
		qp_model_add_rules(r, rv, p);
		double a0 = qp_model_rule_weight(r, 0, 0) * log1p(3), a1 = qp_model_rule_weight(r, 1, 0) * log1p(3);
		double z0 = log(0.25 / 0.75) + a0, z1 = a1;
		T_OK(fabs(p[0] - 1 / (1 + exp(-z0))) < 1e-12 && fabs(p[1] - 1 / (1 + exp(-z1))) < 1e-12,
		     "rules: qp_model_add_rules adds the rule terms to the sum");
		double q[2] = { 0.25, 1 }, zero[2] = { 0, 0 };
		qp_model_add_rules(r, zero, q);
		T_OK(q[0] == 0.25 && q[1] == 1, "rules: no hit, no change");
		free(t1);
		free(t2);
		qp_model_free(m);
		qp_model_free(r);
		qp_ts_free(ts);
	}
	unlink(a);
	unlink(b);
	rmdir(dir);
	return t_done();
}
