#include "numword.h"

#include <string.h>

static inline int
lc(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline int
isalpha_(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
isdig(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* A byte that continues a word, so that a word ending before it is only
 * part of one ("one's", "fives", "café"). */
static inline int
wordb(unsigned char c)
{
	return isalpha_(c) || isdig(c) || c == '_' || c == '\'' || c >= 0x80;
}

struct nwent {
	const char *w;
	unsigned char kind, val;
};

/* By first letter, so that a word is compared with a handful at most. */
static const struct nwent nw_d[] = { { "double", NW_REPEAT, 2 }, { 0, 0, 0 } };
static const struct nwent nw_e[] = {
	{ "eight", NW_DIGIT, 8 }, { "eleven", NW_TEEN, 11 }, { "eighteen", NW_TEEN, 18 },
	{ "eighty", NW_TENS, 80 }, { "eighth", NW_ORD, 8 }, { "eleventh", NW_ORD, 11 },
	{ "eighteenth", NW_ORD, 18 }, { "eightieth", NW_ORD, 80 }, { 0, 0, 0 } };
static const struct nwent nw_f[] = {
	{ "four", NW_DIGIT, 4 }, { "five", NW_DIGIT, 5 }, { "fourteen", NW_TEEN, 14 },
	{ "fifteen", NW_TEEN, 15 }, { "forty", NW_TENS, 40 }, { "fifty", NW_TENS, 50 },
	{ "first", NW_ORD, 1 }, { "fourth", NW_ORD, 4 }, { "fifth", NW_ORD, 5 },
	{ "fourteenth", NW_ORD, 14 }, { "fifteenth", NW_ORD, 15 }, { "fortieth", NW_ORD, 40 },
	{ "fiftieth", NW_ORD, 50 }, { 0, 0, 0 } };
static const struct nwent nw_h[] = { { "hundred", NW_HUNDRED, 100 }, { 0, 0, 0 } };
static const struct nwent nw_n[] = {
	{ "nine", NW_DIGIT, 9 }, { "nineteen", NW_TEEN, 19 }, { "ninety", NW_TENS, 90 },
	{ "ninth", NW_ORD, 9 }, { "nineteenth", NW_ORD, 19 }, { "ninetieth", NW_ORD, 90 },
	{ 0, 0, 0 } };
static const struct nwent nw_o[] = {
	{ "one", NW_DIGIT, 1 }, { "oh", NW_DIGIT, 0 }, { 0, 0, 0 } };
static const struct nwent nw_s[] = {
	{ "six", NW_DIGIT, 6 }, { "seven", NW_DIGIT, 7 }, { "sixteen", NW_TEEN, 16 },
	{ "seventeen", NW_TEEN, 17 }, { "sixty", NW_TENS, 60 }, { "seventy", NW_TENS, 70 },
	{ "second", NW_ORD, 2 }, { "sixth", NW_ORD, 6 }, { "seventh", NW_ORD, 7 },
	{ "sixteenth", NW_ORD, 16 }, { "seventeenth", NW_ORD, 17 }, { "sixtieth", NW_ORD, 60 },
	{ "seventieth", NW_ORD, 70 }, { 0, 0, 0 } };
static const struct nwent nw_t[] = {
	{ "two", NW_DIGIT, 2 }, { "three", NW_DIGIT, 3 }, { "ten", NW_TEEN, 10 },
	{ "twelve", NW_TEEN, 12 }, { "thirteen", NW_TEEN, 13 }, { "twenty", NW_TENS, 20 },
	{ "thirty", NW_TENS, 30 }, { "third", NW_ORD, 3 }, { "tenth", NW_ORD, 10 },
	{ "twelfth", NW_ORD, 12 }, { "thirteenth", NW_ORD, 13 }, { "twentieth", NW_ORD, 20 },
	{ "thirtieth", NW_ORD, 30 }, { "thousand", NW_THOUSAND, 0 /* 1000 */ },
	{ "triple", NW_REPEAT, 3 }, { 0, 0, 0 } };
static const struct nwent nw_z[] = { { "zero", NW_DIGIT, 0 }, { 0, 0, 0 } };

static const struct nwent *const nw_by_letter[26] = {
	['d' - 'a'] = nw_d, ['e' - 'a'] = nw_e, ['f' - 'a'] = nw_f, ['h' - 'a'] = nw_h,
	['n' - 'a'] = nw_n, ['o' - 'a'] = nw_o, ['s' - 'a'] = nw_s, ['t' - 'a'] = nw_t,
	['z' - 'a'] = nw_z,
};

size_t
nw_all(const char **out, size_t cap)
{
	size_t k = 0;
	for (int c = 0; c < 26; c++)
		for (const struct nwent *e = nw_by_letter[c]; e && e->w; e++)
			if (k < cap)
				out[k++] = e->w;
	return k;
}

enum nw_kind
nw_class(const char *w, size_t n, unsigned *val)
{
	if (n < 2 || n > 11 || !isalpha_((unsigned char)w[0]))
		return NW_NONE;
	const struct nwent *e = nw_by_letter[lc((unsigned char)w[0]) - 'a'];
	if (!e)
		return NW_NONE;
	for (; e->w; e++) {
		size_t k;
		for (k = 0; k < n && e->w[k] && lc((unsigned char)w[k]) == e->w[k]; k++)
			;
		if (k == n && e->w[k] == '\0') {
			/* 1000 does not fit the table's byte */
			*val = e->kind == NW_THOUSAND ? 1000 : e->val;
			return (enum nw_kind)e->kind;
		}
	}
	return NW_NONE;
}

/* The number word at s[i], ending a word: its kind, value and end. */
static enum nw_kind
word_at(const char *s, size_t n, size_t i, unsigned *val, size_t *end)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t e = i;
	while (e < n && isalpha_(u[e]))
		e++;
	if (e == i || (e < n && wordb(u[e])))
		return NW_NONE;
	*end = e;
	return nw_class(s + i, e - i, val);
}

/* After a word ending at e: the start of the next word of the same
 * number (one blank or one hyphen between, a comma too if comma_ok), or
 * 0. */
static size_t
next_word(const char *s, size_t n, size_t e, int comma_ok)
{
	size_t p = e;
	if (p < n && s[p] == '-') {
		p++;
	} else {
		if (comma_ok && p < n && s[p] == ',')
			p++;
		if (p >= n || s[p] != ' ')
			return 0;
		p++;
	}
	return p < n && (isalpha_((unsigned char)s[p]) || isdig((unsigned char)s[p])) ? p : 0;
}

size_t
nw_ordinal(const char *s, size_t n, size_t i, unsigned *val)
{
	unsigned v, v2;
	size_t e, e2, p;
	enum nw_kind k = word_at(s, n, i, &v, &e);
	if (k == NW_ORD) {
		*val = v;
		return e;
	}
	if (k != NW_TENS || (p = next_word(s, n, e, 0)) == 0 ||
	    word_at(s, n, p, &v2, &e2) != NW_ORD || v2 > 9)
		return 0;
	*val = v + v2;
	return e2;
}

size_t
nw_year(const char *s, size_t n, size_t i, unsigned *val)
{
	unsigned v, v2, v3;
	size_t e, e2, e3, p;
	enum nw_kind k = word_at(s, n, i, &v, &e), k2;
	if ((k == NW_TEEN && v == 19) || (k == NW_TENS && v == 20)) {
		unsigned cent = v == 19 ? 1900 : 2000;
		if ((p = next_word(s, n, e, 0)) == 0)
			return 0;
		k2 = word_at(s, n, p, &v2, &e2);
		if (k2 == NW_TEEN) {
			*val = cent + v2;
			return e2;
		}
		if (k2 == NW_HUNDRED && cent == 1900) {
			*val = 1900;
			return e2;
		}
		if (k2 == NW_DIGIT && v2 == 0 && (s[p] == 'o' || s[p] == 'O') &&
		    (p = next_word(s, n, e2, 0)) != 0 &&
		    word_at(s, n, p, &v3, &e3) == NW_DIGIT && v3 > 0) {
			*val = cent + v3;          /* twenty oh five */
			return e3;
		}
		if (k2 != NW_TENS)
			return 0;
		*val = cent + v2;
		if ((p = next_word(s, n, e2, 0)) != 0 &&
		    word_at(s, n, p, &v3, &e3) == NW_DIGIT && v3 > 0) {
			*val += v3;
			return e3;
		}
		return e2;
	}
	if (k != NW_DIGIT || v != 2 || (p = next_word(s, n, e, 0)) == 0 ||
	    word_at(s, n, p, &v2, &e2) != NW_THOUSAND)
		return 0;
	*val = 2000;
	size_t q = next_word(s, n, e2, 0);
	if (q && q + 4 < n && lc((unsigned char)s[q]) == 'a' &&
	    lc((unsigned char)s[q + 1]) == 'n' && lc((unsigned char)s[q + 2]) == 'd' &&
	    s[q + 3] == ' ')
		q = next_word(s, n, q + 3, 0);   /* two thousand and five */
	if (q) {
		k2 = word_at(s, n, q, &v2, &e3);
		if (k2 == NW_DIGIT && v2 > 0) {
			*val += v2;
			return e3;
		}
		if (k2 == NW_TEEN) {
			*val += v2;
			return e3;
		}
		if (k2 == NW_TENS) {
			*val += v2;
			size_t r = next_word(s, n, e3, 0);
			if (r && word_at(s, n, r, &v3, &e) == NW_DIGIT && v3 > 0) {
				*val += v3;
				return e;
			}
			return e3;
		}
	}
	return e2;
}

static void
put(nw_run *r, unsigned v, int width)
{
	char tmp[8];
	for (int k = width - 1; k >= 0; k--) {
		tmp[k] = (char)('0' + v % 10);
		v /= 10;
	}
	for (int k = 0; k < width && r->ndig < NW_MAXDIG; k++)
		r->dig[r->ndig++] = tmp[k];
	r->dig[r->ndig] = '\0';
}

size_t
nw_digits(const char *s, size_t n, size_t i, int written_ok, nw_run *r)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p = i, end = i;
	int more = i < n, last = -1;          /* the last single digit said, for counting */

	memset(r, 0, sizeof *r);
	r->counting = 1;
	while (more && r->nitems < NW_MAXDIG && r->ndig + 4 <= NW_MAXDIG) {
		unsigned v, v2;
		size_t e, e2, q;
		int single = 0;
		if (isdig(u[p])) {
			if (!written_ok)
				break;
			e = p;
			while (e < n && isdig(u[e]))
				e++;
			if (e - p > 4 || (e < n && wordb(u[e])))
				break;
			for (size_t k = p; k < e; k++)
				put(r, (unsigned)(u[k] - '0'), 1);
			r->counting = 0;
		} else {
			enum nw_kind k = word_at(s, n, p, &v, &e);
			if (k == NW_DIGIT) {
				q = next_word(s, n, e, 0);
				enum nw_kind k2 = q ? word_at(s, n, q, &v2, &e2) : NW_NONE;
				if (k2 == NW_HUNDRED || k2 == NW_THOUSAND) {
					put(r, v * (k2 == NW_HUNDRED ? 100 : 1000),
					    k2 == NW_HUNDRED ? 3 : 4);
					e = e2;
					r->counting = 0;
				} else {
					put(r, v, 1);
					single = 1;
					if (last >= 0 && (int)v != last + 1)
						r->counting = 0;
					last = (int)v;
				}
			} else if (k == NW_REPEAT) {
				q = next_word(s, n, e, 0);
				if (!q || word_at(s, n, q, &v2, &e2) != NW_DIGIT)
					break;
				for (unsigned t = 0; t < v; t++)
					put(r, v2, 1);
				e = e2;
				single = (int)v;
				r->counting = 0;
			} else if (k == NW_TEEN) {
				q = next_word(s, n, e, 0);
				if (q && word_at(s, n, q, &v2, &e2) == NW_HUNDRED) {
					put(r, v * 100, 4);
					e = e2;
				} else {
					put(r, v, 2);
				}
				r->counting = 0;
			} else if (k == NW_TENS) {
				q = next_word(s, n, e, 0);
				if (q && word_at(s, n, q, &v2, &e2) == NW_DIGIT && v2 > 0) {
					v += v2;
					e = e2;
				}
				put(r, v, 2);
				r->counting = 0;
			} else {
				break;
			}
			r->nwords++;
		}
		r->nsingle += single;
		r->end[r->nitems] = e;
		r->upto[r->nitems] = r->ndig;
		r->nitems++;
		end = e;
		p = next_word(s, n, e, 1);
		more = p != 0;
	}
	if (r->nsingle < 2)
		r->counting = 0;
	return end;
}
