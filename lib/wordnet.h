/*
 * wordnet.h: the lemmas codebook(5)'s `syn`, `narrower` and `broader`
 * expand a word into, from Princeton WordNet 3.0 (Debian's wordnet-base
 * data read through its libwordnet).
 *
 * The database is where WordNet's own tools look for it: the folder
 * WNSEARCHDIR names, else WNHOME/dict, else /usr/share/wordnet.  It is
 * opened on the first call and stays open for the life of the process
 * (libwordnet keeps its files in globals and has no call to close them).
 * One thread only: libwordnet has global state.
 *
 * The database is trusted data (an installed package); the words asked
 * for are not: a word that is not a plain folded ASCII word of at most
 * QP_WN_WORD_MAX bytes is answered "not in WordNet" without reaching the
 * library, whose buffers are of fixed size.
 *
 * Memory: nothing libwordnet allocates outlives a call; the lemmas are
 * appended to the caller's buffer, the message to the caller's other.
 */
#ifndef QP_WORDNET_H
#define QP_WORDNET_H

#include <stdbool.h>

#include "buf.h"

#define QP_WN_WORD_MAX 64
#define QP_WN_DEPTH_MAX 9
/* What one item may reach: an expansion is a list a researcher reads,
 * and "narrower 9 entity" (all of WordNet's nouns) is a mistake. */
#define QP_WN_SYNSETS_MAX 2001

enum qp_wn_rel {
	QP_WN_SYN,              /* the lemmas of the word's synsets */
	QP_WN_NARROWER,         /* and of their hyponyms (troponyms), to depth */
	QP_WN_BROADER           /* and of their hypernyms, to depth */
};

/* Open the database now (the fuzz harness does, before its runs);
 * false, with the reason in why, if it cannot be read. */
bool qp_wn_open(qp_buf *why);

/* The folder the database is looked for in (for messages). */
const char *qp_wn_dir(void);

/*
 * The lemmas of word[0..n) (folded; blanks or '_' between the words of
 * a compound) in part of speech pos ('n', 'v', 'a', 'r', or 0 for all
 * four) and sense (1-based, in WordNet's order; 0 for all), with what
 * rel adds to depth 1..QP_WN_DEPTH_MAX.  Each lemma is appended to out
 * NUL-terminated, in WordNet's order, once, the word itself first,
 * with '_' made a space; lemmas with a capital (names: "Benjamin Rush")
 * are left out, and an adjective's position marker ("(p)") dropped.
 * Returns the number of lemmas, or -1 with the reason in why (also when
 * the word reaches QP_WN_SYNSETS_MAX synsets or more).
 */
long qp_wn_lemmas(const char *word, size_t n, char pos, unsigned sense,
                  enum qp_wn_rel rel, unsigned depth, qp_buf *out, qp_buf *why);

#endif
