/*
 * jsonstream.c: JSON read as a stream, elements at chosen paths
 * materialised one at a time (jsonstream.h).
 *
 * yajl's events walk a stack of frames, one for each open container
 * outside a taken element, each with the set of paths (a bit mask) its
 * own path is a prefix of; a value whose path completes one of them
 * starts an element, which is built as Jansson values on a second stack
 * until it closes.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "buf.h"
#include "err.h"
#include "jsonstream.h"
#include "xalloc.h"

enum { C_KEY, C_ANY, C_IDX };

typedef struct {
	int kind;
	char *key;
	size_t klen, idx;
} comp;

typedef struct {
	comp *c;
	size_t n;
} path;

typedef struct {
	char type;              /* '{' or '[' */
	uint32_t mask;          /* paths longer than this frame's path that it starts */
	uint32_t kmask;         /* of those, the ones the current key continues */
	size_t idx;             /* the next element's index */
} frame;

struct js_stream {
	yajl_handle h;
	path pats[JS_MAXPATHS];
	size_t npats;
	js_elem_fn *fn;
	void *ctx;

	frame *fr;
	size_t nfr, frcap;
	int root;
	char **keys;
	char *kinds;            /* the first byte of each key's value (js_root's) */
	size_t nkeys, keycap;
	bool morekeys;

	/* the element being built */
	int which;
	json_t **cst;           /* its open containers, cst[0] the element */
	size_t ncst, cstcap;
	qp_buf key;             /* the key of the next value in an object */
	size_t *idx;            /* js_index */
	size_t nidx, idxcap;

	qp_buf num, line;
	/* js_feed_text: inside a string, after its backslash; the byte
	 * before is a delimiter; a bare word held back; offsets */
	bool str, esc, prevd;
	char carry[16];
	size_t ncarry;
	unsigned long long fed, base, erroff;
	size_t errcol;          /* js_column */
	char err[160];          /* a callback's own error, or "" */
	unsigned char *yerr;
};

/* ---- allocation through lib/xalloc ---- */

static void *
ya_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return xmalloc(n ? n : 1);
}

static void *
ya_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return xrealloc(p, n ? n : 1);
}

static void
ya_free(void *ctx, void *p)
{
	(void)ctx;
	free(p);
}

static void *
jn_malloc(size_t n)
{
	return xmalloc(n ? n : 1);
}

static void
jn_free(void *p)
{
	free(p);
}

/* ---- paths ---- */

static void
parse_path(path *pt, const char *s)
{
	size_t cap = 0;

	pt->c = NULL;
	pt->n = 0;
	while (*s) {
		comp c = { 0 };
		if (*s == '[') {
			s++;
			if (*s == '*') {
				c.kind = C_ANY;
				s++;
			} else {
				char *e;
				c.kind = C_IDX;
				c.idx = (size_t)strtoul(s, &e, 10);
				if (e == s)
					qp_die("jsonstream: bad path index");
				s = e;
			}
			if (*s++ != ']')
				qp_die("jsonstream: bad path");
		} else {
			size_t n = strcspn(s, ".[");
			if (n == 0)
				qp_die("jsonstream: bad path");
			c.kind = C_KEY;
			c.key = xmalloc(n + 1);
			memcpy(c.key, s, n);
			c.key[n] = '\0';
			c.klen = n;
			s += n;
		}
		if (*s == '.')
			s++;
		XGROW(pt->c, pt->n, cap);
		pt->c[pt->n++] = c;
	}
	if (pt->n == 0)
		qp_die("jsonstream: empty path");
}

/* ---- events ---- */

static int
fail(js_stream *js, const char *msg)
{
	snprintf(js->err, sizeof js->err, "%s", msg);
	return 0;
}

static void
push_frame(js_stream *js, char type, uint32_t mask)
{
	XGROW(js->fr, js->nfr, js->frcap);
	js->fr[js->nfr++] = (frame){ type, mask, 0, 0 };
}

/*
 * A value begins.  Inside an element: 2 (build it).  Else its path is
 * matched: 2 if it starts an element (js->which set), 1 if it is to be
 * skipped (a container gets a frame of its own), 0 on an error.
 */
static int
take(js_stream *js, char type)
{
	uint32_t m, next = 0;
	int which = -1;

	if (js->ncst > 0)
		return js->ncst + js->nfr >= JS_MAXDEPTH ? fail(js, "nested too deep") : 2;
	if (js->nfr == 0) {
		if (js->root == 0)
			js->root = type;
		if (type == '{' || type == '[')
			push_frame(js, type, js->npats >= 32 ? UINT32_MAX : (UINT32_C(1) << js->npats) - 1);
		return 1;
	}
	frame *f = &js->fr[js->nfr - 1];
	size_t d = js->nfr - 1;
	if (d == 0 && f->type == '{' && js->nkeys > 0 && js->nkeys <= JS_MAXKEYS &&
	    js->kinds[js->nkeys - 1] == 0)
		js->kinds[js->nkeys - 1] = type;
	if (f->type == '[') {
		size_t i = f->idx++;
		m = 0;
		for (size_t p = 0; p < js->npats; p++) {
			if (!(f->mask >> p & 1))
				continue;
			const comp *c = &js->pats[p].c[d];
			if (c->kind == C_ANY || (c->kind == C_IDX && c->idx == i))
				m |= UINT32_C(1) << p;
		}
	} else {
		m = f->kmask;
		f->kmask = 0;
	}
	for (size_t p = 0; p < js->npats; p++) {
		if (!(m >> p & 1))
			continue;
		if (js->pats[p].n == d + 1) {
			which = (int)p;
			break;
		}
		next |= UINT32_C(1) << p;
	}
	if (which < 0) {
		if (type == '{' || type == '[') {
			if (js->nfr >= JS_MAXDEPTH)
				return fail(js, "nested too deep");
			push_frame(js, type, next);
		}
		return 1;
	}
	js->which = which;
	js->nidx = 0;
	for (size_t k = 0; k < js->nfr; k++) {
		if (js->fr[k].type != '[')
			continue;
		XGROW(js->idx, js->nidx, js->idxcap);
		js->idx[js->nidx++] = js->fr[k].idx - 1;
	}
	return 2;
}

static void
deliver(js_stream *js, json_t *v)
{
	js->fn(js->ctx, js->which, v);
	json_decref(v);
}

/* Put a built value in its place (the element's root, or its container). */
static int
put(js_stream *js, json_t *v, bool container)
{
	if (!v)
		return fail(js, "a string that is not valid UTF-8");
	if (js->ncst == 0) {
		if (!container) {
			deliver(js, v);
			return 1;
		}
	} else {
		json_t *top = js->cst[js->ncst - 1];
		if (json_is_array(top))
			json_array_append_new(top, v);
		else
			json_object_setn_new(top, js->key.s, js->key.len, v);
	}
	if (container) {
		XGROW(js->cst, js->ncst, js->cstcap);
		js->cst[js->ncst++] = v;
	}
	return 1;
}

static int
cb_null(void *c)
{
	js_stream *js = c;
	int t = take(js, 'n');
	return t == 2 ? put(js, json_null(), false) : t;
}

static int
cb_bool(void *c, int b)
{
	js_stream *js = c;
	int t = take(js, 't');
	return t == 2 ? put(js, json_boolean(b), false) : t;
}

/*
 * A decimal without exponent of at most 15 digits ("3.152", ASR times):
 * the digits as an integer over a power of ten, both exact in a double,
 * so that the one division is correctly rounded, as strtod's result is
 * (Clinger's fast path), at a tenth of its cost.  false for the rest.
 */
static bool
fast_decimal(const char *s, size_t n, double *d)
{
	static const double p10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
	};
	size_t i = s[0] == '-', digits = 0, frac = 0;
	bool dot = false;
	int64_t m = 0;

	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			/* past 15 digits the answer is false: stop before m overflows */
			if (++digits > 15)
				return false;
			m = m * 10 + (s[i] - '0');
			frac += dot;
		} else if (s[i] == '.' && !dot) {
			dot = true;
		} else {
			return false;
		}
	}
	if (digits == 0)
		return false;
	*d = (double)m / p10[frac];
	if (s[0] == '-')
		*d = -*d;
	return true;
}

static json_t *
number(js_stream *js, const char *s, size_t n)
{
	bool integer = true;
	char *e;
	double d;

	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && !(i == 0 && s[i] == '-'))
			integer = false;
	if (!integer && fast_decimal(s, n, &d))
		return json_real(d);
	buf_reset(&js->num);
	buf_add(&js->num, s, n);
	if (integer) {
		errno = 0;
		long long v = strtoll(js->num.s, &e, 10);
		if (errno == 0 && *e == '\0')
			return json_integer(v);
	}
	d = strtod(js->num.s, &e);
	return isfinite(d) ? json_real(d) : json_null();
}

static int
cb_number(void *c, const char *s, size_t n)
{
	js_stream *js = c;
	int t = take(js, '0');
	return t == 2 ? put(js, number(js, s, n), false) : t;
}

static int
cb_string(void *c, const unsigned char *s, size_t n)
{
	js_stream *js = c;
	int t = take(js, '"');
	return t == 2 ? put(js, json_stringn((const char *)s, n), false) : t;
}

static int
cb_start_map(void *c)
{
	js_stream *js = c;
	int t = take(js, '{');
	return t == 2 ? put(js, json_object(), true) : t;
}

static int
cb_start_array(void *c)
{
	js_stream *js = c;
	int t = take(js, '[');
	return t == 2 ? put(js, json_array(), true) : t;
}

static int
cb_key(void *c, const unsigned char *s, size_t n)
{
	js_stream *js = c;

	if (js->ncst > 0) {
		buf_reset(&js->key);
		buf_add(&js->key, (const char *)s, n);
		return 1;
	}
	frame *f = &js->fr[js->nfr - 1];
	size_t d = js->nfr - 1;
	if (js->nfr == 1) {
		if (js->nkeys < JS_MAXKEYS) {
			char *k = xmalloc(n + 1);
			memcpy(k, s, n);
			k[n] = '\0';
			size_t cap = js->keycap;
			XGROW(js->keys, js->nkeys, js->keycap);
			if (cap != js->keycap)
				js->kinds = xrealloc(js->kinds, js->keycap);
			js->kinds[js->nkeys] = 0;
			js->keys[js->nkeys++] = k;
		} else {
			js->morekeys = true;
		}
	}
	f->kmask = 0;
	for (size_t p = 0; p < js->npats; p++) {
		if (!(f->mask >> p & 1))
			continue;
		const comp *k = &js->pats[p].c[d];
		if (k->kind == C_KEY && k->klen == n && memcmp(k->key, s, n) == 0)
			f->kmask |= UINT32_C(1) << p;
	}
	return 1;
}

static int
cb_end(void *c)
{
	js_stream *js = c;

	if (js->ncst > 0) {
		json_t *v = js->cst[--js->ncst];
		if (js->ncst == 0)
			deliver(js, v);
		return 1;
	}
	js->nfr--;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_key, cb_end, cb_start_array, cb_end
};

/* ---- the stream ---- */

js_stream *
js_new(const char *const *paths, js_elem_fn *fn, void *ctx)
{
	static yajl_alloc_funcs af = { ya_malloc, ya_realloc, ya_free, NULL };
	js_stream *js = xcalloc(1, sizeof *js);

	json_set_alloc_funcs(jn_malloc, jn_free);
	for (; *paths; paths++) {
		if (js->npats == JS_MAXPATHS)
			qp_die("jsonstream: too many paths");
		parse_path(&js->pats[js->npats++], *paths);
	}
	js->fn = fn;
	js->ctx = ctx;
	buf_init(&js->key);
	buf_init(&js->num);
	buf_init(&js->line);
	js->prevd = true;
	js->h = yajl_alloc(&callbacks, &af, js);
	/* the lines are UTF-8 already (qp_input) */
	yajl_config(js->h, yajl_dont_validate_strings, 1);
	return js;
}

void
js_free(js_stream *js)
{
	if (!js)
		return;
	if (js->yerr)
		yajl_free_error(js->h, js->yerr);
	yajl_free(js->h);
	if (js->ncst > 0)
		json_decref(js->cst[0]);
	for (size_t p = 0; p < js->npats; p++) {
		for (size_t k = 0; k < js->pats[p].n; k++)
			free(js->pats[p].c[k].key);
		free(js->pats[p].c);
	}
	for (size_t k = 0; k < js->nkeys; k++)
		free(js->keys[k]);
	free(js->keys);
	free(js->kinds);
	free(js->fr);
	free(js->cst);
	free(js->idx);
	buf_free(&js->key);
	buf_free(&js->num);
	buf_free(&js->line);
	free(js);
}

bool
js_feed(js_stream *js, const char *p, size_t n)
{
	return yajl_parse(js->h, (const unsigned char *)p, n) == yajl_status_ok;
}

/* Does p[0..n) hold "NaN" or "Infinity"? (Cheap: most lines do not.) */
static bool
maybe_bare(const char *p, size_t n)
{
	for (const char *q = p, *e = p + n; (q = memchr(q, 'N', (size_t)(e - q))); q++)
		if (e - q >= 3 && q[1] == 'a' && q[2] == 'N')
			return true;
	for (const char *q = p, *e = p + n; (q = memchr(q, 'I', (size_t)(e - q))); q++)
		if (e - q >= 8 && memcmp(q, "Infinity", 8) == 0)
			return true;
	return false;
}

static bool
delim(char c)
{
	return c == ',' || c == ']' || c == '}' || c == ':' || c == '[' || c == ' ' ||
	       c == '\t' || c == '\r' || c == '\n';
}

/* Feed a line (the bytes b[0..n)) and its end, noting where it failed. */
static bool
feed_line(js_stream *js, const char *b, size_t n)
{
	if (!js_feed(js, b, n)) {
		/* yajl counts the byte it stopped at */
		js->errcol = yajl_get_bytes_consumed(js->h);
		if (js->errcol == 0)
			js->errcol = 1;
		return false;
	}
	if (!js_feed(js, "\n", 1)) {
		js->errcol = n + 1;
		return false;
	}
	return true;
}

bool
js_feed_line(js_stream *js, const char *p, size_t n)
{
	js->errcol = 0;
	if (!maybe_bare(p, n))
		return feed_line(js, p, n);
	/* a string never spans lines in JSON: each line starts outside one */
	qp_buf *b = &js->line;
	bool str = false;
	buf_reset(b);
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (str) {
			if (c == '\\' && i + 1 < n)
				buf_addc(b, p[i++]);
			else if (c == '"')
				str = false;
			buf_addc(b, p[i]);
			continue;
		}
		if (c == '"') {
			str = true;
		} else if (c == 'N' || c == 'I' || c == '-') {
			size_t k = i + (c == '-'), len = 0;
			if (k + 3 <= n && memcmp(p + k, "NaN", 3) == 0)
				len = 3;
			else if (k + 8 <= n && memcmp(p + k, "Infinity", 8) == 0)
				len = 8;
			if (len && (i == 0 || delim(p[i - 1])) && (k + len == n || delim(p[k + len]))) {
				buf_add(b, "null", 4);
				i = k + len - 1;
				continue;
			}
		}
		buf_addc(b, c);
	}
	return feed_line(js, b->s, b->len);
}

/* ---- js_feed_text ---- */

/* Feed p[0..n), which begins at offset base of the document. */
static bool
piece(js_stream *js, unsigned long long base, const char *p, size_t n)
{
	js->base = base;
	if (n == 0 || js_feed(js, p, n))
		return true;
	size_t c = yajl_get_bytes_consumed(js->h);
	js->erroff = base + (c ? c - 1 : 0);
	return false;
}

/* Is p[0..n) a bare word (-?NaN, -?Infinity)?  Its length, or 0; *part:
 * p holds only the beginning of one. */
static size_t
bare(const char *p, size_t n, bool *part)
{
	static const char *const words[] = { "NaN", "Infinity" };
	size_t k = p[0] == '-';

	*part = k == n;
	for (int w = 0; w < 2 && k < n; w++) {
		size_t len = strlen(words[w]), m = n - k < len ? n - k : len;
		if (memcmp(p + k, words[w], m) == 0) {
			*part = m < len;
			return m < len ? 0 : k + len;
		}
	}
	return 0;
}

/* The bytes d[0..n) at offset a of the document, fed with their bare
 * words read as null; the end of d is the document's if last. */
static bool
scan(js_stream *js, const char *d, size_t n, unsigned long long a, bool last)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		char c = d[i];
		if (js->str) {
			if (js->esc)
				js->esc = false;
			else if (c == '\\')
				js->esc = true;
			else if (c == '"')
				js->str = false;
			continue;
		}
		if (c == '"') {
			js->str = true;
			js->prevd = false;
			continue;
		}
		if ((c == 'N' || c == 'I' || c == '-') && js->prevd) {
			bool part;
			size_t len = bare(d + i, n - i, &part);
			if (!last && (part || (len && i + len == n))) {
				/* cut by the chunk's end: the next call decides */
				js->ncarry = n - i;
				memcpy(js->carry, d + i, n - i);
				return piece(js, a + from, d + from, i - from);
			}
			if (len && (i + len == n || delim(d[i + len]))) {
				if (!piece(js, a + from, d + from, i - from) ||
				    !piece(js, a + i, "null", 4))
					return false;
				i += len - 1;
				from = i + 1;
				js->prevd = false;
				continue;
			}
		}
		js->prevd = delim(c);
	}
	return piece(js, a + from, d + from, n - from);
}

bool
js_feed_text(js_stream *js, const char *p, size_t n)
{
	unsigned long long a = js->fed;

	js->fed += n;
	if (js->ncarry == 0)
		return scan(js, p, n, a, false);
	/* a bare word held back: read again with what follows */
	qp_buf *b = &js->line;
	buf_reset(b);
	buf_add(b, js->carry, js->ncarry);
	buf_add(b, p, n);
	a -= js->ncarry;
	js->ncarry = 0;
	return scan(js, b->s, b->len, a, false);
}

unsigned long long
js_offset(const js_stream *js)
{
	if (js->erroff || !js->h)
		return js->erroff;
	size_t c = yajl_get_bytes_consumed(js->h);
	return js->base + (c ? c - 1 : 0);
}

bool
js_finish(js_stream *js)
{
	if (js->ncarry > 0) {
		size_t n = js->ncarry;
		js->ncarry = 0;
		if (!scan(js, js->carry, n, js->fed - n, true))
			return false;
	}
	return yajl_complete_parse(js->h) == yajl_status_ok;
}

const char *
js_error(js_stream *js)
{
	if (js->err[0])
		return js->err;
	if (js->yerr)
		yajl_free_error(js->h, js->yerr);
	js->yerr = yajl_get_error(js->h, 0, NULL, 0);
	/* "parse error: premature EOF\n": without the line end */
	char *s = (char *)js->yerr;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

size_t
js_column(const js_stream *js)
{
	return js->errcol;
}

int
js_root(const js_stream *js)
{
	return js->root;
}

size_t
js_nkeys(const js_stream *js, bool *more)
{
	*more = js->morekeys;
	return js->nkeys;
}

const char *
js_key(const js_stream *js, size_t i)
{
	return i < js->nkeys ? js->keys[i] : NULL;
}

int
js_key_kind(const js_stream *js, const char *key)
{
	for (size_t i = 0; i < js->nkeys; i++)
		if (strcmp(js->keys[i], key) == 0)
			return js->kinds[i];
	return 0;
}

size_t
js_index(const js_stream *js, size_t k)
{
	return k < js->nidx ? js->idx[k] : 0;
}
