/* roster.c: see roster.h. */
#include "roster.h"
#include "label.h"
#include "map.h"
#include "qp.h"
#include "record.h"
#include "utf8.h"
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct qp_roster {
	int ncols;
	char **cols;
	qp_roster_entry *ents;
	size_t n, cap;
	/* normal form -> ((entry index << 1) | is_name) + 1 */
	qp_map *idx;
	char **files;            /* interned file names for entries */
	size_t nfiles;
};


void
qp_roster_norm(const char *s, size_t n, qp_buf *out)
{
	size_t base = out->len;

	/* Fold first, then keep only the words, in place: each word moves
	 * left or stays, since one space replaces at least one separator. */
	utf8_fold(s, n, out);
	qp_words w;
	qp_word t;
	size_t o = base;
	words_init(&w, out->s + base, out->len - base);
	while (words_next(&w, &t)) {
		if (o > base)
			out->s[o++] = ' ';
		memmove(out->s + o, out->s + base + t.off, t.len);
		o += t.len;
	}
	out->len = o;
	out->s[o] = '\0';

	/* Leading titles go while a word is left after them. */
	for (;;) {
		char *p = out->s + base;
		char *sp = memchr(p, ' ', out->len - base);
		if (!sp || !qp_word_in(p, (size_t)(sp - p), qp_title_abbrevs))
			break;
		size_t cut = (size_t)(sp - p) + 1;
		memmove(p, p + cut, out->len - base - cut + 1);
		out->len -= cut;
	}
}

/* --- loading --- */

static const char *
intern_file(qp_roster *r, const char *name)
{
	if (r->nfiles && strcmp(r->files[r->nfiles - 1], name) == 0)
		return r->files[r->nfiles - 1];
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof *r->files);
	r->files[r->nfiles] = xstrdup(name);
	return r->files[r->nfiles++];
}

static void
index_key(qp_roster *r, size_t ei, const char *what, bool is_name, qp_buf *nb)
{
	const qp_roster_entry *e = &r->ents[ei];

	buf_reset(nb);
	qp_roster_norm(what, strlen(what), nb);
	if (nb->len == 0)
		qp_die_at(e->file, e->line, "%s '%s' has no letters or digits",
		          is_name ? "name" : "alias", what);
	bool created;
	qp_entry *k = qp_map_put(r->idx, nb->s, nb->len, &created);
	uintptr_t v = ((uintptr_t)ei << 1 | (is_name ? 1 : 0)) + 1;
	if (created) {
		k->val = (void *)v;
		return;
	}
	uintptr_t old = (uintptr_t)k->val - 1;
	size_t oi = old >> 1;
	if (oi == ei)
		return;         /* a name repeated as its own alias: harmless */
	const qp_roster_entry *o = &r->ents[oi];
	qp_die_at(e->file, e->line, "%s '%s' is the same label as %s '%s' "
	          "(%s:%lu): a label must lead to one person",
	          is_name ? "name" : "alias", what,
	          (old & 1) ? "the name" : "an alias of", o->name, o->file, o->line);
}

static const char *
dup_trimmed(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	             p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	return xmemdup(p, n);
}

/* The header's columns into r; dies unless it has 'name' and each
 * column of need.  Returns the column of 'name'. */
static int
load_columns(qp_roster *r, qp_rd *rd, const char *first, const char *const *need)
{
	if (qp_rd_ncols(rd) == 0)
		qp_die_at(first, 1, "roster is empty (it needs a header with 'name')");
	r->ncols = qp_rd_ncols(rd);
	r->cols = xcalloc((size_t)r->ncols, sizeof *r->cols);
	for (int c = 0; c < r->ncols; c++)
		r->cols[c] = xstrdup(qp_rd_name(rd, c));
	int cname = qp_rd_col(rd, "name");
	if (cname < 0)
		qp_die_at(first, 1, "roster has no column 'name'");
	for (const char *const *n = need; n && *n; n++)
		if (qp_rd_col(rd, *n) < 0)
			qp_die_at(first, 1, "roster has no column '%s'", *n);
	return cname;
}

/* The ';'-separated aliases of entry ei, each trimmed; empty ones (as
 * "a;;b" or a trailing ';' leave) are dropped.  Each is indexed. */
static void
load_aliases(qp_roster *r, size_t ei, const char *a, qp_buf *nb)
{
	qp_roster_entry *e = &r->ents[ei];

	for (;;) {
		const char *semi = strchr(a, ';');
		size_t len = semi ? (size_t)(semi - a) : strlen(a);
		const char *al = dup_trimmed(a, len);
		if (al[0] != '\0') {
			e->aliases = xreallocarray(e->aliases, e->naliases + 1,
			                           sizeof *e->aliases);
			e->aliases[e->naliases++] = al;
			index_key(r, ei, al, false, nb);
		} else {
			free((char *)al);
		}
		if (!semi)
			break;
		a = semi + 1;
	}
}

/* The record rd is at as a new entry of r: every column's value, the
 * trimmed name and the aliases (calias < 0: no aliases column), each
 * indexed.  val and nb are scratch. */
static void
load_entry(qp_roster *r, qp_rd *rd, int cname, int calias, qp_buf *val, qp_buf *nb)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->ents = xreallocarray(r->ents, r->cap, sizeof *r->ents);
	}
	size_t ei = r->n++;
	qp_roster_entry *e = &r->ents[ei];
	memset(e, 0, sizeof *e);
	e->file = intern_file(r, qp_rd_file(rd));
	e->line = qp_rd_lineno(rd);
	e->vals = xcalloc((size_t)r->ncols, sizeof *e->vals);
	for (int c = 0; c < r->ncols; c++) {
		buf_reset(val);
		qp_rd_get(rd, c, val);
		e->vals[c] = xmemdup(val->s, val->len);
	}
	e->name = dup_trimmed(e->vals[cname], strlen(e->vals[cname]));
	if (e->name[0] == '\0')
		qp_die_at(e->file, e->line, "empty name");
	index_key(r, ei, e->name, true, nb);
	if (calias >= 0)
		load_aliases(r, ei, e->vals[calias], nb);
}

qp_roster *
qp_roster_load(int nfiles, char **files, const char *const *need)
{
	qp_roster *r = xcalloc(1, sizeof *r);
	qp_rd *rd = qp_rd_open(nfiles, files);
	qp_buf val = QP_BUF_INIT, norm = QP_BUF_INIT;
	const char *first = nfiles > 0 && strcmp(files[0], "-") != 0 ? files[0] : "<stdin>";
	int cname = load_columns(r, rd, first, need);
	int calias = qp_rd_col(rd, "aliases");

	r->idx = qp_map_new();
	while (qp_rd_next(rd))
		load_entry(r, rd, cname, calias, &val, &norm);
	qp_rd_free(rd);
	buf_free(&val);
	buf_free(&norm);
	return r;
}

void
qp_roster_free(qp_roster *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		qp_roster_entry *e = &r->ents[i];
		for (int c = 0; c < r->ncols; c++)
			free((char *)e->vals[c]);
		for (size_t k = 0; k < e->naliases; k++)
			free((char *)e->aliases[k]);
		free(e->vals);
		free(e->aliases);
		free((char *)e->name);
	}
	for (int c = 0; c < r->ncols; c++)
		free(r->cols[c]);
	for (size_t i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->cols);
	free(r->ents);
	qp_map_free(r->idx);
	free(r);
}

size_t
qp_roster_count(const qp_roster *r)
{
	return r->n;
}

const qp_roster_entry *
qp_roster_at(const qp_roster *r, size_t i)
{
	return &r->ents[i];
}

int
qp_roster_ncols(const qp_roster *r)
{
	return r->ncols;
}

const char *
qp_roster_colname(const qp_roster *r, int col)
{
	return r->cols[col];
}

int
qp_roster_col(const qp_roster *r, const char *name)
{
	for (int c = 0; c < r->ncols; c++)
		if (strcmp(r->cols[c], name) == 0)
			return c;
	return -1;
}

/* --- matching --- */

const qp_roster_entry *
qp_roster_lookup(const qp_roster *r, const char *norm, size_t n, bool *is_name)
{
	if (n == 0)
		return NULL;
	qp_entry *k = qp_map_get(r->idx, norm, n);
	if (!k)
		return NULL;
	uintptr_t v = (uintptr_t)k->val - 1;
	if (is_name)
		*is_name = v & 1;
	return &r->ents[v >> 1];
}

typedef struct {
	size_t off, len;
} span;

enum { MAXPARTS = 16 };

static bool
is_space_at(const char *s, size_t n, size_t i)
{
	return i < n && (s[i] == ' ' || s[i] == '\t');
}

/* Length of a dash (- U+2013 U+2014) at s[i], or 0. */
static size_t
dash_at(const char *s, size_t n, size_t i)
{
	if (s[i] == '-')
		return 1;
	if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
		return 3;
	return 0;
}

static void
add_part(span *parts, int *np, size_t from, size_t to)
{
	if (to > from && *np < MAXPARTS) {
		parts[*np].off = from;
		parts[*np].len = to - from;
		(*np)++;
	}
}

/* Cut a label into its parts (see roster.h). */
static int
split_parts(const char *s, size_t n, span *parts)
{
	int np = 0;
	size_t start = 0, i = 0;

	while (i < n) {
		char c = s[i];
		if (c == '(' || c == '[') {
			char close = c == '(' ? ')' : ']';
			add_part(parts, &np, start, i);
			const char *e = memchr(s + i + 1, close, n - i - 1);
			size_t end = e ? (size_t)(e - s) : n;
			add_part(parts, &np, i + 1, end);
			i = start = e ? end + 1 : n;
			continue;
		}
		if (c == '|') {
			add_part(parts, &np, start, i);
			i = start = i + 1;
			continue;
		}
		size_t dl = dash_at(s, n, i);
		if (dl && ((i > 0 && is_space_at(s, n, i - 1)) || is_space_at(s, n, i + dl))) {
			add_part(parts, &np, start, i);
			i = start = i + dl;
			continue;
		}
		i += dl ? dl : 1;
	}
	add_part(parts, &np, start, n);
	return np;
}

qp_roster_hit
qp_roster_match(const qp_roster *r, const char *label, size_t n, qp_buf *scratch)
{
	qp_roster_hit h = { QP_ROSTER_NONE, NULL, NULL, NULL };
	bool is_name;

	buf_reset(scratch);
	qp_roster_norm(label, n, scratch);
	if ((h.e = qp_roster_lookup(r, scratch->s, scratch->len, NULL))) {
		h.how = QP_ROSTER_WHOLE;
		return h;
	}

	span parts[MAXPARTS];
	int np = split_parts(label, n, parts);
	if (np < 2)
		return h;
	/* The first entry met, the first met through its name, and whether
	 * others were met (through any part, through a name part). */
	const qp_roster_entry *any = NULL, *any2 = NULL, *named = NULL, *named2 = NULL;
	for (int i = 0; i < np; i++) {
		buf_reset(scratch);
		qp_roster_norm(label + parts[i].off, parts[i].len, scratch);
		const qp_roster_entry *e = qp_roster_lookup(r, scratch->s, scratch->len,
		                                            &is_name);
		if (!e)
			continue;
		if (!any)
			any = e;
		else if (e != any && !any2)
			any2 = e;
		if (is_name) {
			if (!named)
				named = e;
			else if (e != named && !named2)
				named2 = e;
		}
	}
	if (!any)
		return h;
	if (!any2) {
		h.how = QP_ROSTER_PART;
		h.e = any;
	} else if (named && !named2) {
		h.how = QP_ROSTER_PART;
		h.e = named;
	} else {
		h.how = QP_ROSTER_AMBIGUOUS;
		h.a = named2 ? named : any;
		h.b = named2 ? named2 : any2;
	}
	return h;
}

/* --- labels at the start of text --- */

bool
qp_roster_text_label(const qp_roster *r, const char *text, size_t n,
                     size_t *label_off, size_t *label_len, size_t *rest,
                     qp_buf *scratch)
{
	qp_label l;

	if (!qp_label_split(text, n, &l))
		return false;
	switch (qp_label_check(text + l.off, l.len)) {
	case QP_LABEL_NO:
		return false;
	case QP_LABEL_SHAPE:
		/* the roster costs more: asked only for what is not like a name */
		if (!r || qp_roster_match(r, text + l.off, l.len, scratch).how == QP_ROSTER_NONE)
			return false;
		break;
	case QP_LABEL_YES:
		break;
	}
	*label_off = l.off;
	*label_len = l.len;
	*rest = l.rest;
	return true;
}
