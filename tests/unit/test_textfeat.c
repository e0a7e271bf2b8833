/*
 * test_textfeat: lib/textfeat.h makes the features qualpipe-model(5)
 * documents: folded, stemmed words and adjacent pairs, FNV-1a buckets,
 * 1 + ln(count) scaled to length 1.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

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

int
main(void)
{
	qp_init("test_textfeat");
	test_buckets();
	test_texts();
	test_values();
	test_cache();
	return t_done();
}
