/*
 * dic.c: the LIWC .dic reader.  A .dic is a header of categories
 * between two '%' lines ("NUMBER NAME"), then entries: a word (a trailing
 * '*' makes it a prefix) and the numbers of its categories.  Each
 * category becomes a code, each (entry, category) pair a word or phrase
 * pattern, so that the matcher needs nothing of its own for a .dic
 * except LIWC's rule that a word takes only its most specific entry
 * (matcher.c).
 */
#include "codebook_int.h"
#include "qp.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

/* What the reader tells the user about once, at the end. */
typedef struct {
	size_t nonword;         /* entries without a word character */
	size_t cond;            /* entries with conditional categories */
	unsigned long cond_line;        /* the first of these */
} dic_notes;

bool
cb_is_dic_text(const char *text, size_t n)
{
	size_t i = 0, len;
	unsigned long line = 0;
	const char *s;

	return cb_next_line(text, n, &i, &line, &s, &len) && len == 1 && s[0] == '%';
}

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

/* A header line: "NUMBER NAME". */
static void
dic_category(cb_parser *P, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !is_space(s[i]))
		i++;
	if (!all_digits(s, i))
		cb_perr(P, "bad category line: expected a number, then a name");
	size_t j = i;
	while (j < n && is_space(s[j]))
		j++;
	if (j == n)
		cb_perr(P, "category %.*s has no name", (int)i, s);
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
	qp_entry *e = qp_map_put(P->dic_ids, id, idn, &created);
	if (!created)
		cb_perr(P, "category %.*s is defined twice", (int)i, s);
	uint32_t c = cb_add_code(P, P->tmp.s, P->tmp.len);
	e->val = (void *)((size_t)c + 1);
}

/*
 * Is the item s[0..n) of an entry part of a LIWC2007 conditional form,
 * such as 02 134/125(02 134)126 or <of>131/125?  *depth carries the
 * parentheses open from item to item.
 */
static bool
conditional(const char *s, size_t n, int *depth)
{
	bool cnd = *depth > 0;
	for (size_t k = 0; k < n; k++) {
		if (s[k] == '(')
			(*depth)++, cnd = true;
		else if (s[k] == ')')
			*depth = *depth ? *depth - 1 : 0, cnd = true;
		else if (s[k] == '/' || s[k] == '<' || s[k] == '>')
			cnd = true;
	}
	return cnd;
}

/* The code of the category number s[0..n) of an entry. */
static uint32_t
entry_category(cb_parser *P, const char *s, size_t n)
{
	if (!all_digits(s, n))
		cb_perr(P, "bad category '%.*s' (a number from the header)", (int)n, s);
	const char *id;
	size_t idn;
	norm_id(s, n, &id, &idn);
	qp_entry *e = qp_map_get(P->dic_ids, id, idn);
	if (!e)
		cb_perr(P, "category %.*s is not in the header", (int)n, s);
	return (uint32_t)((size_t)e->val - 1);
}

/* An entry: the word, up to a TAB (or the first blank without one), and
 * its categories.  The conditional forms are left out, and counted. */
static void
dic_entry(cb_parser *P, const char *s, size_t n, dic_notes *notes)
{
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
	uint32_t sq = cb_parse_seq(P, s, te, true);
	if (sq == UINT32_MAX) {
		notes->nonword++;
		return;
	}
	size_t i = tn, b, ncat = 0;
	int depth = 0;
	bool had_cond = false;
	while (next_item(s, n, &i, &b)) {
		if (conditional(s + b, i - b, &depth)) {
			if (!had_cond && notes->cond++ == 0)
				notes->cond_line = P->line;
			had_cond = true;
			continue;
		}
		uint32_t c = entry_category(P, s + b, i - b);
		/* The same word twice in one category counts once. */
		char key[24];
		int kl = snprintf(key, sizeof key, "%u:%u", sq, c);
		bool created;
		qp_map_put(P->dic_seen, key, (size_t)kl, &created);
		ncat++;
		if (!created)
			continue;
		enum cb_kind k = P->cb->seqs[sq].nt > 1 ? CB_PHRASE : CB_WORD;
		cb_seq_pattern(P, c, k, sq, s, te);
	}
	if (ncat == 0 && !had_cond)
		cb_perr(P, "entry '%.*s' has no category", (int)te, s);
}

void
cb_read_dic(cb_parser *P, const char *text, size_t n)
{
	int part = 0;           /* 0 before the header, 1 in it, 2 after */
	dic_notes notes = { 0, 0, 0 };
	size_t i = 0, len;
	const char *s;

	P->dic_ids = qp_map_new();
	P->dic_seen = qp_map_new();
	while (cb_next_line(text, n, &i, &P->line, &s, &len)) {
		if (len == 1 && s[0] == '%') {
			if (part == 2)
				cb_perr(P, "a third '%%' line");
			part++;
		} else if (part == 1) {
			dic_category(P, s, len);
		} else {
			dic_entry(P, s, len, &notes);
		}
	}
	if (part < 2) {
		P->line = 1;
		cb_perr(P, "the category header has no closing '%%' line");
	}
	if (notes.nonword)
		qp_warn("%s: %zu entr%s without letters or digits left out "
		        "(they cannot match a word)", P->name, notes.nonword,
		        notes.nonword == 1 ? "y" : "ies");
	if (notes.cond)
		qp_warn_at(P->name, notes.cond_line, "%zu entr%s with conditional "
		           "categories (LIWC2007 '(...)' or '<...>' forms): the "
		           "conditions are not applied, only the plain categories",
		           notes.cond, notes.cond == 1 ? "y" : "ies");
}
