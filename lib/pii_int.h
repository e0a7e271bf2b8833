/*
 * pii_int.h: the inside of pii_scan, private to the three files of the
 * scanner.  Nothing outside them includes it.
 *
 *   pii.c         the scan (the span array, pii_emit and found), the
 *                 dispatch loop pii_scan and the written forms: digits
 *                 and their separators, dates written, e-mail, URLs
 *                 and host names written, IDs after a cue, codes, and
 *                 the filter said_maybe that every word meets
 *   pii_spoken.c  the spoken forms: digits said as words (phone numbers
 *                 and IDs), e-mail and web addresses said ("faith dot lin
 *                 at yahoo dot com"), dates in words, holidays
 *   pii_addr.c    street addresses, written and said: a house number and
 *                 a street, PO boxes, rural routes, numbered roads, a
 *                 street named alone, corners
 *
 * One struct, scan, because every detector reads the field through it
 * and adds its spans with found.  No function here keeps a pointer to
 * the field or to sc past its return; the spans live in the caller's
 * array (*sc->out, pii.h).  Each detector returns where the scan goes on
 * (the end of what it found), or 0 when it found nothing, unless it says
 * otherwise.  The helpers below are static inline because every word of
 * the text passes through them; the word lists with a filter (wlist)
 * are filled on first use, by whichever file asks first.
 */
#ifndef QP_PII_INT_H
#define QP_PII_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "numword.h"
#include "pii.h"
#include "qp.h"
#include "words.h"

/*
 * Byte classes, one table lookup each: C_D digit, C_U upper- and C_L
 * lower-case ASCII letter, C_W a byte that continues a word (letters,
 * digits, '_' and every non-ASCII byte, so that no detector starts in
 * the middle of "café5" or "José's"), C_T a byte that can start an
 * identifier on its own ('@', '+', '('), C_X a byte without which no
 * identifier can be (a digit, '@', '.').
 */
enum { C_D = 1, C_U = 2, C_L = 4, C_W = 8, C_T = 16, C_X = 32 };
static const unsigned char ctab[256] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0, 16,  0,  0, 16,  0,  0, 32,  0,
	41, 41, 41, 41, 41, 41, 41, 41, 41, 41,  0,  0,  0,  0,  0,  0,
	48, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10,
	10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10,  0,  0,  0,  0,  8,
	 0, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
	12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,  0,  0,  0,  0,  0,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
	 8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,  8,
};

static inline int isdig(unsigned char c) { return ctab[c] & C_D; }
static inline int isup(unsigned char c) { return ctab[c] & C_U; }
static inline int islow(unsigned char c) { return ctab[c] & C_L; }
static inline int isalpha_(unsigned char c) { return ctab[c] & (C_U | C_L); }
static inline int isalnum_(unsigned char c) { return ctab[c] & (C_D | C_U | C_L); }
static inline int tolow(unsigned char c) { return isup(c) ? c + 32 : c; }
static inline int iswordb(unsigned char c) { return ctab[c] & C_W; }

typedef struct {
	const unsigned char *s;
	size_t n;
	pii_span **out;
	size_t *cap;
	size_t cnt;
	size_t nextdig;        /* the first digit at or after the word in hand */
} scan;

/* Case-insensitive: is w[0..n) equal to the lower-case ASCII word lw? */
static inline int
weq(const unsigned char *w, size_t n, const char *lw)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (lw[i] == '\0' || tolow(w[i]) != (unsigned char)lw[i])
			return 0;
	return lw[i] == '\0';
}

/*
 * A word list with a filter in front: for each first letter, a bit per
 * word length present.  Every word of the text meets the month and cue
 * lists, so most must be turned away before any comparison.
 */
typedef struct {
	const char *const *words;
	uint16_t len[26];      /* per first letter, a bit per word length */
	uint64_t slot[128];    /* words of up to 8 letters, packed, hashed */
	int ready;
} wlist;

/* --- pii.c, for the other two --- */

/* Is w[0..n) (any case) one of the lower-case words of the NULL-ended
 * list?  The cold path: qp_word_in on the word lower-cased (at most 32
 * bytes; a longer word is in no list). */
int pii_win(const unsigned char *w, size_t n, const char *const *list);

/* Fill l's filter from l->words and mark it ready: wl_has calls it on
 * the list's first use. */
void pii_wl_init(wlist *l);

/* Add the span off..end of cat to *sc->out (grown with xreallocarray):
 * a date takes in the weekday written before it, and spans found earlier
 * that reach past off give way to it. */
void pii_emit(scan *sc, size_t off, size_t end, enum pii_cat cat);

/* The months and their abbreviations (words.h), and the words that say
 * an ID follows ("mrn", "record", "account"). */
extern wlist pii_month_list, pii_id_cue_list;
/* The words that may stand before a date (on, since, dob, the short
 * weekdays): before m/d written, and before a month said alone. */
extern const char *const pii_date_cues[];
/* The common top-level domains, written or spelt. */
extern const char *const pii_tlds[];
/* The set said_maybe reads: filled by pii_scan's first call, from the
 * number words, the months, spoken_holidays_alone, addr_bare_types and
 * the few other words that begin a spoken identifier. */
extern uint64_t pii_said_bits[64];
extern uint16_t pii_said_len[26];

/* --- pii_spoken.c, for pii.c (pii_addr.c calls nothing here) --- */

/* Digits said from i (a number word, or a written group before one),
 * as a phone number or an ID: emits it.  r receives the run that
 * nw_digits read, found or not. */
size_t spoken_digits(scan *sc, size_t i, nw_run *r);
/* Do the words before i say that a number's last digits follow ("my
 * card ends in", "the last four are")?  1 for an end, 2 for the last
 * four, else 0. */
int tail_cue_before(const scan *sc, size_t i);

/* The day v said or written as an ordinal at i..e without its month
 * ("monday the sixth", "on the 21st"): emits the date. */
size_t spoken_weekday_ordinal(scan *sc, size_t i, size_t e, unsigned v);

/* The path said after a host ending at de ("slash careers"): its end,
 * de when there is none.  Reads only. */
size_t spoken_url_path(const scan *sc, size_t de);

/* A word of letters i..we that said_maybe let through: a number word,
 * "at" or "dot", a holiday, a month, a street type or a corner, and the
 * identifier it begins.  Emits what it finds (an address of pii_addr.c
 * too). */
size_t spoken_try(scan *sc, size_t i, size_t we);

/* The holidays that are a day of the year said alone. */
extern const char *const spoken_holidays_alone[];
/* The words after which a social-media handle is said ("instagram",
 * "handle"). */
extern const char *const spoken_handle_cues[];

/* --- pii_addr.c, for pii.c and pii_spoken.c --- */

/* A street address after the house number b..p, written or said:
 * emits it. */
size_t addr_street(scan *sc, size_t b, size_t p);

/* A PO box, rural route or numbered road whose number is i..e (e 0:
 * read the number at i): emits it, dropping the spans found inside. */
size_t addr_box(scan *sc, size_t i, size_t e);

/* A street named without a house number, at its street type t..te
 * ("on bass lake road"): emits it, dropping the spans found inside. */
size_t addr_street_named(scan *sc, size_t t, size_t te);

/* The two streets of a corner or an intersection after the word ending
 * at we: emits them as one address. */
size_t addr_corner(scan *sc, size_t we);

/* The street types, and those that name a street without a number. */
extern wlist addr_street_type_list;
extern const char *const addr_bare_types[];

/* --- the small helpers of more than one file --- */

/* Up to 8 bytes of w, lower-cased, packed into one integer (never 0
 * for a non-empty word). */
static inline uint64_t
pack8(const unsigned char *w, size_t n)
{
	uint64_t k = 0;
	for (size_t i = 0; i < n; i++)
		k = k << 8 | (uint64_t)tolow(w[i]);
	return k;
}

static inline unsigned
slot_of(uint64_t k)
{
	return (unsigned)((k * 0x9E3779B97F4A7C15ULL) >> 57);
}

/* Is w[0..n) (any case) one of the list's words?  Every word of the text
 * is asked, so the answer costs one multiplication and, almost always,
 * one comparison. */
static inline int
wl_has(wlist *l, const unsigned char *w, size_t n)
{
	if (__builtin_expect(!l->ready, 0))
		pii_wl_init(l);
	if (n - 1 >= 15 || !isalpha_(w[0]))
		return 0;
	if (n > 8)
		return (l->len[tolow(w[0]) - 'a'] >> n & 1) && pii_win(w, n, l->words);
	uint64_t k = pack8(w, n);
	for (unsigned j = slot_of(k); l->slot[j]; j = (j + 1) & 127)
		if (l->slot[j] == k)
			return 1;
	return 0;
}

/* End of the ASCII letter run at i. */
static inline size_t
letters(const scan *sc, size_t i)
{
	while (i < sc->n && isalpha_(sc->s[i]))
		i++;
	return i;
}

static inline size_t
digits(const scan *sc, size_t i)
{
	while (i < sc->n && isdig(sc->s[i]))
		i++;
	return i;
}

static inline int
end_ok(const scan *sc, size_t i)
{
	return i >= sc->n || !iswordb(sc->s[i]);
}

/* The word before position i, skipping blanks and at most one comma:
 * its letters' span, or an empty span. */
static inline void
prev_word(const scan *sc, size_t i, size_t *off, size_t *len)
{
	size_t k = i;
	while (k > 0 && sc->s[k - 1] == ' ')
		k--;
	if (k > 0 && sc->s[k - 1] == ',') {
		k--;
		while (k > 0 && sc->s[k - 1] == ' ')
			k--;
	}
	size_t e = k;
	while (k > 0 && isalpha_(sc->s[k - 1]))
		k--;
	if (k > 0 && iswordb(sc->s[k - 1]))
		k = e;          /* part of a longer token */
	*off = k;
	*len = e - k;
}

/* Is the ID cue w..w+n "code" of a place or a phone ("zip code", "area
 * code"), which is no record's cue? */
static inline int
code_of_place(const scan *sc, size_t w, size_t n)
{
	if (n != 4 || !weq(sc->s + w, 4, "code"))
		return 0;
	size_t o, l;
	prev_word(sc, w, &o, &l);
	return l && (weq(sc->s + o, l, "zip") || weq(sc->s + o, l, "area") ||
	             weq(sc->s + o, l, "postal") || weq(sc->s + o, l, "post") ||
	             weq(sc->s + o, l, "country") || weq(sc->s + o, l, "dress"));
}

/* An ordinal suffix (st nd rd th) at i, ending a word: its end, or i. */
static inline size_t
ordinal(const scan *sc, size_t i)
{
	if (i + 2 <= sc->n) {
		const unsigned char *p = sc->s + i;
		if ((weq(p, 2, "st") || weq(p, 2, "nd") || weq(p, 2, "rd") ||
		     weq(p, 2, "th")) && end_ok(sc, i + 2))
			return i + 2;
	}
	return i;
}

/* A four-digit year 1900-2099 at i standing alone: its end, or 0. */
static inline size_t
year_at(const scan *sc, size_t i)
{
	size_t e = digits(sc, i);
	if (e - i != 4 || !end_ok(sc, e))
		return 0;
	if (!((sc->s[i] == '1' && sc->s[i + 1] == '9') ||
	      (sc->s[i] == '2' && sc->s[i + 1] == '0')))
		return 0;
	return e;
}

/* A span of cat found at b..e: emitted, and the scan goes on at e. */
static inline size_t
found(scan *sc, size_t b, size_t e, enum pii_cat cat)
{
	pii_emit(sc, b, e, cat);
	return e;
}

/*
 * A year alone stays (Safe Harbor keeps years), but a year of birth is a
 * date of birth's part: "born in 1971", "born at saint alphonsus in
 * nineteen seventy nine".  The year at i follows "in", and "born" is
 * among the six words before that.
 */
static inline int
born_before(const scan *sc, size_t i)
{
	size_t o, l;
	prev_word(sc, i, &o, &l);
	if (l != 2 || !weq(sc->s + o, 2, "in"))
		return 0;
	for (int w = 0; w < 6; w++) {
		prev_word(sc, o, &o, &l);
		if (!l)
			return 0;
		if (l == 4 && weq(sc->s + o, 4, "born"))
			return 1;
	}
	return 0;
}

/* The word that ends just before position k, one blank between: its
 * letters' span, or an empty span. */
static inline void
word_before(const scan *sc, size_t k, size_t *off, size_t *len)
{
	*off = k;
	*len = 0;
	if (k < 2 || sc->s[k - 1] != ' ')
		return;
	size_t e = k - 1, b = e;
	while (b > 0 && isalnum_(sc->s[b - 1]))
		b--;
	if (b == e || (b > 0 && iswordb(sc->s[b - 1])))
		return;
	*off = b;
	*len = e - b;
}

/* Is the word at p (any case, ending a word) the lower-case w? */
static inline int
word_is(const scan *sc, size_t p, const char *w)
{
	size_t l = strlen(w);
	return p + l <= sc->n && weq(sc->s + p, l, w) && end_ok(sc, p + l);
}

/* The alphanumeric word at p (ending a word) and its end, or p. */
static inline size_t
word_end(const scan *sc, size_t p)
{
	size_t e = p;
	while (e < sc->n && isalnum_(sc->s[e]))
		e++;
	return e > p && end_ok(sc, e) ? e : p;
}

/* After a word ending at e, one blank and the start of the next word,
 * or 0. */
static inline size_t
next_start(const scan *sc, size_t e)
{
	return e + 1 < sc->n && sc->s[e] == ' ' && isalnum_(sc->s[e + 1]) ? e + 1 : 0;
}

/* A number at p, written or said ("40", "forty", "three seventy one"):
 * its end, or p.  It ends at a comma and a blank: in "Box 219, 2090
 * Route 21" the run nw_digits reads on is two numbers. */
static inline size_t
number_at(const scan *sc, size_t p)
{
	nw_run r;
	size_t e = nw_digits((const char *)sc->s, sc->n, p, 1, &r);
	for (int k = 0; k + 1 < r.nitems && k < NW_MAXDIG; k++)
		if (r.end[k] + 1 < sc->n && sc->s[r.end[k]] == ',' && sc->s[r.end[k] + 1] == ' ') {
			e = r.end[k];
			r.ndig = r.upto[k];
			break;
		}
	return e > p && r.ndig <= 6 && end_ok(sc, e) ? e : p;
}

/* The spans found inside an address starting at b give way to it. */
static inline void
drop_after(scan *sc, size_t b)
{
	while (sc->cnt > 0 && (*sc->out)[sc->cnt - 1].off + (*sc->out)[sc->cnt - 1].len > b)
		sc->cnt--;
}

static inline unsigned
said_hash(const unsigned char *w, size_t n)
{
	uint64_t h = (uint64_t)n << 32 | (uint64_t)tolow(w[0]) << 24 |
	             (uint64_t)tolow(w[1]) << 16 | (uint64_t)tolow(w[n - 2]) << 8 |
	             (uint64_t)tolow(w[n - 1]);
	return (unsigned)((h * 0x9E3779B97F4A7C15ULL) >> 52);
}

/* Can w[0..n), a word of letters, begin a spoken identifier?  First
 * letter and length, then the hashed set: no word is compared. */
static inline int
said_maybe(const unsigned char *w, size_t n)
{
	if (n - 2 > 10)
		return 0;
	unsigned c = (unsigned)tolow(w[0]) - 'a', h;
	if (c > 25 || !(pii_said_len[c] >> n & 1))
		return 0;
	h = said_hash(w, n);
	return pii_said_bits[h >> 6] >> (h & 63) & 1;
}

#endif
