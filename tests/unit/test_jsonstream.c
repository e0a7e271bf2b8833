/*
 * test_jsonstream: lib/jsonstream.h.  Each case is a document and the
 * paths taken; the elements handed over, as "which:json" (Jansson's
 * compact dump, keys sorted) joined by spaces, must be the same whether
 * the document is fed whole, byte by byte, or a line at a time through
 * js_feed_line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonstream.h"
#include "t.h"

static qp_buf got;
static js_stream *cur;

static void
take(void *ctx, int which, json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	(void)ctx;
	if (got.len)
		buf_addc(&got, ' ');
	buf_printf(&got, "%d:%s", which, s);
	/* the array steps of the element's path */
	if (which == 9)
		buf_printf(&got, "@%zu,%zu", js_index(cur, 0), js_index(cur, 1));
	free(s);
}

/* mode 0 whole, 1 byte by byte, 2 by lines; the error, or NULL */
static const char *
run(const char *const *paths, const char *doc, int mode)
{
	js_stream *js = js_new(paths, take, NULL);
	static char err[200];
	bool ok = true;
	size_t n = strlen(doc);

	cur = js;
	buf_reset(&got);
	if (mode == 0) {
		ok = js_feed(js, doc, n);
	} else if (mode == 1) {
		for (size_t i = 0; i < n && ok; i++)
			ok = js_feed(js, doc + i, 1);
	} else {
		for (const char *p = doc; *p && ok;) {
			const char *e = strchr(p, '\n');
			size_t k = e ? (size_t)(e - p) : strlen(p);
			ok = js_feed_line(js, p, k);
			p += k + (e != NULL);
		}
	}
	ok = ok && js_finish(js);
	snprintf(err, sizeof err, "%s", ok ? "" : js_error(js));
	js_free(js);
	return ok ? NULL : err;
}

static const struct {
	const char *paths[4];
	const char *doc, *want;
} cases[] = {
	{ { "segments[*]" }, "{\"segments\": [{\"a\": 1}, {\"b\": [2, 3.5]}], \"text\": \"x\"}",
	  "0:{\"a\":1} 0:{\"b\":[2,3.5]}" },
	{ { "a.b[*]", "c" }, "{\"c\": \"first\", \"a\": {\"x\": [1], \"b\": [true, null, \"s\"]}}",
	  "1:\"first\" 0:true 0:null 0:\"s\"" },
	{ { "r.ch[0].alt[0].w[*]" },
	  "{\"r\": {\"ch\": [{\"alt\": [{\"w\": [1, 2]}, {\"w\": [9]}]}, {\"alt\": [{\"w\": [3]}]}]}}",
	  "0:1 0:2" },
	{ { "x", "x.y" }, "{\"x\": {\"y\": 1}}", "0:{\"y\":1}" },
	{ { "k[*]" }, "{\"k\": {\"not\": \"an array\"}, \"j\": [1]}", "" },
	{ { "k" }, "[{\"k\": 1}]", "" },
	{ { "n[*]" }, "{\"n\": [1e999, -0, 12345678901234567890, 1.5e2, -7]}",
	  "0:null 0:0 0:1.2345678901234567e19 0:150.0 0:-7" },
	{ { "s[*]" }, "{\"s\": [\"a\\u00e9\\n\", \"\\\"q\\\"\"]}", "0:\"a\xc3\xa9\\n\" 0:\"\\\"q\\\"\"" },
	{ { "d" }, "{\"d\": {\"k\": 1, \"k\": 2}}", "0:{\"k\":2}" },
};

static void
test_cases(void)
{
	char name[80];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int mode = 0; mode < 3; mode++) {
			snprintf(name, sizeof name, "jsonstream: case %zu, mode %d", i, mode);
			const char *e = run(cases[i].paths, cases[i].doc, mode);
			T_OK(e == NULL, name);
			T_STR(got.s, cases[i].want, name);
		}
	}
}

static void
test_indexes(void)
{
	const char *paths[] = { "a[*].b[*]", NULL };
	/* which 9 prints its indexes (take) */
	const char *p9[] = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "a[*].b[*]", NULL };
	js_stream *js;

	run(p9, "{\"a\": [{\"b\": [1]}, {\"b\": [2, 3]}]}", 0);
	T_STR(got.s, "9:1@0,0 9:2@1,0 9:3@1,1", "jsonstream: js_index");
	js = js_new(paths, take, NULL);
	T_OK(js_root(js) == 0, "jsonstream: no root before the document");
	T_OK(js_feed(js, "{\"x\": 1, \"a\": [], \"s\": \"t\", \"o\": {}", 35), "jsonstream: feed");
	T_OK(js_root(js) == '{', "jsonstream: the root is an object");
	T_OK(js_key_kind(js, "x") == '0' && js_key_kind(js, "a") == '[' &&
	     js_key_kind(js, "s") == '"' && js_key_kind(js, "o") == '{' &&
	     js_key_kind(js, "z") == 0, "jsonstream: kinds of the top-level values");
	bool more;
	T_OK(js_nkeys(js, &more) == 4 && !more && strcmp(js_key(js, 3), "o") == 0,
	     "jsonstream: top-level keys in order");
	T_OK(!js_finish(js), "jsonstream: a document cut short");
	T_STR(js_error(js), "parse error: premature EOF", "jsonstream: premature EOF");
	js_free(js);
}

static void
test_nan(void)
{
	const char *paths[] = { "v[*]", NULL };

	T_OK(run(paths, "{\"v\": [NaN, Infinity, -Infinity, \"NaN\", \"a NaN,\", 1]}", 2) == NULL,
	     "jsonstream: bare NaN and Infinity by lines");
	T_STR(got.s, "0:null 0:null 0:null 0:\"NaN\" 0:\"a NaN,\" 0:1", "jsonstream: NaN as null");
	T_OK(run(paths, "{\"v\": [\"\\\"NaN\", NaNx]}", 2) != NULL,
	     "jsonstream: NaNx is not NaN");
	T_OK(run(paths, "{\"v\": [NaN]}", 0) != NULL, "jsonstream: js_feed takes JSON only");
}

static void
test_errors(void)
{
	const char *paths[] = { "v", NULL };
	qp_buf deep = QP_BUF_INIT;
	const char *e;

	buf_printf(&deep, "{\"v\": ");
	for (int i = 0; i < 600; i++)
		buf_addc(&deep, '[');
	for (int i = 0; i < 600; i++)
		buf_addc(&deep, ']');
	buf_addc(&deep, '}');
	e = run(paths, deep.s, 0);
	T_STR(e ? e : "", "nested too deep", "jsonstream: depth inside an element");
	e = run(paths, deep.s + 6, 0);
	T_STR(e ? e : "", "nested too deep", "jsonstream: depth outside an element");
	buf_free(&deep);
	e = run(paths, "{\"v\": 1} 2", 0);
	T_OK(e && strstr(e, "trailing garbage"), "jsonstream: one document");
	e = run(paths, "{\"v\": \"\\ud800\"}", 0);
	T_OK(e == NULL || strstr(e, "UTF-8"), "jsonstream: a lone surrogate is no crash");
}

/* Decimals, by the fast path or not, are strtod's doubles, bit for bit. */
static json_t *nums;

static void
keep(void *ctx, int which, json_t *v)
{
	(void)ctx;
	(void)which;
	json_array_append(nums, v);
}

static void
test_decimals(void)
{
	const char *paths[] = { "v[*]", NULL };
	qp_buf doc = QP_BUF_INIT;
	char b[40][64];
	size_t bad = 0, k = 0;
	unsigned long long x = 88172645463325252ULL;

	nums = json_array();
	buf_printf(&doc, "{\"v\": [");
	for (int i = 0; i < 20000; i++) {
		/* xorshift: digits before and after the point, up to 15 in all */
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		int fr = (int)(x % 15), wh = 1 + (int)((x >> 8) % (unsigned)(15 - fr));
		unsigned long long m = (x >> 16) % 1000000000000000ULL;
		char d[32];
		snprintf(d, sizeof d, "%015llu", m);
		if (wh > 1)
			d[0] = (char)('1' + x % 9);     /* JSON has no leading zeros */
		buf_printf(&doc, "%s%s%.*s%s%.*s", i ? ", " : "", x & 1 << 20 ? "-" : "",
		           wh, d, fr ? "." : "", fr, d + wh);
	}
	/* past 15 digits, strtod's: the fast path must give up before its
	 * integer overflows (fuzz_segment_json, UBSan) */
	buf_printf(&doc, ", 0.99666666666666666666, -0.21000000000000000001, "
	           "9223372036854775808.5, 99999999999999999999.99999");
	buf_printf(&doc, "]}");
	js_stream *js = js_new(paths, keep, NULL);
	T_OK(js_feed(js, doc.s, doc.len) && js_finish(js), "jsonstream: 20000 decimals");
	js_free(js);
	/* the document again, by strtod */
	const char *p = doc.s + 7;
	for (size_t i = 0; i < json_array_size(nums); i++) {
		char *e;
		double want = strtod(p, &e);
		json_t *v = json_array_get(nums, i);
		double have = json_is_real(v) ? json_real_value(v) : (double)json_integer_value(v);
		/* integers are Jansson's (-0 is 0) */
		if (json_is_real(v) ? memcmp(&want, &have, sizeof want) != 0 : want != have) {
			if (k < 40)
				snprintf(b[k++], sizeof b[0], "%.*s", (int)(e - p), p);
			bad++;
		}
		p = e + 2;
	}
	T_OK(bad == 0, "jsonstream: decimals are strtod's doubles");
	for (size_t i = 0; i < k && i < 5; i++)
		printf("#   differs: %s\n", b[i]);
	json_decref(nums);
	buf_free(&doc);
}

int
main(void)
{
	test_decimals();
	test_cases();
	test_indexes();
	test_nan();
	test_errors();
	buf_free(&got);
	return t_done();
}
