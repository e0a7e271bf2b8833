#include "codebook.h"
#include "input.h"
#include "map.h"
#include "qp.h"
#include "utf8.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef QP_FUZZ
static void fuzz_code_free(void *re) { pcre2_code_free(re); }
#endif

/*
 * How it fits together.  Every word, phrase, near side and exclusion is a
 * sequence of terms (a folded word, possibly a wildcard prefix);
 * identical sequences are stored once and list their users (the patterns,
 * near sides and exclusions that contain them).  A sequence is found by
 * its first term: an exact map and a prefix map from folded word to the
 * sequences starting with it.  The matcher resolves each distinct word
 * of the input against both maps once and caches the merged list, so a
 * word seen again costs one hash lookup whatever the number of wildcards.
 */

/* Limits that keep a bad regex or a huge input from taking the run. */
#define MATCH_LIMIT 1000000
#define DEPTH_LIMIT 10000
#define JIT_STACK_MAX (1024 * 1024)
/* Words cached before the cache starts afresh: bounds its memory
 * (slots of 32 bytes at most half full: 8 MiB), and the bytes of its
 * longer words and of its lists. */
#define CACHE_MAX (1u << 17)
#define CACHE_BYTES (16u << 20)
#define KEY_INLINE 16
#define PREFETCH 8
#define NEAR_MAX 10000
#define MIN_MAX 1000000

enum { ROLE_PAT, ROLE_NEAR_A, ROLE_NEAR_B, ROLE_EXCL };
#define USER(role, i) ((uint32_t)(role) << 30 | (uint32_t)(i))
#define USER_ROLE(u) ((u) >> 30)
#define USER_IDX(u) ((u) & 0x3FFFFFFFu)
/* In the word cache: a sequence to check, or (ACT_CODE) a code to count. */
#define ACT_CODE 0x80000000u
#define ACT_NONE 0xFFFFFFFFu

typedef struct {
	uint32_t off, len;      /* folded bytes in cb->str */
	bool prefix;            /* a trailing '*' */
} term;

typedef struct {
	uint32_t t0, nt;        /* terms */
	uint32_t u0, nu;        /* users */
	/* Phrases hang on their first word, and many begin with a common
	 * one ("i was", "my mom"): the second word's hash, when it is whole,
	 * turns most checks into one comparison. */
	uint64_t h2;
	bool h2ok;
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
	char *term;
	unsigned long line;
	uint32_t seq, seq_b;    /* word, phrase; near A and B */
	unsigned near;
	pcre2_code *re;
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
	uint32_t *users;
	qp_buf str;
	qp_map *codemap;        /* path -> code + 1 */
	qp_map *seqmap;         /* sequence key -> seq + 1 */
	u32vec pairs;           /* seq, user, ... while parsing */
	qp_map *exact;          /* first term -> list + 1 */
	qp_map *prefix;
	u32vec *lists;
	size_t nlists;
	bool *plen;             /* plen[L]: some prefix has L bytes */
	size_t maxplen;
	uint32_t *regexes;
	size_t nregex;
	size_t nnear;
};

static void
vec_push(u32vec *v, uint32_t x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->v = xreallocarray(v->v, v->cap, sizeof *v->v);
	}
	v->v[v->n++] = x;
}

/* Grow an array so that index n fits. */
#define GROW(p, n, cap) do { \
	if ((n) >= (cap)) { \
		(cap) = (cap) ? (cap) * 2 : 16; \
		if ((cap) <= (n)) (cap) = (n) + 1; \
		(p) = xreallocarray((p), (cap), sizeof *(p)); \
	} \
} while (0)

/* ---- Quotes ---------------------------------------------------------- */

/*
 * Curly quotes become straight ones before a regex sees the text.  map
 * records, for each replaced character, its place in the new text and
 * how many bytes shorter the text is up to and including it, so that
 * positions can be taken back to the original.
 */
typedef struct {
	size_t *pos, *extra;
	size_t n, cap;
} qmap;

static size_t
quote_at(const char *s, size_t i, size_t n, char *to)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == 0xE2 && i + 2 < n && u[1] == 0x80) {
		switch (u[2]) {
		case 0x98: case 0x99: *to = '\''; return 3;
		case 0x9C: case 0x9D: *to = '"'; return 3;
		}
	}
	if (u[0] == 0xCA && i + 1 < n && u[1] == 0xBC) {
		*to = '\'';
		return 2;
	}
	return 0;
}

/* Returns false (and leaves out alone) when s has no curly quote. */
static bool
unquote(const char *s, size_t n, qp_buf *out, qmap *m)
{
	size_t i = 0, run = 0, extra = 0;
	bool any = false;
	char c;

	m->n = 0;
	/* Curly quotes start with 0xE2 or 0xCA; find each kind only once. */
	const char *pe = memchr(s, 0xE2, n), *pc = memchr(s, 0xCA, n);
	while (pe || pc) {
		const char *p = !pe || (pc && pc < pe) ? pc : pe;
		i = (size_t)(p - s);
		size_t l = quote_at(s, i, n, &c);
		if (l) {
			if (!any) {
				buf_reset(out);
				any = true;
			}
			buf_add(out, s + run, i - run);
			buf_addc(out, c);
			extra += l - 1;
			if (m->n == m->cap) {
				m->cap = m->cap ? m->cap * 2 : 16;
				m->pos = xreallocarray(m->pos, m->cap, sizeof *m->pos);
				m->extra = xreallocarray(m->extra, m->cap, sizeof *m->extra);
			}
			m->pos[m->n] = out->len - 1;
			m->extra[m->n++] = extra;
			i += l;
			run = i;
		} else {
			i++;
		}
		if (pe && (size_t)(pe - s) < i)
			pe = i < n ? memchr(s + i, 0xE2, n - i) : NULL;
		if (pc && (size_t)(pc - s) < i)
			pc = i < n ? memchr(s + i, 0xCA, n - i) : NULL;
	}
	if (any)
		buf_add(out, s + run, n - run);
	return any;
}

/* Position in the original text of position p of the unquoted one. */
static size_t
qmap_back(const qmap *m, size_t p)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {                /* replacements before p */
		size_t mid = (lo + hi) / 2;
		if (m->pos[mid] < p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? p + m->extra[lo - 1] : p;
}

/* ---- Parsing ---------------------------------------------------------- */

typedef struct {
	cb_codebook *cb;
	const char *name;
	unsigned long line;
	qp_buf *err;
	jmp_buf jb;
	qp_buf tmp;
	qp_buf key;
	qp_map *dicdup;
} parser;

static noreturn void perr(parser *P, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
perr(parser *P, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_printf(P->err, "%s:%lu: %s", P->name, P->line, msg);
	longjmp(P->jb, 1);
}

static inline bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool
valid_path(const char *p, size_t n)
{
	size_t seg = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c == '/') {
			if (seg == 0)
				return false;
			seg = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		           c == '_' || c == '-') {
			seg++;
		} else {
			return false;
		}
	}
	return seg > 0;
}

static uint32_t
add_code(parser *P, const char *path, size_t n)
{
	cb_codebook *cb = P->cb;
	bool created;
	qp_entry *e = qp_map_put(cb->codemap, path, n, &created);
	if (!created)
		perr(P, "code '%.*s' is defined twice (first at line %lu)",
		     (int)n, path, cb->codes[(size_t)e->val - 1].line);
	if (cb->ncodes >= 0x3FFFFFFF)
		perr(P, "too many codes");
	GROW(cb->codes, cb->ncodes, cb->ccap);
	code *c = &cb->codes[cb->ncodes];
	memset(c, 0, sizeof *c);
	buf_init(&c->desc);
	c->path = xmemdup(path, n);
	c->min = 1;
	c->line = P->line;
	e->val = (void *)(cb->ncodes + 1);
	return (uint32_t)cb->ncodes++;
}

/* Is the code point ending at s[0..i) a word character? */
static bool
word_char_before(const char *s, size_t i)
{
	size_t j = i;
	int32_t cp;
	if (j == 0)
		return false;
	do
		j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80);
	utf8_decode(s + j, &cp);
	return utf8_is_wordcp(cp);
}

/*
 * The sequence of terms that s[0..n) spells: whitespace-separated items,
 * each one or more words (a hyphen splits a word), the last of which may
 * end in '*'.  Returns the sequence, shared with any identical one.
 * With empty_ok, a text without words returns UINT32_MAX.
 */
static uint32_t
parse_seq(parser *P, const char *s, size_t n, bool empty_ok)
{
	cb_codebook *cb = P->cb;
	size_t t0 = cb->nterms, i = 0;

	buf_reset(&P->key);
	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		size_t b = i;
		while (i < n && !is_space(s[i]))
			i++;
		if (b == i)
			break;
		size_t e = i;
		bool star = false;
		const char *st = memchr(s + b, '*', e - b);
		if (st) {
			size_t at = (size_t)(st - s);
			if (at != e - 1 || !word_char_before(s, at)) {
				cb->nterms = t0;
				perr(P, "'*' may only end a word: '%.*s'", (int)(e - b), s + b);
			}
			star = true;
			e--;
		}
		qp_words w;
		qp_word t;
		size_t first = cb->nterms;
		words_init(&w, s + b, e - b);
		while (words_next(&w, &t)) {
			size_t off = cb->str.len;
			utf8_fold(s + b + t.off, t.len, &cb->str);
			if (cb->str.len - off > UINT32_MAX || off > UINT32_MAX)
				perr(P, "codebook too large");
			if (cb->str.len == off)
				continue;       /* marks alone fold to nothing */
			GROW(cb->terms, cb->nterms, cb->tcap);
			cb->terms[cb->nterms++] = (term){ (uint32_t)off,
				(uint32_t)(cb->str.len - off), false };
		}
		if (star && cb->nterms > first)
			cb->terms[cb->nterms - 1].prefix = true;
	}
	if (cb->nterms == t0) {
		if (empty_ok)
			return UINT32_MAX;
		perr(P, "empty pattern: no words in '%.*s'", (int)n, s);
	}
	for (size_t k = t0; k < cb->nterms; k++) {
		const term *t = &cb->terms[k];
		buf_add(&P->key, cb->str.s + t->off, t->len);
		buf_addc(&P->key, t->prefix ? '\1' : '\2');
	}
	bool created;
	qp_entry *e = qp_map_put(cb->seqmap, P->key.s, P->key.len, &created);
	if (!created) {
		cb->nterms = t0;        /* the folded bytes stay; harmless */
		return (uint32_t)((size_t)e->val - 1);
	}
	GROW(cb->seqs, cb->nseqs, cb->scap);
	cb->seqs[cb->nseqs] = (seq){ (uint32_t)t0, (uint32_t)(cb->nterms - t0), 0, 0, 0, false };
	if (cb->nterms - t0 > 1 && !cb->terms[t0 + 1].prefix) {
		const term *t2 = &cb->terms[t0 + 1];
		cb->seqs[cb->nseqs].h2 = qp_hash(cb->str.s + t2->off, t2->len);
		cb->seqs[cb->nseqs].h2ok = true;
	}
	e->val = (void *)(cb->nseqs + 1);
	return (uint32_t)cb->nseqs++;
}

static void
add_user(cb_codebook *cb, uint32_t s, uint32_t user)
{
	vec_push(&cb->pairs, s);
	vec_push(&cb->pairs, user);
}

static pattern *
new_pattern(parser *P, uint32_t c, enum cb_kind kind, const char *term, size_t tn)
{
	cb_codebook *cb = P->cb;
	if (cb->npats >= 0x3FFFFFFF)
		perr(P, "too many patterns");
	GROW(cb->pats, cb->npats, cb->pcap);
	pattern *p = &cb->pats[cb->npats++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->code = c;
	p->line = P->line;
	/* The term as written, with runs of blanks made one space. */
	buf_reset(&P->tmp);
	for (size_t i = 0; i < tn; i++) {
		if (is_space(term[i])) {
			if (P->tmp.len && P->tmp.s[P->tmp.len - 1] != ' ')
				buf_addc(&P->tmp, ' ');
		} else {
			buf_addc(&P->tmp, term[i]);
		}
	}
	p->term = xmemdup(P->tmp.s, P->tmp.len);
	return p;
}

static unsigned long
parse_num(parser *P, const char *s, size_t n, unsigned long lo, unsigned long hi,
          const char *what)
{
	unsigned long v = 0;
	if (n == 0)
		perr(P, "bad %s number: missing", what);
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > hi)
			perr(P, "bad %s number '%.*s' (a whole number from %lu to %lu)",
			     what, (int)n, s, lo, hi);
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v < lo || v > hi)
		perr(P, "bad %s number '%.*s' (a whole number from %lu to %lu)",
		     what, (int)n, s, lo, hi);
	return v;
}

static void
compile_regex(parser *P, pattern *p, const char *s, size_t n)
{
	qp_buf q = QP_BUF_INIT;
	qmap m = { 0 };
	const char *src = s;
	size_t len = n;
	int err;
	PCRE2_SIZE off;

	if (unquote(s, n, &q, &m)) {
		src = q.s;
		len = q.len;
	}
	p->re = pcre2_compile((PCRE2_SPTR)src, len,
	                      PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	size_t orig = qmap_back(&m, off);
	buf_free(&q);
	free(m.pos);
	free(m.extra);
	if (!p->re) {
		char msg[256];
		cb_regex_error(err, msg, sizeof msg);
		perr(P, "bad regex: %s at offset %zu", msg, orig);
	}
	QP_FUZZ_OWN(p->re, fuzz_code_free);
	/* Without JIT support the interpreter does the same work, slower. */
	pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE);
}

static void
parse_cb_line(parser *P, const char *kw, size_t kn, const char *arg, size_t an,
              long *cur)
{
	cb_codebook *cb = P->cb;
#define KW(s) (kn == sizeof(s) - 1 && memcmp(kw, s, kn) == 0)
	if (KW("code")) {
		if (an == 0)
			perr(P, "'code' needs a path");
		if (!valid_path(arg, an))
			perr(P, "bad code path '%.*s' (lower-case letters, digits, _ and - "
			     "in parts joined by /)", (int)an, arg);
		*cur = add_code(P, arg, an);
		return;
	}
	if (!(KW("description") || KW("word") || KW("phrase") || KW("near") ||
	      KW("regex") || KW("exclude") || KW("min")))
		perr(P, "unknown directive '%.*s'", (int)kn, kw);
	if (*cur < 0)
		perr(P, "'%.*s' before any 'code'", (int)kn, kw);
	uint32_t c = (uint32_t)*cur;
	code *cd = &cb->codes[c];

	if (KW("description")) {
		if (an && cd->desc.len)
			buf_addc(&cd->desc, ' ');
		buf_add(&cd->desc, arg, an);
		return;
	}
	if (KW("min")) {
		if (cd->min_set)
			perr(P, "'min' given twice for code '%s'", cd->path);
		cd->min = (unsigned)parse_num(P, arg, an, 1, MIN_MAX, "min");
		cd->min_set = true;
		return;
	}
	if (an == 0)
		perr(P, "empty pattern: '%.*s' needs an argument", (int)kn, kw);
	if (KW("word")) {
		size_t i = 0;
		while (i < an) {
			while (i < an && is_space(arg[i]))
				i++;
			size_t b = i;
			while (i < an && !is_space(arg[i]))
				i++;
			if (b == i)
				break;
			uint32_t s = parse_seq(P, arg + b, i - b, false);
			enum cb_kind k = cb->seqs[s].nt > 1 ? CB_PHRASE : CB_WORD;
			pattern *p = new_pattern(P, c, k, arg + b, i - b);
			p->seq = s;
			add_user(cb, s, USER(ROLE_PAT, cb->npats - 1));
		}
	} else if (KW("phrase")) {
		uint32_t s = parse_seq(P, arg, an, false);
		pattern *p = new_pattern(P, c, CB_PHRASE, arg, an);
		p->seq = s;
		add_user(cb, s, USER(ROLE_PAT, cb->npats - 1));
	} else if (KW("exclude")) {
		uint32_t s = parse_seq(P, arg, an, false);
		add_user(cb, s, USER(ROLE_EXCL, c));
		cd->has_excl = true;
	} else if (KW("near")) {
		size_t i = 0;
		while (i < an && !is_space(arg[i]))
			i++;
		unsigned nr = (unsigned)parse_num(P, arg, i, 1, NEAR_MAX, "near");
		const char *sl = memchr(arg + i, '/', an - i);
		if (!sl || memchr(sl + 1, '/', (size_t)(arg + an - sl - 1)))
			perr(P, "near needs 'N A / B' with one '/'");
		size_t si = (size_t)(sl - arg);
		uint32_t a = parse_seq(P, arg + i, si - i, false);
		uint32_t b = parse_seq(P, arg + si + 1, an - si - 1, false);
		pattern *p = new_pattern(P, c, CB_NEAR, arg, an);
		p->seq = a;
		p->seq_b = b;
		p->near = nr;
		add_user(cb, a, USER(ROLE_NEAR_A, cb->npats - 1));
		add_user(cb, b, USER(ROLE_NEAR_B, cb->npats - 1));
		cb->nnear++;
	} else {        /* regex */
		pattern *p = new_pattern(P, c, CB_REGEX, arg, an);
		compile_regex(P, p, arg, an);
		cb->regexes = xreallocarray(cb->regexes, cb->nregex + 1, sizeof *cb->regexes);
		cb->regexes[cb->nregex++] = (uint32_t)(cb->npats - 1);
	}
#undef KW
}

/* ---- LIWC .dic -------------------------------------------------------- */

/* "007" and "7" are the same category. */
static void
norm_id(const char *s, size_t n, const char **o, size_t *on)
{
	while (n > 1 && s[0] == '0') {
		s++;
		n--;
	}
	*o = s;
	*on = n;
}

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static void
dic_category(parser *P, qp_map *ids, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !is_space(s[i]))
		i++;
	if (!all_digits(s, i))
		perr(P, "bad category line: expected a number, then a name");
	size_t j = i;
	while (j < n && is_space(s[j]))
		j++;
	if (j == n)
		perr(P, "category %.*s has no name", (int)i, s);
	const char *id;
	size_t idn;
	norm_id(s, i, &id, &idn);
	/* The name becomes a code path: folded, other characters '_'. */
	buf_reset(&P->tmp);
	utf8_fold(s + j, n - j, &P->tmp);
	for (size_t k = 0; k < P->tmp.len; k++) {
		char c = P->tmp.s[k];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			P->tmp.s[k] = '_';
	}
	bool created;
	qp_entry *e = qp_map_put(ids, id, idn, &created);
	if (!created)
		perr(P, "category %.*s is defined twice", (int)i, s);
	char *path = xmemdup(P->tmp.s, P->tmp.len);
	uint32_t c = add_code(P, path, strlen(path));
	free(path);
	e->val = (void *)((size_t)c + 1);
}

static void
dic_entry(parser *P, qp_map *ids, const char *s, size_t n, size_t *nonword,
          size_t *cond, unsigned long *cond_line)
{
	cb_codebook *cb = P->cb;
	const char *tab = memchr(s, '\t', n);
	size_t tn;
	if (tab) {
		tn = (size_t)(tab - s);
	} else {
		tn = 0;
		while (tn < n && !is_space(s[tn]))
			tn++;
	}
	size_t te = tn;
	while (te > 0 && is_space(s[te - 1]))
		te--;
	uint32_t sq = parse_seq(P, s, te, true);
	if (sq == UINT32_MAX) {
		(*nonword)++;
		return;
	}
	/* Categories: numbers; LIWC2007's conditional forms such as
	 * 02 134/125(02 134)126 or <of>131/125 are left out. */
	size_t i = tn, ncat = 0;
	int depth = 0;
	bool had_cond = false;
	while (i < n) {
		while (i < n && is_space(s[i]))
			i++;
		size_t b = i;
		while (i < n && !is_space(s[i]))
			i++;
		if (b == i)
			break;
		bool cnd = depth > 0;
		for (size_t k = b; k < i; k++) {
			if (s[k] == '(')
				depth++, cnd = true;
			else if (s[k] == ')')
				depth = depth ? depth - 1 : 0, cnd = true;
			else if (s[k] == '/' || s[k] == '<' || s[k] == '>')
				cnd = true;
		}
		if (cnd) {
			if (!had_cond && (*cond)++ == 0)
				*cond_line = P->line;
			had_cond = true;
			continue;
		}
		if (!all_digits(s + b, i - b))
			perr(P, "bad category '%.*s' (a number from the header)",
			     (int)(i - b), s + b);
		const char *id;
		size_t idn;
		norm_id(s + b, i - b, &id, &idn);
		qp_entry *e = qp_map_get(ids, id, idn);
		if (!e)
			perr(P, "category %.*s is not in the header", (int)(i - b), s + b);
		uint32_t c = (uint32_t)((size_t)e->val - 1);
		/* The same word twice in one category counts once. */
		char key[24];
		int kl = snprintf(key, sizeof key, "%u:%u", sq, c);
		bool created;
		qp_map_put(P->dicdup, key, (size_t)kl, &created);
		ncat++;
		if (!created)
			continue;
		enum cb_kind k = cb->seqs[sq].nt > 1 ? CB_PHRASE : CB_WORD;
		pattern *p = new_pattern(P, c, k, s, te);
		p->seq = sq;
		add_user(cb, sq, USER(ROLE_PAT, cb->npats - 1));
	}
	if (ncat == 0 && !had_cond)
		perr(P, "entry '%.*s' has no category", (int)te, s);
}

/* ---- Compiling -------------------------------------------------------- */

static void
index_first(cb_codebook *cb, qp_map *m, const term *t, uint32_t s)
{
	bool created;
	qp_entry *e = qp_map_put(m, cb->str.s + t->off, t->len, &created);
	if (created) {
		cb->lists = xreallocarray(cb->lists, cb->nlists + 1, sizeof *cb->lists);
		memset(&cb->lists[cb->nlists], 0, sizeof *cb->lists);
		e->val = (void *)(cb->nlists++ + 1);
	}
	vec_push(&cb->lists[(size_t)e->val - 1], s);
}

static void
compile(cb_codebook *cb)
{
	/* Users grouped by sequence, in codebook order within each. */
	size_t np = cb->pairs.n / 2;
	uint32_t *cnt = xcalloc(cb->nseqs + 1, sizeof *cnt);
	for (size_t i = 0; i < np; i++)
		cnt[cb->pairs.v[2 * i] + 1]++;
	for (size_t s = 0; s < cb->nseqs; s++) {
		cnt[s + 1] += cnt[s];
		cb->seqs[s].u0 = cnt[s];
		cb->seqs[s].nu = cnt[s + 1] - cnt[s];
	}
	cb->users = xcalloc(np + 1, sizeof *cb->users);
	for (size_t i = 0; i < np; i++)
		cb->users[cnt[cb->pairs.v[2 * i]]++] = cb->pairs.v[2 * i + 1];
	free(cnt);
	free(cb->pairs.v);
	cb->pairs = (u32vec){ 0 };

	cb->exact = qp_map_new();
	cb->prefix = qp_map_new();
	for (size_t s = 0; s < cb->nseqs; s++) {
		const term *t = &cb->terms[cb->seqs[s].t0];
		if (t->prefix) {
			index_first(cb, cb->prefix, t, (uint32_t)s);
			if (t->len > cb->maxplen)
				cb->maxplen = t->len;
		} else {
			index_first(cb, cb->exact, t, (uint32_t)s);
		}
	}
	cb->plen = xcalloc(cb->maxplen + 1, sizeof *cb->plen);
	for (size_t s = 0; s < cb->nseqs; s++) {
		const term *t = &cb->terms[cb->seqs[s].t0];
		if (t->prefix)
			cb->plen[t->len] = true;
	}
	qp_map_free(cb->seqmap);
	cb->seqmap = NULL;
}

static bool
first_line_is_percent(const char *text, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && text[e] != '\n')
			e++;
		size_t b = i;
		while (b < e && is_space(text[b]))
			b++;
		size_t z = e;
		while (z > b && is_space(text[z - 1]))
			z--;
		if (z > b)
			return z - b == 1 && text[b] == '%';
		i = e + 1;
	}
	return false;
}

cb_codebook *
cb_parse(const char *name, const char *text, size_t n, qp_buf *err)
{
	/* On the heap: what a longjmp returns to must not live in registers. */
	parser *P = xcalloc(1, sizeof *P);
	cb_codebook *cb = xcalloc(1, sizeof *cb);
	qp_map *ids = NULL;

	buf_init(&P->tmp);
	buf_init(&P->key);
	buf_init(&cb->str);
	P->cb = cb;
	P->name = name;
	P->err = err;
	cb->name = xstrdup(name);
	cb->codemap = qp_map_new();
	cb->seqmap = qp_map_new();
	cb->dic = first_line_is_percent(text, n);
	if (cb->dic) {
		ids = qp_map_new();
		P->dicdup = qp_map_new();
	}
	if (setjmp(P->jb)) {
		buf_free(&P->tmp);
		buf_free(&P->key);
		qp_map_free(ids);
		qp_map_free(P->dicdup);
		free(P);
		cb_free(cb);
		return NULL;
	}

	long cur = -1;
	int dstate = 0;         /* .dic: 0 before the header, 1 in it, 2 after */
	size_t nonword = 0, cond = 0;
	unsigned long cond_line = 0;
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && text[e] != '\n')
			e++;
		P->line++;
		size_t b = i;
		i = e + 1;
		while (b < e && is_space(text[b]))
			b++;
		while (e > b && is_space(text[e - 1]))
			e--;
		if (b == e)
			continue;
		const char *s = text + b;
		size_t len = e - b;
		if (cb->dic) {
			if (len == 1 && s[0] == '%') {
				if (dstate == 2)
					perr(P, "a third '%%' line");
				dstate++;
			} else if (dstate == 1) {
				dic_category(P, ids, s, len);
			} else {
				dic_entry(P, ids, s, len, &nonword, &cond, &cond_line);
			}
			continue;
		}
		if (s[0] == '#')
			continue;
		size_t k = 0;
		while (k < len && !is_space(s[k]))
			k++;
		size_t a = k;
		while (a < len && is_space(s[a]))
			a++;
		parse_cb_line(P, s, k, s + a, len - a, &cur);
	}
	if (cb->dic && dstate < 2) {
		P->line = 1;
		perr(P, "the category header has no closing '%%' line");
	}
	if (nonword)
		qp_warn("%s: %zu entr%s without letters or digits left out "
		        "(they cannot match a word)", name, nonword,
		        nonword == 1 ? "y" : "ies");
	if (cond)
		qp_warn_at(name, cond_line, "%zu entr%s with conditional categories "
		           "(LIWC2007 '(...)' or '<...>' forms): the conditions are "
		           "not applied, only the plain categories", cond,
		           cond == 1 ? "y" : "ies");
	buf_free(&P->tmp);
	buf_free(&P->key);
	qp_map_free(ids);
	qp_map_free(P->dicdup);
	free(P);
	compile(cb);
	return cb;
}

cb_codebook *
cb_load(const char *path)
{
	char *files[1] = { (char *)path };
	qp_input *in = qp_input_new(1, files, 0);
	qp_buf all = QP_BUF_INIT, err = QP_BUF_INIT;
	const char *line;
	size_t len;

	while (qp_input_line(in, &line, &len)) {
		buf_add(&all, line, len);
		buf_addc(&all, '\n');
	}
	qp_input_free(in);
	cb_codebook *cb = cb_parse(path, all.s, all.len, &err);
	buf_free(&all);
	if (!cb)
		qp_die("%s", err.s);
	buf_free(&err);
	return cb;
}

void
cb_free(cb_codebook *cb)
{
	if (!cb)
		return;
	for (size_t i = 0; i < cb->ncodes; i++) {
		free(cb->codes[i].path);
		buf_free(&cb->codes[i].desc);
	}
	for (size_t i = 0; i < cb->npats; i++) {
		free(cb->pats[i].term);
		QP_FUZZ_DISOWN(cb->pats[i].re);
		pcre2_code_free(cb->pats[i].re);
	}
	for (size_t i = 0; i < cb->nlists; i++)
		free(cb->lists[i].v);
	free(cb->lists);
	free(cb->codes);
	free(cb->pats);
	free(cb->terms);
	free(cb->seqs);
	free(cb->users);
	free(cb->pairs.v);
	free(cb->plen);
	free(cb->regexes);
	buf_free(&cb->str);
	qp_map_free(cb->codemap);
	qp_map_free(cb->seqmap);
	qp_map_free(cb->exact);
	qp_map_free(cb->prefix);
	free(cb->name);
	free(cb);
}

bool cb_is_dic(const cb_codebook *cb) { return cb->dic; }
size_t cb_ncodes(const cb_codebook *cb) { return cb->ncodes; }
const char *cb_code_path(const cb_codebook *cb, size_t c) { return cb->codes[c].path; }
unsigned cb_code_min(const cb_codebook *cb, size_t c) { return cb->codes[c].min; }
size_t cb_npatterns(const cb_codebook *cb) { return cb->npats; }
size_t cb_pattern_code(const cb_codebook *cb, size_t p) { return cb->pats[p].code; }
const char *cb_pattern_term(const cb_codebook *cb, size_t p) { return cb->pats[p].term; }
enum cb_kind cb_pattern_kind(const cb_codebook *cb, size_t p) { return cb->pats[p].kind; }
unsigned long cb_pattern_line(const cb_codebook *cb, size_t p) { return cb->pats[p].line; }

const char *
cb_code_desc(const cb_codebook *cb, size_t c)
{
	return cb->codes[c].desc.s;
}

void
cb_regex_error(int error, char *buf, size_t n)
{
	if (pcre2_get_error_message(error, (PCRE2_UCHAR *)buf, n) < 0 && n > 0)
		snprintf(buf, n, "PCRE2 error %d", error);
}

/* ---- Matching --------------------------------------------------------- */

typedef struct {
	uint32_t pat, side;
	size_t w0, w1;
} occ;

typedef struct {
	uint32_t code;
	size_t start, end;
} span;

typedef struct {
	uint32_t off, n;
} cdesc;

/*
 * A slot of the word cache: one cache line holds two, and a word of up
 * to 16 bytes is compared in place, so a word seen before costs one
 * hash and, as a rule, one memory access.
 */
typedef struct {
	uint32_t hash;          /* high half of the hash */
	uint32_t len;           /* 0: empty slot */
	cdesc list;             /* in m->arena */
	union {
		char k[KEY_INLINE];
		uint32_t off;   /* longer words: in m->keys */
	} key;
} vslot;

struct cb_matcher {
	const cb_codebook *cb;
	int flags;
	const char *text;
	size_t n;
	/* the words of the text and their folded forms */
	qp_word *tok;
	uint32_t *foff, *flen;
	uint64_t *th;           /* hashes of the folded words */
	size_t ntok, tokcap;
	qp_buf fold;
	/* folded word -> its sequences */
	vslot *vt;
	size_t vmask, vcount;
	qp_buf keys;
	uint32_t *arena;
	size_t narena, acap;
	u32vec tmp;
	/* per text */
	uint32_t *count;
	uint32_t *touched;
	size_t ntouched;
	uint32_t *order;
	cb_hit *hits;
	size_t nhits, hcap;
	span *excl;
	size_t nexcl, ecap;
	occ *occs;
	size_t nocc, ocap;
	cb_result *res;
	size_t nres;
	cb_failure *fail;
	size_t nfail, fcap;
	/* regexes */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit;
	qp_buf uq;
	qmap qm;
};

cb_matcher *
cb_matcher_new(const cb_codebook *cb, int flags)
{
	cb_matcher *m = xcalloc(1, sizeof *m);
	buf_init(&m->fold);
	buf_init(&m->keys);
	buf_init(&m->uq);
	m->cb = cb;
	m->flags = flags;
	m->vmask = 4095;
	m->vt = xcalloc(m->vmask + 1, sizeof *m->vt);
	m->count = xcalloc(cb->ncodes + 1, sizeof *m->count);
	m->touched = xcalloc(cb->ncodes + 1, sizeof *m->touched);
	m->order = xcalloc(cb->ncodes + 1, sizeof *m->order);
	m->res = xcalloc(cb->ncodes + 1, sizeof *m->res);
	if (cb->nregex) {
		m->md = pcre2_match_data_create(1, NULL);
		m->mctx = pcre2_match_context_create(NULL);
		m->jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
		if (!m->md || !m->mctx)
			qp_die("out of memory");
		pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
		pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
		if (m->jit)
			pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
	}
	return m;
}

void
cb_matcher_free(cb_matcher *m)
{
	if (!m)
		return;
	free(m->tok);
	free(m->foff);
	free(m->flen);
	free(m->th);
	buf_free(&m->fold);
	free(m->vt);
	buf_free(&m->keys);
	free(m->arena);
	free(m->tmp.v);
	free(m->count);
	free(m->touched);
	free(m->order);
	free(m->hits);
	free(m->excl);
	free(m->occs);
	free(m->res);
	free(m->fail);
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	pcre2_jit_stack_free(m->jit);
	buf_free(&m->uq);
	free(m->qm.pos);
	free(m->qm.extra);
	free(m);
}

static void
tokenize(cb_matcher *m)
{
	qp_words w;
	qp_word t;

	m->ntok = 0;
	buf_reset(&m->fold);
	buf_grow(&m->fold, m->n + 1);
	words_init(&w, m->text, m->n);
	while (words_next(&w, &t)) {
		if (m->ntok == m->tokcap) {
			m->tokcap = m->tokcap ? m->tokcap * 2 : 256;
			m->tok = xreallocarray(m->tok, m->tokcap, sizeof *m->tok);
			m->foff = xreallocarray(m->foff, m->tokcap, sizeof *m->foff);
			m->flen = xreallocarray(m->flen, m->tokcap, sizeof *m->flen);
			m->th = xreallocarray(m->th, m->tokcap, sizeof *m->th);
		}
		const unsigned char *s = (const unsigned char *)m->text + t.off;
		size_t off = m->fold.len;
		size_t k;
		/* ASCII words fold through a table; room was made above. */
		char *d = m->fold.s + off;
		for (k = 0; k < t.len; k++) {
			unsigned char c = s[k];
			if (c >= 0x80)
				break;
			d[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		if (k == t.len) {
			m->fold.len += k;
			m->fold.s[m->fold.len] = '\0';
		} else {
			utf8_fold((const char *)s, t.len, &m->fold);
		}
		m->tok[m->ntok] = t;
		m->foff[m->ntok] = (uint32_t)off;
		m->flen[m->ntok] = (uint32_t)(m->fold.len - off);
		m->th[m->ntok] = qp_hash(m->fold.s + off, m->fold.len - off);
		m->ntok++;
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static inline const char *
vkey(const cb_matcher *m, const vslot *v)
{
	return v->len <= KEY_INLINE ? v->key.k : m->keys.s + v->key.off;
}

static void
vgrow(cb_matcher *m)
{
	size_t cap = (m->vmask + 1) * 2;
	vslot *nt = xcalloc(cap, sizeof *nt);
	for (size_t i = 0; i <= m->vmask; i++) {
		const vslot *v = &m->vt[i];
		if (!v->len)
			continue;
		size_t j = qp_hash(vkey(m, v), v->len) & (cap - 1);
		while (nt[j].len)
			j = (j + 1) & (cap - 1);
		nt[j] = *v;
	}
	free(m->vt);
	m->vt = nt;
	m->vmask = cap - 1;
}

/* The sequences that may start at a word, computed on first sight. */
static cdesc
resolve(cb_matcher *m, const char *w, size_t len)
{
	const cb_codebook *cb = m->cb;

	m->tmp.n = 0;
	qp_entry *x = qp_map_get(cb->exact, w, len);
	if (x) {
		const u32vec *l = &cb->lists[(size_t)x->val - 1];
		for (size_t i = 0; i < l->n; i++)
			vec_push(&m->tmp, l->v[i]);
	}
	size_t top = len < cb->maxplen ? len : cb->maxplen;
	for (size_t L = 1; L <= top; L++) {
		if (!cb->plen[L])
			continue;
		x = qp_map_get(cb->prefix, w, L);
		if (!x)
			continue;
		const u32vec *l = &cb->lists[(size_t)x->val - 1];
		for (size_t i = 0; i < l->n; i++)
			vec_push(&m->tmp, l->v[i]);
	}
	if (cb->dic && m->tmp.n > 1) {
		/* LIWC: a word belongs to its most specific entry only. */
		long best = -1;
		for (size_t i = 0; i < m->tmp.n; i++) {
			const seq *s = &cb->seqs[m->tmp.v[i]];
			if (s->nt != 1)
				continue;
			const term *t = &cb->terms[s->t0];
			if (best < 0)
				best = (long)i;
			else {
				const term *bt = &cb->terms[cb->seqs[m->tmp.v[best]].t0];
				if ((bt->prefix && !t->prefix) ||
				    (bt->prefix == t->prefix && t->len > bt->len))
					best = (long)i;
			}
		}
		size_t k = 0;
		for (size_t i = 0; i < m->tmp.n; i++)
			if (cb->seqs[m->tmp.v[i]].nt != 1 || (long)i == best)
				m->tmp.v[k++] = m->tmp.v[i];
		m->tmp.n = k;
	}
	if (m->tmp.n > 1)
		qsort(m->tmp.v, m->tmp.n, sizeof *m->tmp.v, cmp_u32);
	/*
	 * A one-word sequence whose users are all patterns of codes without
	 * exclusions needs no more than its codes counted: the cache keeps
	 * those codes themselves, and the scan touches nothing else.
	 */
	if (!(m->flags & CB_KEEP_HITS)) {
		size_t n0 = m->tmp.n;
		for (size_t i = 0; i < n0; i++) {
			const seq *s = &cb->seqs[m->tmp.v[i]];
			bool direct = s->nt == 1;
			for (uint32_t u = 0; u < s->nu && direct; u++) {
				uint32_t user = cb->users[s->u0 + u];
				direct = USER_ROLE(user) == ROLE_PAT &&
				         !cb->codes[cb->pats[USER_IDX(user)].code].has_excl;
			}
			if (!direct)
				continue;
			for (uint32_t u = 0; u < s->nu; u++)
				vec_push(&m->tmp, ACT_CODE |
				         cb->pats[USER_IDX(cb->users[s->u0 + u])].code);
			m->tmp.v[i] = ACT_NONE;
		}
		size_t k = 0;
		for (size_t i = 0; i < m->tmp.n; i++)
			if (m->tmp.v[i] != ACT_NONE)
				m->tmp.v[k++] = m->tmp.v[i];
		m->tmp.n = k;
	}
	cdesc d = { 0, 0 };
	if (m->tmp.n) {
		if (m->narena + m->tmp.n > m->acap) {
			m->acap = (m->narena + m->tmp.n) * 2;
			m->arena = xreallocarray(m->arena, m->acap, sizeof *m->arena);
		}
		memcpy(m->arena + m->narena, m->tmp.v, m->tmp.n * sizeof *m->arena);
		d = (cdesc){ (uint32_t)m->narena, (uint32_t)m->tmp.n };
		m->narena += m->tmp.n;
	}
	return d;
}

static inline cdesc
lookup(cb_matcher *m, const char *w, size_t len, uint64_t h)
{
	if (len == 0)           /* a word of marks only folds to nothing */
		return (cdesc){ 0, 0 };
	uint32_t h32 = (uint32_t)(h >> 32);
	size_t i = h & m->vmask;

	for (;;) {
		const vslot *v = &m->vt[i];
		if (!v->len)
			break;
		if (v->hash == h32 && v->len == len && memcmp(vkey(m, v), w, len) == 0)
			return v->list;
		i = (i + 1) & m->vmask;
	}
	if (m->vcount >= CACHE_MAX || m->keys.len + len > CACHE_BYTES ||
	    m->narena > CACHE_BYTES / sizeof *m->arena) {
		/* Start afresh: memory stays bounded whatever the input. */
		memset(m->vt, 0, (m->vmask + 1) * sizeof *m->vt);
		m->vcount = 0;
		m->narena = 0;
		buf_reset(&m->keys);
	}
	cdesc d = resolve(m, w, len);
	if (2 * (m->vcount + 1) > m->vmask + 1)
		vgrow(m);
	i = h & m->vmask;
	while (m->vt[i].len)
		i = (i + 1) & m->vmask;
	vslot *v = &m->vt[i];
	v->hash = h32;
	v->len = (uint32_t)len;
	v->list = d;
	if (len <= KEY_INLINE) {
		memcpy(v->key.k, w, len);
	} else {
		v->key.off = (uint32_t)m->keys.len;
		buf_add(&m->keys, w, len);
	}
	m->vcount++;
	return d;
}

static inline void
count_hit(cb_matcher *m, uint32_t c)
{
	if (m->count[c]++ == 0)
		m->touched[m->ntouched++] = c;
}

static inline size_t
word_end(const cb_matcher *m, size_t w)
{
	return m->tok[w].off + m->tok[w].len;
}

static void
push_hit(cb_matcher *m, uint32_t p, size_t start, size_t end, size_t w0, size_t w1)
{
	GROW(m->hits, m->nhits, m->hcap);
	m->hits[m->nhits++] = (cb_hit){ p, m->cb->pats[p].code, start, end, 0, w0, w1 };
}

/* Does the sequence match at word i? */
static inline bool
seq_at(const cb_matcher *m, const seq *s, size_t i)
{
	const cb_codebook *cb = m->cb;
	if (i + s->nt > m->ntok)
		return false;
	if (s->h2ok && m->th[i + 1] != s->h2)
		return false;
	for (uint32_t k = 1; k < s->nt; k++) {
		const term *t = &cb->terms[s->t0 + k];
		size_t fl = m->flen[i + k];
		if (t->prefix ? fl < t->len : fl != t->len)
			return false;
		if (memcmp(m->fold.s + m->foff[i + k], cb->str.s + t->off, t->len) != 0)
			return false;
	}
	return true;
}

static void
scan_words(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	bool keep = m->flags & CB_KEEP_HITS;

	for (size_t i = 0; i < m->ntok; i++) {
#ifdef __GNUC__
		/* The slot and then its list are cache misses as a rule: ask
		 * for the slot early, and for the list once the slot is near. */
		if (i + 2 * PREFETCH < m->ntok)
			__builtin_prefetch(&m->vt[m->th[i + 2 * PREFETCH] & m->vmask]);
		if (i + PREFETCH < m->ntok) {
			const vslot *v = &m->vt[m->th[i + PREFETCH] & m->vmask];
			if (v->list.n)
				__builtin_prefetch(&m->arena[v->list.off]);
		}
#endif
		cdesc d = lookup(m, m->fold.s + m->foff[i], m->flen[i], m->th[i]);
		for (uint32_t j = 0; j < d.n; j++) {
			uint32_t a = m->arena[d.off + j];
			if (a & ACT_CODE) {
				count_hit(m, a & ~ACT_CODE);
				continue;
			}
			const seq *s = &cb->seqs[a];
			if (s->nt > 1 && !seq_at(m, s, i))
				continue;
			size_t e = i + s->nt - 1;
			for (uint32_t u = 0; u < s->nu; u++) {
				uint32_t user = cb->users[s->u0 + u];
				uint32_t idx = USER_IDX(user);
				switch (USER_ROLE(user)) {
				case ROLE_PAT: {
					uint32_t c = cb->pats[idx].code;
					if (!keep && !cb->codes[c].has_excl)
						count_hit(m, c);
					else
						push_hit(m, idx, m->tok[i].off, word_end(m, e), i, e);
					break;
				}
				case ROLE_NEAR_A:
				case ROLE_NEAR_B:
					GROW(m->occs, m->nocc, m->ocap);
					m->occs[m->nocc++] = (occ){ idx, USER_ROLE(user), i, e };
					break;
				case ROLE_EXCL:
					GROW(m->excl, m->nexcl, m->ecap);
					m->excl[m->nexcl++] = (span){ idx, m->tok[i].off, word_end(m, e) };
					break;
				}
			}
		}
	}
}

static bool
excluded(const cb_matcher *m, uint32_t c, size_t start, size_t end)
{
	if (!m->cb->codes[c].has_excl)
		return false;
	for (size_t i = 0; i < m->nexcl; i++)
		if (m->excl[i].code == c && m->excl[i].start <= start && end <= m->excl[i].end)
			return true;
	return false;
}

static int
cmp_occ(const void *a, const void *b)
{
	const occ *x = a, *y = b;
	if (x->pat != y->pat)
		return x->pat < y->pat ? -1 : 1;
	if (x->w0 != y->w0)
		return x->w0 < y->w0 ? -1 : 1;
	if (x->side != y->side)
		return x->side < y->side ? -1 : 1;
	return x->w1 < y->w1 ? -1 : x->w1 > y->w1;
}

/*
 * Near: left to right, each occurrence of one side takes the first
 * occurrence of the other side that starts after it ends and at most N
 * words on; a hit's words are not used again.
 */
static void
scan_near(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	bool keep = m->flags & CB_KEEP_HITS;

	if (m->nocc == 0)
		return;
	qsort(m->occs, m->nocc, sizeof *m->occs, cmp_occ);
	for (size_t i = 0; i < m->nocc; i++) {
		const occ *o = &m->occs[i];
		const pattern *p = &cb->pats[o->pat];
		if (excluded(m, p->code, m->tok[o->w0].off, word_end(m, o->w1)))
			continue;
		for (size_t j = i + 1; j < m->nocc && m->occs[j].pat == o->pat; j++) {
			const occ *q = &m->occs[j];
			if (q->w0 <= o->w1 || q->side == o->side)
				continue;
			if (q->w0 - o->w1 > p->near)
				break;
			if (excluded(m, p->code, m->tok[q->w0].off, word_end(m, q->w1)))
				continue;
			size_t st = m->tok[o->w0].off, en = word_end(m, q->w1);
			size_t w1 = q->w1;
			if (!keep && !cb->codes[p->code].has_excl)
				count_hit(m, p->code);
			else
				push_hit(m, o->pat, st, en, o->w0, w1);
			/* Skip what the hit used. */
			while (i + 1 < m->nocc && m->occs[i + 1].pat == o->pat &&
			       m->occs[i + 1].w0 <= w1)
				i++;
			break;
		}
	}
}

static void
add_failure(cb_matcher *m, uint32_t p, int err)
{
	GROW(m->fail, m->nfail, m->fcap);
	m->fail[m->nfail++] = (cb_failure){ p, err };
}

static void
scan_regex(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	bool keep = m->flags & CB_KEEP_HITS;
	const char *s = m->text;
	size_t n = m->n;
	bool mapped = unquote(m->text, m->n, &m->uq, &m->qm);

	if (mapped) {
		s = m->uq.s;
		n = m->uq.len;
	}
	for (size_t r = 0; r < cb->nregex; r++) {
		uint32_t pi = cb->regexes[r];
		const pattern *p = &cb->pats[pi];
		bool direct = !keep && !cb->codes[p->code].has_excl;
		size_t saved = m->nhits, found = 0, at = 0;
		int rc;
		for (;;) {
			rc = pcre2_match(p->re, (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK,
			                 m->md, m->mctx);
			if (rc < 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
			size_t ms = ov[0], me = ov[1];
			if (me <= ms) {
				/* An empty match is no hit; step over one character. */
				if (ms >= n) {
					rc = PCRE2_ERROR_NOMATCH;
					break;
				}
				int32_t cp;
				at = ms + utf8_decode(s + ms, &cp);
				continue;
			}
			if (mapped) {
				ms = qmap_back(&m->qm, ms);
				me = qmap_back(&m->qm, me);
			}
			if (direct)
				found++;
			else
				push_hit(m, pi, ms, me, 1, 0);
			at = ov[1];
		}
		if (rc != PCRE2_ERROR_NOMATCH) {
			m->nhits = saved;
			add_failure(m, pi, rc);
			continue;
		}
		for (size_t k = 0; k < found; k++)
			count_hit(m, p->code);
	}
}

static int
cmp_res(const void *a, const void *b)
{
	const cb_result *x = a, *y = b;
	if (x->hits != y->hits)
		return x->hits > y->hits ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

static int
cmp_hit(const void *a, const void *b)
{
	const cb_hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->pattern != y->pattern)
		return x->pattern < y->pattern ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/*
 * The assigned codes by descending hits, ties in codebook order.  A LIWC
 * dictionary assigns dozens of codes to every segment, so this avoids
 * qsort: codes are taken in codebook order (from a walk over all codes
 * when they are few, else by sorting the touched ones), then placed by a
 * counting sort on the hits, which keeps that order among equals.
 */
static void
collect_results(cb_matcher *m)
{
	const cb_codebook *cb = m->cb;
	uint32_t *order = m->order;    /* the assigned codes, in codebook order */
	uint32_t maxh = 0;
	size_t n = 0;

	if (m->ntouched == 0)
		return;
	if (cb->ncodes <= 8 * m->ntouched) {
		for (uint32_t c = 0; c < cb->ncodes; c++)
			if (m->count[c] && m->count[c] >= cb->codes[c].min)
				order[n++] = c;
	} else {
		qsort(m->touched, m->ntouched, sizeof *m->touched, cmp_u32);
		for (size_t i = 0; i < m->ntouched; i++) {
			uint32_t c = m->touched[i];
			if (m->count[c] >= cb->codes[c].min)
				order[n++] = c;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (m->count[order[i]] > maxh)
			maxh = m->count[order[i]];
	if (maxh <= 256) {
		uint32_t start[258];
		memset(start, 0, (maxh + 2) * sizeof *start);
		for (size_t i = 0; i < n; i++)
			start[maxh - m->count[order[i]] + 1]++;
		for (uint32_t h = 1; h <= maxh + 1; h++)
			start[h] += start[h - 1];
		for (size_t i = 0; i < n; i++) {
			uint32_t c = order[i];
			m->res[start[maxh - m->count[c]]++] = (cb_result){ c, m->count[c] };
		}
	} else {
		for (size_t i = 0; i < n; i++)
			m->res[i] = (cb_result){ order[i], m->count[order[i]] };
		qsort(m->res, n, sizeof *m->res, cmp_res);
	}
	m->nres = n;
}

/* First word that ends after byte b. */
static size_t
word_after(const cb_matcher *m, size_t b)
{
	size_t lo = 0, hi = m->ntok;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (word_end(m, mid) <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First word that starts at or after byte b. */
static size_t
word_from(const cb_matcher *m, size_t b)
{
	size_t lo = 0, hi = m->ntok;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->tok[mid].off < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
cb_match(cb_matcher *m, const char *text, size_t n)
{
	const cb_codebook *cb = m->cb;

	if (n > UINT32_MAX / 2)
		qp_die("a text of more than 2 GiB cannot be coded");
	m->text = text;
	m->n = n;
	m->nhits = m->nexcl = m->nocc = m->nres = m->nfail = 0;
	tokenize(m);
	scan_words(m);
	if (cb->nnear)
		scan_near(m);
	if (cb->nregex)
		scan_regex(m);

	/* Hits held back for their exclusions, or kept for the caller. */
	size_t k = 0;
	for (size_t i = 0; i < m->nhits; i++) {
		cb_hit *h = &m->hits[i];
		if (excluded(m, h->code, h->start, h->end))
			continue;
		count_hit(m, h->code);
		m->hits[k++] = *h;
	}
	m->nhits = k;

	collect_results(m);

	if (m->flags & CB_KEEP_HITS) {
		k = 0;
		for (size_t i = 0; i < m->nhits; i++) {
			const cb_hit *h = &m->hits[i];
			if (m->count[h->code] >= cb->codes[h->code].min)
				m->hits[k++] = *h;
		}
		m->nhits = k;
		if (k > 1)
			qsort(m->hits, k, sizeof *m->hits, cmp_hit);
		/* Code point offsets, in one walk over the text. */
		size_t b = 0, cp = 0;
		for (size_t i = 0; i < k; i++) {
			cb_hit *h = &m->hits[i];
			for (; b < h->start; b++)
				cp += ((unsigned char)text[b] & 0xC0) != 0x80;
			h->cp_off = cp;
			if (h->w0 > h->w1) {      /* a regex hit: find its words */
				size_t a = word_after(m, h->start);
				size_t z = word_from(m, h->end);
				if (z > a) {
					h->w0 = a;
					h->w1 = z - 1;
				}
			}
		}
	} else {
		m->nhits = 0;
	}

	for (size_t i = 0; i < m->ntouched; i++)
		m->count[m->touched[i]] = 0;
	m->ntouched = 0;
	return m->nres;
}

const cb_result *
cb_results(const cb_matcher *m, size_t *n)
{
	*n = m->nres;
	return m->res;
}

const cb_hit *
cb_hits(const cb_matcher *m, size_t *n)
{
	*n = m->nhits;
	return m->hits;
}

const cb_failure *
cb_failures(const cb_matcher *m, size_t *n)
{
	*n = m->nfail;
	return m->fail;
}

void
cb_context(const cb_matcher *m, const cb_hit *h, size_t nwords,
           size_t *start, size_t *end)
{
	*start = h->start;
	*end = h->end;
	if (nwords == 0)
		return;
	size_t first = word_after(m, h->start);    /* words not before the hit */
	size_t after = word_from(m, h->end);       /* words after it */
	if (first > 0) {
		size_t l = first >= nwords ? first - nwords : 0;
		if (m->tok[l].off < *start)
			*start = m->tok[l].off;
	}
	if (after < m->ntok) {
		size_t r = after + nwords - 1 < m->ntok ? after + nwords - 1 : m->ntok - 1;
		if (word_end(m, r) > *end)
			*end = word_end(m, r);
	}
}
