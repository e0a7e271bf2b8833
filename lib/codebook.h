/*
 * codebook.h: codebooks (codebook(5)) and LIWC-style .dic dictionaries,
 * parsed once and compiled into a matcher that codes texts.
 *
 * A cb_codebook is immutable once loaded and may be shared by any number
 * of cb_matchers; a matcher holds the per-text scratch (tokens, the cache
 * of words already seen, PCRE2 match data) and is used by one thread.
 *
 * Matching is what codebook(5) documents: words and wildcards, phrases,
 * near, regular expressions, exclusions and min, case- and
 * accent-insensitive (utf8_fold) over words_next() words; under `stem
 * on`, words are compared by their Snowball stems (stem.h).  syn,
 * narrower and broader are expanded from WordNet (wordnet.h) when the
 * codebook is parsed, into ordinary word and phrase patterns.  In a .dic, a
 * word takes the categories of its most specific entry only (an exact
 * entry beats a wildcard, a longer wildcard a shorter one), as LIWC does.
 *
 * Errors: cb_parse returns NULL and puts "FILE:LINE: message" in err;
 * cb_load dies with that message (exit 2).  A .dic that parses may still
 * get a warning on stderr (qp_warn) for entries it cannot apply in full.
 * Matching does not fail: a regular expression that gives up (PCRE2
 * match, depth or JIT stack limit) counts no hit and is listed by
 * cb_failures for the caller to report.  Only a text over 2 GiB dies.
 *
 * Memory: the caller owns what cb_load, cb_parse and cb_matcher_new
 * return and frees it with cb_free and cb_matcher_free, the matchers
 * before their codebook.  A codebook keeps no pointer into the text or
 * name it was parsed from.  The matcher's word cache is bounded (it
 * starts afresh when full), so a matcher's size depends on the longest
 * text, not on the amount of input.
 *
 * The code: codebook.c parses (and reads codebook(5)), dic.c reads a
 * .dic, matcher.c compiles and matches, unquote.c straightens curly
 * quotes for regexes, wordnet.c asks WordNet; codebook_int.h is what
 * they share.
 */
#ifndef QP_CODEBOOK_H
#define QP_CODEBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct cb_codebook cb_codebook;
typedef struct cb_matcher cb_matcher;

enum cb_kind { CB_WORD, CB_PHRASE, CB_NEAR, CB_REGEX };

/* Read and compile the codebook or .dic at path (gzip, BOM and CRLF are
 * accepted as on any input); dies on any error.  Caller frees. */
cb_codebook *cb_load(const char *path);
/* The same from memory: text[0..n) is valid UTF-8; name is used in
 * messages.  NULL on error, with the message appended to err (the
 * caller's buffer).  Caller frees. */
cb_codebook *cb_parse(const char *name, const char *text, size_t n, qp_buf *err);
void cb_free(cb_codebook *cb);

bool cb_is_dic(const cb_codebook *cb);

/* Codes, in codebook order (for a .dic, the order of its categories). */
size_t cb_ncodes(const cb_codebook *cb);
const char *cb_code_path(const cb_codebook *cb, size_t c);
const char *cb_code_desc(const cb_codebook *cb, size_t c);  /* "" if none */
unsigned cb_code_min(const cb_codebook *cb, size_t c);

/* Patterns, in codebook order.  The term is the pattern as written
 * (one word of a `word` line; the argument of any other directive; for
 * one that syn, narrower or broader made, the WordNet lemma, blanks
 * between its words). */
size_t cb_npatterns(const cb_codebook *cb);
size_t cb_pattern_code(const cb_codebook *cb, size_t p);
const char *cb_pattern_term(const cb_codebook *cb, size_t p);
enum cb_kind cb_pattern_kind(const cb_codebook *cb, size_t p);
unsigned long cb_pattern_line(const cb_codebook *cb, size_t p);
/* What the pattern came from: "" for one written in the codebook, else
 * the directive and item that expanded into it ("syn rush.v",
 * "narrower 2 emotion"), for explanations.  Belongs to the codebook. */
const char *cb_pattern_via(const cb_codebook *cb, size_t p);

/* A code assigned to the last text, with its number of hits. */
typedef struct {
	uint32_t code;
	uint32_t hits;
} cb_result;

/* One hit, kept when the matcher was made with CB_KEEP_HITS.  Offsets are
 * into the text given to cb_match; w0 and w1 count its words from 0. */
typedef struct {
	uint32_t pattern;
	uint32_t code;
	size_t start, end;      /* bytes: text[start..end) is the match */
	size_t cp_off;          /* start, in code points */
	size_t w0, w1;          /* first and last word inside; w0 > w1 if none */
} cb_hit;

/* A regular expression that gave up on the last text. */
typedef struct {
	uint32_t pattern;
	int error;              /* PCRE2 error code */
} cb_failure;

enum { CB_KEEP_HITS = 1 };

cb_matcher *cb_matcher_new(const cb_codebook *cb, int flags);
void cb_matcher_free(cb_matcher *m);

/*
 * Code text[0..n) (valid UTF-8; the matcher keeps no copy of it).
 * Returns the number of codes assigned; cb_results then lists them by
 * descending hits, ties in codebook order.  Everything the matcher hands
 * out belongs to it and stays valid until the next cb_match.
 */
size_t cb_match(cb_matcher *m, const char *text, size_t n);
const cb_result *cb_results(const cb_matcher *m, size_t *n);
/* Hits of the assigned codes, in text order (then codebook order). */
const cb_hit *cb_hits(const cb_matcher *m, size_t *n);
const cb_failure *cb_failures(const cb_matcher *m, size_t *n);
/* Bytes of the last text from nwords words before the hit to nwords
 * words after it. */
void cb_context(const cb_matcher *m, const cb_hit *h, size_t nwords,
                size_t *start, size_t *end);

/*
 * The words of the last text as the matcher cut (words_next) and folded
 * (utf8_fold) them, for a caller that needs them too and need not cut
 * the text again (match-theme --model's features: textfeat.h's
 * qp_feat_words): word i is
 * fold[off[i] .. off[i] + len[i]) (no bytes for a word of marks only)
 * and hash[i] is qp_hash (map.h) of those bytes.  The arrays belong to
 * the matcher and stay valid until the next cb_match.
 */
typedef struct {
	const char *fold;
	const uint32_t *off, *len;
	const uint64_t *hash;
	size_t n;
} cb_words;
cb_words cb_last_words(const cb_matcher *m);

/* PCRE2's message for an error code, into buf (always NUL-terminated). */
void cb_regex_error(int error, char *buf, size_t n);

#endif
