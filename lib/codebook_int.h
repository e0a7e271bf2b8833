/*
 * codebook_int.h: the inside of a cb_codebook, private to the files that
 * build it and read it.  Nothing outside these files includes it.
 *
 *   codebook.c  the parsed codebook: cb_parse and cb_load, the building
 *               blocks below, the codebook(5) directives, cb_free and the
 *               accessors of codebook.h
 *   dic.c       the LIWC .dic reader, on the same building blocks
 *   matcher.c   compiling (cb_compile: the indexes the matcher walks) and
 *               the matcher itself, match-theme's hot path
 *   unquote.c   curly quotes made straight for regular expressions
 *
 * Why one struct is shared: the parsers fill the codebook's arrays and
 * the matcher reads them in its inner loop, directly, as it did when this
 * was one file; accessor calls across files there would cost time on
 * every word of the input.
 *
 * How it fits together.  Every word, phrase, near side and exclusion is a
 * sequence of terms (a folded word, possibly a wildcard prefix);
 * identical sequences are stored once and list their users (the patterns,
 * near sides and exclusions that contain them).  A sequence is found by
 * its first term: an exact map, a prefix map and a map of stems (terms
 * of codes with `stem on`) from folded word to the sequences starting
 * with it.  The matcher resolves each distinct word
 * of the input against both maps once and caches the merged list, so a
 * word seen again costs one hash lookup whatever the number of wildcards.
 *
 * Memory: the cb_codebook owns everything it points at (strings, arrays,
 * maps, compiled regexes); cb_free releases it all, in any state a
 * parser may leave it.  A cb_parser owns its scratch buffers and the .dic
 * maps, and only borrows the codebook, the name and the error buffer.
 */
#ifndef QP_CODEBOOK_INT_H
#define QP_CODEBOOK_INT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "codebook.h"
#include "map.h"
#include "stem.h"
#include "xalloc.h"

/* ---- The codebook ---------------------------------------------------- */

/* A user of a sequence, in one uint32_t: what it is (the role, 2 bits)
 * and its index (a pattern for ROLE_PAT and the near sides, a code for
 * ROLE_EXCL).  The parsers cap codes and patterns below 2^30 so that it
 * fits. */
enum { ROLE_PAT, ROLE_NEAR_A, ROLE_NEAR_B, ROLE_EXCL };
#define USER(role, i) ((uint32_t)(role) << 30 | (uint32_t)(i))
#define USER_ROLE(u) ((u) >> 30)
#define USER_IDX(u) ((u) & 0x3FFFFFFFu)

typedef struct {
	uint32_t off, len;      /* folded (or stemmed) bytes in cb->str */
	bool prefix;            /* a trailing '*' */
	bool stem;              /* the bytes are a stem (stem on): matched
	                         * against the stems of the text's words */
} term;

typedef struct {
	uint32_t t0, nt;        /* terms */
	uint32_t u0, nu;        /* users (set by cb_compile) */
	/* Phrases hang on their first word, and many begin with a common
	 * one ("i was", "my mom"): the second word's hash, when it is whole,
	 * turns most checks into one comparison. */
	uint64_t h2;
	bool h2ok;
	bool h2stem;            /* h2 is of a stem: compare the word's stem */
} seq;

typedef struct {
	char *path;
	qp_buf desc;
	unsigned min;
	bool min_set;
	bool has_excl;
	unsigned long line;
} code;

typedef struct {
	enum cb_kind kind;
	uint32_t code;
	char *term;             /* as written, blanks made one space */
	unsigned long line;
	uint32_t seq, seq_b;    /* word, phrase; near A and B */
	unsigned near;
	pcre2_code *re;
	char *via;              /* NULL as written, else e.g. "syn rush.v" */
} pattern;

typedef struct {
	uint32_t *v;
	size_t n, cap;
} u32vec;

struct cb_codebook {
	char *name;
	bool dic;
	code *codes;
	size_t ncodes, ccap;
	pattern *pats;
	size_t npats, pcap;
	term *terms;
	size_t nterms, tcap;
	seq *seqs;
	size_t nseqs, scap;
	qp_buf str;             /* the folded bytes of every term */
	qp_map *codemap;        /* path -> code + 1 */
	/* While parsing; cb_compile turns them into what follows. */
	qp_map *seqmap;         /* sequence key -> seq + 1 */
	u32vec pairs;           /* seq, user, ... */
	/* Compiled */
	uint32_t *users;        /* grouped by sequence: seqs[s].u0, .nu */
	qp_map *exact;          /* first term -> list + 1 */
	qp_map *prefix;
	qp_map *stemx;          /* first term a stem -> list + 1 */
	bool has_stem;          /* some term is a stem: the matcher stems */
	u32vec *lists;
	size_t nlists;
	bool *plen;             /* plen[L]: some prefix has L bytes */
	size_t maxplen;
	uint32_t *regexes;      /* the regex patterns, in codebook order */
	size_t nregex;
	size_t nnear;
};

static inline void
vec_push(u32vec *v, uint32_t x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->v = xreallocarray(v->v, v->cap, sizeof *v->v);
	}
	v->v[v->n++] = x;
}

/* Group the users by sequence and index the sequences by their first
 * term (matcher.c).  Once, after a parser has succeeded. */
void cb_compile(cb_codebook *cb);

/* ---- Building it (codebook.c; dic.c uses the same) ------------------- */

/*
 * A parse in progress.  An error is reported by cb_perr, which writes
 * "NAME:LINE: message" into err and longjmps back to cb_parse, which
 * frees the parser and the half-built codebook: so nothing a parser
 * allocates may live only in a local variable.
 */
typedef struct {
	cb_codebook *cb;
	const char *name;
	unsigned long line;     /* of the line being read, for messages */
	qp_buf *err;
	jmp_buf jb;
	qp_buf tmp;             /* scratch of cb_new_pattern and the .dic reader */
	qp_buf key;             /* scratch of cb_parse_seq */
	/* The .dic reader's, here for cb_parse to free after an error. */
	qp_map *dic_ids;        /* category number -> code + 1 */
	qp_map *dic_seen;       /* "sequence:code" already given a pattern */
	/* codebook(5) `stem`: the codebook's default and the setting now. */
	bool stem_default, stem;
	qp_stemmer *stemmer;    /* made when first needed */
	qp_buf lemmas, wn;      /* scratch of the WordNet directives */
} cb_parser;

noreturn void cb_perr(cb_parser *P, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The next line of text[0..n) from *i that is not blank, without its
 * blanks at either end, as s[0..*len); *line counts every line passed,
 * blank ones too.  False at the end of the text. */
bool cb_next_line(const char *text, size_t n, size_t *i, unsigned long *line,
                  const char **s, size_t *len);

/* The next blank-separated item of s[0..n) from *i, as s[*b..*i).  False
 * when only blanks are left. */
static inline bool
next_item(const char *s, size_t n, size_t *i, size_t *b)
{
	while (*i < n && is_space(s[*i]))
		(*i)++;
	*b = *i;
	while (*i < n && !is_space(s[*i]))
		(*i)++;
	return *b != *i;
}

/* A new code; path[0..n) is copied.  Dies (cb_perr) on a duplicate. */
uint32_t cb_add_code(cb_parser *P, const char *path, size_t n);

/* The sequence s[0..n) spells (see codebook.c); with empty_ok, a text
 * without words gives UINT32_MAX instead of an error. */
uint32_t cb_parse_seq(cb_parser *P, const char *s, size_t n, bool empty_ok);

/* A new pattern of code c whose term is term[0..tn) (copied). */
pattern *cb_new_pattern(cb_parser *P, uint32_t c, enum cb_kind kind,
                        const char *term, size_t tn);

/* A new word or phrase pattern that matches sequence s. */
pattern *cb_seq_pattern(cb_parser *P, uint32_t c, enum cb_kind kind, uint32_t s,
                        const char *term, size_t tn);

/* Record that user (USER()) contains sequence s. */
void cb_add_user(cb_codebook *cb, uint32_t s, uint32_t user);

/* The LIWC .dic reader (dic.c): is the text a .dic (its first line that
 * is not blank is a lone '%'), and read one into P->cb. */
bool cb_is_dic_text(const char *text, size_t n);
void cb_read_dic(cb_parser *P, const char *text, size_t n);

#endif
