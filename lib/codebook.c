/*
 * codebook.c: the parsed codebook.  cb_parse and cb_load, the building
 * blocks both readers use (codes, sequences of terms, patterns), the
 * codebook(5) directives, cb_free and the accessors of codebook.h.  The
 * .dic reader is dic.c; compiling and matching are matcher.c; the inside
 * of the struct is codebook_int.h.
 */
#include "codebook_int.h"
#include "input.h"
#include "qp.h"
#include "unquote.h"
#include "utf8.h"
#include "wordnet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef QP_FUZZ
static void fuzz_code_free(void *re) { pcre2_code_free(re); }
#endif

/* Bounds of the numbers a codebook may give. */
#define NEAR_MAX 10000
#define MIN_MAX 1000000

/* ---- Building blocks --------------------------------------------------- */

void
cb_perr(cb_parser *P, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	buf_printf(P->err, "%s:%lu: %s", P->name, P->line, msg);
	longjmp(P->jb, 1);
}

bool
cb_next_line(const char *text, size_t n, size_t *i, unsigned long *line,
             const char **s, size_t *len)
{
	while (*i < n) {
		size_t e = *i;
		while (e < n && text[e] != '\n')
			e++;
		(*line)++;
		size_t b = *i;
		*i = e + 1;
		while (b < e && is_space(text[b]))
			b++;
		while (e > b && is_space(text[e - 1]))
			e--;
		if (b == e)
			continue;
		*s = text + b;
		*len = e - b;
		return true;
	}
	return false;
}

uint32_t
cb_add_code(cb_parser *P, const char *path, size_t n)
{
	cb_codebook *cb = P->cb;
	bool created;
	qp_entry *e = qp_map_put(cb->codemap, path, n, &created);
	if (!created)
		cb_perr(P, "code '%.*s' is defined twice (first at line %lu)",
		        (int)n, path, cb->codes[(size_t)e->val - 1].line);
	if (cb->ncodes >= 0x3FFFFFFF)
		cb_perr(P, "too many codes");
	XGROW(cb->codes, cb->ncodes, cb->ccap);
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
 * Under `stem on` the terms from t0 on, but a wildcard, become their
 * stems (stem.h, as the matcher stems the text's words).  The stem is
 * appended to cb->str; the folded bytes stay behind, unused.
 */
static void
stem_terms(cb_parser *P, size_t t0)
{
	cb_codebook *cb = P->cb;
	if (!P->stemmer)
		P->stemmer = qp_stemmer_new();
	for (size_t k = t0; k < cb->nterms; k++) {
		term *t = &cb->terms[k];
		if (t->prefix)
			continue;
		size_t sl;
		const char *st = qp_stem(P->stemmer, cb->str.s + t->off, t->len, &sl);
		if (sl == 0)
			continue;       /* nothing to match a stem by */
		if (st != cb->str.s + t->off) {
			if (cb->str.len > UINT32_MAX - sl)
				cb_perr(P, "codebook too large");
			t->off = (uint32_t)cb->str.len;
			t->len = (uint32_t)sl;
			buf_add(&cb->str, st, sl);
		}
		t->stem = true;
		cb->has_stem = true;
	}
}

/*
 * The terms of the item s[b..e): its words (a hyphen splits a word),
 * folded, the last one a prefix if the item ends in '*'.  A '*'
 * anywhere else, or after no word character, is an error; the terms
 * from t0 on are dropped first, so that the error leaves none behind.
 */
static void
add_item_terms(cb_parser *P, const char *s, size_t b, size_t e, size_t t0)
{
	cb_codebook *cb = P->cb;
	bool star = false;
	const char *st = memchr(s + b, '*', e - b);
	if (st) {
		size_t at = (size_t)(st - s);
		if (at != e - 1 || !word_char_before(s, at)) {
			cb->nterms = t0;
			cb_perr(P, "'*' may only end a word: '%.*s'", (int)(e - b), s + b);
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
			cb_perr(P, "codebook too large");
		if (cb->str.len == off)
			continue;       /* marks alone fold to nothing */
		XGROW(cb->terms, cb->nterms, cb->tcap);
		cb->terms[cb->nterms++] = (term){ (uint32_t)off,
			(uint32_t)(cb->str.len - off), false, false };
	}
	if (star && cb->nterms > first)
		cb->terms[cb->nterms - 1].prefix = true;
	if (P->stem)
		stem_terms(P, first);
}

/*
 * The terms from t0 on as a sequence: the one already stored if an
 * identical sequence was parsed before (the new terms are then dropped),
 * else a new one.
 */
static uint32_t
intern_seq(cb_parser *P, size_t t0)
{
	cb_codebook *cb = P->cb;

	buf_reset(&P->key);
	for (size_t k = t0; k < cb->nterms; k++) {
		const term *t = &cb->terms[k];
		buf_add(&P->key, cb->str.s + t->off, t->len);
		buf_addc(&P->key, t->prefix ? '\1' : t->stem ? '\3' : '\2');
	}
	bool created;
	qp_entry *e = qp_map_put(cb->seqmap, P->key.s, P->key.len, &created);
	if (!created) {
		cb->nterms = t0;        /* the folded bytes stay; harmless */
		return (uint32_t)((size_t)e->val - 1);
	}
	XGROW(cb->seqs, cb->nseqs, cb->scap);
	cb->seqs[cb->nseqs] = (seq){ (uint32_t)t0, (uint32_t)(cb->nterms - t0), 0, 0, 0, false, false };
	if (cb->nterms - t0 > 1 && !cb->terms[t0 + 1].prefix) {
		const term *t2 = &cb->terms[t0 + 1];
		cb->seqs[cb->nseqs].h2 = qp_hash(cb->str.s + t2->off, t2->len);
		cb->seqs[cb->nseqs].h2ok = true;
		cb->seqs[cb->nseqs].h2stem = t2->stem;
	}
	e->val = (void *)(cb->nseqs + 1);
	return (uint32_t)cb->nseqs++;
}

/*
 * The sequence of terms that s[0..n) spells: whitespace-separated items,
 * each one or more words, the last of which may end in '*'.  Returns the
 * sequence, shared with any identical one.  With empty_ok, a text
 * without words returns UINT32_MAX.
 */
uint32_t
cb_parse_seq(cb_parser *P, const char *s, size_t n, bool empty_ok)
{
	size_t t0 = P->cb->nterms, i = 0, b;

	while (next_item(s, n, &i, &b))
		add_item_terms(P, s, b, i, t0);
	if (P->cb->nterms == t0) {
		if (empty_ok)
			return UINT32_MAX;
		cb_perr(P, "empty pattern: no words in '%.*s'", (int)n, s);
	}
	return intern_seq(P, t0);
}

void
cb_add_user(cb_codebook *cb, uint32_t s, uint32_t user)
{
	vec_push(&cb->pairs, s);
	vec_push(&cb->pairs, user);
}

pattern *
cb_new_pattern(cb_parser *P, uint32_t c, enum cb_kind kind, const char *term, size_t tn)
{
	cb_codebook *cb = P->cb;
	if (cb->npats >= 0x3FFFFFFF)
		cb_perr(P, "too many patterns");
	XGROW(cb->pats, cb->npats, cb->pcap);
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

pattern *
cb_seq_pattern(cb_parser *P, uint32_t c, enum cb_kind kind, uint32_t s,
               const char *term, size_t tn)
{
	pattern *p = cb_new_pattern(P, c, kind, term, tn);
	p->seq = s;
	cb_add_user(P->cb, s, USER(ROLE_PAT, P->cb->npats - 1));
	return p;
}

/* ---- codebook(5) -------------------------------------------------------- */

static unsigned long
parse_num(cb_parser *P, const char *s, size_t n, unsigned long lo, unsigned long hi,
          const char *what)
{
	unsigned long v = 0;
	if (n == 0)
		cb_perr(P, "bad %s number: missing", what);
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > hi)
			cb_perr(P, "bad %s number '%.*s' (a whole number from %lu to %lu)",
			        what, (int)n, s, lo, hi);
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v < lo || v > hi)
		cb_perr(P, "bad %s number '%.*s' (a whole number from %lu to %lu)",
		        what, (int)n, s, lo, hi);
	return v;
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

/* A regex is compiled straight away, so that its error carries its line;
 * the offset in the message is one into the line as written. */
static void
compile_regex(cb_parser *P, pattern *p, const char *s, size_t n)
{
	qp_buf q = QP_BUF_INIT;
	qp_qmap m = { 0 };
	const char *src = s;
	size_t len = n;
	int err;
	PCRE2_SIZE off;

	if (qp_unquote(s, n, &q, &m)) {
		src = q.s;
		len = q.len;
	}
	p->re = pcre2_compile((PCRE2_SPTR)src, len,
	                      PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL);
	size_t orig = qp_qmap_back(&m, off);
	buf_free(&q);
	qp_qmap_free(&m);
	if (!p->re) {
		char msg[256];
		cb_regex_error(err, msg, sizeof msg);
		cb_perr(P, "bad regex: %s at offset %zu", msg, orig);
	}
	QP_FUZZ_OWN(p->re, fuzz_code_free);
	/* Without JIT support the interpreter does the same work, slower. */
	pcre2_jit_compile(p->re, PCRE2_JIT_COMPLETE);
}

/* The directives that belong to the code being defined, c; arg[0..an)
 * is what follows the keyword. */

static void
dir_description(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	code *cd = &P->cb->codes[c];
	if (an && cd->desc.len)
		buf_addc(&cd->desc, ' ');
	buf_add(&cd->desc, arg, an);
}

static void
dir_min(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	code *cd = &P->cb->codes[c];
	if (cd->min_set)
		cb_perr(P, "'min' given twice for code '%s'", cd->path);
	cd->min = (unsigned)parse_num(P, arg, an, 1, MIN_MAX, "min");
	cd->min_set = true;
}

/* Each item of a word line is a pattern of its own. */
static void
dir_word(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	size_t i = 0, b;
	while (next_item(arg, an, &i, &b)) {
		uint32_t s = cb_parse_seq(P, arg + b, i - b, false);
		enum cb_kind k = P->cb->seqs[s].nt > 1 ? CB_PHRASE : CB_WORD;
		cb_seq_pattern(P, c, k, s, arg + b, i - b);
	}
}

static void
dir_phrase(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	uint32_t s = cb_parse_seq(P, arg, an, false);
	cb_seq_pattern(P, c, CB_PHRASE, s, arg, an);
}

static void
dir_exclude(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	uint32_t s = cb_parse_seq(P, arg, an, false);
	cb_add_user(P->cb, s, USER(ROLE_EXCL, c));
	P->cb->codes[c].has_excl = true;
}

/* near N A / B */
static void
dir_near(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	cb_codebook *cb = P->cb;
	size_t i = 0;
	while (i < an && !is_space(arg[i]))
		i++;
	unsigned nr = (unsigned)parse_num(P, arg, i, 1, NEAR_MAX, "near");
	const char *sl = memchr(arg + i, '/', an - i);
	if (!sl || memchr(sl + 1, '/', (size_t)(arg + an - sl - 1)))
		cb_perr(P, "near needs 'N A / B' with one '/'");
	size_t si = (size_t)(sl - arg);
	uint32_t a = cb_parse_seq(P, arg + i, si - i, false);
	uint32_t b = cb_parse_seq(P, arg + si + 1, an - si - 1, false);
	pattern *p = cb_new_pattern(P, c, CB_NEAR, arg, an);
	p->seq = a;
	p->seq_b = b;
	p->near = nr;
	cb_add_user(cb, a, USER(ROLE_NEAR_A, cb->npats - 1));
	cb_add_user(cb, b, USER(ROLE_NEAR_B, cb->npats - 1));
	cb->nnear++;
}

static void
dir_regex(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	cb_codebook *cb = P->cb;
	pattern *p = cb_new_pattern(P, c, CB_REGEX, arg, an);
	compile_regex(P, p, arg, an);
	cb->regexes = xreallocarray(cb->regexes, cb->nregex + 1, sizeof *cb->regexes);
	cb->regexes[cb->nregex++] = (uint32_t)(cb->npats - 1);
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/*
 * syn, narrower and broader: each item, `lemma[.pos[.sense]]`, becomes
 * word and phrase patterns of the code, one for each lemma WordNet
 * gives, as if written there (stemmed under `stem on`), except those the
 * code already has as a word or phrase.  narrower and broader take an
 * optional depth first.
 */
static void
wn_item(cb_parser *P, uint32_t c, const char *kw, unsigned depth, bool depth_given,
        const char *it, size_t in)
{
	cb_codebook *cb = P->cb;
	enum qp_wn_rel rel = kw[0] == 's' ? QP_WN_SYN :
	                     kw[0] == 'n' ? QP_WN_NARROWER : QP_WN_BROADER;
	char pos = 0;
	unsigned long sense = 0;
	size_t wn = in;

	/* The suffix: ".n" or ".n.2" (NLTK writes "rush.v.01"). */
	const char *dot = NULL;
	for (size_t i = in; i > 0; i--)
		if (it[i - 1] == '.') {
			dot = it + i - 1;
			break;
		}
	if (dot && dot + 2 == it + in && memchr("nvar", dot[1], 4)) {
		pos = dot[1];
		wn = (size_t)(dot - it);
	} else if (dot && dot > it + 1 && dot[-2] == '.' && memchr("nvar", dot[-1], 4) &&
	           all_digits(dot + 1, (size_t)(it + in - dot - 1))) {
		pos = dot[-1];
		sense = parse_num(P, dot + 1, (size_t)(it + in - dot - 1), 1, 9999, "sense");
		wn = (size_t)(dot - 2 - it);
	}
	if (wn == 0)
		cb_perr(P, "'%.*s' names no word", (int)in, it);
	buf_reset(&P->tmp);
	utf8_fold(it, wn, &P->tmp);
	buf_reset(&P->lemmas);
	buf_reset(&P->wn);
	long k = qp_wn_lemmas(P->tmp.s, P->tmp.len, pos, (unsigned)sense, rel, depth,
	                      &P->lemmas, &P->wn);
	if (k < 0)
		cb_perr(P, "%s: %s", kw, P->wn.s);
	buf_reset(&P->wn);
	if (depth_given)
		buf_printf(&P->wn, "%s %u %.*s", kw, depth, (int)in, it);
	else
		buf_printf(&P->wn, "%s %.*s", kw, (int)in, it);
	for (size_t o = 0; o < P->lemmas.len; ) {
		const char *lm = P->lemmas.s + o;
		size_t ln = strlen(lm);
		o += ln + 1;
		if (memchr(lm, '*', ln))
			continue;
		uint32_t sq = cb_parse_seq(P, lm, ln, true);
		if (sq == UINT32_MAX)
			continue;
		bool have = false;
		/* A code's patterns are contiguous: they are its lines. */
		for (size_t p = cb->npats; p > 0 && cb->pats[p - 1].code == c && !have; p--) {
			const pattern *q = &cb->pats[p - 1];
			have = (q->kind == CB_WORD || q->kind == CB_PHRASE) && q->seq == sq;
		}
		if (have)
			continue;
		enum cb_kind kind = cb->seqs[sq].nt > 1 ? CB_PHRASE : CB_WORD;
		pattern *p = cb_seq_pattern(P, c, kind, sq, lm, ln);
		p->via = xmemdup(P->wn.s, P->wn.len);
	}
}

static void
dir_wordnet(cb_parser *P, uint32_t c, const char *kw, const char *arg, size_t an)
{
	size_t i = 0, b;
	unsigned depth = 1;
	bool depth_given = false;

	if (kw[0] != 's' && next_item(arg, an, &i, &b) && all_digits(arg + b, i - b)) {
		depth = (unsigned)parse_num(P, arg + b, i - b, 1, QP_WN_DEPTH_MAX, "depth");
		depth_given = true;
	} else {
		i = 0;
	}
	size_t items = 0;
	while (next_item(arg, an, &i, &b)) {
		wn_item(P, c, kw, depth, depth_given, arg + b, i - b);
		items++;
	}
	if (!items)
		cb_perr(P, "empty pattern: '%s' needs a word after its depth", kw);
}

static void
dir_syn(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	dir_wordnet(P, c, "syn", arg, an);
}

static void
dir_narrower(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	dir_wordnet(P, c, "narrower", arg, an);
}

static void
dir_broader(cb_parser *P, uint32_t c, const char *arg, size_t an)
{
	dir_wordnet(P, c, "broader", arg, an);
}

static const struct directive {
	const char *name;
	bool pattern;           /* takes a pattern: an empty one is an error */
	void (*fn)(cb_parser *, uint32_t, const char *, size_t);
} directives[] = {
	{ "description", false, dir_description },
	{ "word", true, dir_word },
	{ "phrase", true, dir_phrase },
	{ "near", true, dir_near },
	{ "regex", true, dir_regex },
	{ "exclude", true, dir_exclude },
	{ "min", false, dir_min },
	{ "syn", true, dir_syn },
	{ "narrower", true, dir_narrower },
	{ "broader", true, dir_broader },
};

/* `stem on` or `stem off`: before the first code, every code's default;
 * in a code, for its lines that follow. */
static void
dir_stem(cb_parser *P, long cur, const char *arg, size_t an)
{
	bool on;
	if (an == 2 && memcmp(arg, "on", 2) == 0)
		on = true;
	else if (an == 3 && memcmp(arg, "off", 3) == 0)
		on = false;
	else
		cb_perr(P, "'stem' takes 'on' or 'off', not '%.*s'", (int)an, arg);
	if (cur < 0)
		P->stem_default = on;
	P->stem = on;
}

/* `code PATH` starts a code; the other directives need one started. */
static void
codebook_line(cb_parser *P, const char *kw, size_t kn, const char *arg, size_t an,
              long *cur)
{
	if (kn == 4 && memcmp(kw, "code", 4) == 0) {
		if (an == 0)
			cb_perr(P, "'code' needs a path");
		if (!valid_path(arg, an))
			cb_perr(P, "bad code path '%.*s' (lower-case letters, digits, _ and - "
			        "in parts joined by /)", (int)an, arg);
		*cur = cb_add_code(P, arg, an);
		P->stem = P->stem_default;
		return;
	}
	if (kn == 4 && memcmp(kw, "stem", 4) == 0) {
		dir_stem(P, *cur, arg, an);
		return;
	}
	const struct directive *d = NULL;
	for (size_t i = 0; i < sizeof directives / sizeof *directives; i++)
		if (strlen(directives[i].name) == kn && memcmp(directives[i].name, kw, kn) == 0)
			d = &directives[i];
	if (!d)
		cb_perr(P, "unknown directive '%.*s'", (int)kn, kw);
	if (*cur < 0)
		cb_perr(P, "'%.*s' before any 'code'", (int)kn, kw);
	if (d->pattern && an == 0)
		cb_perr(P, "empty pattern: '%.*s' needs an argument", (int)kn, kw);
	d->fn(P, (uint32_t)*cur, arg, an);
}

/* Lines are `keyword argument`; '#' starts a comment line. */
static void
read_codebook(cb_parser *P, const char *text, size_t n)
{
	long cur = -1;          /* the code being defined */
	size_t i = 0, len;
	const char *s;

	while (cb_next_line(text, n, &i, &P->line, &s, &len)) {
		if (s[0] == '#')
			continue;
		size_t k = 0;
		while (k < len && !is_space(s[k]))
			k++;
		size_t a = k;
		while (a < len && is_space(s[a]))
			a++;
		codebook_line(P, s, k, s + a, len - a, &cur);
	}
}

/* ---- The codebook ------------------------------------------------------ */

static void
parser_free(cb_parser *P)
{
	buf_free(&P->tmp);
	buf_free(&P->key);
	buf_free(&P->lemmas);
	buf_free(&P->wn);
	qp_stemmer_free(P->stemmer);
	qp_map_free(P->dic_ids);
	qp_map_free(P->dic_seen);
	free(P);
}

cb_codebook *
cb_parse(const char *name, const char *text, size_t n, qp_buf *err)
{
	/* On the heap: what a longjmp returns to must not live in registers. */
	cb_parser *P = xcalloc(1, sizeof *P);
	cb_codebook *cb = xcalloc(1, sizeof *cb);

	buf_init(&P->tmp);
	buf_init(&P->key);
	buf_init(&P->lemmas);
	buf_init(&P->wn);
	buf_init(&cb->str);
	P->cb = cb;
	P->name = name;
	P->err = err;
	cb->name = xstrdup(name);
	cb->codemap = qp_map_new();
	cb->seqmap = qp_map_new();
	cb->dic = cb_is_dic_text(text, n);
	if (setjmp(P->jb)) {
		parser_free(P);
		cb_free(cb);
		return NULL;
	}
	if (cb->dic)
		cb_read_dic(P, text, n);
	else
		read_codebook(P, text, n);
	parser_free(P);
	cb_compile(cb);
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
		free(cb->pats[i].via);
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
	qp_map_free(cb->stemx);
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
const char *cb_pattern_via(const cb_codebook *cb, size_t p) { return cb->pats[p].via ? cb->pats[p].via : ""; }

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
