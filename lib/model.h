/*
 * model.h: learned codes, as learn(1) trains them and match-theme(1)
 * --model applies them; the file is qualpipe-model(5).
 *
 * A model holds one binary classifier per code over the features of
 * textfeat.h: a weight per feature bucket and a bias, read as
 *
 *     score = 1 / (1 + exp(-(w . x + bias)))
 *
 * and a threshold: a segment gets the code when its score is at least
 * the threshold.  Whatever trained it (logistic regression or a linear
 * SVM through liblinear, or multinomial naive Bayes, whose log-odds are
 * linear too), applying it is that one formula.
 *
 * Training (qp_model_train) takes a qp_trainset: the features and human
 * codes of the training segments.  The threshold of each code is the
 * one that maximises that code's F1 over scores made by an inner
 * cross-validation (QP_MODEL_INNER folds, segment i in fold i mod
 * QP_MODEL_INNER, counting only the segments trained on); the weights
 * are then trained on all of them.  liblinear's random generator is
 * seeded with srand(1) before every training, so the same data give the
 * same model, byte for byte.
 *
 * Rules as features (stacking): a training set may be given the codes
 * of a codebook (qp_ts_rules) and each segment that codebook's rule
 * hits.  Each code's classifier then has, beside the word buckets, one
 * weight per codebook code for the value qp_rule_value(hits) of that
 * code's rule hits, learned jointly with the word weights, so that the
 * model learns how far to trust each rule (and which rules speak for
 * a code other than their own).  Such a model records the codebook's
 * content hash (qp_codebook_hash) and is scored with the rule values
 * too (qp_model_add_rules); qp_model_check_codebook refuses it with
 * any other codebook, or none.
 *
 * Errors: qp_model_load dies ("prog: FILE:LINE: message", exit 2) on
 * anything in the file that is not what qualpipe-model(5) says.
 *
 * Memory: the caller owns every qp_model and qp_trainset returned here
 * and frees them with qp_model_free and qp_ts_free.  Strings handed out
 * belong to the object they come from.
 */
#ifndef QP_MODEL_H
#define QP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "textfeat.h"
#include "output.h"

#define QP_MODEL_VERSION 2
#define QP_MODEL_INNER 5
#define QP_MODEL_MAX_CODES 10000   /* a reader's limit; learn refuses more */

enum qp_solver { QP_LR, QP_L1LR, QP_SVM, QP_NB };

typedef struct qp_model qp_model;
typedef struct qp_trainset qp_trainset;

typedef struct {
	enum qp_solver solver;
	double cost;            /* liblinear's C; naive Bayes' smoothing */
} qp_train_opts;

/* The solver's name in the model file and on learn's command line;
 * qp_solver_parse returns -1 for a name it does not know. */
const char *qp_solver_name(enum qp_solver s);
int qp_solver_parse(const char *name);

/* What a code's rule hits h give its rule feature: ln(1 + h).  (By
 * 10-fold cross-validation on the written sets of tests/codebook/, it
 * did better than h / (h + 1) and than 1 for any hit.) */
double qp_rule_value(uint32_t hits);
/* FNV-1a 64 of the codebook file's lines (each with its newline, after
 * the decompression, BOM and CRLF handling of every input); dies when
 * it cannot be read. */
uint64_t qp_codebook_hash(const char *path);

qp_trainset *qp_ts_new(void);
void qp_ts_free(qp_trainset *ts);
/* A code of the training data: its index (new codes are appended). */
size_t qp_ts_code(qp_trainset *ts, const char *path, size_t n);
size_t qp_ts_ncodes(const qp_trainset *ts);
const char *qp_ts_code_path(const qp_trainset *ts, size_t c);
size_t qp_ts_nsegs(const qp_trainset *ts);
/* Rules as features: before any qp_ts_add, the nrules code paths of
 * the codebook (copied) and its qp_codebook_hash. */
void qp_ts_rules(qp_trainset *ts, const char *const *paths, size_t nrules, uint64_t hash);
/* Add a segment: its features (sorted by bucket, as qp_feat_text gives
 * them with sorted; names[i] names f[i], or names is NULL), its rule
 * values rv[0..nrules) (qp_rule_value of each codebook code's hits; NULL
 * without qp_ts_rules) and the indices of its codes (all copied). */
void qp_ts_add(qp_trainset *ts, const qp_feat *f, size_t n, const char *const *names,
               const double *rv, const size_t *codes, size_t ncodes);
/* Segment s counts w times in training (default 1; 0: not trained on,
 * though still scored by --cv): as if it were given w times, its copies
 * kept in one fold of the inner cross-validation, so that no copy
 * scores another. */
void qp_ts_weight(qp_trainset *ts, size_t s, unsigned w);
/* Does segment s have code c? */
bool qp_ts_has(const qp_trainset *ts, size_t s, size_t c);

/* Train on the segments s with use[s] true (use NULL: all of them).
 * The model's codes are the training set's, in tree order (codepath.h
 * code_cmp). */
qp_model *qp_model_train(const qp_trainset *ts, const qp_train_opts *o, const bool *use);
/* Score segment s of a training set (cross-validation), its rule
 * values included. */
void qp_model_score_seg(const qp_model *m, const qp_trainset *ts, size_t s, double *score);

void qp_model_write(const qp_model *m, qp_out *o);
qp_model *qp_model_load(const char *path);
void qp_model_free(qp_model *m);

size_t qp_model_ncodes(const qp_model *m);
const char *qp_model_code(const qp_model *m, size_t c);
double qp_model_threshold(const qp_model *m, size_t c);
/* The weight of bucket id for code c (0 for a bucket the model lacks). */
double qp_model_weight(const qp_model *m, size_t c, uint32_t id);
/* score[c] for every code, by the formula above, from the words alone. */
void qp_model_score(const qp_model *m, const qp_feat *f, size_t n, double *score);

/* Rules as features: the number of rule features (0: a model of words
 * alone), the codebook code path of rule feature i, the weight of rule
 * feature i for code c. */
size_t qp_model_nrules(const qp_model *m);
const char *qp_model_rule(const qp_model *m, size_t i);
double qp_model_rule_weight(const qp_model *m, size_t c, size_t i);
/* Add the rule values rv[0..nrules) to the scores qp_model_score gave:
 * each code's odds are multiplied by exp(sum of its rule weights x rv),
 * which is the formula above with the rule terms in the sum. */
void qp_model_add_rules(const qp_model *m, const double *rv, double *score);
/* Dies (exit 2) unless the model was trained with the codebook at path
 * (NULL: none), by content hash: a model of rules must be used with
 * its codebook. */
void qp_model_check_codebook(const qp_model *m, const char *path);

#endif
