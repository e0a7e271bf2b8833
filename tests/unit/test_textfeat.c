/*
 * test_textfeat: lib/textfeat.h makes the features qualpipe-model(5)
 * documents: folded, stemmed words and adjacent pairs, FNV-1a buckets,
 * 1 + ln(count) scaled to length 1; from a text, or from the words a
 * codebook matcher cut and folded (qp_feat_words), alike.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codebook.h"
#include "qp.h"
#include "textfeat.h"
#include "t.h"

/* Buckets by the formula, computed apart from the code (python:
 * h = FNV-1a 64; ((h ^ (h >> 32)) & 0x3ffff) + 1). */
static const struct {
	const char *s;
	uint32_t bucket;
} buckets[] = {
	{ "rush", 21645 }, { "no time", 192554 }, { "take time", 244100 },
};

static void
test_buckets(void)
{
	for (size_t i = 0; i < sizeof buckets / sizeof buckets[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "bucket of '%s'", buckets[i].s);
		T_OK(qp_feat_bucket(buckets[i].s, strlen(buckets[i].s)) == buckets[i].bucket, name);
	}
}

/* The names of a text's features, space-free joined by '|', in order. */
static void
names_of(qp_featx *x, const char *text, bool sorted, char *out, size_t n)
{
	const qp_feat *f;
	size_t k = qp_feat_text(x, text, strlen(text), sorted, &f);
	out[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		if (i)
			strncat(out, "|", n - strlen(out) - 1);
		strncat(out, qp_feat_name(x, i), n - strlen(out) - 1);
	}
}

static const struct {
	const char *text, *names;
} texts[] = {
	{ "Rushing, no time", "rush|no|rush no|time|no time" },
	{ "RUSHED no  TIME!", "rush|no|rush no|time|no time" },
	{ "Café, cafés", "cafe|cafe cafe" },
	{ "don't", "don't" },
	{ "", "" },
	{ "... --- !!!", "" },
	{ "rush rush rush", "rush|rush rush" },
};

static void
test_texts(void)
{
	qp_featx *x = qp_feat_new(true);
	char got[256];
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		names_of(x, texts[i].text, false, got, sizeof got);
		T_STR(got, texts[i].names, texts[i].text);
	}
	qp_feat_free(x);
}

static void
test_values(void)
{
	qp_featx *x = qp_feat_new(false);
	const qp_feat *f;
	/* rush x3, "rush rush" x2: values 1 + ln 3 and 1 + ln 2, scaled */
	size_t n = qp_feat_text(x, "rush rush rush", 14, false, &f);
	double a = 1 + log(3), b = 1 + log(2), l = sqrt(a * a + b * b);
	T_OK(n == 2, "two features");
	T_OK(f[0].id == 21645 && fabs(f[0].value - a / l) < 1e-12, "rush: (1 + ln 3) / length");
	T_OK(fabs(f[1].value - b / l) < 1e-12, "the pair: (1 + ln 2) / length");
	n = qp_feat_text(x, "no time rush", 12, true, &f);
	bool up = true;
	for (size_t i = 1; i < n; i++)
		up &= f[i - 1].id < f[i].id;
	T_OK(n == 5 && up, "sorted: ascending buckets, each once");
	T_STR(qp_feat_name(x, 0), "", "without names, names are empty");
	qp_feat_free(x);
}

/* The stem cache starts afresh when full; features stay the same. */
static void
test_cache(void)
{
	qp_featx *x = qp_feat_new(true);
	char w[32], got[256];
	for (unsigned i = 0; i < QP_FEAT_CACHE + 10; i++) {
		snprintf(w, sizeof w, "w%u", i);
		const qp_feat *f;
		qp_feat_text(x, w, strlen(w), false, &f);
	}
	names_of(x, "Rushing, no time", true, got, sizeof got);
	T_OK(strstr(got, "rush no") != NULL && strstr(got, "no time") != NULL,
	     "after the cache filled up, the same features");
	qp_feat_free(x);
}

/* Do the features of text from the matcher's words (qp_feat_words, on
 * extractor xw) equal those from the text (qp_feat_text, on xt, which
 * may be xw): the same buckets, values and names, in the same order,
 * sorted or not? */
static bool
same_features(qp_featx *xt, qp_featx *xw, cb_matcher *m, const char *text, size_t n,
              bool sorted)
{
	const qp_feat *f;
	size_t nt = qp_feat_text(xt, text, n, sorted, &f);
	qp_feat *ft = malloc((nt + 1) * sizeof *ft);
	qp_buf names = QP_BUF_INIT;
	memcpy(ft, f, nt * sizeof *ft);
	for (size_t i = 0; i < nt; i++) {
		buf_adds(&names, qp_feat_name(xt, i));
		buf_addc(&names, '|');
	}
	cb_match(m, text, n);
	cb_words w = cb_last_words(m);
	size_t nw = qp_feat_words(xw, &w, sorted, &f);
	bool same = nt == nw;
	const char *nm = names.s;
	for (size_t i = 0; i < nt && same; i++) {
		size_t l = strlen(qp_feat_name(xw, i));
		same = ft[i].id == f[i].id && ft[i].value == f[i].value &&
		       !strncmp(nm, qp_feat_name(xw, i), l) && nm[l] == '|';
		nm += l + 1;
	}
	free(ft);
	buf_free(&names);
	return same;
}

/* Texts whose words are cut or folded in some way of their own. */
static const char *const tricky[] = {
	"Rushing, no time",
	"RUSHED no  TIME!",
	"Café, CAFÉS, naïve résumé, Ærøskøbing, straße",
	"don't can\xe2\x80\x99t we're \xe2\x80\x98quoted\xe2\x80\x99 rock'n'roll 'tis o'",
	"l'\xc3\xa9t\xc3\xa9 \xca\xbcokina",
	"3 o'clock in the 1990s, 2nd of 4x4s, 3.14 and 1,000",
	"\xef\xac\x81ne \xc7\x85ungla \xe2\x85\xa0 \xe2\x91\xa0",   /* fi ligature, Dž, Roman I, circled 1 */
	"e\xcc\x81t\xc3\xa9 \xcc\x81 \xcc\x81\xcc\x81 x",         /* combining marks, words of marks only */
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90 \xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91",
	"\xf0\x9f\x98\x80 smile \xf0\x9f\x98\x80\xf0\x9f\x98\x80",
	"snake_case and-dash\xe2\x80\x94" "em\xe2\x80\x93" "en",
	"\xc4\xb0stanbul \xc4\xb1s\xc4\xb1k",
	"rush rush rush rush",
	"a",
	"",
	"... --- !!! \t \n",
};

static void
test_words(void)
{
	qp_buf err = QP_BUF_INIT;
	const char *book = "code a\n  word rush*\n  phrase no time\n";
	const char *stemmed = "stem on\ncode a\n  word rush\n";
	cb_codebook *cbs[2] = {
		cb_parse("t.cb", book, strlen(book), &err),
		cb_parse("t.cb", stemmed, strlen(stemmed), &err),
	};
	T_OK(cbs[0] && cbs[1], "the codebooks parse");
	char longw[300], stemmax[100];
	memset(longw, 'z', sizeof longw - 1);
	longw[sizeof longw - 1] = '\0';
	memset(stemmax, 'a', sizeof stemmax - 1);
	memcpy(stemmax + sizeof stemmax - 5, "ings", 5);      /* > QP_STEM_MAX */

	for (int k = 0; k < 2; k++) {
		cb_matcher *m = cb_matcher_new(cbs[k], k ? CB_KEEP_HITS : 0);
		qp_featx *xt = qp_feat_new(true), *xw = qp_feat_new(true);
		for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++) {
			char name[160];
			snprintf(name, sizeof name, "%s: words as the matcher cut them: text %zu",
			         k ? "stem on" : "stem off", i);
			T_OK(same_features(xt, xw, m, tricky[i], strlen(tricky[i]), false) &&
			     same_features(xt, xw, m, tricky[i], strlen(tricky[i]), true), name);
		}
		T_OK(same_features(xt, xw, m, longw, strlen(longw), false),
		     "a word of 299 bytes, kept whole in the cache");
		T_OK(same_features(xt, xw, m, stemmax, strlen(stemmax), false),
		     "a word longer than the stemmer takes");

		/* More distinct words than either cache holds, over many texts
		 * and in one: both caches start afresh, or make room. */
		qp_buf big = QP_BUF_INIT;
		bool ok = true;
		for (unsigned i = 0; i < 3 * QP_FEAT_CACHE && ok; i++) {
			char t[64];
			int tn = snprintf(t, sizeof t, "w%u rushing x%u no time", i, i * 7);
			ok = same_features(xt, xw, m, t, (size_t)tn, false);
			if (i % 97 == 0)
				buf_printf(&big, "v%u rushes %u ", i, i);
		}
		T_OK(ok, "the same features while the caches fill and start afresh");
		for (unsigned i = 0; i < QP_FEAT_CACHE + 100; i++)
			buf_printf(&big, "u%u ", i);
		T_OK(same_features(xt, xw, m, big.s, big.len, true),
		     "a text of more distinct words than the cache holds");
		T_OK(same_features(xt, xw, m, "Rushing, no time", 16, false),
		     "and the next text as before");
		buf_free(&big);

		/* One extractor fed both ways shares one cache. */
		ok = true;
		for (size_t i = 0; i < sizeof tricky / sizeof tricky[0]; i++)
			ok &= same_features(xt, xt, m, tricky[i], strlen(tricky[i]), false);
		T_OK(ok, "one extractor, texts and words in turn");
		qp_feat_free(xt);
		qp_feat_free(xw);
		cb_matcher_free(m);
	}
	cb_free(cbs[0]);
	cb_free(cbs[1]);
	buf_free(&err);
}

int
main(void)
{
	qp_init("test_textfeat");
	test_buckets();
	test_texts();
	test_values();
	test_cache();
	test_words();
	return t_done();
}
