/* Unit tests for lib/codebook (codebook.c, dic.c, matcher.c) and the
 * curly quotes of lib/unquote: the parser, its errors, the matcher. */
#include "t.h"

#include <stdlib.h>

#include "buf.h"
#include "codebook.h"
#include "map.h"
#include "qp.h"
#include "unquote.h"

static cb_codebook *
parse(const char *text)
{
	qp_buf err = QP_BUF_INIT;
	cb_codebook *cb = cb_parse("t.cb", text, strlen(text), &err);
	if (!cb)
		printf("# unexpected error: %s\n", err.s);
	buf_free(&err);
	return cb;
}

/* The error message for text, or "" if it parses. */
static char errbuf[600];
static const char *
error_of(const char *text)
{
	qp_buf err = QP_BUF_INIT;
	cb_codebook *cb = cb_parse("t.cb", text, strlen(text), &err);
	snprintf(errbuf, sizeof errbuf, "%s", cb ? "" : err.s);
	cb_free(cb);
	buf_free(&err);
	return errbuf;
}

/* "code:hits;code:hits" for text. */
static char resbuf[600];
static const char *
code_text(cb_matcher *m, const cb_codebook *cb, const char *text)
{
	size_t n;
	cb_match(m, text, strlen(text));
	const cb_result *r = cb_results(m, &n);
	resbuf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(resbuf);
		snprintf(resbuf + l, sizeof resbuf - l, "%s%s:%u", i ? ";" : "",
		         cb_code_path(cb, r[i].code), r[i].hits);
	}
	return resbuf;
}

static void
test_parse(void)
{
	cb_codebook *cb = parse(
		"# a comment\n"
		"\n"
		"code barriers\n"
		"  description First line\n"
		"  description second line.\n"
		"code barriers/time-constraints\n"
		"\tword time rush*\n"
		"  phrase no   time\n"
		"  min 2\n"
		"code z_9-x\n");
	T_OK(cb && cb_ncodes(cb) == 3, "parse: three codes");
	if (!cb)
		return;
	T_STR(cb_code_path(cb, 1), "barriers/time-constraints", "parse: code path");
	T_STR(cb_code_desc(cb, 0), "First line second line.", "parse: description lines joined");
	T_STR(cb_code_desc(cb, 2), "", "parse: no description is empty");
	T_OK(cb_code_min(cb, 0) == 1 && cb_code_min(cb, 1) == 2, "parse: min default 1, and set");
	T_OK(cb_npatterns(cb) == 3, "parse: a word line gives one pattern per word");
	T_STR(cb_pattern_term(cb, 1), "rush*", "parse: term as written");
	T_STR(cb_pattern_term(cb, 2), "no time", "parse: phrase term with blanks made one");
	T_OK(cb_pattern_kind(cb, 2) == CB_PHRASE && cb_pattern_line(cb, 2) == 8,
	     "parse: kind and line of a pattern");
	T_OK(!cb_is_dic(cb), "parse: a codebook is not a .dic");
	cb_free(cb);
}

static void
test_errors(void)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "code a\n  frobnicate x\n", "t.cb:2: unknown directive 'frobnicate'" },
		{ "word x\n", "t.cb:1: 'word' before any 'code'" },
		{ "description x\n", "t.cb:1: 'description' before any 'code'" },
		{ "code a\ncode b\ncode a\n", "t.cb:3: code 'a' is defined twice (first at line 1)" },
		{ "code A\n", "t.cb:1: bad code path 'A'" },
		{ "code a//b\n", "t.cb:1: bad code path 'a//b'" },
		{ "code a/\n", "t.cb:1: bad code path 'a/'" },
		{ "code a b\n", "t.cb:1: bad code path 'a b'" },
		{ "code\n", "t.cb:1: 'code' needs a path" },
		{ "code a\nword\n", "t.cb:2: empty pattern" },
		{ "code a\nword -- x\n", "t.cb:2: empty pattern: no words in '--'" },
		{ "code a\nphrase ...\n", "t.cb:2: empty pattern" },
		{ "code a\nword ti*me\n", "t.cb:2: '*' may only end a word: 'ti*me'" },
		{ "code a\nword full-*\n", "t.cb:2: '*' may only end a word" },
		{ "code a\nword *\n", "t.cb:2: '*' may only end a word" },
		{ "code a\nregex (ab\n", "t.cb:2: bad regex: missing closing parenthesis at offset 3" },
		/* the offset is in the line as written, curly quotes and all */
		{ "code a\nregex \xe2\x80\x9c\xca\xbc(ab\n",
		  "t.cb:2: bad regex: missing closing parenthesis at offset 8" },
		{ "code a\nnear x a / b\n", "t.cb:2: bad near number 'x'" },
		{ "code a\nnear 0 a / b\n", "t.cb:2: bad near number '0'" },
		{ "code a\nnear 3 a b\n", "t.cb:2: near needs 'N A / B' with one '/'" },
		{ "code a\nnear 3 a / b / c\n", "t.cb:2: near needs 'N A / B'" },
		{ "code a\nnear 3 a / \n", "t.cb:2: empty pattern" },
		{ "code a\nmin -1\n", "t.cb:2: bad min number '-1'" },
		{ "code a\nmin 0\n", "t.cb:2: bad min number '0'" },
		{ "code a\nmin 2\nmin 3\n", "t.cb:3: 'min' given twice for code 'a'" },
		{ "%\n1\tposemo\n", "t.cb:1: the category header has no closing '%' line" },
		{ "%\nx\tposemo\n%\n", "t.cb:2: bad category line" },
		{ "%\n1\tposemo\n1\tnegemo\n%\n", "t.cb:3: category 1 is defined twice" },
		{ "%\n1\tposemo\n%\nhappy\t2\n", "t.cb:4: category 2 is not in the header" },
		{ "%\n1\tposemo\n%\nhappy\tone\n", "t.cb:4: bad category 'one'" },
		{ "%\n1\tposemo\n%\nhappy\n", "t.cb:4: entry 'happy' has no category" },
		{ "%\n1\tposemo\n%\nha*ppy\t1\n", "t.cb:4: '*' may only end a word" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = error_of(cases[i].text);
		char name[120];
		snprintf(name, sizeof name, "error: %s", cases[i].want);
		int ok = strncmp(got, cases[i].want, strlen(cases[i].want)) == 0;
		T_OK(ok, name);
		if (!ok)
			printf("#   got: \"%s\"\n", got);
	}
}

static void
test_match(void)
{
	cb_codebook *cb = parse(
		"code time\n"
		"  word time\n"
		"  exclude full-time\n"
		"  exclude part time\n"
		"code grow\n"
		"  word cultivat*\n"
		"  phrase take care of my*\n"
		"code near\n"
		"  near 2 time / patient*\n"
		"code accent\n"
		"  word café don't\n"
		"code re\n"
		"  regex \\bsad(ness)?\\b\n"
		"  regex don't\n"
		"code two\n"
		"  word x\n"
		"  min 2\n");
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, 0);
	T_STR(code_text(m, cb, "Time, TIME and time again"), "time:3", "match: word, case-insensitive");
	T_STR(code_text(m, cb, "full-time, part time"), "", "match: hits inside an exclusion do not count");
	T_STR(code_text(m, cb, "full-time but no time"), "time:1", "match: a hit outside the exclusion counts");
	T_STR(code_text(m, cb, "times timely"), "", "match: a word is matched whole");
	T_STR(code_text(m, cb, "Cultivating, cultivate; cultivat"), "grow:3", "match: wildcard, including the bare stem");
	T_STR(code_text(m, cb, "cult"), "", "match: wildcard needs its whole stem");
	T_STR(code_text(m, cb, "I take care of myself"), "grow:1", "match: phrase with a wildcard");
	T_STR(code_text(m, cb, "I take care of you"), "", "match: phrase needs every word");
	T_STR(code_text(m, cb, "take care, of my own"), "grow:1", "match: phrase across punctuation");
	T_STR(code_text(m, cb, "no time for patients"), "time:1;near:1", "near: A then B within 2");
	T_STR(code_text(m, cb, "patients need time"), "time:1;near:1", "near: B then A");
	T_STR(code_text(m, cb, "time is not for the patients"), "time:1", "near: beyond the window");
	T_STR(code_text(m, cb, "time patients time patients"), "time:2;near:2", "near: two pairs, two hits");
	T_STR(code_text(m, cb, "CAF\xc3\x89 cafe\xcc\x81 DON\xe2\x80\x99T dont"), "accent:3;re:1",
	      "match: accents, case and curly apostrophes folded");
	T_STR(code_text(m, cb, "Sadness is sad, not saddle"), "re:2", "regex: each match a hit, caseless");
	T_STR(code_text(m, cb, "x"), "", "min: one hit is not enough");
	T_STR(code_text(m, cb, "x x time time time"), "time:3;two:2", "min: two is; order by hits");
	T_STR(code_text(m, cb, "x x time time"), "time:2;two:2", "order: ties in codebook order");
	T_STR(code_text(m, cb, ""), "", "match: empty text");
	cb_matcher_free(m);

	/* Hits, offsets and context. */
	m = cb_matcher_new(cb, CB_KEEP_HITS);
	const char *t = "\xc3\x89t\xc3\xa9: I don\xe2\x80\x99t cultivate sadness today";
	cb_match(m, t, strlen(t));
	size_t nh;
	const cb_hit *h = cb_hits(m, &nh);
	T_OK(nh == 4, "hits: four");
	if (nh == 4) {
		T_OK(h[0].pattern == 5 && h[0].cp_off == 7 && h[0].end - h[0].start == 7,
		     "hits: don't (word) at code point 7, 7 bytes");
		T_OK(h[1].pattern == 7 && h[1].cp_off == 7 && h[1].end - h[1].start == 7,
		     "hits: don't (regex, over a curly quote) maps back to the text");
		T_OK(h[2].pattern == 1 && h[2].cp_off == 13, "hits: cultivate at 13");
		T_OK(h[3].pattern == 6 && h[3].w0 == 4 && h[3].w1 == 4, "hits: a regex hit knows its word");
		size_t s, e;
		cb_context(m, &h[2], 1, &s, &e);
		T_MEM(t + s, e - s, "don\xe2\x80\x99t cultivate sadness", "context: one word either side");
		cb_context(m, &h[0], 5, &s, &e);
		T_MEM(t + s, e - s, "\xc3\x89t\xc3\xa9: I don\xe2\x80\x99t cultivate sadness today",
		      "context: clipped at the ends of the text");
		cb_context(m, &h[0], 0, &s, &e);
		T_MEM(t + s, e - s, "don\xe2\x80\x99t", "context: zero words is the match");
	}
	cb_match(m, "x full-time", 11);
	cb_hits(m, &nh);
	T_OK(nh == 0, "hits: only of assigned codes, none excluded");
	cb_matcher_free(m);
	cb_free(cb);
}

static void
test_near_exclude(void)
{
	cb_codebook *cb = parse("code a\n  near 3 time / patient*\n  exclude full-time\n");
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, CB_KEEP_HITS);
	T_STR(code_text(m, cb, "full-time patients"), "", "near: a side inside an exclusion does not count");
	T_STR(code_text(m, cb, "full-time patients, no time"), "a:1", "near: the other occurrence pairs");
	size_t nh;
	const cb_hit *h = cb_hits(m, &nh);
	T_OK(nh == 1 && h[0].start == 10 && h[0].end == 27 && h[0].w0 == 2 && h[0].w1 == 4,
	     "near: a hit spans both sides");
	cb_matcher_free(m);
	cb_free(cb);
}

static void
test_unquote(void)
{
	static const struct {
		const char *in, *out;   /* out NULL: nothing to straighten */
		size_t at, back;        /* offset at in out is back in in */
	} cases[] = {
		{ "plain 'text'", NULL, 3, 3 },
		{ "\xe2\x80\x94 dash, \xca\xbd not a quote", NULL, 0, 0 },
		{ "\xe2\x80\x98" "a\xe2\x80\x99", "'a'", 2, 4 },
		{ "\xe2\x80\x9c" "ab\xe2\x80\x9d c", "\"ab\" c", 4, 8 },
		{ "don\xca\xbct", "don't", 4, 5 },
		{ "\xe2\x80\x94\xe2\x80\x9cx", "\xe2\x80\x94\"x", 4, 6 },
		{ "x \xe2\x80", NULL, 0, 0 },        /* cut short: left alone */
		{ "\xe2\x80\x99", "'", 1, 3 },
	};
	qp_buf out = QP_BUF_INIT;
	qp_qmap m = { 0 };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[80];
		size_t n = strlen(cases[i].in);
		buf_reset(&out);
		buf_adds(&out, "untouched");
		bool any = qp_unquote(cases[i].in, n, &out, &m);
		snprintf(name, sizeof name, "unquote %zu: %s", i,
		         cases[i].out ? "straightened" : "nothing to do");
		if (cases[i].out)
			T_OK(any && strcmp(out.s, cases[i].out) == 0, name);
		else
			T_OK(!any && strcmp(out.s, "untouched") == 0 && m.n == 0, name);
		snprintf(name, sizeof name, "unquote %zu: offset %zu maps back to %zu",
		         i, cases[i].at, cases[i].back);
		T_OK(qp_qmap_back(&m, cases[i].at) == cases[i].back, name);
	}
	buf_free(&out);
	qp_qmap_free(&m);
}

static void
test_quotes(void)
{
	cb_codebook *cb = parse("code q\n  regex \"don't\"\ncode s\n  regex 'sad'\n");
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, CB_KEEP_HITS);
	/* em dashes (0xE2 too) among the quotes */
	const char *t = "\xe2\x80\x94\xe2\x80\x9c" "Don\xca\xbct\xe2\x80\x9d \xe2\x80\x94 "
	                "\xe2\x80\x98sad\xe2\x80\x99!";
	cb_match(m, t, strlen(t));
	size_t nh;
	const cb_hit *h = cb_hits(m, &nh);
	T_OK(nh == 2, "quotes: both regexes hit through curly quotes");
	if (nh == 2) {
		T_MEM(t + h[0].start, h[0].end - h[0].start,
		      "\xe2\x80\x9c" "Don\xca\xbct\xe2\x80\x9d", "quotes: the match as in the text");
		T_OK(h[0].cp_off == 1, "quotes: offset in code points");
		T_MEM(t + h[1].start, h[1].end - h[1].start,
		      "\xe2\x80\x98sad\xe2\x80\x99", "quotes: a later match maps back");
		T_OK(h[1].cp_off == 11, "quotes: its offset");
	}
	cb_matcher_free(m);
	cb_free(cb);
}

static void
test_runaway(void)
{
	cb_codebook *cb = parse("code r\n  regex (a+)+$\ncode w\n  word b\n");
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, 0);
	size_t n = 20000;
	char *t = xmalloc(n + 3);
	memset(t, 'a', n);
	memcpy(t + n, "!b", 3);
	cb_match(m, t, n + 2);
	size_t nf;
	const cb_failure *f = cb_failures(m, &nf);
	T_OK(nf == 1 && f[0].pattern == 0, "runaway: the regex gives up");
	T_STR(code_text(m, cb, t), "w:1", "runaway: no hit for it, other codes still counted");
	cb_match(m, "aaa", 3);
	cb_failures(m, &nf);
	T_OK(nf == 0, "runaway: failures are per text");
	cb_matcher_free(m);
	cb_free(cb);
	cb = parse("code e\n  regex x*\n");
	m = cb_matcher_new(cb, 0);
	T_STR(code_text(m, cb, "abc x"), "e:1", "regex: empty matches are no hits");
	cb_failures(m, &nf);
	T_OK(nf == 0, "regex: an empty match at the end is no failure");
	free(t);
	cb_matcher_free(m);
	cb_free(cb);
}

static void
test_dic(void)
{
	cb_codebook *cb = parse(
		"%\n"
		"1\tposemo\n"
		"2\tNegEmo\n"
		"03\tsocial\n"
		"%\n"
		"care*\t1\t3\n"
		"careless\t2\n"
		"car*\t3\n"
		"kind of\t3\n"
		"like\t(02 134)125/464 1\n"
		"sad\t2 2\n");
	if (!cb)
		return;
	T_OK(cb_is_dic(cb) && cb_ncodes(cb) == 3, "dic: three categories");
	T_STR(cb_code_path(cb, 1), "negemo", "dic: category names folded");
	cb_matcher *m = cb_matcher_new(cb, 0);
	T_STR(code_text(m, cb, "cares"), "posemo:1;social:1", "dic: a wildcard in two categories");
	T_STR(code_text(m, cb, "careless"), "negemo:1", "dic: an exact entry beats wildcards");
	T_STR(code_text(m, cb, "cart"), "social:1", "dic: a shorter wildcard when the longer fails");
	T_STR(code_text(m, cb, "kind of sad"), "negemo:1;social:1", "dic: a LIWC2015 phrase");
	T_STR(code_text(m, cb, "like"), "posemo:1", "dic: conditional categories left out");
	T_STR(code_text(m, cb, "sad sad"), "negemo:2", "dic: a category twice on a line counts once");
	cb_matcher_free(m);
	cb_free(cb);
}

static void
test_cache(void)
{
	/* More distinct words than the cache holds: it starts afresh and
	 * matching goes on the same. */
	cb_codebook *cb = parse("code a\n  word w1* zeta\n");
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, 0);
	qp_buf t = QP_BUF_INIT;
	for (int i = 0; i < 300000; i++)
		buf_printf(&t, "w%d ", i);
	buf_adds(&t, "zeta w1x");
	cb_match(m, t.s, t.len);
	size_t n;
	const cb_result *r = cb_results(m, &n);
	/* w1, w10..w19, ... w100000..w199999: 111111; w1x; zeta */
	T_OK(n == 1 && r[0].hits == 111113, "cache: counts right across a reset");
	buf_free(&t);
	cb_matcher_free(m);
	cb_free(cb);
}

/* cb_last_words: the words of the last text, folded, '|' between them;
 * NULL when a word's hash is not qp_hash of its bytes. */
static const char *
words_of(cb_matcher *m, const char *text)
{
	static char out[600];
	cb_match(m, text, strlen(text));
	cb_words w = cb_last_words(m);
	out[0] = '\0';
	for (size_t i = 0; i < w.n; i++) {
		if (w.hash[i] != qp_hash(w.fold + w.off[i], w.len[i]))
			return NULL;
		size_t l = strlen(out);
		snprintf(out + l, sizeof out - l, "%s%.*s", i ? "|" : "", (int)w.len[i],
		         w.fold + w.off[i]);
	}
	return out;
}

static void
test_last_words(void)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "Rushing, no  TIME!", "rushing|no|time" },
		{ "Caf\xc3\xa9 NA\xc3\x8fVE stra\xc3\x9f" "e", "cafe|naive|strasse" },
		{ "don't can\xe2\x80\x99t 'tis", "don't|can't|tis" },
		{ "3 o'clock, 1990s 3.14", "3|o'clock|1990s|3|14" },
		{ "e\xcc\x81t\xc3\xa9 \xcc\x81 x", "ete||x" },  /* a word of marks only: no bytes */
		{ "\xf0\x9f\x98\x80 smile", "smile" },
		{ "", "" },
		{ "... !!!", "" },
	};
	const char *books[] = { "code a\n  word rush*\n", "stem on\ncode a\n  word rush\n" };
	for (int k = 0; k < 2; k++) {
		cb_codebook *cb = parse(books[k]);
		if (!cb)
			return;
		for (int flags = 0; flags <= CB_KEEP_HITS; flags += CB_KEEP_HITS) {
			cb_matcher *m = cb_matcher_new(cb, flags);
			cb_words none = cb_last_words(m);
			T_OK(none.n == 0, "last words: none before the first text");
			for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
				char name[160];
				const char *got = words_of(m, cases[i].text);
				snprintf(name, sizeof name, "last words (%s%s): case %zu",
				         k ? "stem on" : "stem off", flags ? ", hits kept" : "", i);
				T_STR(got ? got : "(a hash is not qp_hash)", cases[i].want, name);
			}
			cb_matcher_free(m);
		}
		cb_free(cb);
	}
}

/* A matcher run over a table of texts: each text's "code:hits;..." */
struct mcase { const char *text, *want; };

static void
match_table(const char *what, const char *book, const struct mcase *cases, size_t n,
            int flags)
{
	cb_codebook *cb = parse(book);
	T_OK(cb != NULL, what);
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, flags);
	for (size_t i = 0; i < n; i++) {
		char name[200];
		snprintf(name, sizeof name, "%s%s: '%s' -> '%s'", what,
		         flags ? " (hits kept)" : "", cases[i].text, cases[i].want);
		T_STR(code_text(m, cb, cases[i].text), cases[i].want, name);
	}
	cb_matcher_free(m);
	cb_free(cb);
}

/* stem on: which forms meet and which must not. */
static void
test_stem(void)
{
	static const char book[] =
		"stem on\n"
		"code st\n"
		"  word rush\n"
		"  phrase take care\n"
		"  phrase take good care\n"
		"code near\n"
		"  near 2 patient / wait\n"
		"code ex\n"
		"  word hour\n"
		"  exclude rush hour\n"
		"code wild\n"
		"  word cultivat*\n"
		"  phrase caring for my*\n"
		"code plain\n"
		"  stem off\n"
		"  word rush\n"
		"  phrase take care\n"
		"code back\n"
		"  word listen\n";
	static const struct mcase cases[] = {
		{ "rush", "st:1;plain:1" },
		{ "Rushing, rushed, RUSHES", "st:3" },
		{ "brush rusher crush", "" },             /* other stems */
		{ "taking care", "st:1" },
		{ "take care", "st:1;plain:1" },
		{ "she takes good care", "st:1" },        /* good care: one hit, take care is not a row */
		{ "taking good cares", "st:1" },          /* the third word stemmed too */
		{ "took care", "" },                      /* irregular forms are other stems */
		{ "the patients were waiting", "near:1" },
		{ "waits for patients", "near:1" },
		{ "three hours", "ex:1" },
		{ "in rush hours", "st:1;plain:1" },     /* the exclusion is stemmed as well */
		{ "rushing hour", "st:1" },
		{ "cultivation and cultivating", "wild:2" }, /* a wildcard is not stemmed */
		{ "cult", "" },
		{ "caring for myself", "wild:1" },
		{ "cares for myself", "wild:1" },
		{ "listened, listening, listens", "back:3" },
		{ "", "" },
	};
	size_t n = sizeof cases / sizeof cases[0];
	match_table("stem", book, cases, n, 0);
	match_table("stem", book, cases, n, CB_KEEP_HITS);

	/* Off by default, and per code. */
	static const struct mcase off[] = {
		{ "rushing", "b:1" },
		{ "rush", "a:1;b:1" },
	};
	match_table("stem per code", "code a\n word rush\ncode b\n stem on\n word rush\n",
	            off, 2, 0);
	/* A code after one with stem on starts from the codebook's default. */
	match_table("stem per code", "code b\n stem on\n word rush\ncode a\n word rush\n",
	            (const struct mcase[]){ { "rushing", "b:1" }, { "rush", "b:1;a:1" } }, 2, 0);

	cb_codebook *cb = parse("stem on\ncode a\n word rush rushing\n");
	if (cb) {
		cb_matcher *m = cb_matcher_new(cb, CB_KEEP_HITS);
		T_STR(code_text(m, cb, "Rushing"), "a:2", "stem: two patterns of one stem are two hits");
		size_t nh;
		const cb_hit *h = cb_hits(m, &nh);
		T_OK(nh == 2 && h[0].start == 0 && h[0].end == 7, "stem: a hit spans the word as written");
		T_STR(cb_pattern_term(cb, 1), "rushing", "stem: the term is as written");
		cb_matcher_free(m);
		cb_free(cb);
	}
}

/* Stems across the word cache starting afresh (matcher.c's CACHE_MAX,
 * 2^17 words): the phrase's second word is the one that sets it off; its
 * stem is asked for before it is in the cache, and the cache starts
 * afresh when it is looked up itself. */
static void
test_stem_cache(void)
{
	cb_codebook *cb = parse("stem on\ncode a\n phrase take care\n word caring\n");
	if (!cb)
		return;
	cb_matcher *m = cb_matcher_new(cb, 0);
	qp_buf t = QP_BUF_INIT;
	for (unsigned i = 0; i < (1u << 17) - 1; i++) {
		char w[8];
		unsigned x = i;
		for (int k = 0; k < 6; k++, x /= 26)
			w[k] = (char)('a' + x % 26);
		w[6] = '\0';
		buf_printf(&t, "zq%s ", w);
	}
	buf_adds(&t, "taking cares. Taking care");
	cb_match(m, t.s, t.len);
	size_t n;
	const cb_result *r = cb_results(m, &n);
	/* take care twice; caring's stem "care" twice */
	T_OK(n == 1 && r[0].hits == 4, "stem: counts right across a reset of the word cache");
	buf_free(&t);
	cb_matcher_free(m);
	cb_free(cb);
}

/* syn, narrower, broader (WordNet 3.0, wordnet-base). */
static void
test_wordnet(void)
{
	static const char book[] =
		"code syn\n"
		"  syn hurry.v\n"
		"code stemmed\n"
		"  stem on\n"
		"  syn hurry.v\n"
		"code narrow\n"
		"  narrower emotion.n.1\n"
		"code narrow2\n"
		"  narrower 2 anger.n.1\n"
		"code broad\n"
		"  broader anger.n.1\n"
		"code both\n"
		"  word rush\n"
		"  syn rush.v.1\n";
	static const struct mcase cases[] = {
		{ "hurry", "syn:1;stemmed:1" },
		{ "festinate", "syn:1;stemmed:1" },
		{ "look sharp!", "syn:1;stemmed:1" },       /* a compound is a phrase */
		{ "looking sharp", "stemmed:1" },
		{ "hurried", "stemmed:1" },                 /* only stemmed meets forms */
		{ "Benjamin Rush", "syn:1;stemmed:1;both:1" }, /* "rush", not the name */
		{ "hurry up", "syn:1;stemmed:1" },          /* "hurry up" is not a verb lemma of hurry */
		{ "anger and fear", "narrow:2;narrow2:1;broad:1" },
		{ "awe", "narrow:1" },
		{ "rage", "narrow2:1" },                    /* depth 2: fury, rage */
		{ "emotion", "narrow:1;broad:1" },
		{ "feeling", "" },                          /* broader is one level */
		{ "rush", "syn:1;stemmed:1;both:1" },       /* written and expanded: one hit */
		{ "step on it", "both:1" },
		{ "gas", "" },
	};
	match_table("wordnet", book, cases, sizeof cases / sizeof cases[0], 0);

	cb_codebook *cb = parse(book);
	if (!cb)
		return;
	size_t rush = 0, first = (size_t)-1;
	for (size_t p = 0; p < cb_npatterns(cb); p++) {
		if (strcmp(cb_code_path(cb, cb_pattern_code(cb, p)), "both") == 0 &&
		    strcmp(cb_pattern_term(cb, p), "rush") == 0)
			rush++;
		if (first == (size_t)-1 && strcmp(cb_pattern_term(cb, p), "look sharp") == 0)
			first = p;
	}
	T_OK(rush == 1, "wordnet: a lemma the code has is not added again");
	T_OK(first != (size_t)-1 && cb_pattern_kind(cb, first) == CB_PHRASE &&
	     cb_pattern_line(cb, first) == 2, "wordnet: a compound lemma is a phrase of its line");
	if (first != (size_t)-1)
		T_STR(cb_pattern_via(cb, first), "syn hurry.v", "wordnet: via names the directive");
	for (size_t p = 0; p < cb_npatterns(cb); p++) {
		const char *code = cb_code_path(cb, cb_pattern_code(cb, p));
		if (strcmp(code, "both") == 0 && strcmp(cb_pattern_term(cb, p), "rush") == 0)
			T_STR(cb_pattern_via(cb, p), "", "wordnet: via of a written pattern is empty");
		if (strcmp(code, "narrow2") == 0 && strcmp(cb_pattern_term(cb, p), "rage") == 0)
			T_STR(cb_pattern_via(cb, p), "narrower 2 anger.n.1", "wordnet: via keeps the depth");
	}
	cb_free(cb);

	static const struct { const char *text, *want; } errs[] = {
		{ "code a\n syn rsuh\n", "t.cb:2: syn: 'rsuh' is not in WordNet" },
		{ "code a\n syn hurry.a\n", "t.cb:2: syn: 'hurry' is not in WordNet as an adjective" },
		{ "code a\n syn hurry.r\n", "t.cb:2: syn: 'hurry' is not in WordNet as an adverb" },
		{ "code a\n syn rush.v.99\n", "t.cb:2: syn: WordNet has 7 senses of verb 'rush', not 99" },
		{ "code a\n syn rush.v.0\n", "t.cb:2: bad sense number '0' (a whole number from 1 to 9999)" },
		{ "code a\n syn .n\n", "t.cb:2: '.n' names no word" },
		{ "code a\n syn rush*\n", "t.cb:2: syn: 'rush*' is not in WordNet" },
		{ "code a\n syn caf\xc3\xa9s\n", "t.cb:2: syn: 'cafes' is not in WordNet" },
		{ "code a\n syn\n", "t.cb:2: empty pattern: 'syn' needs an argument" },
		{ "code a\n narrower 0 anger\n", "t.cb:2: bad depth number '0' (a whole number from 1 to 9)" },
		{ "code a\n narrower 10 anger\n", "t.cb:2: bad depth number '10' (a whole number from 1 to 9)" },
		{ "code a\n broader 2\n", "t.cb:2: empty pattern: 'broader' needs a word after its depth" },
		{ "syn rush\n", "t.cb:1: 'syn' before any 'code'" },
		{ "code a\n stem maybe\n", "t.cb:2: 'stem' takes 'on' or 'off', not 'maybe'" },
		{ "stem\n", "t.cb:1: 'stem' takes 'on' or 'off', not ''" },
		{ "code a\n stem on off\n", "t.cb:2: 'stem' takes 'on' or 'off', not 'on off'" },
		{ "code a\n syn x\n", "" },
		{ "code a\n syn 20/20 a.k.a.\n", "" },
	};
	for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
		const char *got = error_of(errs[i].text);
		char name[160];
		snprintf(name, sizeof name, "wordnet error: '%s'", errs[i].want);
		T_STR(got, errs[i].want, name);
	}
}

int
main(void)
{
	qp_init("test_codebook");
	test_parse();
	test_errors();
	test_match();
	test_near_exclude();
	test_unquote();
	test_quotes();
	test_runaway();
	test_dic();
	test_cache();
	test_stem();
	test_stem_cache();
	test_last_words();
	test_wordnet();
	return t_done();
}
