/*
 * model.c: training (liblinear, or naive Bayes), the model file and
 * scoring (model.h; the file is qualpipe-model(5)).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buf.h"
#include "codepath.h"
#include "err.h"
#include "input.h"
#include "map.h"
#include "model.h"
#include "xalloc.h"

/* ---- training sets ----------------------------------------------------- */

/* Node indices of a training set: buckets 1..QP_FEAT_BUCKETS, the bias,
 * then rule feature i at RULE_ID + i; a segment's nodes are its
 * buckets, its rules and the bias, in that order, which is ascending
 * once training renumbers them (words, rules, bias). */
#define BIAS_ID ((int)QP_FEAT_BUCKETS + 1)
#define RULE_ID ((int)QP_FEAT_BUCKETS + 2)

double
qp_rule_value(uint32_t hits)
{
	return log1p((double)hits);
}

uint64_t
qp_codebook_hash(const char *path)
{
	char *files[1] = { (char *)path };
	qp_input *in = qp_input_new(1, files, 0);
	uint64_t h = QP_FNV_INIT;
	const char *p;
	size_t n;
	while (qp_input_line(in, &p, &n))
		h = qp_fnv1a(qp_fnv1a(h, p, n), "\n", 1);
	qp_input_free(in);
	return h;
}

struct qp_trainset {
	char **codes;
	size_t ncodes;
	qp_map *code_ix;        /* path -> index + 1 */
	struct feature_node *nodes;     /* every segment's, each ended by -1 */
	size_t nnodes, nodecap;
	size_t *seg_node;       /* first node of segment s */
	size_t *seg_code;       /* first code of segment s in codes_of */
	size_t nsegs, segcap;
	size_t *codes_of;
	size_t ncodes_of, cocap;
	size_t *name_of;        /* per bucket: offset + 1 in names, 0 = none */
	qp_buf names;
	char **rules;           /* qp_ts_rules: the codebook's codes */
	size_t nrules;
	uint64_t cbhash;
	unsigned *weight;       /* per segment (qp_ts_weight); NULL: all 1 */
};

qp_trainset *
qp_ts_new(void)
{
	qp_trainset *ts = xcalloc(1, sizeof *ts);
	ts->code_ix = qp_map_new();
	ts->name_of = xcalloc(QP_FEAT_BUCKETS + 1, sizeof *ts->name_of);
	buf_init(&ts->names);
	return ts;
}

void
qp_ts_free(qp_trainset *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < ts->ncodes; i++)
		free(ts->codes[i]);
	free(ts->codes);
	qp_map_free(ts->code_ix);
	free(ts->nodes);
	free(ts->seg_node);
	free(ts->seg_code);
	free(ts->codes_of);
	free(ts->name_of);
	buf_free(&ts->names);
	for (size_t i = 0; i < ts->nrules; i++)
		free(ts->rules[i]);
	free(ts->rules);
	free(ts->weight);
	free(ts);
}

size_t
qp_ts_code(qp_trainset *ts, const char *path, size_t n)
{
	bool created;
	qp_entry *e = qp_map_put(ts->code_ix, path, n, &created);
	if (!created)
		return (uintptr_t)e->val - 1;
	ts->codes = xreallocarray(ts->codes, ts->ncodes + 1, sizeof *ts->codes);
	ts->codes[ts->ncodes] = xmemdup(path, n);
	e->val = (void *)(uintptr_t)(ts->ncodes + 1);
	return ts->ncodes++;
}

size_t qp_ts_ncodes(const qp_trainset *ts) { return ts->ncodes; }
const char *qp_ts_code_path(const qp_trainset *ts, size_t c) { return ts->codes[c]; }
size_t qp_ts_nsegs(const qp_trainset *ts) { return ts->nsegs; }

void
qp_ts_rules(qp_trainset *ts, const char *const *paths, size_t nrules, uint64_t hash)
{
	ts->rules = xcalloc(nrules + 1, sizeof *ts->rules);
	for (size_t i = 0; i < nrules; i++)
		ts->rules[i] = xstrdup(paths[i]);
	ts->nrules = nrules;
	ts->cbhash = hash;
}

void
qp_ts_add(qp_trainset *ts, const qp_feat *f, size_t n, const char *const *names,
          const double *rv, const size_t *codes, size_t ncodes)
{
	size_t nr = rv ? ts->nrules : 0;
	if (ts->nsegs == ts->segcap) {
		ts->segcap = ts->segcap ? ts->segcap * 2 : 256;
		ts->seg_node = xreallocarray(ts->seg_node, ts->segcap + 1, sizeof *ts->seg_node);
		ts->seg_code = xreallocarray(ts->seg_code, ts->segcap + 1, sizeof *ts->seg_code);
		if (ts->weight)
			ts->weight = xreallocarray(ts->weight, ts->segcap + 1, sizeof *ts->weight);
	}
	/* the features, the rules, the bias node (liblinear's last
	 * feature), the end */
	while (ts->nnodes + n + nr + 2 > ts->nodecap) {
		ts->nodecap = ts->nodecap ? ts->nodecap * 2 : 4096;
		ts->nodes = xreallocarray(ts->nodes, ts->nodecap, sizeof *ts->nodes);
	}
	while (ts->ncodes_of + ncodes > ts->cocap) {
		ts->cocap = ts->cocap ? ts->cocap * 2 : 256;
		ts->codes_of = xreallocarray(ts->codes_of, ts->cocap, sizeof *ts->codes_of);
	}
	ts->seg_node[ts->nsegs] = ts->nnodes;
	ts->seg_code[ts->nsegs] = ts->ncodes_of;
	for (size_t i = 0; i < n; i++) {
		ts->nodes[ts->nnodes++] = (struct feature_node){ (int)f[i].id, f[i].value };
		if (!names)
			continue;
		/* The smallest name a bucket had, so that the order of the
		 * training data does not change the file. */
		size_t *o = &ts->name_of[f[i].id];
		if (*o && strcmp(names[i], ts->names.s + *o - 1) >= 0)
			continue;
		*o = ts->names.len + 1;
		buf_adds(&ts->names, names[i]);
		buf_addc(&ts->names, '\0');
	}
	for (size_t i = 0; i < nr; i++)
		if (rv[i] != 0)
			ts->nodes[ts->nnodes++] = (struct feature_node){ RULE_ID + (int)i, rv[i] };
	ts->nodes[ts->nnodes++] = (struct feature_node){ BIAS_ID, 1.0 };
	ts->nodes[ts->nnodes++] = (struct feature_node){ -1, 0 };
	if (ncodes)
		memcpy(ts->codes_of + ts->ncodes_of, codes, ncodes * sizeof *codes);
	ts->ncodes_of += ncodes;
	if (ts->weight)
		ts->weight[ts->nsegs] = 1;
	ts->nsegs++;
	ts->seg_node[ts->nsegs] = ts->nnodes;
	ts->seg_code[ts->nsegs] = ts->ncodes_of;
}

void
qp_ts_weight(qp_trainset *ts, size_t s, unsigned w)
{
	if (!ts->weight) {
		if (w == 1)
			return;
		ts->weight = xcalloc(ts->segcap + 1, sizeof *ts->weight);
		for (size_t i = 0; i < ts->nsegs; i++)
			ts->weight[i] = 1;
	}
	ts->weight[s] = w;
}

/* The weight of segment s. */
static unsigned
weight_of(const qp_trainset *ts, size_t s)
{
	return ts->weight ? ts->weight[s] : 1;
}

bool
qp_ts_has(const qp_trainset *ts, size_t s, size_t c)
{
	for (size_t i = ts->seg_code[s]; i < ts->seg_code[s + 1]; i++)
		if (ts->codes_of[i] == c)
			return true;
	return false;
}

/* ---- models --------------------------------------------------------------- */

typedef struct {
	char *path;
	unsigned long npos;
	double threshold;
	double bias;
} mcode;

struct qp_model {
	enum qp_solver solver;
	double cost;
	unsigned long nsegs;
	mcode *codes;
	size_t ncodes;
	uint32_t *rowid;        /* bucket of each row, ascending */
	char **rowname;
	float *w;               /* nrows x ncodes: %.6g survives a float, and
	                         * half the memory is half the cache misses */
	size_t nrows;
	/* Which buckets have a row, a bit each, and the rows before each
	 * word of bits: a bucket's row is rank(bucket), 48 KiB that stay in
	 * the processor's cache beside the matcher's, where an array over
	 * all buckets would take 1 MiB. */
	uint64_t *has;          /* QP_FEAT_BUCKETS / 64 + 1 words */
	uint32_t *before;       /* rows in the words before */
	/* rules as features: the codebook's codes, their weights (nrules x
	 * ncodes), the codebook's content hash */
	char **rules;
	size_t nrules;
	double *rw;
	uint64_t cbhash;
};

static const char *const solver_names[] = { "l2r_lr", "l1r_lr", "svm", "nb" };

const char *
qp_solver_name(enum qp_solver s)
{
	return solver_names[s];
}

int
qp_solver_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, solver_names[i]))
			return i;
	return -1;
}

void
qp_model_free(qp_model *m)
{
	if (!m)
		return;
	for (size_t c = 0; c < m->ncodes; c++)
		free(m->codes[c].path);
	free(m->codes);
	for (size_t r = 0; r < m->nrows; r++)
		free(m->rowname[r]);
	free(m->rowname);
	free(m->rowid);
	free(m->w);
	free(m->has);
	free(m->before);
	for (size_t i = 0; i < m->nrules; i++)
		free(m->rules[i]);
	free(m->rules);
	free(m->rw);
	free(m);
}

size_t qp_model_ncodes(const qp_model *m) { return m->ncodes; }
const char *qp_model_code(const qp_model *m, size_t c) { return m->codes[c].path; }
double qp_model_threshold(const qp_model *m, size_t c) { return m->codes[c].threshold; }
size_t qp_model_nrules(const qp_model *m) { return m->nrules; }
const char *qp_model_rule(const qp_model *m, size_t i) { return m->rules[i]; }

double
qp_model_rule_weight(const qp_model *m, size_t c, size_t i)
{
	return m->rw[i * m->ncodes + c];
}

void
qp_model_add_rules(const qp_model *m, const double *rv, double *score)
{
	for (size_t c = 0; c < m->ncodes; c++) {
		double a = 0;
		for (size_t i = 0; i < m->nrules; i++)
			a += m->rw[i * m->ncodes + c] * rv[i];
		if (a == 0)
			continue;
		/* sigmoid(z + a) from p = sigmoid(z), without z: the odds
		 * times exp(a); a clamped so that exp stays finite */
		double e = exp(a > 700 ? 700 : a < -700 ? -700 : a), p = score[c];
		score[c] = p * e / (p * e + (1 - p));
	}
}

void
qp_model_check_codebook(const qp_model *m, const char *path)
{
	if (m->nrules == 0)
		return;
	if (!path)
		qp_die("the model was trained with a codebook's rules (learn --codebook): "
		       "give match-theme that codebook");
	uint64_t h = qp_codebook_hash(path);
	if (h != m->cbhash)
		qp_die("%s: not the codebook the model was trained with (content hash %016" PRIx64
		       ", the model's %016" PRIx64 "): retrain with learn --codebook %s",
		       path, h, m->cbhash, path);
}

/* The bits set in v.  __builtin_popcountll is a call into libgcc where
 * the build does not ask for the processor's instruction (-mpopcnt),
 * and was a tenth of scoring; this is a few instructions, inline. */
static inline uint32_t
popcount64(uint64_t v)
{
	v -= (v >> 1) & 0x5555555555555555ull;
	v = (v & 0x3333333333333333ull) + ((v >> 2) & 0x3333333333333333ull);
	v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0Full;
	return (uint32_t)((v * 0x0101010101010101ull) >> 56);
}

/* Row + 1 of bucket id, 0 if it has none. */
static inline uint32_t
row_of(const qp_model *m, uint32_t id)
{
	uint64_t word = m->has[id >> 6], bit = 1ull << (id & 63);
	if (!(word & bit))
		return 0;
	return m->before[id >> 6] + popcount64(word & (bit - 1)) + 1;
}

double
qp_model_weight(const qp_model *m, size_t c, uint32_t id)
{
	uint32_t r = id == 0 || id > QP_FEAT_BUCKETS ? 0 : row_of(m, id);
	return r ? m->w[(size_t)(r - 1) * m->ncodes + c] : 0;
}

static double
sigmoid(double z)
{
	return 1 / (1 + exp(-z));
}

/* score[c] += w[c] * v for the nc codes of a row w. */
static inline void
add_row(double *score, const float *w, size_t nc, double v)
{
	size_t c = 0;
#ifdef __SSE2__
	/* Four codes a step, two to a register: the same products and sums,
	 * lane by lane, as one code at a time (C11 contracts no multiply and
	 * add into one), in half the instructions; GCC's -O2 does not
	 * vectorise this by itself. */
	__m128d vv = _mm_set1_pd(v);
	for (; c + 4 <= nc; c += 4) {
		__m128 wf = _mm_loadu_ps(w + c);
		__m128d lo = _mm_mul_pd(_mm_cvtps_pd(wf), vv);
		__m128d hi = _mm_mul_pd(_mm_cvtps_pd(_mm_movehl_ps(wf, wf)), vv);
		_mm_storeu_pd(score + c, _mm_add_pd(_mm_loadu_pd(score + c), lo));
		_mm_storeu_pd(score + c + 2, _mm_add_pd(_mm_loadu_pd(score + c + 2), hi));
	}
	if (c + 2 <= nc) {
		__m128 wf = _mm_castsi128_ps(_mm_loadl_epi64((const __m128i *)(w + c)));
		__m128d lo = _mm_mul_pd(_mm_cvtps_pd(wf), vv);
		_mm_storeu_pd(score + c, _mm_add_pd(_mm_loadu_pd(score + c), lo));
		c += 2;
	}
#endif
	for (; c < nc; c++)
		score[c] += w[c] * v;
}

enum { SCORE_CHUNK = 64 };

void
qp_model_score(const qp_model *m, const qp_feat *f, size_t n, double *score)
{
	size_t nc = m->ncodes;
	uint32_t row[SCORE_CHUNK];
	double val[SCORE_CHUNK];

	for (size_t c = 0; c < nc; c++)
		score[c] = m->codes[c].bias;
	/* A quarter of a text's features has no row, at random: the rows of
	 * a chunk of features are found first and the features without one
	 * dropped without a branch, so that the sums, in the features'
	 * order, run without mispredictions. */
	for (size_t i0 = 0; i0 < n; i0 += SCORE_CHUNK) {
		size_t e = n - i0 < SCORE_CHUNK ? n - i0 : SCORE_CHUNK, k = 0;
		for (size_t i = 0; i < e; i++) {
			uint32_t id = f[i0 + i].id;
			uint64_t word = m->has[id >> 6], bit = 1ull << (id & 63);
			row[k] = m->before[id >> 6] + popcount64(word & (bit - 1));
			val[k] = f[i0 + i].value;
			k += (word & bit) != 0;
		}
		for (size_t q = 0; q < k; q++)
			add_row(score, m->w + (size_t)row[q] * nc, nc, val[q]);
	}
	for (size_t c = 0; c < nc; c++)
		score[c] = sigmoid(score[c]);
}

void
qp_model_score_seg(const qp_model *m, const qp_trainset *ts, size_t s, double *score)
{
	double *rv = xcalloc(m->nrules + 1, sizeof *rv);
	for (size_t c = 0; c < m->ncodes; c++)
		score[c] = m->codes[c].bias;
	for (size_t i = ts->seg_node[s]; ts->nodes[i].index != -1; i++) {
		int id = ts->nodes[i].index;
		if (id >= RULE_ID && (size_t)(id - RULE_ID) < m->nrules)
			rv[id - RULE_ID] = ts->nodes[i].value;
		uint32_t r = id <= (int)QP_FEAT_BUCKETS ? row_of(m, (uint32_t)id) : 0;
		if (r)
			add_row(score, m->w + (size_t)(r - 1) * m->ncodes, m->ncodes,
			        ts->nodes[i].value);
	}
	for (size_t c = 0; c < m->ncodes; c++)
		score[c] = sigmoid(score[c]);
	/* the rules as match-theme adds them, so that --cv scores as it does */
	qp_model_add_rules(m, rv, score);
	free(rv);
}

/* ---- training --------------------------------------------------------------- */

static void
silent(const char *s)
{
	(void)s;
}

/* What the model file will say: the weights are rounded as they are
 * written, so that scores made in learn (--cv) and from the file agree. */
static double
rounded(double v)
{
	char s[32];
	snprintf(s, sizeof s, "%.6g", v);
	double r = strtod(s, NULL);
	return r == 0 ? 0 : r;      /* no -0 */
}

/* One binary classifier: weights of the buckets in rows (nrows of them)
 * into w[r * stride], the bias into *bias, from segments segs[0..n) with
 * labels y (+1/-1). */
static void
train_one(struct feature_node **cx, const qp_train_opts *o, const size_t *segs, size_t n,
          const double *y, size_t nrows, double *w, size_t stride,
          double *bias, double *nb1, double *nb0)
{
	size_t npos = 0;
	for (size_t i = 0; i < n; i++)
		npos += y[i] > 0;
	if (npos == 0 || npos == n) {
		for (size_t r = 0; r < nrows; r++)
			w[r * stride] = 0;
		*bias = npos ? 30 : -30;        /* a score of 1 or 0 */
		return;
	}
	if (o->solver == QP_NB) {
		/* multinomial naive Bayes over the feature values, one class
		 * against the rest; its log-odds are a linear model */
		double t1 = 0, t0 = 0, a = o->cost;
		for (size_t r = 0; r <= nrows; r++)
			nb1[r] = nb0[r] = 0;
		for (size_t i = 0; i < n; i++)
			for (const struct feature_node *q = cx[segs[i]]; q->index != -1; q++) {
				int id = q->index;
				if (id > (int)nrows)
					continue;
				double v = q->value;
				if (y[i] > 0)
					nb1[id] += v, t1 += v;
				else
					nb0[id] += v, t0 += v;
			}
		double d1 = t1 + a * (double)nrows, d0 = t0 + a * (double)nrows;
		for (size_t r = 0; r < nrows; r++)
			w[r * stride] = rounded(log((nb1[r + 1] + a) / d1) - log((nb0[r + 1] + a) / d0));
		*bias = rounded(log((double)npos / (double)(n - npos)));
		return;
	}
	struct feature_node **x = xcalloc(n, sizeof *x);
	for (size_t i = 0; i < n; i++)
		x[i] = cx[segs[i]];
	struct problem prob = {
		.l = (int)n, .n = (int)nrows + 1, .y = (double *)y, .x = x, .bias = 1,
	};
	static const int solver[] = { L2R_LR, L1R_LR, L2R_L2LOSS_SVC_DUAL };
	static const double eps[] = { 0.01, 0.01, 0.1 };
	struct parameter par = {
		.solver_type = solver[o->solver], .eps = eps[o->solver], .C = o->cost, .p = 0.1,
	};
	set_print_string_function(silent);
	srand(1);
	struct model *lm = train(&prob, &par);
	int li = lm->label[0] == 1 ? 0 : 1;
	for (size_t r = 0; r < nrows; r++)
		w[r * stride] = rounded(get_decfun_coef(lm, (int)r + 1, li));
	*bias = rounded(get_decfun_bias(lm, li));
	free_and_destroy_model(&lm);
	free(x);
}

typedef struct {
	double s;
	bool pos;
	unsigned w;             /* the segment's weight (qp_ts_weight) */
} scored;

static int
by_score_desc(const void *a, const void *b)
{
	double x = ((const scored *)a)->s, y = ((const scored *)b)->s;
	return (x < y) - (x > y);
}

/* The threshold that maximises F1 over sc[0..n), each segment counted
 * its weight times, halfway to the next lower score; 1 when nothing is
 * positive. */
static double
best_threshold(scored *sc, size_t n)
{
	double npos = 0;
	for (size_t i = 0; i < n; i++)
		npos += sc[i].pos ? sc[i].w : 0;
	if (npos == 0)
		return 1;
	qsort(sc, n, sizeof *sc, by_score_desc);
	size_t best = 0;
	double tp = 0, given = 0, bestf = -1;
	for (size_t i = 0; i < n; i++) {
		tp += sc[i].pos ? sc[i].w : 0;
		given += sc[i].w;
		if (i + 1 < n && sc[i + 1].s == sc[i].s)
			continue;
		double f = 2.0 * tp / (given + npos);
		if (f > bestf) {
			bestf = f;
			best = i;
		}
	}
	double t = best + 1 < n ? (sc[best].s + sc[best + 1].s) / 2 : sc[best].s;
	return rounded(t);
}

static int
code_order(const void *a, const void *b, void *ts)
{
	const qp_trainset *t = ts;
	const char *x = t->codes[*(const size_t *)a], *y = t->codes[*(const size_t *)b];
	return code_cmp(x, strlen(x), y, strlen(y));
}

/* qsort_r is not C11; the codes are few. */
static void
sort_codes(size_t *ix, size_t n, const qp_trainset *ts)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && code_order(&ix[j - 1], &ix[j], (void *)ts) > 0; j--) {
			size_t t = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = t;
		}
}

static void
index_rows(qp_model *m)
{
	size_t nw = QP_FEAT_BUCKETS / 64 + 1;
	m->has = xcalloc(nw, sizeof *m->has);
	m->before = xcalloc(nw, sizeof *m->before);
	for (size_t r = 0; r < m->nrows; r++)
		m->has[m->rowid[r] >> 6] |= 1ull << (m->rowid[r] & 63);
	/* rows ascend with buckets, so a row's index is its rank */
	for (size_t k = 1; k < nw; k++)
		m->before[k] = m->before[k - 1] + popcount64(m->has[k - 1]);
}

qp_model *
qp_model_train(const qp_trainset *ts, const qp_train_opts *o, const bool *use)
{
	qp_model *m = xcalloc(1, sizeof *m);
	m->solver = o->solver;
	m->cost = o->cost;
	m->ncodes = ts->ncodes;
	m->codes = xcalloc(ts->ncodes ? ts->ncodes : 1, sizeof *m->codes);
	size_t *order = xcalloc(ts->ncodes ? ts->ncodes : 1, sizeof *order);
	for (size_t c = 0; c < ts->ncodes; c++)
		order[c] = c;
	sort_codes(order, ts->ncodes, ts);

	/* segs: each segment trained on once; a weight w trains on it w
	 * times over, which for the loss of liblinear's solvers and for
	 * naive Bayes' counts is a weight w (liblinear's struct problem has
	 * no weights of its own) */
	size_t *segs = xcalloc(ts->nsegs ? ts->nsegs : 1, sizeof *segs), n = 0, nw = 0;
	for (size_t s = 0; s < ts->nsegs; s++)
		if ((!use || use[s]) && weight_of(ts, s) > 0) {
			segs[n++] = s;
			nw += weight_of(ts, s);
		}
	m->nsegs = n;

	/* rows: the buckets the training segments have */
	bool *seen = xcalloc(QP_FEAT_BUCKETS + 1, sizeof *seen);
	for (size_t i = 0; i < n; i++)
		for (size_t k = ts->seg_node[segs[i]]; ts->nodes[k].index != -1; k++)
			if (ts->nodes[k].index <= (int)QP_FEAT_BUCKETS)
				seen[ts->nodes[k].index] = true;
	uint32_t *rows = xcalloc(QP_FEAT_BUCKETS, sizeof *rows);
	size_t nrows = 0;
	for (uint32_t b = 1; b <= QP_FEAT_BUCKETS; b++)
		if (seen[b])
			rows[nrows++] = b;
	free(seen);

	/* liblinear's cost grows with the number of features, so it sees
	 * the rows numbered 1..nrows, the rules nrows + 1..nfeat, the bias
	 * nfeat + 1 */
	size_t nfeat = nrows + ts->nrules;
	uint32_t *rank = xcalloc(QP_FEAT_BUCKETS + 1, sizeof *rank);
	for (size_t r = 0; r < nrows; r++)
		rank[rows[r]] = (uint32_t)(r + 1);
	struct feature_node **cx = xcalloc(ts->nsegs + 1, sizeof *cx);
	struct feature_node *cnodes = xcalloc(ts->nnodes + 1, sizeof *cnodes);
	for (size_t i = 0; i < n; i++) {
		size_t q = ts->seg_node[segs[i]];
		cx[segs[i]] = cnodes + q;
		for (; ts->nodes[q].index != -1; q++) {
			int id = ts->nodes[q].index;
			cnodes[q].index = id == BIAS_ID ? (int)nfeat + 1
			                : id >= RULE_ID ? (int)nrows + 1 + (id - RULE_ID)
			                : (int)rank[id];
			cnodes[q].value = ts->nodes[q].value;
		}
		cnodes[q].index = -1;
	}
	free(rank);
	double *w = xcalloc(nfeat * (ts->ncodes ? ts->ncodes : 1) + 1, sizeof *w);
	double *tw = xcalloc(nfeat + 1, sizeof *tw);
	double *nb1 = o->solver == QP_NB ? xcalloc(nfeat + 2, sizeof *nb1) : NULL;
	double *nb0 = o->solver == QP_NB ? xcalloc(nfeat + 2, sizeof *nb0) : NULL;
	double *y = xcalloc(n ? n : 1, sizeof *y), *iy = xcalloc(nw ? nw : 1, sizeof *iy);
	size_t *isegs = xcalloc(nw ? nw : 1, sizeof *isegs);
	scored *sc = xcalloc(n ? n : 1, sizeof *sc);

	for (size_t k = 0; k < ts->ncodes; k++) {
		size_t c = order[k];
		mcode *mc = &m->codes[k];
		mc->path = xstrdup(ts->codes[c]);
		for (size_t i = 0; i < n; i++) {
			y[i] = qp_ts_has(ts, segs[i], c) ? 1 : -1;
			mc->npos += y[i] > 0;
		}
		/* inner cross-validation: scores for the threshold; a
		 * segment's copies stay in its fold */
		for (size_t f = 0; f < QP_MODEL_INNER; f++) {
			size_t ni = 0;
			for (size_t i = 0; i < n; i++)
				for (unsigned r = i % QP_MODEL_INNER != f ? weight_of(ts, segs[i]) : 0;
				     r > 0; r--) {
					isegs[ni] = segs[i];
					iy[ni++] = y[i];
				}
			double b;
			train_one(cx, o, isegs, ni, iy, nfeat, tw, 1, &b, nb1, nb0);
			/* score the held-out segments with these weights */
			for (size_t i = f; i < n; i += QP_MODEL_INNER) {
				double z = b;
				for (const struct feature_node *q = cx[segs[i]]; q->index != -1; q++)
					if (q->index <= (int)nfeat)
						z += tw[q->index - 1] * q->value;
				sc[i] = (scored){ sigmoid(z), y[i] > 0, weight_of(ts, segs[i]) };
			}
		}
		mc->threshold = best_threshold(sc, n);
		size_t ni = 0;
		for (size_t i = 0; i < n; i++)
			for (unsigned r = weight_of(ts, segs[i]); r > 0; r--) {
				isegs[ni] = segs[i];
				iy[ni++] = y[i];
			}
		train_one(cx, o, isegs, ni, iy, nfeat, w + k, ts->ncodes, &mc->bias, nb1, nb0);
	}

	/* keep the rows with a weight */
	m->rowid = xcalloc(nrows + 1, sizeof *m->rowid);
	m->rowname = xcalloc(nrows + 1, sizeof *m->rowname);
	m->w = xcalloc(nrows * (ts->ncodes ? ts->ncodes : 1) + 1, sizeof *m->w);
	for (size_t r = 0; r < nrows; r++) {
		bool any = false;
		for (size_t c = 0; c < ts->ncodes; c++)
			any |= w[r * ts->ncodes + c] != 0;
		if (!any)
			continue;
		for (size_t c = 0; c < ts->ncodes; c++)
			m->w[m->nrows * ts->ncodes + c] = (float)w[r * ts->ncodes + c];
		m->rowid[m->nrows] = rows[r];
		size_t no = ts->name_of[rows[r]];
		m->rowname[m->nrows++] = xstrdup(no ? ts->names.s + no - 1 : "-");
	}
	index_rows(m);
	m->nrules = ts->nrules;
	m->cbhash = ts->cbhash;
	m->rules = xcalloc(ts->nrules + 1, sizeof *m->rules);
	m->rw = xcalloc(ts->nrules * ts->ncodes + 1, sizeof *m->rw);
	for (size_t i = 0; i < ts->nrules; i++) {
		m->rules[i] = xstrdup(ts->rules[i]);
		for (size_t c = 0; c < ts->ncodes; c++)
			m->rw[i * ts->ncodes + c] = w[(nrows + i) * ts->ncodes + c];
	}
	free(order);
	free(segs);
	free(rows);
	free(cx);
	free(cnodes);
	free(w);
	free(tw);
	free(nb1);
	free(nb0);
	free(y);
	free(iy);
	free(isegs);
	free(sc);
	return m;
}

/* ---- the file --------------------------------------------------------------- */

#define MAGIC "qualpipe-model"
#define FEATURES "stem+bigram\tfnv1a"

void
qp_model_write(const qp_model *m, qp_out *o)
{
	qp_buf b = QP_BUF_INIT;
	buf_printf(&b, MAGIC "\t%d\n", QP_MODEL_VERSION);
	buf_printf(&b, "features\t" FEATURES "\t%d\n", QP_FEAT_BITS);
	buf_printf(&b, "solver\t%s\t%.6g\n", solver_names[m->solver], m->cost);
	buf_printf(&b, "segments\t%lu\n", m->nsegs);
	if (m->nrules)
		buf_printf(&b, "codebook\t%016" PRIx64 "\n", m->cbhash);
	else
		buf_adds(&b, "codebook\t-\n");
	buf_printf(&b, "codes\t%zu\n", m->ncodes);
	for (size_t c = 0; c < m->ncodes; c++)
		buf_printf(&b, "code\t%s\t%lu\t%.6g\t%.6g\n", m->codes[c].path, m->codes[c].npos,
		           m->codes[c].threshold, m->codes[c].bias);
	buf_printf(&b, "rules\t%zu\n", m->nrules);
	for (size_t i = 0; i < m->nrules; i++) {
		buf_printf(&b, "rule\t%s", m->rules[i]);
		for (size_t c = 0; c < m->ncodes; c++)
			buf_printf(&b, "\t%.6g", m->rw[i * m->ncodes + c]);
		buf_addc(&b, '\n');
	}
	buf_printf(&b, "rows\t%zu\n", m->nrows);
	qp_write(o, b.s, b.len);
	for (size_t r = 0; r < m->nrows; r++) {
		buf_reset(&b);
		buf_printf(&b, "%u\t%s", m->rowid[r], m->rowname[r]);
		for (size_t c = 0; c < m->ncodes; c++)
			buf_printf(&b, "\t%.6g", (double)m->w[r * m->ncodes + c]);
		buf_addc(&b, '\n');
		qp_write(o, b.s, b.len);
	}
	qp_puts(o, "end\n");
	buf_free(&b);
}

/* The reader: one line at a time, each split at TABs. */
typedef struct {
	qp_input *in;
	const char *path;
	char **f;
	size_t nf, fcap;
	qp_buf line;
} reader;

static noreturn void __attribute__((format(printf, 2, 3)))
bad(const reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qp_vwarn_at(qp_input_name(r->in), qp_input_lineno(r->in), fmt, ap);
	va_end(ap);
	qp_exit(2);
}

/* The next line, split; dies at the end of the file. */
static void
next(reader *r, const char *what)
{
	const char *p;
	size_t n;
	if (!qp_input_line(r->in, &p, &n))
		qp_die_at(qp_input_name(r->in), qp_input_lineno(r->in),
		          "the model ends before %s", what);
	buf_reset(&r->line);
	buf_add(&r->line, p, n);
	r->nf = 0;
	char *s = r->line.s;
	for (;;) {
		if (r->nf == r->fcap) {
			r->fcap = r->fcap ? r->fcap * 2 : 16;
			r->f = xreallocarray(r->f, r->fcap, sizeof *r->f);
		}
		r->f[r->nf++] = s;
		char *t = strchr(s, '\t');
		if (!t)
			break;
		*t = '\0';
		s = t + 1;
	}
}

static void
expect(reader *r, const char *key, size_t nf)
{
	if (strcmp(r->f[0], key) != 0)
		bad(r, "expected a '%s' line", key);
	if (r->nf != nf)
		bad(r, "a '%s' line has %zu fields, not %zu", key, r->nf, nf);
}

static unsigned long
ulong_field(reader *r, size_t i, unsigned long max, const char *what)
{
	const char *s = r->f[i];
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')
		bad(r, "%s: not a number: '%s'", what, s);
	unsigned long v = strtoul(s, &end, 10);
	if (*end || errno == ERANGE || v > max)
		bad(r, "%s: not a number up to %lu: '%s'", what, max, s);
	return v;
}

/*
 * s as strtod reads it, when s is a plain decimal of at most 15
 * significant digits and a power of ten at most 22 away, as %.6g writes
 * every number of a model: the digits and the power of ten are then
 * exact doubles, and one multiplication or division rounds correctly,
 * as strtod does.  A tenth of the time of strtod, which was most of the
 * loading of a model.  False for anything else, for strtod to read.
 */
static bool
plain_decimal(const char *s, double *out)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
	};
	bool neg = *s == '-', any = false;
	uint64_t m = 0;
	int nd = 0, e = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (bool frac = false;; s++) {
		if (*s == '.' && !frac) {
			frac = true;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		any = true;
		if (m || *s != '0') {
			if (++nd > 15)
				return false;
			m = m * 10 + (uint64_t)(*s - '0');
		}
		e -= frac;
	}
	if (!any)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		bool eneg = *s == '-';
		if (*s == '-' || *s == '+')
			s++;
		if (*s < '0' || *s > '9')
			return false;
		int x = 0;
		for (; *s >= '0' && *s <= '9'; s++)
			if ((x = x * 10 + (*s - '0')) > 1000)
				return false;
		e += eneg ? -x : x;
	}
	if (*s || e < -22 || e > 22)
		return false;
	double v = e < 0 ? (double)m / p10[-e] : (double)m * p10[e];
	*out = neg ? -v : v;
	return true;
}

static double
double_field(reader *r, size_t i, const char *what)
{
	const char *s = r->f[i];
	char *end;
	if (!*s || strchr(s, ' ') || strchr("+-.0123456789", *s) == NULL)
		bad(r, "%s: not a number: '%s'", what, s);
	double v;
	bool plain = plain_decimal(s, &v);
	if (!plain)
		v = strtod(s, &end);
	if ((!plain && *end) || !isfinite(v) || fabs(v) > 1e6)
		bad(r, "%s: not a finite number up to 1e6: '%s'", what, s);
	return v;
}

qp_model *
qp_model_load(const char *path)
{
	char *files[1] = { (char *)path };
	reader r = { .path = path };
	r.in = qp_input_new(1, files, 0);
	buf_init(&r.line);
	qp_model *m = xcalloc(1, sizeof *m);

	next(&r, "its first line");
	if (strcmp(r.f[0], MAGIC) != 0)
		bad(&r, "not a qualpipe model (no '" MAGIC "' line)");
	expect(&r, MAGIC, 2);
	if (ulong_field(&r, 1, 1000, "version") != QP_MODEL_VERSION)
		bad(&r, "model version %s; this match-theme reads version %d (retrain with learn)",
		    r.f[1], QP_MODEL_VERSION);
	next(&r, "the features line");
	expect(&r, "features", 4);
	if (strcmp(r.f[1], "stem+bigram") || strcmp(r.f[2], "fnv1a") ||
	    ulong_field(&r, 3, 64, "bits") != QP_FEAT_BITS)
		bad(&r, "features %s %s %s; this version makes stem+bigram fnv1a %d",
		    r.f[1], r.f[2], r.f[3], QP_FEAT_BITS);
	next(&r, "the solver line");
	expect(&r, "solver", 3);
	int s = qp_solver_parse(r.f[1]);
	if (s < 0)
		bad(&r, "unknown solver '%s'", r.f[1]);
	m->solver = (enum qp_solver)s;
	m->cost = double_field(&r, 2, "cost");
	next(&r, "the segments line");
	expect(&r, "segments", 2);
	m->nsegs = ulong_field(&r, 1, 0xFFFFFFFFul, "segments");
	next(&r, "the codebook line");
	expect(&r, "codebook", 2);
	bool hashed = strcmp(r.f[1], "-") != 0;
	if (hashed) {
		char *end;
		if (strlen(r.f[1]) != 16 || strspn(r.f[1], "0123456789abcdef") != 16)
			bad(&r, "codebook: not '-' or 16 hexadecimal digits: '%s'", r.f[1]);
		m->cbhash = strtoull(r.f[1], &end, 16);
	}
	next(&r, "the codes line");
	expect(&r, "codes", 2);
	m->ncodes = ulong_field(&r, 1, QP_MODEL_MAX_CODES, "codes");
	m->codes = xcalloc(m->ncodes ? m->ncodes : 1, sizeof *m->codes);
	size_t ncodes = m->ncodes;
	m->ncodes = 0;          /* what qp_model_free frees if we die */
	for (size_t c = 0; c < ncodes; c++) {
		next(&r, "all its codes");
		expect(&r, "code", 5);
		size_t pn = strlen(r.f[1]);
		if (!code_valid(r.f[1], pn) || strchr(r.f[1], ';') || strchr(r.f[1], '\\'))
			bad(&r, "not a code path: '%s'", r.f[1]);
		if (c > 0) {
			const char *q = m->codes[c - 1].path;
			if (code_cmp(q, strlen(q), r.f[1], pn) >= 0)
				bad(&r, "code %s is out of order or repeated", r.f[1]);
		}
		mcode *mc = &m->codes[c];
		mc->npos = ulong_field(&r, 2, 0xFFFFFFFFul, "positives");
		mc->threshold = double_field(&r, 3, "threshold");
		if (mc->threshold < 0 || mc->threshold > 1)
			bad(&r, "threshold %s is not between 0 and 1", r.f[3]);
		mc->bias = double_field(&r, 4, "bias");
		mc->path = xstrdup(r.f[1]);
		m->ncodes++;
	}
	next(&r, "the rules line");
	expect(&r, "rules", 2);
	size_t nrules = ulong_field(&r, 1, QP_MODEL_MAX_CODES, "rules");
	if (nrules && !hashed)
		bad(&r, "rules without a codebook hash");
	m->rules = xcalloc(nrules + 1, sizeof *m->rules);
	m->rw = xcalloc(nrules * m->ncodes + 1, sizeof *m->rw);
	for (size_t i = 0; i < nrules; i++) {
		next(&r, "all its rules");
		expect(&r, "rule", m->ncodes + 2);
		if (!code_valid(r.f[1], strlen(r.f[1])) || strchr(r.f[1], ';') || strchr(r.f[1], '\\'))
			bad(&r, "not a code path: '%s'", r.f[1]);
		for (size_t c = 0; c < m->ncodes; c++)
			m->rw[i * m->ncodes + c] = double_field(&r, c + 2, "weight");
		m->rules[i] = xstrdup(r.f[1]);
		m->nrules++;
	}
	next(&r, "the rows line");
	expect(&r, "rows", 2);
	size_t nrows = ulong_field(&r, 1, QP_FEAT_BUCKETS, "rows"), cap = 0;
	for (size_t k = 0; k < nrows; k++) {
		next(&r, "all its rows");
		/* room grows with the rows read, not with what the header says */
		if (k == cap) {
			cap = cap ? cap * 2 : 1024;
			m->rowid = xreallocarray(m->rowid, cap, sizeof *m->rowid);
			m->rowname = xreallocarray(m->rowname, cap, sizeof *m->rowname);
			m->w = xreallocarray(m->w, cap, (m->ncodes ? m->ncodes : 1) * sizeof *m->w);
		}
		if (r.nf != m->ncodes + 2)
			bad(&r, "a row has %zu fields, not %zu", r.nf, m->ncodes + 2);
		unsigned long id = ulong_field(&r, 0, QP_FEAT_BUCKETS, "bucket");
		if (id == 0 || (k > 0 && id <= m->rowid[k - 1]))
			bad(&r, "bucket %lu is out of order, repeated or 0", id);
		if (!*r.f[1])
			bad(&r, "a row without a name");
		for (size_t c = 0; c < m->ncodes; c++)
			m->w[k * m->ncodes + c] = (float)double_field(&r, c + 2, "weight");
		m->rowid[k] = (uint32_t)id;
		m->rowname[k] = xstrdup(r.f[1]);
		m->nrows++;
	}
	next(&r, "its 'end' line");
	expect(&r, "end", 1);
	const char *p;
	size_t n;
	if (qp_input_line(r.in, &p, &n))
		bad(&r, "something after the 'end' line");
	index_rows(m);
	qp_input_free(r.in);
	buf_free(&r.line);
	free(r.f);
	return m;
}
