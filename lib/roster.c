/* roster.c: see roster.h. */
#include "roster.h"
#include "map.h"
#include "qp.h"
#include "record.h"
#include "utf8.h"

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

static const char *const titles[] = { "dr", "prof", "mr", "mrs", "ms", "mx" };

static bool
is_title(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
		if (strlen(titles[i]) == n && memcmp(titles[i], w, n) == 0)
			return true;
	return false;
}

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
		if (!sp || !is_title(p, (size_t)(sp - p)))
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

qp_roster *
qp_roster_load(int nfiles, char **files, const char *const *need)
{
	qp_roster *r = xcalloc(1, sizeof *r);
	qp_rd *rd = qp_rd_open(nfiles, files);
	qp_buf ld_val = QP_BUF_INIT, ld_norm = QP_BUF_INIT;
	const char *first = nfiles > 0 && strcmp(files[0], "-") != 0 ? files[0] : "<stdin>";
	if (qp_rd_ncols(rd) == 0)
		qp_die_at(first, 1, "roster is empty (it needs a header with 'name')");
	r->ncols = qp_rd_ncols(rd);
	r->cols = xcalloc((size_t)r->ncols, sizeof *r->cols);
	for (int c = 0; c < r->ncols; c++)
		r->cols[c] = xstrdup(qp_rd_name(rd, c));
	int cname = qp_rd_col(rd, "name");
	int calias = qp_rd_col(rd, "aliases");
	if (cname < 0)
		qp_die_at(first, 1, "roster has no column 'name'");
	for (const char *const *n = need; n && *n; n++)
		if (qp_rd_col(rd, *n) < 0)
			qp_die_at(first, 1, "roster has no column '%s'", *n);

	r->idx = qp_map_new();
	while (qp_rd_next(rd)) {
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
			buf_reset(&ld_val);
			qp_rd_get(rd, c, &ld_val);
			e->vals[c] = xmemdup(ld_val.s ? ld_val.s : "", ld_val.len);
		}
		e->name = dup_trimmed(e->vals[cname], strlen(e->vals[cname]));
		if (e->name[0] == '\0')
			qp_die_at(e->file, e->line, "empty name");
		index_key(r, ei, e->name, true, &ld_norm);
		if (calias < 0)
			continue;
		const char *a = e->vals[calias];
		for (;;) {
			const char *semi = strchr(a, ';');
			size_t len = semi ? (size_t)(semi - a) : strlen(a);
			const char *al = dup_trimmed(a, len);
			if (al[0] != '\0') {
				e->aliases = xreallocarray(e->aliases, e->naliases + 1,
				                           sizeof *e->aliases);
				e->aliases[e->naliases++] = al;
				index_key(r, ei, al, false, &ld_norm);
			} else {
				free((char *)al);
			}
			if (!semi)
				break;
			a = semi + 1;
		}
	}
	qp_rd_free(rd);
	buf_free(&ld_val);
	buf_free(&ld_norm);
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

static const char *const particles[] = {
	"al", "bin", "da", "das", "de", "del", "della", "der", "di", "do",
	"dos", "du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "y",
};

/* Single words that often start a sentence with a colon after them
 * ("Note: ...", "So: ..."): alone, never a label the roster does not know. */
static const char *const lead_ins[] = {
	"also", "and", "answer", "anyway", "basically", "because", "but",
	"conclusion", "definition", "edit", "example", "examples", "finally",
	"first", "however", "important", "last", "lastly", "like", "note",
	"now", "ok", "okay", "ps", "question", "quote", "reason", "remember",
	"result", "second", "so", "summary", "then", "third", "tip", "update",
	"warning", "well", "yes", "no",
};

static bool
in_list(const char *const *list, size_t nlist, const char *w, size_t n)
{
	for (size_t i = 0; i < nlist; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

static bool
has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/*
 * Does the label look like a name, role or participant code?  Words
 * outside brackets (pronouns and notes go there) must each start with a
 * capital, or hold a digit ("p3"); later words may also be numbers or
 * particles ("Ana de la Cruz").  One such word alone must not be a
 * sentence lead-in.
 */
static bool
name_like(const char *l, size_t ln, qp_buf *scratch)
{
	qp_words w;
	qp_word t;
	int depth = 0, nw = 0;
	size_t i = 0, w0 = 0, w0n = 0;

	words_init(&w, l, ln);
	while (words_next(&w, &t)) {
		for (; i < t.off; i++) {
			if (l[i] == '(' || l[i] == '[')
				depth++;
			else if ((l[i] == ')' || l[i] == ']') && depth > 0)
				depth--;
		}
		if (depth > 0)
			continue;
		const char *s = l + t.off;
		int32_t cp;
		utf8_decode(s, &cp);
		utf8proc_category_t cat = utf8proc_category(cp);
		bool upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
		bool digit = cp >= '0' && cp <= '9';
		if (nw++ == 0) {
			w0 = t.off;
			w0n = t.len;
			if (!upper && (digit || !has_digit(s, t.len)))
				return false;
		} else if (!upper && !digit && !has_digit(s, t.len)) {
			buf_reset(scratch);
			utf8_fold(s, t.len, scratch);
			if (!in_list(particles, sizeof particles / sizeof particles[0],
			             scratch->s, scratch->len))
				return false;
		}
	}
	if (nw == 0)
		return false;           /* only bracketed words */
	if (nw == 1) {
		buf_reset(scratch);
		utf8_fold(l + w0, w0n, scratch);
		if (in_list(lead_ins, sizeof lead_ins / sizeof lead_ins[0],
		            scratch->s, scratch->len))
			return false;
	}
	return true;
}

bool
qp_roster_text_label(const qp_roster *r, const char *text, size_t n,
                     size_t *label_off, size_t *label_len, size_t *rest,
                     qp_buf *scratch)
{
	enum { MAXLABEL = 60, MAXWORDS = 6 };
	size_t b = 0;

	while (b < n && (text[b] == ' ' || text[b] == '\t'))
		b++;
	size_t lim = n - b < MAXLABEL + 1 ? n - b : MAXLABEL + 1;
	const char *colon = memchr(text + b, ':', lim);
	if (!colon)
		return false;
	size_t c = (size_t)(colon - text);
	if (c + 1 < n && text[c + 1] != ' ' && text[c + 1] != '\t' &&
	    text[c + 1] != '\n' && text[c + 1] != '\r')
		return false;
	size_t e = c;
	while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t'))
		e--;
	if (e == b)
		return false;
	const char *l = text + b;
	size_t ln = e - b;

	/* No sentence punctuation; a dot only ends a title or an initial. */
	for (size_t i = 0; i < ln; i++) {
		char ch = l[i];
		if (ch == '?' || ch == '!' || ch == ',' || ch == ';' || ch == '"' ||
		    ch == '\n' || ch == '\r')
			return false;
		if (ch == '.') {
			size_t k = i, ncp = 0;
			while (k > 0 && ((l[k - 1] >= 'A' && l[k - 1] <= 'Z') ||
			                 (l[k - 1] >= 'a' && l[k - 1] <= 'z') ||
			                 (unsigned char)l[k - 1] >= 0x80)) {
				k--;
				ncp += ((unsigned char)l[k] & 0xC0) != 0x80;
			}
			if (ncp == 0)
				return false;
			buf_reset(scratch);
			utf8_fold(l + k, i - k, scratch);
			if (!(ncp == 1 || is_title(scratch->s, scratch->len)))
				return false;
		}
	}

	qp_words w;
	qp_word t;
	int nw = 0;
	words_init(&w, l, ln);
	while (words_next(&w, &t))
		if (++nw > MAXWORDS)
			return false;
	if (nw == 0)
		return false;

	/* The roster costs more: asked only for what does not look like a name. */
	bool ok = name_like(l, ln, scratch);
	if (!ok && r)
		ok = qp_roster_match(r, l, ln, scratch).how != QP_ROSTER_NONE;
	if (!ok)
		return false;
	size_t after = c + 1;
	while (after < n && (text[after] == ' ' || text[after] == '\t' ||
	                     text[after] == '\n' || text[after] == '\r'))
		after++;
	*label_off = b;
	*label_len = ln;
	*rest = after;
	return true;
}
