/*
 * stem.h: Snowball English stems (libstemmer), one rule for every part
 * of qualpipe that stems: codebook(5) `stem on`, learn's features and
 * match-theme --model.  Pattern words and text words go through the same
 * function, so that they meet.
 *
 * Input is a word already folded as the matcher folds it (utf8_fold:
 * lower case, accents off); Snowball's English stemmer is defined on
 * such words.  A word of more than QP_STEM_MAX bytes is returned as it
 * is: no English word is that long, and the stemmer's cost is linear.
 *
 * Memory: the caller owns what qp_stemmer_new returns and frees it with
 * qp_stemmer_free.  The stem qp_stem returns belongs to the stemmer (or
 * is w itself) and is valid until the next call on that stemmer.  A
 * stemmer is used by one thread.
 */
#ifndef QP_STEM_H
#define QP_STEM_H

#include <stddef.h>

#define QP_STEM_MAX 64

typedef struct qp_stemmer qp_stemmer;

/* Dies (exit 2) if libstemmer cannot make the English stemmer. */
qp_stemmer *qp_stemmer_new(void);
void qp_stemmer_free(qp_stemmer *st);

/* The stem of w[0..n); its length in *len.  Not NUL-terminated. */
const char *qp_stem(qp_stemmer *st, const char *w, size_t n, size_t *len);

#endif
