/*
 * combine.h: a segment's codes from a codebook's rules and a learned
 * model together, as match-theme --model gives them (match-theme(1)
 * documents the score; this is the one place it is computed).
 *
 * A code is given when the rules give it (codebook(5): its patterns hit,
 * at least its min times) or when the model's score reaches the code's
 * threshold (model.h) and, when there is a codebook, QP_COMB_FLOOR too:
 * beside rules the model adds a code only when it holds the code more
 * likely than not.  (Measured by 10-fold cross-validation on the
 * written sets of tests/codebook/: without the floor the model's
 * F1-optimal thresholds, about 0.1 to 0.2, add codes to the segments a
 * human left uncoded, and rules+model fell below the rules alone.)
 * Every code given gets the score
 *
 *     score = 0.3 p + 0.7 r,   r = h / (h + 1)
 *
 * where p is the model's score for the code (0 if the model lacks the
 * code) and h the code's rule hits (0 without a codebook or a hit): a
 * model certain of a code and one rule hit give 0.65, a rule hit alone
 * 0.35, the model alone at most 0.3, so a code the rules give ranks
 * above one the model alone gives, and the model orders the rules'
 * codes.  (The weight 0.3 of p: 10-fold cross-validation on the written
 * sets gave first-code agreement 0.960 with --max-codes 1, against
 * 0.958 for 0.5 and 0.953 for 0.6; 5- and 3-fold agreed; 0.1 to 0.35
 * did alike.)  Codes are ranked by score, ties in the model's code
 * order, then the codebook's.
 *
 * A model trained with the rules as features (model.h) has the rules in
 * p already: beside it a code of the model is given when p reaches its
 * threshold, and scores p; a code only the codebook has, as above.
 *
 * Doubt, for --review: for each code, how near the model's score is to
 * its threshold, 1 - |p - t| / max(t, 1 - t), plus 1 where the rules and
 * the model disagree about it; a segment's doubt is the largest over
 * its codes (those of the model and those the rules gave).
 *
 * Memory: the caller owns the qp_combiner and frees it with
 * qp_comb_free, before the model and codebook it was made from (which
 * it borrows).  What qp_comb_codes hands out is valid until its next
 * call.
 */
#ifndef QP_COMBINE_H
#define QP_COMBINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codebook.h"
#include "model.h"

#define QP_NONE UINT32_MAX
#define QP_COMB_FLOOR 0.5
#define QP_COMB_WP 0.3      /* the weight of the model's score */

typedef struct {
	uint32_t mcode;         /* the model's index of the code, or QP_NONE */
	uint32_t ccode;         /* the codebook's, or QP_NONE */
	uint32_t hits;          /* rule hits */
	double p;               /* model score (0 when mcode is QP_NONE) */
	double score;
	bool by_rule, by_model;
} qp_given;

typedef struct qp_combiner qp_combiner;

/* cb may be NULL: the model alone. */
qp_combiner *qp_comb_new(const qp_model *m, const cb_codebook *cb);
void qp_comb_free(qp_combiner *k);

/* The codes given to a segment with rule results r[0..nr) (cb_results)
 * and model scores p[] (qp_model_score), by descending score; their
 * number, the array in *out.  *doubt gets the segment's doubt. */
size_t qp_comb_codes(qp_combiner *k, const cb_result *r, size_t nr, const double *p,
                     const qp_given **out, double *doubt);
/* Rules as features (model.h): rv[0..ncb) gets qp_rule_value of each
 * codebook code's hits in the rule results r[0..nr), 0 for the others. */
void qp_rule_values(const cb_result *r, size_t nr, double *rv, size_t ncb);

/* The path of a given code. */
const char *qp_comb_path(const qp_combiner *k, const qp_given *g);

#endif
