/*
 * textfeat.h: the features learn trains on and match-theme --model
 * scores, one definition for both (qualpipe-model(5) is the user's
 * side of it).
 *
 * A text's words are words_next() words folded with utf8_fold, exactly
 * as the codebook matcher sees them, then stemmed (stem.h, Snowball
 * English).  Its features are every stem and every pair of adjacent
 * stems ("take time", joined by one space), each hashed with 64-bit
 * FNV-1a over its bytes into one of QP_FEAT_BUCKETS buckets:
 *
 *     bucket = ((h ^ (h >> 32)) & (QP_FEAT_BUCKETS - 1)) + 1
 *
 * (1-based, as liblinear numbers features).  FNV-1a reads bytes one at
 * a time, so a bucket is the same on every machine and a model file
 * travels.  A bucket's value is 1 + ln(count), and the text's vector is
 * scaled to Euclidean length 1, so that long and short segments weigh
 * alike.  A text without words has no features.
 *
 * Memory: the caller owns what qp_feat_new returns and frees it with
 * qp_feat_free.  The features and names qp_feat_text and qp_feat_words
 * hand out belong to the extractor and are valid until its next call of
 * either; the extractor keeps no pointer into the words it is given.  The
 * stems of words already seen are cached; the cache starts afresh when
 * it holds QP_FEAT_CACHE words, so an extractor's size does not grow
 * with the input, and when an extractor goes from qp_feat_text to
 * qp_feat_words or back (each keys the words by its own hash).  An
 * extractor is used by one thread.  Only a text over 2 GiB dies
 * (qp_die), as in the matcher.
 */
#ifndef QP_TEXTFEAT_H
#define QP_TEXTFEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codebook.h"

#define QP_FEAT_BITS 18
#define QP_FEAT_BUCKETS (1u << QP_FEAT_BITS)
#define QP_FEAT_CACHE (1u << 16)

typedef struct {
	uint32_t id;      /* bucket, 1 .. QP_FEAT_BUCKETS */
	double value;
} qp_feat;

typedef struct qp_featx qp_featx;

/* names: keep, for each feature of the text, the first stem or stem
 * pair that gave it (learn's model file, --explain). */
qp_featx *qp_feat_new(bool names);
void qp_feat_free(qp_featx *x);

/* The features of text[0..n) (valid UTF-8), each bucket once, in the
 * order their first word came; sorted by bucket when sorted is true
 * (liblinear wants them so).  Returns their number; *out the array. */
size_t qp_feat_text(qp_featx *x, const char *text, size_t n, bool sorted,
                    const qp_feat **out);

/* The features of a text from its words as a codebook matcher cut and
 * folded them (cb_last_words, codebook.h), so that a text coded by
 * rules and model is cut and folded once: the same, in the same order,
 * as qp_feat_text gives for that text.  w is only read. */
size_t qp_feat_words(qp_featx *x, const cb_words *w, bool sorted, const qp_feat **out);

/* With names: the name of the i-th feature of the last text (made on
 * the first call; every name of a text stays valid until the next text). */
const char *qp_feat_name(qp_featx *x, size_t i);

/* The bucket of the string s[0..n), by the formula above. */
uint32_t qp_feat_bucket(const char *s, size_t n);

#endif
