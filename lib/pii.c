#include "pii.h"
#include "numword.h"
#include "qp.h"
#include "words.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

const char *const pii_cat_name[PII_NCAT] = {
	"EMAIL", "URL", "PHONE", "DATE", "ID", "POSTCODE", "ADDRESS"
};

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

static int win(const unsigned char *w, size_t n, const char *const *list);

static void
emit(scan *sc, size_t off, size_t end, enum pii_cat cat)
{
	/* "Thursday, March 20th": the weekday is a part of the date */
	if (cat == PII_DATE) {
		size_t k = off, b;
		if (k > 0 && sc->s[k - 1] == ' ')
			k--;
		if (k > 0 && sc->s[k - 1] == ',')
			k--;
		for (b = k; b > 0 && isalpha_(sc->s[b - 1]); b--)
			;
		if (k < off && k - b >= 6 && k - b <= 9 && (b == 0 || !isalnum_(sc->s[b - 1])) &&
		    win(sc->s + b, k - b, qp_weekdays))
			off = b;
	}
	/* spans stay in order and apart: one found back over earlier ones
	 * ("christmas eve" before its year) takes their place */
	while (sc->cnt > 0 && (*sc->out)[sc->cnt - 1].off + (*sc->out)[sc->cnt - 1].len > off)
		sc->cnt--;
	if (sc->cnt == *sc->cap) {
		*sc->cap = *sc->cap ? *sc->cap * 2 : 16;
		*sc->out = xreallocarray(*sc->out, *sc->cap, sizeof **sc->out);
	}
	(*sc->out)[sc->cnt].off = off;
	(*sc->out)[sc->cnt].len = end - off;
	(*sc->out)[sc->cnt].cat = cat;
	sc->cnt++;
}

/* Case-insensitive: is w[0..n) equal to the lower-case ASCII word lw? */
static int
weq(const unsigned char *w, size_t n, const char *lw)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (lw[i] == '\0' || tolow(w[i]) != (unsigned char)lw[i])
			return 0;
	return lw[i] == '\0';
}

/* Is w[0..n) (any case) one of the lower-case words of list?  The
 * cold-path lookup: qp_word_in on the word lower-cased. */
static int
win(const unsigned char *w, size_t n, const char *const *list)
{
	char lw[32];
	if (n > sizeof lw)
		return 0;     /* longer than any word of the lists */
	for (size_t i = 0; i < n; i++)
		lw[i] = (char)tolow(w[i]);
	return qp_word_in(lw, n, list);
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

static void
wl_init(wlist *l)
{
	for (const char *const *p = l->words; *p; p++) {
		size_t n = strlen(*p);
		l->len[**p - 'a'] |= (uint16_t)(1u << n);
		if (n <= 8) {
			uint64_t k = pack8((const unsigned char *)*p, n);
			unsigned j = slot_of(k);
			while (l->slot[j])
				j = (j + 1) & 127;
			l->slot[j] = k;
		}
	}
	l->ready = 1;
}

/* Is w[0..n) (any case) one of the list's words?  Every word of the text
 * is asked, so the answer costs one multiplication and, almost always,
 * one comparison. */
static inline int
wl_has(wlist *l, const unsigned char *w, size_t n)
{
	if (__builtin_expect(!l->ready, 0))
		wl_init(l);
	if (n - 1 >= 15 || !isalpha_(w[0]))
		return 0;
	if (n > 8)
		return (l->len[tolow(w[0]) - 'a'] >> n & 1) && win(w, n, l->words);
	uint64_t k = pack8(w, n);
	for (unsigned j = slot_of(k); l->slot[j]; j = (j + 1) & 127)
		if (l->slot[j] == k)
			return 1;
	return 0;
}

/* Every word of the text meets the month words (words.h). */
static wlist month_list = { .words = qp_month_words };

int
pii_month(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;
	if (!wl_has(&month_list, u, n))
		return 0;
	for (int m = 0; qp_months[m]; m++)
		if (weq(u, n, qp_months[m]) || weq(u, n, qp_month_abbrevs[m]))
			return m + 1;
	if (weq(u, n, "sept"))
		return 9;
	return 0;
}

/* End of the ASCII letter run at i. */
static size_t
letters(const scan *sc, size_t i)
{
	while (i < sc->n && isalpha_(sc->s[i]))
		i++;
	return i;
}

static size_t
digits(const scan *sc, size_t i)
{
	while (i < sc->n && isdig(sc->s[i]))
		i++;
	return i;
}

static size_t
spaces(const scan *sc, size_t i)
{
	while (i < sc->n && sc->s[i] == ' ')
		i++;
	return i;
}

static int
end_ok(const scan *sc, size_t i)
{
	return i >= sc->n || !iswordb(sc->s[i]);
}

static unsigned
num(const unsigned char *p, size_t n)
{
	unsigned v = 0;
	for (size_t i = 0; i < n && i < 9; i++)
		v = v * 10 + (unsigned)(p[i] - '0');
	return v;
}

/* The word before position i, skipping blanks and at most one comma:
 * its letters' span, or an empty span. */
static void
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

/* An ordinal suffix (st nd rd th) at i, ending a word: its end, or i. */
static size_t
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
static size_t
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

/* After a date's day or month: an optional ", 2021" or " 2021". */
static size_t
opt_year(const scan *sc, size_t e)
{
	size_t q = e;
	if (q < sc->n && sc->s[q] == ',')
		q++;
	size_t q2 = spaces(sc, q);
	if (q2 == q)
		return e;
	size_t y = year_at(sc, q2);
	return y ? y : e;
}

/*
 * A month name at w[0..wl).  May and March are also a verb and a noun:
 * written in lower case they count only with a strong sign of a date
 * (an ordinal day or a year), which the caller passes in.
 */
static int
month_ok(const unsigned char *w, size_t wl, int strong)
{
	if (!pii_month((const char *)w, wl))
		return 0;
	if (islow(w[0]) && (weq(w, wl, "may") || weq(w, wl, "mar") ||
	                    weq(w, wl, "march")))
		return strong;
	return 1;
}

/* The digits d..de are a day of a month (1 to 31, at most two digits). */
static bool
day_ok(const scan *sc, size_t d, size_t de)
{
	if (de - d > 2)
		return false;
	unsigned day = num(sc->s + d, de - d);
	return day >= 1 && day <= 31;
}

/*
 * Written dates that start with the month: "March 3rd, 2021", "Mar. 3",
 * "Sept 12 2020", "March 2021".  A month name alone is not a date
 * element here ("in May" stays).
 */
static size_t
date_month_first(scan *sc, size_t i, size_t we)
{
	size_t q = we;
	if (q < sc->n && sc->s[q] == '.')
		q++;
	size_t d = spaces(sc, q);
	if (d == q || d >= sc->n || !isdig(sc->s[d]))
		return 0;
	size_t de = digits(sc, d);
	size_t y;
	if ((y = year_at(sc, d)) != 0) {
		if (!month_ok(sc->s + i, we - i, 1))
			return 0;
		emit(sc, i, y, PII_DATE);
		return y;
	}
	if (!day_ok(sc, d, de))
		return 0;
	size_t oe = ordinal(sc, de);
	if (oe == de && !end_ok(sc, de))
		return 0;
	if (oe == de && de < sc->n && (sc->s[de] == ':' ||
	    (sc->s[de] == '.' && de + 1 < sc->n && isdig(sc->s[de + 1]))))
		return 0;       /* "May 3:30", "Mar 3.5" */
	size_t e = opt_year(sc, oe);
	/* "mar." with its dot is the abbreviation, not the verb. */
	int dot = q > we && we - i == 3 && weq(sc->s + i, 3, "mar");
	if (!month_ok(sc->s + i, we - i, oe != de || e != oe || dot))
		return 0;
	emit(sc, i, e, PII_DATE);
	return e;
}

/*
 * Written dates that start with the day, at the digits d..de (and an
 * ordinal suffix up to oe): "3 March 2021", "3rd March", "3rd of March",
 * "the 3rd of Mar.".
 */
static size_t
date_day_first(scan *sc, size_t d, size_t de, size_t oe)
{
	if (!day_ok(sc, d, de))
		return 0;
	size_t q = spaces(sc, oe);
	if (q == oe)
		return 0;
	size_t we = letters(sc, q);
	if (we - q == 2 && weq(sc->s + q, 2, "of")) {
		size_t q2 = spaces(sc, we);
		if (q2 == we)
			return 0;
		q = q2;
		we = letters(sc, q);
	}
	if (!end_ok(sc, we) && !(we < sc->n && sc->s[we] == '.'))
		return 0;
	size_t e = we;
	if (e < sc->n && sc->s[e] == '.')
		e++;
	size_t ye = opt_year(sc, e);
	if (!month_ok(sc->s + q, we - q, oe != de || ye != e))
		return 0;
	/* A trailing abbreviation dot is kept unless a year follows. */
	emit(sc, d, ye != e ? ye : we, PII_DATE);
	return ye != e ? ye : we;
}

static int
valid_md(unsigned a, unsigned b)
{
	return a >= 1 && b >= 1 &&
	       ((a <= 12 && b <= 31) || (a <= 31 && b <= 12));
}

/* The words before a date written 3/4 (with the weekdays of words.h). */
static const char *const date_cues[] = {
	"on", "by", "since", "until", "till", "from", "before", "after",
	"due", "dated", "dob", "born", "mon", "tue", "tues",
	"wed", "thu", "thur", "thurs", "fri", "sat", "sun", NULL
};

static const char *const zip_cues[] = {
	"zip", "code", "postcode", "al", "ak", "az", "ar", "ca", "co", "ct",
	"de", "fl", "ga", "hi", "id", "il", "in", "ia", "ks", "ky", "la",
	"me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
	"nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc",
	"sd", "tn", "tx", "ut", "vt", "va", "wa", "wv", "wi", "wy", "dc",
	"alabama", "alaska", "arizona", "arkansas", "california",
	"colorado", "connecticut", "delaware", "florida", "georgia",
	"hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
	"kentucky", "louisiana", "maine", "maryland", "massachusetts",
	"michigan", "minnesota", "mississippi", "missouri", "montana",
	"nebraska", "nevada", "hampshire", "jersey", "mexico", "york",
	"carolina", "dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
	"island", "tennessee", "texas", "utah", "vermont", "virginia",
	"washington", "wisconsin", "wyoming", "columbia", NULL
};

/* State abbreviations that are also words, names or Latin. */
static const char *const zip_words[] = {
	"in", "or", "me", "oh", "ok", "hi", "id", "de", "la", "co", "pa",
	"ma", "mo", "al", "ne", "ar", "ut", "md", "ms", NULL
};

/* Is the word before i a US state (two capitals, or a capitalised
 * name) or "zip"/"code"/"postcode", as an address's ZIP code has? */
static int
zip_context(const scan *sc, size_t i)
{
	size_t o, l;
	if (i == 0 || sc->s[i - 1] != ' ')
		return 0;
	prev_word(sc, i, &o, &l);
	if (l == 0 || !win(sc->s + o, l, zip_cues))
		return 0;
	if (l == 2) {
		if (isup(sc->s[o]) && isup(sc->s[o + 1]))
			return 1;
		/* Lower-case text ("hollis, ny 12808"): an abbreviation
		 * that is also an English word ("in 12808 cases", "or
		 * 12808") never counts. */
		return islow(sc->s[o]) && islow(sc->s[o + 1]) &&
		       !win(sc->s + o, l, zip_words);
	}
	return l <= 4 || isup(sc->s[o]);
}

/*
 * Digit groups separated by single blanks, hyphens or dots from i, as
 * "555 123 4567" and "020 7946 0958" are written.  Returns the end of
 * the last group and the number of digits and groups.
 */
static size_t
digit_groups(const scan *sc, size_t i, int *ndig, int *ngroups, size_t *glen, int max)
{
	size_t p = i, end = i;
	*ndig = 0;
	*ngroups = 0;
	while (p < sc->n && isdig(sc->s[p])) {
		size_t e = digits(sc, p);
		if (*ngroups < max)
			glen[*ngroups] = e - p;
		(*ngroups)++;
		*ndig += (int)(e - p);
		end = e;
		if (e + 1 < sc->n && (sc->s[e] == ' ' || sc->s[e] == '-' ||
		    sc->s[e] == '.') && isdig(sc->s[e + 1]))
			p = e + 1;
		else
			break;
	}
	return end;
}

/* A numeric token: its digit runs (the first 8: a longer token is
 * nothing this file looks for), the separator after each, and whether
 * one of them is a ':' (a time). */
struct numtok {
	size_t ps[8], pl[8];    /* start and length of each run */
	char sep[8];            /* the separator after run k */
	int np;                 /* runs, counted past 8 */
	bool colon;
	size_t end;
};

/* Digit runs joined by single - . / : , from i. */
static inline void
num_token(const scan *sc, size_t i, struct numtok *t)
{
	const unsigned char *s = sc->s;
	size_t p = i;

	t->np = 0;
	t->colon = false;
	for (;;) {
		size_t e = digits(sc, p);
		if (t->np < 8) {
			t->ps[t->np] = p;
			t->pl[t->np] = e - p;
		}
		t->np++;
		p = e;
		if (p + 1 < sc->n && strchr("-./:,", s[p]) && isdig(s[p + 1])) {
			if (t->np <= 8)
				t->sep[t->np - 1] = (char)s[p];
			if (s[p] == ':')
				t->colon = true;
			p++;
			continue;
		}
		break;
	}
	t->end = p;
}

/* Money (after $ £ €), a percentage, or the tail of a range written
 * without blanks: not PII, whatever its digits. */
static inline bool
is_amount(const scan *sc, size_t i, size_t end)
{
	const unsigned char *s = sc->s;

	if (i > 0 && (s[i - 1] == '$' || (i >= 2 && s[i - 2] == 0xC2 && s[i - 1] == 0xA3) ||
	    (i >= 3 && s[i - 3] == 0xE2 && s[i - 2] == 0x82 && s[i - 1] == 0xAC)))
		return true;
	if (end < sc->n && s[end] == '%')
		return true;
	return i > 0 && s[i - 1] == '-' && i >= 2 && isdig(s[i - 2]);
}

/* A span of cat found at b..e: emitted, and the scan goes on at e. */
static inline size_t
found(scan *sc, size_t b, size_t e, enum pii_cat cat)
{
	emit(sc, b, e, cat);
	return e;
}

/*
 * A year alone stays (Safe Harbor keeps years), but a year of birth is a
 * date of birth's part: "born in 1971", "born at saint alphonsus in
 * nineteen seventy nine".  The year at i follows "in", and "born" is
 * among the six words before that.
 */
static int
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

static size_t spoken_digits(scan *sc, size_t i, nw_run *r);
static size_t weekday_ordinal(scan *sc, size_t i, size_t e, unsigned v);
static size_t try_street(scan *sc, size_t b, size_t p);
static size_t try_box(scan *sc, size_t i, size_t e);
static void drop_after(scan *sc, size_t b);

/* A code of letters and digits mixed, in groups joined by hyphens or
 * not: "1EG4-TE5-MK72" (a Medicare number), "xj4q88k2".  Eight or more
 * letters and digits, at least two digits
 * and two letters, and three or more changes between letter and digit,
 * so words with a number in them ("covid19", "mp3", "h1n1", "iso-27001")
 * stay.  Its end, or 0. */
static size_t
mixed_code(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t p = i;
	unsigned nl = 0, nd = 0, turns = 0;
	int last = 0;    /* 1 letter, 2 digit, 0 none yet (a hyphen resets) */
	while (p < sc->n) {
		int c = isdig(s[p]) ? 2 : isalpha_(s[p]) ? 1 : 0;
		if (c == 0) {
			if (s[p] != '-' || last == 0 || p + 1 >= sc->n || !isalnum_(s[p + 1]))
				break;
			last = 0;
			p++;
			continue;
		}
		if (last && c != last)
			turns++;
		last = c;
		if (c == 1)
			nl++;
		else
			nd++;
		p++;
	}
	if (nl + nd < 8 || nl < 2 || nd < 2 || turns < 3 || !end_ok(sc, p) ||
	    (p < sc->n && isalnum_(s[p])))
		return 0;
	return found(sc, i, p, PII_ID);
}

/* A code in groups joined by hyphens, a group of one to four letters
 * among groups of digits, six digits or more in all: "LYF-9920-4413",
 * "OVR-PA-2291-774", "F-2019-0338-71" (what try_caps misses: digits
 * cut in groups).  "COVID-19", "I-94", "W-2" have too few digits, and
 * "follow-up" no digits.  Its end, or 0. */
static size_t
dashed_code(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t p = i;
	unsigned ng = 0, nd = 0, lgroups = 0;
	for (;;) {
		size_t g = p;
		unsigned gl = 0, gd = 0;
		while (p < sc->n && isalnum_(s[p])) {
			gd += isdig(s[p]) != 0;
			gl += isalpha_(s[p]) != 0;
			p++;
		}
		if (p == g || (gl && gd) || gl > 4)
			return 0;
		ng++;
		nd += gd;
		lgroups += gl > 0;
		if (p + 1 < sc->n && s[p] == '-' && isalnum_(s[p + 1]))
			p++;
		else
			break;
	}
	if (ng < 3 || nd < 6 || !lgroups || lgroups == ng || !end_ok(sc, p))
		return 0;
	return found(sc, i, p, PII_ID);
}

/* One digit run (len digits to end): a day before a month, a phone
 * number in blank-separated groups, a long ID, a ZIP code. */
static size_t
one_run(scan *sc, size_t i, size_t end, size_t len)
{
	const unsigned char *s = sc->s;
	size_t oe = ordinal(sc, end);
	if (!end_ok(sc, oe))
		return end;
	size_t r;
	if ((r = date_day_first(sc, i, end, oe)) != 0)
		return r;
	/* "Tuesday, the 9th", "on the 21st": as said in words */
	if (oe != end && len <= 2 &&
	    (r = weekday_ordinal(sc, i, oe, len == 1 ? (unsigned)(s[i] - '0') :
	                         (unsigned)(s[i] - '0') * 10 + (unsigned)(s[i + 1] - '0'))) != 0)
		return r;
	if (oe != end)
		return oe;
	int nd, ng;
	size_t gl[6];
	size_t ge = digit_groups(sc, i, &nd, &ng, gl, 6);
	if (ng >= 3 && end_ok(sc, ge) &&
	    ((ng == 3 && gl[0] == 3 && gl[1] == 3 && gl[2] == 4) ||
	     (s[i] == '0' && nd >= 10 && nd <= 11 && ng <= 4)))
		return found(sc, i, ge, PII_PHONE);
	if (ng == 2 && s[i] == '0' && nd >= 10 && nd <= 11 && end_ok(sc, ge))
		return found(sc, i, ge, PII_PHONE);    /* 07700 900123 */
	if ((r = try_box(sc, i, end)) != 0)
		return r;
	if (len >= 6)
		return found(sc, i, end, PII_ID);
	if (len == 4 && year_at(sc, i) && born_before(sc, i))
		return found(sc, i, end, PII_DATE);
	if (len == 5 && zip_context(sc, i))
		return found(sc, i, end, PII_POSTCODE);
	if (end + 1 < sc->n && s[end] == ' ' && isalpha_(s[end + 1])) {
		nw_run run;
		if (len <= 4 && (r = spoken_digits(sc, i, &run)) != 0)
			return r;       /* "415 three three two ..." */
		if (len <= 5 && s[i] != '0' && (r = try_street(sc, i, end)) != 0)
			return r;
	}
	return end;
}

/* Two runs: ZIP+4, a 7-digit phone number, m/d after a date cue,
 * m/yyyy. */
static size_t
two_runs(scan *sc, size_t i, const struct numtok *t)
{
	const unsigned char *s = sc->s;
	const size_t *ps = t->ps, *pl = t->pl;
	size_t end = t->end;
	char c = t->sep[0];

	if (c == '-' && pl[0] == 5 && pl[1] == 4)
		return found(sc, i, end, PII_POSTCODE);
	if (c == '-' && pl[0] == 3 && pl[1] == 4 &&
	    !(s[ps[0] + 2] == '0' && s[ps[1] + 3] == '0'))
		return found(sc, i, end, PII_PHONE);
	if (c == '/' && pl[0] <= 2 && pl[1] <= 2 &&
	    valid_md(num(s + ps[0], pl[0]), num(s + ps[1], pl[1]))) {
		size_t o, l;
		prev_word(sc, i, &o, &l);
		if (l && (win(s + o, l, date_cues) || win(s + o, l, qp_weekdays)))
			return found(sc, i, end, PII_DATE);
	}
	if (c == '/' && pl[0] <= 2 && pl[1] == 4 && year_at(sc, ps[1]) &&
	    num(s + ps[0], pl[0]) >= 1 && num(s + ps[0], pl[0]) <= 12)
		return found(sc, i, end, PII_DATE);     /* 3/2021 */
	return end;
}

/* Three runs with one separator (not ','): m/d/y, yyyy-mm-dd, a
 * 10-digit phone number, a Social Security number. */
static size_t
three_runs(scan *sc, size_t i, const struct numtok *t)
{
	const unsigned char *s = sc->s;
	const size_t *ps = t->ps, *pl = t->pl;
	size_t end = t->end;
	char c = t->sep[0];

	if (pl[0] <= 2 && pl[1] <= 2 && (pl[2] == 2 || pl[2] == 4) &&
	    valid_md(num(s + ps[0], pl[0]), num(s + ps[1], pl[1])))
		return found(sc, i, end, PII_DATE);
	if (pl[0] == 4 && pl[1] <= 2 && pl[2] <= 2 && c != '.' &&
	    valid_md(num(s + ps[1], pl[1]), num(s + ps[2], pl[2])))
		return found(sc, i, end, PII_DATE);
	if ((c == '-' || c == '.') && pl[0] == 3 && pl[1] == 3 && pl[2] == 4)
		return found(sc, i, end, PII_PHONE);
	if (c == '-' && pl[0] == 3 && pl[1] == 2 && pl[2] == 4)
		return found(sc, i, end, PII_ID);
	return end;
}

/* Four runs: 1-ddd-ddd-dddd, 1.ddd.ddd.dddd. */
static inline bool
is_phone_with_1(const scan *sc, size_t i, const struct numtok *t)
{
	const char *sep = t->sep;
	const size_t *pl = t->pl;

	return sep[0] == sep[1] && sep[1] == sep[2] &&
	    (sep[0] == '-' || sep[0] == '.') && pl[0] == 1 && sc->s[i] == '1' &&
	    pl[1] == 3 && pl[2] == 3 && pl[3] == 4;
}

/*
 * A token that starts with a digit.  Gathers the numeric token (digit
 * runs joined by single - . / : ,) and decides what it is:
 *   a ':' anywhere           a time (3:30, 00:01:02.500): nothing
 *   after $ £ € or before %  money or a percentage: nothing
 *   d.d  d,ddd               a decimal or a grouped number: nothing
 *   m/d/y m-d-y m.d.y        DATE (a valid month and day, 2- or 4-digit year)
 *   yyyy-mm-dd               DATE
 *   m/d                      DATE only after on, by, since, ... or a
 *                            weekday; otherwise a fraction (3/4)
 *   ddd-ddd-dddd ddd.ddd.dddd 1-ddd-ddd-dddd   PHONE
 *   ddd-dddd                 PHONE, unless both parts end in 0 (a range
 *                            such as 100-1000)
 *   ddd-dd-dddd              ID (a US Social Security number)
 *   ddddd-dddd               POSTCODE (ZIP+4)
 *   ddddd                    POSTCODE after a state or "zip"; else nothing
 *   6 or more digits         ID
 *   ddd ddd dddd, 0dd dddd dddd, ...  PHONE (blank-separated groups:
 *                            3-3-4, or 10-11 digits starting with 0)
 *   1-2 digits then a month  DATE (3 March, 3rd of March 2021)
 * A year alone (2021), counts (20 minutes), ranges (2020-2021) and
 * everything else are left alone.
 */
static size_t
try_digits(scan *sc, size_t i)
{
	struct numtok t;

	num_token(sc, i, &t);
	size_t end = t.end, r;
	if (end < sc->n && (isalpha_(sc->s[end]) || sc->s[end] == '-') &&
	    (r = mixed_code(sc, i)) != 0)
		return r;
	if (t.colon || t.np > 8 || is_amount(sc, i, end))
		return end;
	if (t.np == 1)
		return one_run(sc, i, end, t.pl[0]);
	if (!end_ok(sc, end))
		return end;
	if (t.np == 2)
		return two_runs(sc, i, &t);
	if (t.np == 3 && t.sep[0] == t.sep[1] && t.sep[0] != ',')
		return three_runs(sc, i, &t);
	if (t.np == 4 && is_phone_with_1(sc, i, &t))
		return found(sc, i, end, PII_PHONE);
	return end;
}

/* "(555) 123-4567", "(555)123-4567", "(555) 123 4567". */
static size_t
try_paren(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t p = i + 1, e = digits(sc, p);
	if (e - p != 3 || e >= sc->n || s[e] != ')')
		return i + 1;
	p = e + 1;
	if (p < sc->n && s[p] == ' ')
		p++;
	e = digits(sc, p);
	if (e - p != 3 || e + 1 >= sc->n || !(s[e] == '-' || s[e] == '.' || s[e] == ' '))
		return i + 1;
	p = e + 1;
	e = digits(sc, p);
	if (e - p != 4 || !end_ok(sc, e))
		return i + 1;
	emit(sc, i, e, PII_PHONE);
	return e;
}

/*
 * International form: '+', a country code and groups of digits
 * separated by single blanks, hyphens or dots, with "(0)" allowed
 * ("+44 (0)20 7946 0958"); 8 to 15 digits in all, as E.164 permits.
 */
static size_t
try_intl(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t p = i + 1, last = 0;
	int nd = 0;

	if (i > 0 && iswordb(s[i - 1]))
		return i + 1;
	while (p < sc->n) {
		if (isdig(s[p])) {
			size_t e = digits(sc, p);
			nd += (int)(e - p);
			last = e;
			p = e;
		} else if (s[p] == '(' && p + 2 < sc->n && isdig(s[p + 1])) {
			size_t e = digits(sc, p + 1);
			if (e >= sc->n || s[e] != ')' || e - p > 4)
				break;
			nd += (int)(e - p - 1);
			last = e + 1;
			p = e + 1;
			if (p < sc->n && isdig(s[p]))
				continue;       /* "(0)20" */
		} else {
			break;
		}
		if (p + 1 < sc->n && (s[p] == ' ' || s[p] == '-' || s[p] == '.') &&
		    (isdig(s[p + 1]) || s[p + 1] == '('))
			p++;
		else
			break;
	}
	if (last == 0 || nd < 8 || nd > 15 || !end_ok(sc, last))
		return i + 1;
	emit(sc, i, last, PII_PHONE);
	return last;
}

/* The rest of a URL from p: up to white space or an angle bracket or
 * quote, less trailing punctuation that ends the sentence around it. */
static size_t
url_tail(const scan *sc, size_t p)
{
	const unsigned char *s = sc->s;
	while (p < sc->n && s[p] > ' ' && s[p] != '<' && s[p] != '>' &&
	       s[p] != '"' && s[p] != '\\')
		p++;
	while (p > 0 && strchr(".,;:!?)]}'", s[p - 1]))
		p--;
	return p;
}

static const char *const tlds[] = {
	"com", "org", "net", "edu", "gov", "mil", "io", "co", "uk", "ca",
	"us", "au", "de", "nz", "ie", "info", "biz", "app", "dev", "health",
	"ly", "me", "tv", "ai", "fm", "eu", "nl", "fr", "es", NULL
};

/* Words that go on with the sentence after an address, not its path. */
static const char *const path_stop[] = {
	"today", "tomorrow", "tonight", "yesterday", "please", "first", "later",
	"soon", "instead", "anyway", "though", "thanks", "right", "okay", "ok",
	"yeah", "um", "uh", "dot", "com", NULL
};

/* Words after which a web address is said: "go to", "visit", "the
 * link is", "type in". */
static const char *const url_cues[] = {
	"to", "at", "on", "is", "visit", "visited", "website", "site", "link",
	"page", "type", "typed", "google", "googled", "check", "from", "via",
	"into", "called", "under", "in", NULL
};

static size_t url_path(const scan *sc, size_t de);

/* A bare host name: labels of letters, digits and hyphens joined by
 * dots, the last a known top-level domain ("hopkinsmedicine.org",
 * "med.example.edu/apply"). */
static size_t
try_domain(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t p = i, lab = i;
	int nlab = 0;
	for (;;) {
		size_t e = p;
		while (e < sc->n && (isalnum_(s[e]) || s[e] == '-'))
			e++;
		if (e == p)
			return 0;
		lab = p;
		nlab++;
		p = e;
		if (p + 1 < sc->n && s[p] == '.' && isalnum_(s[p + 1]))
			p++;
		else
			break;
	}
	if (nlab < 2 || !win(s + lab, p - lab, tlds))
		return 0;
	if (p < sc->n && (s[p] == '@' || iswordb(s[p])))
		return 0;
	if (p < sc->n && s[p] == '/')
		p = url_tail(sc, p);
	else
		p = url_path(sc, p);    /* "adaschools.org slash nurse" */
	emit(sc, i, p, PII_URL);
	return p;
}

static const char *const id_cues[] = {
	"mrn", "ssn", "id", "record", "chart", "account", "acct", "member",
	"badge", "file", "ref", "reference", "medicaid", "medicare",
	"license", "licence", "policy", "claim", "passport", "nhs", "patient",
	"case", "pin", "confirmation", "tracking", "order", "ticket",
	"plate", "vin", "routing", "card", "social", "employee", "voucher",
	"incident", "invoice", "reservation", "booking", "serial", "receipt",
	"transaction", "permit", "appeal", NULL
};
static wlist id_cue_list = { .words = id_cues };

/*
 * After a record-number cue ("MRN 123456", "ID: AB-12345", "chart
 * number 4471-22"): the token of letters, digits and hyphens that
 * follows, when it has at least four digits and is not a lone year.
 */
static size_t
try_id_cue(scan *sc, size_t we)
{
	const unsigned char *s = sc->s;
	size_t p = we;
	for (int k = 0; k < 2; k++) {
		while (p < sc->n && (s[p] == ' ' || s[p] == ':' || s[p] == '#' ||
		                     s[p] == '.' || s[p] == ','))
			p++;
		size_t e = letters(sc, p);
		if ((e - p == 6 && weq(s + p, 6, "number")) ||
		    (e - p == 2 && weq(s + p, 2, "no")) ||
		    (e - p == 3 && weq(s + p, 3, "num")))
			p = e;
		else
			break;
	}
	/* "my employee number is 4471-0932": the verb between */
	for (;;) {
		size_t q = p;
		while (q < sc->n && s[q] == ' ')
			q++;
		size_t e = letters(sc, q);
		if (!((e - q == 2 && weq(s + q, 2, "is")) ||
		                (e - q == 3 && (weq(s + q, 3, "was") || weq(s + q, 3, "are")))))
			break;
		p = e;
	}
	if (p == we)
		return 0;
	while (p < sc->n && s[p] == ' ')
		p++;
	size_t e = p;
	int nd = 0;
	while (e < sc->n && (isalnum_(s[e]) || (s[e] == '-' && e + 1 < sc->n &&
	                                        isalnum_(s[e + 1])))) {
		nd += isdig(s[e]);
		e++;
	}
	/* "account 0093 1182 7740", "member ID, XJK 448 210 93": groups of
	 * digits after a blank are the same number; so are digits written
	 * one by one ("C-A-T 0 0 7 1 4 8 9 2") */
	size_t first = e;
	for (int g = 0; g < 12 && e + 1 < sc->n && (s[e] == ' ' || (s[e] == '-' && g > 0)) &&
	     isdig(s[e + 1]); g++) {
		size_t q = e + 1;
		while (q < sc->n && isdig(s[q]))
			q++;
		if ((q - (e + 1) < 2 && !(q + 1 < sc->n && s[q] == ' ' && isdig(s[q + 1])) &&
		     !(e >= 2 && isdig(s[e - 1]) && s[e - 2] == ' ')) ||
		    q - (e + 1) > 6 || (q < sc->n && isalnum_(s[q])))
			break;
		nd += (int)(q - (e + 1));
		e = q;
	}
	if (nd < 4 || !end_ok(sc, e) ||
	    (nd == 4 && first - p == 4 && e == first && year_at(sc, p)))
		return 0;
	emit(sc, p, e, PII_ID);
	return e;
}

/* An ordinal or a time of day ("1st", "2nd", "5pm"): the inward part
 * of a UK postcode in shape, and lower case gives no other sign. */
static int
inward_word(const unsigned char *p)
{
	return weq(p + 1, 2, "st") || weq(p + 1, 2, "nd") || weq(p + 1, 2, "rd") ||
	       weq(p + 1, 2, "th") || weq(p + 1, 2, "am") || weq(p + 1, 2, "pm");
}

/*
 * Capital letters and digits: a UK postcode ("SW1A 1AA", "M1 1AE"), a
 * Canadian one ("K1A 0B1") or a record number of one to four capitals,
 * an optional hyphen and five or more digits ("AB-12345", "A1234567").
 * Course codes (M3, MS4, Step 1, COVID-19) have too few digits.
 * Written all in lower case (speech recognisers, some services) the
 * same shapes count where they stay unambiguous: a Canadian postcode as
 * it is; a UK one only with its blank ("sw1a 1aa", not "b12") and not
 * ending in an ordinal or a time ("a1 2nd"); a record number of one or
 * two letters and six or more digits ("a8830215", not "b12" or "h264").
 */
static size_t
try_caps(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t p = i, e;
	int low = islow(s[i]);
	int (*let)(unsigned char) = low ? islow : isup;

	/* Canadian: A9A 9A9 */
	if (i + 6 <= sc->n && let(s[i]) && isdig(s[i + 1]) && let(s[i + 2])) {
		p = i + 3;
		if (p < sc->n && s[p] == ' ')
			p++;
		if (p + 3 <= sc->n && isdig(s[p]) && let(s[p + 1]) && isdig(s[p + 2]) &&
		    end_ok(sc, p + 3)) {
			emit(sc, i, p + 3, PII_POSTCODE);
			return p + 3;
		}
	}
	/* UK: A9 A9A A99 AA9 AA9A AA99, then 9AA */
	p = i;
	size_t a = p;
	while (p < sc->n && let(s[p]) && p - a < 2)
		p++;
	if (p > a && p < sc->n && isdig(s[p])) {
		p++;
		if (p < sc->n && (isdig(s[p]) || let(s[p])))
			p++;
		size_t q = p;
		if (q < sc->n && s[q] == ' ')
			q++;
		if (q + 3 <= sc->n && isdig(s[q]) && let(s[q + 1]) && let(s[q + 2]) &&
		    end_ok(sc, q + 3) && (q > p || end_ok(sc, p) == 0) &&
		    (!low || (q > p && !inward_word(s + q)))) {
			emit(sc, i, q + 3, PII_POSTCODE);
			return q + 3;
		}
	}
	/* Record number */
	p = i;
	while (p < sc->n && let(s[p]))
		p++;
	if (p - i >= 1 && p - i <= (low ? 2u : 4u)) {
		size_t q = p;
		if (q + 1 < sc->n && s[q] == '-')
			q++;
		e = digits(sc, q);
		if (e - q >= (low ? 6u : 5u) && end_ok(sc, e)) {
			emit(sc, i, e, PII_ID);
			return e;
		}
	}
	return 0;
}

/* ---- spoken forms and street addresses ------------------------------ */

/* The word that ends just before position k, one blank between: its
 * letters' span, or an empty span. */
static void
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
static int
word_is(const scan *sc, size_t p, const char *w)
{
	size_t l = strlen(w);
	return p + l <= sc->n && weq(sc->s + p, l, w) && end_ok(sc, p + l);
}

/* The alphanumeric word at p (ending a word) and its end, or p. */
static size_t
word_end(const scan *sc, size_t p)
{
	size_t e = p;
	while (e < sc->n && isalnum_(sc->s[e]))
		e++;
	return e > p && end_ok(sc, e) ? e : p;
}

/* After a word ending at e, one blank and the start of the next word,
 * or 0. */
static size_t
next_start(const scan *sc, size_t e)
{
	return e + 1 < sc->n && sc->s[e] == ' ' && isalnum_(sc->s[e + 1]) ? e + 1 : 0;
}

/*
 * Spoken digits are an identifier after a cue, as written ones are:
 * "my id is", "record number", "mrn", "account no.".  Looks back over
 * "is", "was", "number", "no", "num" and the punctuation between.
 */
static const char *const cue_fill[] = {
	"is", "was", "number", "num", "no", "nr", "code", "ending", "in", "starts",
	"with", NULL
};

/* Words that say a date of birth follows: "date of birth is", "dob",
 * "her birthday's", "born on". */
static const char *const dob_cues[] = { "birth", "dob", "birthday", "birthdate", "born", NULL };
static wlist dob_cue_list = { .words = dob_cues };

/* Is a word of cues within the few words before i ("record number
 * is", "date of birth is")? */
static int
cue_list_before(const scan *sc, size_t i, wlist *cues)
{
	const unsigned char *s = sc->s;
	size_t k = i;
	for (int step = 0; step < 4; step++) {
		while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ':' || s[k - 1] == '#' ||
		                 s[k - 1] == ',' || s[k - 1] == '.'))
			k--;
		size_t e = k;
		while (k > 0 && isalpha_(s[k - 1]))
			k--;
		if (k == e || (k > 0 && iswordb(s[k - 1])))
			return 0;
		if (wl_has(cues, s + k, e - k))
			return 1;
		/* "birthday's": the 's is no word of its own */
		if (e - k == 1 && s[k] == 's' && k >= 2 && s[k - 1] == '\'') {
			k--;
			continue;
		}
		if (!win(s + k, e - k, cue_fill) &&
		    !(cues == &dob_cue_list && weq(s + k, e - k, "on")))
			return 0;
	}
	return 0;
}

static int
id_cue_before(const scan *sc, size_t i)
{
	return cue_list_before(sc, i, &id_cue_list);
}

/* Up to three letters said singly just before i ("x k" of "x k seven
 * seven one ..."), not "a" or "i" unless ai (after a cue
 * they are letters, not words), one blank each: where they start, or
 * i. */
static size_t
letters_before(const scan *sc, size_t i, bool ai)
{
	size_t b = i;
	for (int k = 0; k < 4; k++) {
		if (b < 2 || sc->s[b - 1] != ' ' || !isalpha_(sc->s[b - 2]) ||
		    (b >= 3 && sc->s[b - 3] != ' ' && sc->s[b - 3] != ',' && sc->s[b - 3] != ':'))
			break;
		int c = tolow(sc->s[b - 2]);
		/* "f a r m four one one": a letter between letters */
		if (!ai && (c == 'a' || c == 'i') &&
		    !(b >= 5 && sc->s[b - 3] == ' ' && isalpha_(sc->s[b - 4]) &&
		      (b == 5 || !isalnum_(sc->s[b - 5]))))
			break;
		b -= 2;
	}
	return b;
}

/* "dash" or "hyphen" just before i: where it starts, or i. */
static size_t
dash_before(const scan *sc, size_t i)
{
	size_t o, l;
	word_before(sc, i, &o, &l);
	if (l && (weq(sc->s + o, l, "dash") || weq(sc->s + o, l, "hyphen")) &&
	    o + l + 1 == i)
		return o;
	return i;
}

/* One to four number words just before i ("twenty four" of "twenty four
 * dash oh oh three"): where they start, or i. */
static size_t
numwords_before(const scan *sc, size_t i)
{
	size_t b = i, o, l;
	unsigned v;
	for (int k = 0; k < 4; k++) {
		word_before(sc, b, &o, &l);
		if (!l || o + l + 1 != b ||
		    nw_class((const char *)sc->s + o, l, &v) == NW_NONE)
			break;
		b = o;
	}
	return b;
}

/* After a cue, an ID may mix letters and digits said one by one and
 * groups joined by "dash" ("x seven k nine", "twenty twenty four dash
 * oh oh one two"): the end of such a tail after the digits ending at e,
 * the digits and letters it adds counted into *ndig and *nlet. */
static size_t
mixed_tail(const scan *sc, size_t e, int *ndig, int *nlet)
{
	const char *s = (const char *)sc->s;
	for (int k = 0; k < 8; k++) {
		size_t q = next_start(sc, e), le = e;
		int nl = 0;
		if (q && word_is(sc, q, "dash"))
			q = next_start(sc, q + 4);
		while (q && nl < 4 && word_end(sc, q) == q + 1 && isalpha_(sc->s[q])) {
			le = q + 1;
			nl++;
			q = next_start(sc, le);
		}
		nw_run r2;
		size_t de = q ? nw_digits(s, sc->n, q, 1, &r2) : 0;
		if (!q || de == q || !end_ok(sc, de)) {
			/* "four four nine x"; not "... nine one two i know" */
			bool word = false;
			for (size_t k2 = e; nl && k2 < le; k2++)
				word |= isalpha_(sc->s[k2]) && (tolow(sc->s[k2]) == 'a' ||
				                                 tolow(sc->s[k2]) == 'i') &&
				        !isalnum_(sc->s[k2 - 1]) && !isalnum_(sc->s[k2 + 1]);
			if (nl && !word) {
				e = le;
				*nlet += nl;
			}
			break;
		}
		*nlet += nl;
		*ndig += r2.ndig;
		e = de;
	}
	return e;
}

/*
 * A run of digits said one by one or in groups, from i (a number word,
 * or a written group followed by a number word):
 *   letters said singly before, and 5 or     ID from the first letter ("x
 *   more digits (4 after a cue)              k seven seven one ...")
 *   after an ID cue, 4 or more digits        ID (not 4 said as two pairs,
 *                                            a year: "record twenty twenty")
 *   7 or 10 digits, or 11 starting with 1    PHONE, the longest such start
 *   or 0, 3 or more of them said one by one  of the run
 *   5 or more digits said one by one         ID
 * and without a cue at least half the digits said one by one.
 * "one, two, three, four, five" counting up is nothing, nor "oh, oh, oh",
 * nor every run of fewer digits: counts, ages, times ("two thirty"),
 * "one or two", "a one on one", "nineteen ninety".
 */
static size_t
spoken_digits(scan *sc, size_t i, nw_run *r)
{
	size_t e = nw_digits((const char *)sc->s, sc->n, i, 1, r);
	if (r->nwords == 0 || r->nitems == 0 || !end_ok(sc, e) ||
	    strspn(r->dig, "0") == (size_t)r->ndig)
		return 0;       /* "oh, oh, oh, oh, oh" is no number */
	/* after a cue: letters before, a tail of letters and groups, from
	 * three digits ("badge number four four nine", "code x seven k
	 * nine"); counting from one is an ID only so, and from four */
	size_t xb = letters_before(sc, i, true);
	if (id_cue_before(sc, xb)) {
		int nd = r->ndig, nl = (int)(i - xb) / 2;
		size_t xe = mixed_tail(sc, e, &nd, &nl);
		bool mixed = nl > 0 && nd >= 2 && nd + nl >= 4;
		if ((nd >= 3 && !r->counting && (nl > 0 || xe > e || r->nsingle > 0 || nd > 4)) ||
		    mixed || (r->counting && nd >= 4))
			return found(sc, xb, xe, PII_ID);
	}
	if (r->counting)
		return 0;       /* "one, two, three, four" */
	/* "date of birth is oh three oh four two thousand ten" */
	if (r->ndig >= 3 && cue_list_before(sc, i, &dob_cue_list))
		return found(sc, i, e, PII_DATE);
	size_t lb = letters_before(sc, i, false);
	/* "V P dash two two oh nine", "twenty four dash oh oh three one six" */
	size_t dl = dash_before(sc, i);
	if (dl != i) {
		size_t l2 = letters_before(sc, dl, false);
		if (l2 < dl)
			lb = l2;
	}
	int nlet = 0;
	for (size_t p = lb; p < (dl != i && lb < dl ? dl : i); p += 2)
		nlet++;
	/* "x k seven seven one ...", "p t four four nine two", "s zero zero
	 * four one seven seven": letters said singly, then digits */
	if (nlet > 0 && r->ndig >= 3 && r->nsingle * 2 >= r->ndig &&
	    ((nlet >= 2 && r->ndig >= 3) || r->ndig >= 5 || id_cue_before(sc, lb)))
		return found(sc, lb, e, PII_ID);
	if (dl != i && r->nsingle >= 3 && r->nsingle * 2 >= r->ndig) {
		size_t nb = numwords_before(sc, dl);
		if (nb < dl)
			return found(sc, nb, e, PII_ID);
	}
	if (r->ndig >= 4 && (r->nsingle > 0 || r->ndig > 4) && id_cue_before(sc, i))
		return found(sc, i, e, PII_ID);
	if (r->nsingle < 3 || r->nsingle * 2 < r->ndig)
		return 0;       /* "two thirty, ten oh five, five hundred" */
	int k = r->nitems - 1, full = 0;
	for (; k >= 0; k--) {
		int d = r->upto[k];
		if (d == 7 || (full = d == 10 || (d == 11 && (r->dig[0] == '1' ||
		                                              r->dig[0] == '0'))))
			break;
	}
	/* A whole number is the phone's; failing that, a long run is an ID
	 * rather than seven digits of it. */
	if (k >= 0 && (full || k == r->nitems - 1 || r->nsingle < 5))
		return found(sc, i, r->end[k], PII_PHONE);
	if (r->nsingle >= 5)
		return found(sc, i, e, PII_ID);
	return 0;
}

static const char *const street_types[] = {
	"street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln",
	"drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl",
	"way", "terrace", "ter", "circle", "cir", "parkway", "pkwy",
	"highway", "hwy", "square", "sq", "crescent", "cres", "close",
	"grove", "row", "trail", "alley", "pike", "plaza", NULL
};
static wlist street_type_list = { .words = street_types };

/* A street type among the five words after p?  Every number in the text
 * asks, so the lists of try_street are read only when one is there. */
static int
street_ahead(const scan *sc, size_t p)
{
	for (int k = 0; k < 5 && (p = next_start(sc, p)) != 0; k++) {
		size_t e = word_end(sc, p);
		if (e == p)
			return 0;
		if (wl_has(&street_type_list, sc->s + p, e - p))
			return 1;
		p = e < sc->n && sc->s[e] == '.' ? e + 1 : e;
	}
	return 0;
}

/* Words that stand between a number and a street type without naming a
 * street: "a 20 minute drive", "two lane road", "one way street". */
static const char *const street_stop[] = {
	"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "my",
	"our", "your", "his", "her", "their", "more", "other", "different",
	"long", "short", "whole", "few", "good", "best", "big", "small",
	"hour", "hours", "minute", "minutes", "mile", "miles", "day", "days",
	"week", "weeks", "month", "months", "year", "years", "second",
	"seconds", "block", "blocks", "lane", "lanes", "way", "ways", "car",
	"cars", "foot", "feet", "times", "people", "point", "percent",
	"hundred", "thousand", "story", "storey", "bedroom", "each", "every",
	"all", "both", "any", "some", "this", "that", "either", "kilometre",
	"kilometres", "kilometer", "kilometers", "km", "metre", "metres",
	"meter", "meters", "yard", "yards", "step", "steps", "stop", "stops",
	"dollar", "dollars", "pound", "pounds", "kid", "kids", NULL
};

static const char *const street_dirs[] = {
	"north", "south", "east", "west", "n", "s", "e", "w", "ne", "nw",
	"se", "sw", "northeast", "northwest", "southeast", "southwest", NULL
};

static const char *const unit_words[] = {
	"apt", "apartment", "unit", "suite", "ste", "flat", "number", "no",
	"lot", "bldg", "building", NULL
};

/* A letter said or written alone at p, as a unit's ("four c", "b"): its
 * end, or p.  "a" and "i" are words unless nothing of the clause
 * follows them. */
static size_t
unit_letter(const scan *sc, size_t p)
{
	if (!p || word_end(sc, p) != p + 1 || !isalpha_(sc->s[p]))
		return p;
	int c = tolow(sc->s[p]);
	if ((c == 'a' || c == 'i') && next_start(sc, p + 1))
		return p;
	return p + 1;
}

/* The number or letter of a unit at t: "3", "12B", "four c", "b four",
 * "three oh two", "c": its end, or t. */
static size_t
unit_value(const scan *sc, size_t t)
{
	const char *s = (const char *)sc->s;
	nw_run r;
	size_t te = nw_digits(s, sc->n, t, 1, &r), le;
	if (te > t && r.ndig <= 5 && end_ok(sc, te)) {
		size_t q = next_start(sc, te);
		return q && (le = unit_letter(sc, q)) > q ? le : te;
	}
	if ((le = unit_letter(sc, t)) > t) {
		size_t q = next_start(sc, le);
		if (q && (te = nw_digits(s, sc->n, q, 1, &r)) > q && r.ndig <= 4 && end_ok(sc, te))
			return te;      /* "b four" */
		return le;
	}
	if ((te = word_end(sc, t)) > t && te - t <= 5 && isdig(sc->s[t]))
		return te;              /* "12B" */
	return t;
}

/* A direction after a street type ending at e ("oak street northeast",
 * "Main St. N", "north east"): its end, or e.  Not one that begins a
 * phrase of its own: "main street south of the river". */
static size_t
street_dir_after(const scan *sc, size_t e)
{
	const unsigned char *s = sc->s;
	size_t q = next_start(sc, e < sc->n && s[e] == '.' ? e + 1 : e), qe;
	if (!q || (qe = word_end(sc, q)) == q || !win(s + q, qe - q, street_dirs))
		return e;
	if (qe - q <= 2 && !isup(s[q]))
		return e;               /* "n", "se": only written, in capitals */
	size_t q2 = next_start(sc, qe), q2e = q2 ? word_end(sc, q2) : 0;
	if (q2 && qe - q == 5 && q2e - q2 == 4 &&
	    (weq(s + q2, 4, "east") || weq(s + q2, 4, "west")))
		qe = q2e, q2 = next_start(sc, qe), q2e = q2 ? word_end(sc, q2) : 0;
	if (q2 && (weq(s + q2, q2e - q2, "of") || weq(s + q2, q2e - q2, "side") ||
	           weq(s + q2, q2e - q2, "end")))
		return e;
	return qe < sc->n && s[qe] == '.' && qe - q <= 2 ? qe + 1 : qe;
}

/* After a street type ending at e: a direction and an apartment ("apt
 * 3", "suite 300", "#5", "unit four b", "apartment 12B"): where the
 * address ends. */
static size_t
street_tail(const scan *sc, size_t e)
{
	const unsigned char *s = sc->s;
	e = street_dir_after(sc, e);
	size_t a = e < sc->n && s[e] == ',' ? e + 1 : e, u;
	if ((u = next_start(sc, a)) != 0) {
		size_t ue = word_end(sc, u);
		size_t t = 0;
		if (ue > u && win(s + u, ue - u, unit_words))
			t = next_start(sc, ue < sc->n && s[ue] == '.' ? ue + 1 : ue);
		if (t && (ue = unit_value(sc, t)) > t)
			e = ue;
	} else if (a + 1 < sc->n && s[a] == ' ' && s[a + 1] == '#') {
		size_t te = word_end(sc, a + 2);
		if (te > a + 2 && te - a - 2 <= 5)
			e = te;
	}
	return e;
}


/*
 * A street address after the house number b..p (digits, or words read
 * by nw_digits): an optional direction, one to three words naming the
 * street (a word, or an ordinal: "5th", "fifth"), a street type, and an
 * optional apartment ("apt 3", "suite 300", "#5", "unit four b").
 * "22 Birch Lane", "twenty two birch lane", "1400 north elm street apt 3".
 */
static size_t
try_street(scan *sc, size_t b, size_t p)
{
	const unsigned char *s = sc->s;
	size_t q = next_start(sc, p), e;
	int names = 0;
	if (!q || !street_ahead(sc, p))
		return 0;
	e = word_end(sc, q);
	if (e > q && win(s + q, e - q, street_dirs)) {
		size_t q2 = e < sc->n && s[e] == '.' ? e + 1 : e;
		if ((q2 = next_start(sc, q2)) == 0)
			return 0;
		q = q2;
	}
	for (;;) {
		e = word_end(sc, q);
		if (e == q)
			return 0;
		unsigned v;
		size_t oe;
		if (isdig(s[q])) {
			size_t de = digits(sc, q);
			if (de == q || ordinal(sc, de) != e)
				return 0;               /* "5th" names a street */
		} else if ((oe = nw_ordinal((const char *)s, sc->n, q, &v)) != 0) {
			e = oe;
		} else if (names > 0 && wl_has(&street_type_list, s + q, e - q)) {
			break;
		} else if (win(s + q, e - q, street_stop) ||
		           nw_class((const char *)s + q, e - q, &v) != NW_NONE) {
			return 0;
		}
		if (++names > 3 || (q = next_start(sc, e)) == 0)
			return 0;
	}
	e = street_tail(sc, e);
	while (sc->cnt > 0 && (*sc->out)[sc->cnt - 1].off + (*sc->out)[sc->cnt - 1].len > b)
		sc->cnt--;
	return found(sc, b, e, PII_ADDRESS);
}

/* The word ending before k, blanks, one comma and one dot skipped
 * ("P.O. Box"): its letters' span, or an empty span. */
static void
back_word(const scan *sc, size_t k, size_t *off, size_t *len)
{
	const unsigned char *s = sc->s;
	if (k > 0 && s[k - 1] == '.')
		k--;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k > 0 && s[k - 1] == ',')
		k--;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k > 0 && s[k - 1] == '.')
		k--;
	size_t e = k;
	while (k > 0 && isalpha_(s[k - 1]))
		k--;
	if (k > 0 && isalnum_(s[k - 1]))
		k = e;
	*off = k;
	*len = e - k;
}

static int
back_is(const scan *sc, size_t o, size_t l, const char *w)
{
	return l == strlen(w) && weq(sc->s + o, l, w);
}

/* Road words a county or state numbers: "county road 42". */
static const char *const numbered_roads[] = {
	"road", "rd", "highway", "hwy", "route", "rte", NULL
};

enum box_kind { BOX_NONE, BOX_PO, BOX_RURAL, BOX_ROAD };

/*
 * Before a number at i, words that make it a mail box or a numbered
 * road: "PO Box", "P.O. Box", "p o box", "post office box", "rural
 * route", "RR", "county road", "state highway".  Their start in *b and
 * the kind, or BOX_NONE.  "a box of", "box forty of them" have no cue.
 */
static enum box_kind
box_before(const scan *sc, size_t i, size_t *b)
{
	size_t o, l, o2, l2, o3, l3;
	back_word(sc, i, &o, &l);
	if (!l || l > 7)
		return BOX_NONE;
	back_word(sc, o, &o2, &l2);
	if (back_is(sc, o, l, "box")) {
		if (back_is(sc, o2, l2, "po")) {
			*b = o2;
			return BOX_PO;
		}
		back_word(sc, o2, &o3, &l3);
		if ((back_is(sc, o2, l2, "o") && back_is(sc, o3, l3, "p")) ||
		    (back_is(sc, o2, l2, "office") && back_is(sc, o3, l3, "post"))) {
			*b = o3;
			return BOX_PO;
		}
		return BOX_NONE;
	}
	if (back_is(sc, o, l, "rr") || (back_is(sc, o, l, "route") && back_is(sc, o2, l2, "rural"))) {
		*b = l == 2 ? o : o2;
		return BOX_RURAL;
	}
	if (win(sc->s + o, l, numbered_roads) &&
	    (back_is(sc, o2, l2, "county") || back_is(sc, o2, l2, "state"))) {
		*b = o2;
		return BOX_ROAD;
	}
	return BOX_NONE;
}

/* A number at p, written or said ("40", "forty", "three seventy one"):
 * its end, or p. */
static size_t
number_at(const scan *sc, size_t p)
{
	nw_run r;
	size_t e = nw_digits((const char *)sc->s, sc->n, p, 1, &r);
	return e > p && r.ndig <= 6 && end_ok(sc, e) ? e : p;
}

static int street_name_word(const scan *sc, size_t q, size_t e);

/* A mail box or numbered road whose number i..e follows the words of
 * box_before: the box of a rural route after it ("Rural Route Two, Box
 * Forty"), a town in capitals after a box's comma ("PO Box 88,
 * Duluth"), a direction after a road; e 0 reads the number at i.
 * The end of the address, or 0. */
static size_t
try_box(scan *sc, size_t i, size_t e)
{
	const unsigned char *s = sc->s;
	size_t b;
	enum box_kind k = box_before(sc, i, &b);
	if (k == BOX_NONE || (!e && (e = number_at(sc, i)) == i))
		return 0;
	if (k == BOX_RURAL) {
		size_t q = next_start(sc, e < sc->n && s[e] == ',' ? e + 1 : e), be, ne;
		if (q && (be = word_end(sc, q)) == q + 3 && weq(s + q, 3, "box") &&
		    (q = next_start(sc, be)) != 0 && (ne = number_at(sc, q)) > q)
			e = ne;
	} else if (k == BOX_PO) {
		size_t q = e + 2 < sc->n && s[e] == ',' && s[e + 1] == ' ' ? e + 2 : 0;
		for (int w = 0; w < 2 && q && isup(s[q]); w++) {
			size_t we = word_end(sc, q);
			if (we == q || !street_name_word(sc, q, we))
				break;
			e = we;
			q = next_start(sc, we);
		}
	} else {
		e = street_dir_after(sc, e);
	}
	drop_after(sc, b);
	return found(sc, b, e, PII_ADDRESS);
}

/* Street types that name a street without a house number after "on"
 * ("on bass lake road"); "way", "place", "court", "row", "close" and
 * the like are too often words of their own ("on their way", "on death
 * row"). */
static const char *const bare_types[] = {
	"street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "drive",
	"dr", "boulevard", "blvd", "parkway", "pkwy", "terrace", "trail",
	"pike", "plaza", NULL
};

/* Words before a bare street type that say what kind of road it is, or
 * are part of a phrase: "on dirt road", "on memory lane", "on hard
 * drive", "on google drive". */
static const char *const bare_stop[] = {
	"its", "another", "dirt", "gravel", "paved", "back", "country",
	"open", "winding", "rough", "icy", "toll", "side", "private",
	"public", "busy", "quiet", "wrong", "right", "left", "same", "next",
	"last", "memory", "death", "skid", "easy", "hard", "test", "flash",
	"disk", "thumb", "usb", "external", "shared", "google", "fast",
	"slow", "passing", "bike", "bus", "turning", "home", "dead", "paper",
	"campaign", "sex", "long", "down", "up", "out", "over", "off", "into",
	"from", "with", "by", "for", "as", "then", "there", "here", "just",
	"very", "so", "too", "not", "no", "is", "was", "be", "been", "what",
	"which", "who", "whose", "where", "when", "how", "why", "it", "he",
	"she", "they", "we", "you", "i", "me", "him", "them", "us", "if",
	"but", "because", "while", "about", "than", "also", "even", "still",
	"only", "really", "never", "always", "call", "duty", "hold", NULL
};

/* Words after which a street may be named alone. */
static const char *const street_cues[] = {
	"on", "off", "along", "onto", NULL
};

/* Can the word q..e name a street ("bass", "Second", "5th", "egan")? */
static int
street_name_word(const scan *sc, size_t q, size_t e)
{
	const unsigned char *s = sc->s;
	unsigned v;
	if (e - q > 20)
		return 0;
	if (isdig(s[q])) {
		size_t de = digits(sc, q);
		return de > q && de < e && ordinal(sc, de) == e;
	}
	for (size_t k = q; k < e; k++)
		if (!isalpha_(s[k]))
			return 0;
	if (nw_class((const char *)s + q, e - q, &v) != NW_NONE)
		return nw_class((const char *)s + q, e - q, &v) == NW_ORD;
	return !win(s + q, e - q, street_stop) && !win(s + q, e - q, bare_stop) &&
	       !win(s + q, e - q, street_cues);
}

/* After a street type ending at e: the number of a numbered road
 * ("county road forty two") and the direction and apartment. */
static size_t
named_tail(const scan *sc, size_t t, size_t e)
{
	size_t q, ne;
	if (win(sc->s + t, e - t, numbered_roads) && (q = next_start(sc, e)) != 0 &&
	    (ne = number_at(sc, q)) > q)
		return street_tail(sc, ne);
	return street_tail(sc, e);
}

/*
 * At a street type t..te with no house number: one to three words
 * naming the street before it and "on", "off", "along" or "onto"
 * before them: "the walmart on bass lake road", "on Second Avenue
 * West", "on county road forty two".  Not "on the road", "down the
 * street", "on my way", "on memory lane".  Abbreviations "st" and "dr"
 * only when no capitalised word follows ("on St. Paul", "Dr. Smith").
 */
static size_t
street_named(scan *sc, size_t t, size_t te)
{
	const unsigned char *s = sc->s;
	if (!win(s + t, te - t, bare_types))
		return 0;
	/* "st" and "dr" are also saint and doctor: only written, in
	 * capitals after capitals, before no capital ("on Main St.") */
	bool abbr = te - t == 2 && (tolow(s[t]) == 's' || tolow(s[t]) == 'd');
	if (abbr) {
		size_t q = next_start(sc, te < sc->n && s[te] == '.' ? te + 1 : te);
		if (!isup(s[t]) || (q && isup(s[q])))
			return 0;
	}
	size_t b = t, o, l;
	int names = 0;
	for (;;) {
		word_before(sc, b, &o, &l);
		if (!l)
			return 0;
		if (win(s + o, l, street_cues))
			break;
		if (names == 3 || !street_name_word(sc, o, o + l) || (abbr && islow(s[o])))
			return 0;
		b = o;
		names++;
	}
	if (!names)
		return 0;
	size_t e = named_tail(sc, t, te);
	drop_after(sc, b);
	return found(sc, b, e, PII_ADDRESS);
}

/*
 * A street of an intersection at p: "highway thirteen", "route 66",
 * one to three words and a type ("egan drive", "county road 42"), or,
 * with no type, one word ("Blackstone").  Its end, or p.
 */
static size_t
cross_street(const scan *sc, size_t p)
{
	const unsigned char *s = sc->s;
	size_t e = word_end(sc, p), q, ne;
	if (e == p)
		return p;
	if (win(s + p, e - p, numbered_roads) || weq(s + p, e - p, "interstate")) {
		q = next_start(sc, e);
		return q && (ne = number_at(sc, q)) > q ? street_dir_after(sc, ne) : p;
	}
	size_t first = e;
	for (int names = 0; names < 3; names++) {
		if (!street_name_word(sc, p, e))
			return names ? first : p;
		if ((q = next_start(sc, e)) == 0)
			return names ? first : e;
		size_t qe = word_end(sc, q);
		if (qe > q && wl_has(&street_type_list, s + q, qe - q))
			return named_tail(sc, q, qe);
		if (names == 0)
			first = e;
		p = q;
		e = qe;
		if (e == p)
			break;
	}
	return first;
}

/* "on the corner of Blackstone and Shields", "at the intersection of
 * egan drive and highway thirteen": at "corner" or "intersection" i..we,
 * the two streets after "of".  Not "the corner of my eye", "the corner
 * of the room and the hall". */
static size_t
try_corner(scan *sc, size_t we)
{
	const unsigned char *s = sc->s;
	size_t q = next_start(sc, we), x, xe, y, ye;
	if (!q || !word_is(sc, q, "of") || (x = next_start(sc, q + 2)) == 0 ||
	    (xe = cross_street(sc, x)) == x)
		return 0;
	if (xe + 2 < sc->n && s[xe] == ' ' && s[xe + 1] == '&')
		y = next_start(sc, xe + 2);
	else if ((q = next_start(sc, xe)) != 0 && word_is(sc, q, "and"))
		y = next_start(sc, q + 3);
	else
		return 0;
	if (!y || (ye = cross_street(sc, y)) == y)
		return 0;
	drop_after(sc, x);
	return found(sc, x, ye, PII_ADDRESS);
}

/* After a date in words ending at e: an optional year, spoken or
 * written, after a blank or ", ". */
static size_t
opt_year_any(const scan *sc, size_t e)
{
	size_t q = e < sc->n && sc->s[e] == ',' ? e + 1 : e;
	if (q >= sc->n || sc->s[q] != ' ')
		return e;
	q++;
	unsigned v;
	size_t y = q < sc->n && isdig(sc->s[q]) ? year_at(sc, q) :
	           nw_year((const char *)sc->s, sc->n, q, &v);
	return y ? y : e;
}

/* Words that never begin a spoken address: "the dot com years", "me at
 * gmail dot com" (the address is "gmail dot com"). */
static const char *const label_stop[] = {
	"the", "a", "an", "this", "that", "my", "your", "his", "her", "our",
	"their", "me", "us", "him", "them", "you", "it", "i", "we", "they",
	"she", "he", "at", "dot", "and", "or", "of", "to", "in", "on", "is",
	"was", "be", "with", "for", "from", "by", "as", "so", "slash", NULL
};

/* Words that may follow a day of the month said alone. */
static const char *const day_after[] = {
	"when", "so", "because", "but", "then", "there", "that", "which",
	"after", "before", "until", "till", "last", "next", "this", "right",
	NULL
};

/* "march third", "july twenty first, nineteen eighty", "june twenty
 * eighteen": a month name and a day in words, or a year.  Lower-case
 * "may" with a day and no year counts only after a date cue ("on may
 * first"; "you may first ask" stays). */
static size_t
month_words(scan *sc, size_t i, size_t we)
{
	const char *s = (const char *)sc->s;
	size_t p = next_start(sc, we), e;
	unsigned v;
	if (!p || isdig(sc->s[p]))
		return 0;
	if ((e = nw_year(s, sc->n, p, &v)) != 0)
		return found(sc, i, e, PII_DATE);
	if (word_is(sc, p, "of") && (e = next_start(sc, p + 2)) != 0) {
		size_t y = isdig(sc->s[e]) ? year_at(sc, e) : nw_year(s, sc->n, e, &v);
		return y ? found(sc, i, y, PII_DATE) : 0;   /* "january of twenty seventeen" */
	}
	/* "march the second", "june the sixth nineteen seventy eight" */
	size_t p2 = 0;
	if (word_is(sc, p, "the") && (p2 = next_start(sc, p + 3)) != 0 &&
	    nw_ordinal(s, sc->n, p2, &v) != 0)
		p = p2;
	if ((e = nw_ordinal(s, sc->n, p, &v)) == 0 || v > 31)
		return 0;
	size_t y = opt_year_any(sc, e);
	/* ... but "in march the first thing we did" counts things */
	if (p == p2 && y == e) {
		size_t q = next_start(sc, e), qe;
		if (q && sc->s[e] == ' ' && (qe = word_end(sc, q)) > q &&
		    !win(sc->s + q, qe - q, label_stop) && !win(sc->s + q, qe - q, day_after))
			return 0;
	}
	if (y == e && we - i == 3 && islow(sc->s[i]) && weq(sc->s + i, 3, "may")) {
		size_t o, l;
		prev_word(sc, i, &o, &l);
		/* at the start of a sentence it is the month: "may twenty
		 * third was the day" */
		bool first = !l && (o == 0 || sc->s[o - 1] == '.' || sc->s[o - 1] == '!' ||
		                    sc->s[o - 1] == '?');
		if (!first && (!l || !(win(sc->s + o, l, date_cues) || weq(sc->s + o, l, "of"))))
			return 0;
	}
	return found(sc, i, y, PII_DATE);
}

/* "the fourth of july", "second of may nineteen eighty", "twenty first
 * of march": an ordinal in words, "of" and a month; the "of" is
 * required, as "the second may be" shows. */
static size_t
ordinal_of_month(scan *sc, size_t i)
{
	const char *s = (const char *)sc->s;
	unsigned v;
	size_t e = nw_ordinal(s, sc->n, i, &v), p, me;
	if (!e || v > 31 || (p = next_start(sc, e)) == 0 || !word_is(sc, p, "of") ||
	    (p = next_start(sc, p + 2)) == 0)
		return 0;
	me = letters(sc, p);
	if (!end_ok(sc, me) || me - p < 3 || !pii_month(s + p, me - p))
		return 0;
	return found(sc, i, opt_year_any(sc, me), PII_DATE);
}

/* Words that end a local part said as several words, walking back from
 * "at": "email r whitaker at", "write to health services at", "i work
 * at" (then the words after "at" are a web address, not an e-mail). */
static const char *const local_stop[] = {
	"email", "mail", "emailed", "write", "wrote", "send", "sent", "reach",
	"contact", "call", "called", "address", "am", "are", "were", "been",
	"work", "works", "worked", "working", "teach", "teaches", "taught",
	"live", "lives", "lived", "met", "meet", "start", "started", "stay",
	"stayed", "went", "go", "goes", "look", "looked", "find", "found",
	"here", "there", "not", "just", "also", "then", "now", "if", "but",
	"either", "try", "use", "used", "still", "page", "site", "website",
	"online", "over", "up", "out", "back", "its", "whose", "which",
	"who", "what", "where", "when", "thanks", "yes", "no", "okay", "ok",
	"ask", "asked", "tell", "told", "text", "message", "reply", "forward",
	"copy", "cc", "directly", "anytime", "always", "usually", "again",
	"instead", "too", "only", "even", "really", "personally", "ever",
	"right", "questions", "get", "got", "have", "has", "had", "do", "does",
	"did", "can", "could", "would", "should", "must", "might", "say",
	"said", "says", "know", "like",
	/* "my email is fine t wierzbicki at": what is said of the address */
	"fine", "best", "better", "good", "great", "easiest", "easier",
	"quickest", "faster", "probably", "maybe", "actually", "it's", "that's",
	"mine", "hers", "his", "same", "new", "old", "personal", "official",
	NULL
};

static const char *const local_seps[] = { "dot", "underscore", "dash", "hyphen", NULL };

/* A label of a spoken address at p: an alphanumeric word, not "dot" or
 * "at".  Its end, or p. */
static size_t
label_at(const scan *sc, size_t p)
{
	size_t e = word_end(sc, p);
	if (e == p || (e - p == 2 && weq(sc->s + p, 2, "at")) ||
	    (e - p == 3 && weq(sc->s + p, 3, "dot")))
		return p;
	return e;
}

/* A label said as up to three words ("canyon schools", "oakmont
 * fifth") from p, when " dot " follows its last word: the end of the
 * last word; otherwise the end of the first word alone, or p.  No word
 * of the group is an article, pronoun or the like, so "at the school
 * dot" is no label. */
static size_t letters_label(const scan *sc, size_t p);

static size_t
label_group(const scan *sc, size_t p)
{
	/* letters said one by one are one word of the group ("c o a a a
	 * dot org", "greater dayton r t a dot org") */
	size_t e = letters_label(sc, p), q, e2;
	if (e == p && ((e = label_at(sc, p)) == p || win(sc->s + p, e - p, label_stop)))
		return e;
	size_t g = e;
	for (int w = 1; w < 3 && (q = next_start(sc, g)) != 0; w++) {
		if (word_is(sc, q, "dot"))
			return g;
		if ((e2 = letters_label(sc, q)) == q &&
		    ((e2 = label_at(sc, q)) == q || win(sc->s + q, e2 - q, label_stop)))
			break;
		g = e2;
	}
	return (q = next_start(sc, g)) != 0 && word_is(sc, q, "dot") ? g : e;
}

/* Letters said one by one from p, as one label ("i d", "o r g"): the
 * end of the last, or p when there are none or one only. */
static size_t
letters_label(const scan *sc, size_t p)
{
	size_t e = p, q = p;
	int n = 0;
	while (n < 8 && word_end(sc, q) == q + 1 && isalpha_(sc->s[q])) {
		e = q + 1;
		n++;
		if ((q = next_start(sc, e)) == 0)
			break;
	}
	return n >= 2 ? e : p;
}

/* Letters said one by one, two or more, ending at the blank before k
 * ("m o r p c" before "dot"), "a" and "i" among them: where they start,
 * or k. */
static size_t
spelt_before(const scan *sc, size_t k)
{
	size_t b = k, o, l;
	int n = 0;
	while (n < 8) {
		word_before(sc, b, &o, &l);
		if (l != 1 || !isalpha_(sc->s[o]) || (o > 0 && sc->s[o - 1] != ' '))
			break;
		b = o;
		n++;
	}
	return n >= 2 ? b : k;
}

/* Is s[a..e) a common top-level domain, written or said letter by
 * letter ("o r g")? */
static int
tld_at(const scan *sc, size_t a, size_t e)
{
	if (win(sc->s + a, e - a, tlds))
		return 1;
	unsigned char w[8];
	size_t n = 0;
	for (size_t k = a; k < e; k++)
		if (sc->s[k] != ' ') {
			if (n == sizeof w)
				return 0;
			w[n++] = sc->s[k];
		}
	return n < e - a && win(w, n, tlds);
}

/* Labels joined by " dot " from p: the end of the last, its start in
 * *last and their number in *nl.  Every label but the last may be a
 * group of words; the last (a top-level domain) is one word. */
static size_t
dotted(const scan *sc, size_t p, size_t *last, int *nl)
{
	size_t e = label_group(sc, p), q;
	*nl = 0;
	if (e == p)
		return p;
	*last = p;
	*nl = 1;
	while (*nl < 16 && (q = next_start(sc, e)) != 0 && word_is(sc, q, "dot") &&
	       (q = next_start(sc, q + 3)) != 0) {
		size_t e2 = label_group(sc, q);
		/* "k twelve dot i d dot us", "dot o r g": spelt labels */
		size_t e3 = letters_label(sc, q);
		if (e3 > e2)
			e2 = e3;
		if (e2 == q)
			break;
		*last = q;
		(*nl)++;
		e = e2;
	}
	return e;
}

/* The path said after a host ending at de: "slash careers", "forward
 * slash sign up", a label a step; its end. */
static size_t
url_path(const scan *sc, size_t de)
{
	size_t q, p;
	for (int k = 0; k < 16 && (q = next_start(sc, de)) != 0; k++) {
		if (word_is(sc, q, "forward") && (p = next_start(sc, q + 7)) != 0 &&
		    word_is(sc, p, "slash"))
			q = p;
		if (!word_is(sc, q, "slash") || (p = next_start(sc, q + 5)) == 0 ||
		    label_at(sc, p) == p || win(sc->s + p, label_at(sc, p) - p, label_stop))
			break;
		de = label_at(sc, p);
		/* "slash sign up", "slash m v h meds", "slash knee rehab nine":
		 * up to three more words that do not go on with the sentence */
		/* digits said one by one count as one word ("slash j slash
		 * eight four one two two oh nine") */
		unsigned nv;
		for (int w = 0, all = 0; w < 3 && all < 16 && (q = next_start(sc, de)) != 0 &&
		     sc->s[de] == ' ' && label_at(sc, q) > q; all++) {
			size_t qe = label_at(sc, q);
			if (nw_class((const char *)sc->s + q, qe - q, &nv) == NW_NONE)
				w++;
			if (win(sc->s + q, qe - q, label_stop) ||
			    (win(sc->s + q, qe - q, local_stop) && !word_is(sc, q, "up")) ||
			    win(sc->s + q, qe - q, url_cues) || win(sc->s + q, qe - q, path_stop) ||
			    win(sc->s + q, qe - q, local_seps) || word_is(sc, q, "slash") ||
			    word_is(sc, q, "forward"))
				break;
			de = qe;
		}
		/* "asthma dash plan": a step of several words */
		size_t we;
		while ((q = next_start(sc, de)) != 0 && (we = word_end(sc, q)) > q &&
		       win(sc->s + q, we - q, local_seps) && !word_is(sc, q, "dot") &&
		       (p = next_start(sc, we)) != 0 && label_at(sc, p) > p)
			de = label_at(sc, p);
	}
	return de;
}

/* The spans found inside an address starting at b give way to it. */
static void
drop_after(scan *sc, size_t b)
{
	while (sc->cnt > 0 && (*sc->out)[sc->cnt - 1].off + (*sc->out)[sc->cnt - 1].len > b)
		sc->cnt--;
}

/*
 * At "at": a domain after it ("canyon schools dot org", labels of up to
 * three words), and before it the local part, walked back over at most
 * four plain words and the labels joined by "dot", "underscore" or
 * "dash" ("may sato oh four", "p dot desai"), stopping at a comma, an
 * article or pronoun, or a verb ("email", "work", "is"): an EMAIL.
 * With no local part ("she works at canyon schools dot org") the
 * domain alone is a URL.  At most 8 steps back and 16 labels on.
 */
static size_t
at_addr(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t a = next_start(sc, i + 2), dl, de, o, l, k = i, start = i;
	int dn, words = 0;
	if (!a || win(s + a, word_end(sc, a) - a, label_stop))
		return 0;
	de = dotted(sc, a, &dl, &dn);
	if (dn < 2 || !tld_at(sc, dl, de))
		return 0;
	for (int step = 0; step < 8; step++) {
		word_before(sc, k, &o, &l);
		if (!l || (o > 0 && s[o - 1] != ' '))
			break;
		if (win(s + o, l, local_seps)) {
			size_t lo, ll;
			word_before(sc, o, &lo, &ll);
			/* "a dot morales at": a single letter is an initial */
			if (start == i || !ll || (ll > 1 && win(s + lo, ll, label_stop)))
				break;
			start = k = lo;
			continue;
		}
		if (words++ == 4 || win(s + o, l, label_stop) || win(s + o, l, local_stop))
			break;
		start = k = o;
	}
	if (start == i) {
		drop_after(sc, a);
		return found(sc, a, url_path(sc, de), PII_URL);
	}
	drop_after(sc, start);
	return found(sc, start, de, PII_EMAIL);
}

/* The start of a host name said as several words before its first
 * label hs ("visit ada county dot gov"): up to two more words back, all
 * plain, when a cue for an address stands before them; else hs.  Without
 * the cue the words stay ("i love healthykids dot org"). */
static size_t
host_words(const scan *sc, size_t hs)
{
	const unsigned char *s = sc->s;
	size_t xs = hs, o, l;
	for (int w = 0; w < 2; w++) {
		word_before(sc, xs, &o, &l);
		if (!l || (o > 0 && s[o - 1] != ' ') || win(s + o, l, url_cues) ||
		    win(s + o, l, label_stop) || win(s + o, l, local_stop))
			break;
		xs = o;
	}
	if (xs == hs)
		return hs;
	word_before(sc, xs, &o, &l);
	/* "the site is just mercy valley dot org" */
	if (l && (weq(s + o, l, "just") || weq(s + o, l, "simply")))
		word_before(sc, o, &o, &l);
	/* "our site, ada schools dot org": the cue before a comma */
	if (!l && xs >= 3 && s[xs - 1] == ' ' && s[xs - 2] == ',') {
		o = l = 0;
		for (size_t b = xs - 2; b > 0 && isalnum_(s[b - 1]); b--)
			o = b - 1, l = xs - 2 - o;
	}
	/* "it's ada schools dot org", "that's": a word then 's */
	if (l == 1 && tolow(s[o]) == 's' && o >= 2 && s[o - 1] == '\'' && isalpha_(s[o - 2]))
		return xs;
	return l && win(s + o, l, url_cues) ? xs : hs;
}

/* The scheme said before a host at hs: "https colon slash slash",
 * "h t t p s colon slash slash"; its start, or hs. */
static size_t
scheme_before(const scan *sc, size_t hs)
{
	static const char *const seq[] = { "slash", "slash", "colon" };
	const unsigned char *s = sc->s;
	size_t k = hs, o, l;
	for (int j = 0; j < 3; j++) {
		word_before(sc, k, &o, &l);
		if (!l || !weq(s + o, l, seq[j]))
			return hs;
		k = o;
	}
	word_before(sc, k, &o, &l);
	if (l && (weq(s + o, l, "https") || weq(s + o, l, "http")))
		return o;
	/* "h-t-t-p-s", as some write the letters said */
	size_t q = k;
	while (q > 0 && s[q - 1] == ' ')
		q--;
	for (size_t w = 9; w >= 7; w -= 2)
		if (q >= w && (q == w || !isalnum_(s[q - w - 1])) &&
		    weq(s + q - w, w, w == 9 ? "h-t-t-p-s" : "h-t-t-p"))
			return q - w;
	/* letters, last first: s p t t h, the s optional */
	static const char spelt[] = "sptth";
	size_t j = 0;
	while (j < 5) {
		word_before(sc, k, &o, &l);
		if (l != 1 || tolow(s[o]) != spelt[j]) {
			if (j == 0) {
				j++;
				continue;     /* http without the s */
			}
			break;
		}
		k = o;
		j++;
	}
	return j == 5 ? k : hs;
}

/*
 * At "at" or "dot": an address said aloud.  "faith dot lin at yahoo dot
 * com" and "f lin at gmail dot com" are EMAIL; "www dot riverside dot
 * org" and "riverside dot org slash careers" are URL.  The domain must
 * end in a common top-level domain; the label before the first "dot" or
 * "at" is not a pronoun or article.  The spans found before, inside the
 * address, give way to it.
 */
static size_t
spoken_addr(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t o, l, start;
	if (s[i + 1] == 't' || s[i + 1] == 'T')
		return at_addr(sc, i);
	word_before(sc, i, &o, &l);
	/* "m o r p c dot org", "greater dayton r t a dot org": letters
	 * said one by one are one label, and may go on a word before */
	size_t lb = spelt_before(sc, i);
	if (lb != i) {
		size_t po, pl;
		word_before(sc, lb, &po, &pl);
		if (pl > 1 && !win(s + po, pl, label_stop) && !win(s + po, pl, url_cues) &&
		    !win(s + po, pl, local_stop) && !win(s + po, pl, local_seps))
			lb = po;
		o = lb;
	} else if (!l || win(s + o, l, label_stop))
		return 0;
	start = o;
	size_t last = o;      /* the label just before this "dot" */
	/* At most 8 labels back and 16 on, so that "a dot b dot c ..." costs
	 * no more than its length, however long. */
	for (int back = 0; back < 8; back++) {
		size_t so, sl, lo, ll;
		word_before(sc, start, &so, &sl);
		if (!sl || !win(s + so, sl, local_seps))
			break;
		word_before(sc, so, &lo, &ll);
		if (!ll || win(s + lo, ll, label_stop))
			break;
		start = lo;
	}
	int initial = 0;
	/* "s r c dayton dot org": spelt letters before the first label */
	size_t sb = spelt_before(sc, start);
	word_before(sc, start, &o, &l);
	if (sb != start)
		start = sb;
	else if (l == 1 && isalpha_(s[o]) && tolow(s[o]) != 'a' && tolow(s[o]) != 'i') {
		start = o;                       /* "f lin at" */
		initial = 1;
	}
	/* forward: the local part, labels joined by dot, underscore, dash */
	size_t p = initial ? next_start(sc, start + 1) : start, e = p, q;
	int nl = 0, more = !initial || p != 0;
	while (more && nl < 16) {
		size_t le = label_at(sc, p);
		if (le == p)
			break;
		nl++;
		e = le;
		if ((q = next_start(sc, e)) == 0)
			break;
		size_t we = word_end(sc, q);
		if (we == q || !win(s + q, we - q, local_seps))
			break;
		p = next_start(sc, we);
		more = p != 0;
	}
	if (nl == 0)
		return 0;
	/* " at " and a domain: an e-mail address */
	if ((q = next_start(sc, e)) != 0 && word_is(sc, q, "at") &&
	    (p = next_start(sc, q + 2)) != 0) {
		size_t dl;
		int dn;
		size_t de = dotted(sc, p, &dl, &dn);
		if (dn >= 2 && tld_at(sc, dl, de) &&
		    !win(s + p, word_end(sc, p) - p, label_stop)) {
			drop_after(sc, start);
			return found(sc, start, de, PII_EMAIL);
		}
	}
	/* otherwise a host name: labels joined by "dot" only */
	size_t hs = initial ? next_start(sc, start + 1) : start, dl;
	int dn;
	if (initial && !hs)
		return 0;
	size_t de = dotted(sc, hs, &dl, &dn);
	/* "rural dash heart dash connect dot net": a host label said with
	 * its dashes; the labels back to start were joined by them */
	if ((dn < 2 || !tld_at(sc, dl, de)) && !initial && last != hs) {
		de = dotted(sc, last, &dl, &dn);
		for (size_t k = hs; k < last && dn >= 2; ) {
			size_t ke = label_at(sc, k), q2 = next_start(sc, ke);
			size_t q2e = q2 ? word_end(sc, q2) : 0;
			if (!q2 || (!weq(s + q2, q2e - q2, "dash") && !weq(s + q2, q2e - q2, "hyphen")))
				dn = 0;
			else
				k = next_start(sc, q2e);
			if (!k)
				dn = 0;
		}
	}
	if (dn < 2 || !tld_at(sc, dl, de) || de < i)
		return 0;
	/* "w w w dot ...": the first two w are no initial of a name */
	size_t w1o, w1l, w2o, w2l;
	if (word_end(sc, hs) == hs + 1 && tolow(s[hs]) == 'w') {
		word_before(sc, hs, &w1o, &w1l);
		word_before(sc, w1o, &w2o, &w2l);
		if (w1l == 1 && w2l == 1 && tolow(s[w1o]) == 'w' && tolow(s[w2o]) == 'w') {
			hs = w2o;
			initial = 0;
		}
	}
	if (!initial) {
		size_t h0 = hs;
		hs = scheme_before(sc, host_words(sc, hs));
		/* "h t t p s colon slash slash my chart dot": one or two words
		 * between the scheme and the host's first dot are its label */
		for (size_t k = h0, w = 0, o2, l2; hs == h0 && w < 2; w++) {
			word_before(sc, k, &o2, &l2);
			if (!l2 || weq(s + o2, l2, "slash"))
				break;
			k = o2;
			if (scheme_before(sc, k) != k)
				hs = scheme_before(sc, k);
		}
	}
	de = url_path(sc, de);
	drop_after(sc, hs);
	return found(sc, hs, de, PII_URL);
}

/* Before "the" and a day said alone: "home on the fourteenth". */
static const char *const day_before[] = {
	"on", "by", "since", "until", "till", "from", "before", "after", NULL
};
/* "the twenty second of last month" */
static const char *const of_when[] = { "last", "next", "this", "that", NULL };

/* "monday the sixth", "the week of the twelfth": a day of the month
 * without its month, where a weekday or "the week of" says it is one. */
static size_t
weekday_ordinal(scan *sc, size_t i, size_t e, unsigned v)
{
	const char *s = (const char *)sc->s;
	size_t o, l, o2, l2;
	if (!e || v > 31 || !end_ok(sc, e))
		return 0;
	/* a noun after it is what it counts: "monday the first thing" */
	size_t q = next_start(sc, e), qe = 0;
	if (q && sc->s[e] == ' ' && (qe = word_end(sc, q)) > q &&
	    !win(sc->s + q, qe - q, label_stop) && !win(sc->s + q, qe - q, day_after))
		return 0;
	prev_word(sc, i, &o, &l);
	if (l != 3 || !weq(sc->s + o, 3, "the"))
		return 0;
	prev_word(sc, o, &o2, &l2);
	if (l2 && win(sc->s + o2, l2, qp_weekdays))
		return found(sc, o2, e, PII_DATE);
	/* "home on the fourteenth", "on the twenty second of last month";
	 * not "on the second of three days" */
	if (l2 && win(sc->s + o2, l2, day_before)) {
		/* "from the first and second years": ordinals that count */
		unsigned v2;
		size_t r2;
		if (q && (weq(sc->s + q, qe - q, "and") || weq(sc->s + q, qe - q, "or")) &&
		    (r2 = next_start(sc, qe)) != 0 && nw_ordinal(s, sc->n, r2, &v2))
			return 0;
		if (q && qe - q == 2 && weq(sc->s + q, 2, "of")) {
			size_t r = next_start(sc, qe), re;
			if (!r || (re = word_end(sc, r)) == r || !win(sc->s + r, re - r, of_when))
				return 0;
			size_t m = next_start(sc, re), me;
			if (!m || (me = word_end(sc, m)) == m || !weq(sc->s + m, me - m, "month"))
				return 0;
			/* the day is the identifier; "of last month" says nothing */
			return found(sc, i, e, PII_DATE);
		}
		return found(sc, i, e, PII_DATE);
	}
	if (l2 == 2 && weq(sc->s + o2, 2, "of")) {
		prev_word(sc, o2, &o, &l);
		if (l == 4 && weq(sc->s + o, 4, "week"))
			return found(sc, i, e, PII_DATE);
	}
	return 0;
}

/* Holidays that name a day of the year; with a year they are a date
 * ("christmas eve twenty nineteen"), alone they stay. */
static const char *const holidays[] = {
	"christmas", "thanksgiving", "easter", "halloween", "hanukkah", "diwali",
	"eid", "valentine's", "valentines", "independence", "labor", "labour",
	"memorial", "mother's", "father's", NULL
};

/* Holidays that are a day of the year said alone ("the worst was
 * thanksgiving"), unless a noun after them makes them a kind of thing
 * ("a christmas tree", "easter seals"). */
static const char *const holidays_alone[] = {
	"christmas", "thanksgiving", "easter", "halloween", "hanukkah", "diwali",
	"kwanzaa", NULL
};
static const char *const holiday_things[] = {
	"seals", "island", "tree", "trees", "lights", "music", "song", "songs",
	"carol", "carols", "movie", "movies", "card", "cards", "sweater", "cactus",
	"bunny", "candy", "costume", "costumes", "decorations", "eve", "day", NULL
};

/* The word (letters and apostrophes) ending at k, blanks and commas
 * before k skipped: its start in *b and end in *e; false if none. */
static bool
word_ending(const unsigned char *s, size_t k, size_t *b, size_t *e)
{
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ','))
		k--;
	*e = k;
	while (k > 0 && (isalpha_(s[k - 1]) || s[k - 1] == '\''))
		k--;
	*b = k;
	return k < *e;
}

/* The start of a holiday said just before the year at i, or i:
 * "christmas", "christmas eve", "labor day", "new year's day". */
static size_t
holiday_before(const scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t b, e, b2, e2, b3, e3;
	if (!word_ending(s, i, &b, &e))
		return i;
	if (!weq(s + b, e - b, "eve") && !weq(s + b, e - b, "day"))
		return win(s + b, e - b, holidays) ? b : i;
	if (!word_ending(s, b, &b2, &e2))
		return i;
	if (weq(s + b2, e2 - b2, "year's") || weq(s + b2, e2 - b2, "years"))
		return word_ending(s, b2, &b3, &e3) && weq(s + b3, e3 - b3, "new") ? b3 : i;
	return win(s + b2, e2 - b2, holidays) ? b2 : i;
}

/* "oh four slash one two slash forty one": a date said with its
 * slashes, month and day (either order) of one or two digits, then a
 * year of two or four; its end, or 0. */
static size_t
slash_date(scan *sc, size_t i)
{
	const char *s = (const char *)sc->s;
	unsigned v[3];
	size_t p = i, e = i;
	for (int k = 0; k < 3; k++) {
		nw_run r;
		if (k > 0) {
			size_t q = next_start(sc, e);
			if (!q || !word_is(sc, q, "slash") || !(p = next_start(sc, q + 5)))
				return 0;
		}
		e = nw_digits(s, sc->n, p, 0, &r);
		if (e == p || r.ndig < 1 || r.ndig > (k < 2 ? 2 : 4) || (k == 2 && r.ndig == 3) ||
		    (k == 2 && r.ndig == 1))
			return 0;
		v[k] = 0;
		for (int d = 0; d < r.ndig; d++)
			v[k] = v[k] * 10 + (unsigned)(r.dig[d] - '0');
	}
	bool md = v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= 31;
	bool dm = v[1] >= 1 && v[1] <= 12 && v[0] >= 1 && v[0] <= 31;
	if (!(md || dm) || !end_ok(sc, e))
		return 0;
	return found(sc, i, e, PII_DATE);
}

/* A number word at i: a date ("fourth of july"), a phone number or ID
 * said aloud, a house number.  Returns where the scan goes on, or 0. */
static size_t
spoken_number(scan *sc, size_t i, enum nw_kind k)
{
	size_t r;
	if ((k == NW_ORD || k == NW_TENS) && (r = ordinal_of_month(sc, i)) != 0)
		return r;
	if (k == NW_ORD || k == NW_TENS) {
		unsigned dv = 0;
		size_t de = nw_ordinal((const char *)sc->s, sc->n, i, &dv);
		if ((r = weekday_ordinal(sc, i, de, dv)) != 0)
			return r;
	}
	unsigned yv;
	if ((r = nw_year((const char *)sc->s, sc->n, i, &yv)) != 0 && born_before(sc, i))
		return found(sc, i, r, PII_DATE);
	size_t hb;
	if (r && end_ok(sc, r) && (hb = holiday_before(sc, i)) != i)
		return found(sc, hb, r, PII_DATE);
	if (k == NW_ORD || k == NW_THOUSAND)
		return 0;
	if ((r = slash_date(sc, i)) != 0)
		return r;
	if ((r = try_box(sc, i, 0)) != 0)
		return r;
	nw_run run;
	if ((r = spoken_digits(sc, i, &run)) != 0)
		return r;
	if (run.nitems > 0 && run.ndig >= 1 && run.ndig <= 5) {
		/* "twenty one hundred river road", "four thousand two hundred
		 * elm street": hundreds and thousands after a number read in
		 * pairs, which nw_digits leaves, and the number after them */
		size_t he = run.end[run.nitems - 1], q;
		for (int k2 = 0; k2 < 3 && run.nitems <= 2 && (q = next_start(sc, he)) != 0; k2++) {
			size_t w2 = word_end(sc, q), q2, e2;
			if (!weq(sc->s + q, w2 - q, "hundred") && !weq(sc->s + q, w2 - q, "thousand"))
				break;
			he = w2;
			if ((q2 = next_start(sc, he)) != 0 && (e2 = number_at(sc, q2)) > q2)
				he = e2;
		}
		if ((r = try_street(sc, i, he)) != 0)
			return r;
	}
	return run.nitems > 1 ? run.end[run.nitems - 1] : 0;
}

/*
 * Every word of the text is asked whether it can start a spoken
 * identifier: a number word, a month, "at" or "dot".  A 4096-bit set
 * hashed on the length and the first two and last two letters turns
 * away almost every other word with one lookup (about 1 in 40 of the
 * benchmark's words passes); those are looked up properly.
 */
static uint64_t said_bits[64];
static uint16_t said_len[26];  /* per first letter, a bit per length */
static int said_ready;

static inline unsigned
said_hash(const unsigned char *w, size_t n)
{
	uint64_t h = (uint64_t)n << 32 | (uint64_t)tolow(w[0]) << 24 |
	             (uint64_t)tolow(w[1]) << 16 | (uint64_t)tolow(w[n - 2]) << 8 |
	             (uint64_t)tolow(w[n - 1]);
	return (unsigned)((h * 0x9E3779B97F4A7C15ULL) >> 52);
}

static void
said_init(void)
{
	const char *w[160];
	size_t k = nw_all(w, 90);
	for (int m = 0; qp_months[m]; m++)
		w[k++] = qp_months[m];
	w[k++] = "at";
	w[k++] = "dot";
	w[k++] = "eve";
	w[k++] = "day";
	w[k++] = "friday";
	for (int h = 0; holidays_alone[h]; h++)
		w[k++] = holidays_alone[h];
	w[k++] = "corner";
	w[k++] = "intersection";
	for (int t = 0; bare_types[t]; t++)
		w[k++] = bare_types[t];
	for (size_t j = 0; j < k; j++) {
		size_t n = strlen(w[j]);
		unsigned h = said_hash((const unsigned char *)w[j], n);
		said_bits[h >> 6] |= 1ULL << (h & 63);
		said_len[w[j][0] - 'a'] |= (uint16_t)(1u << n);
	}
	said_ready = 1;
}

/* Can w[0..n), a word of letters, begin a spoken identifier?  First
 * letter and length, then the hashed set: no word is compared. */
static inline int
said_maybe(const unsigned char *w, size_t n)
{
	if (n - 2 > 10)
		return 0;
	unsigned c = (unsigned)tolow(w[0]) - 'a', h;
	if (c > 25 || !(said_len[c] >> n & 1))
		return 0;
	h = said_hash(w, n);
	return said_bits[h >> 6] >> (h & 63) & 1;
}

static size_t
try_spoken(scan *sc, size_t i, size_t we)
{
	const unsigned char *s = sc->s;
	size_t wl = we - i;
	unsigned v;
	if (!said_maybe(s + i, wl))
		return 0;
	enum nw_kind k = nw_class((const char *)s + i, wl, &v);
	if (k != NW_NONE)
		return spoken_number(sc, i, k);
	if ((wl == 2 && weq(s + i, 2, "at")) || (wl == 3 && weq(s + i, 3, "dot")))
		return spoken_addr(sc, i);
	/* "on christmas eve", "new year's eve": a day of the year */
	size_t hb;
	unsigned yv;
	size_t ny = next_start(sc, we);
	if (wl == 3 && weq(s + i, 3, "eve") && (hb = holiday_before(sc, we)) != we &&
	    !(ny && nw_year((const char *)s, sc->n, ny, &yv)))
		return found(sc, hb, we, PII_DATE);
	/* "on labor day", "christmas day", "new year's day", "good friday",
	 * "thanksgiving": holidays name a day of the year */
	if (wl == 3 && weq(s + i, 3, "day") && (hb = holiday_before(sc, we)) != we &&
	    !(ny && nw_year((const char *)s, sc->n, ny, &yv)))
		return found(sc, hb, we, PII_DATE);
	if (wl == 6 && weq(s + i, 6, "friday") && i >= 5 && s[i - 1] == ' ' &&
	    weq(s + i - 5, 4, "good") && (i == 5 || !isalnum_(s[i - 6])))
		return found(sc, i - 5, we, PII_DATE);
	if (wl >= 6 && win(s + i, wl, holidays_alone)) {
		size_t q = next_start(sc, we), qe;
		if (!(q && s[we] == ' ' && (qe = word_end(sc, q)) > q &&
		      win(s + q, qe - q, holiday_things)))
			return found(sc, i, we, PII_DATE);
	}
	if (wl >= 3 && wl <= 9 && wl_has(&month_list, s + i, wl))
		return month_words(sc, i, we);
	if (wl_has(&street_type_list, s + i, wl))
		return street_named(sc, i, we);
	if ((wl == 6 && weq(s + i, 6, "corner")) || (wl == 12 && weq(s + i, 12, "intersection")))
		return try_corner(sc, we);
	return 0;
}

/* A digit after blanks at p, as after the month of "March 3"? */
static inline int
month_digit(const scan *sc, size_t p)
{
	while (p < sc->n && sc->s[p] == ' ')
		p++;
	return p < sc->n && isdig(sc->s[p]);
}

/* A word that starts with a letter. */
static size_t
try_letters(scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t we = i;
	unsigned acc = 0;
	while (we < sc->n && isalnum_(s[we]))
		acc |= ctab[s[we++]];
	size_t wl = we - i, r;
	unsigned char nx = we < sc->n ? s[we] : 0;
	int has_digit = acc & C_D;

	/* Most words: letters only, no month or cue word, and nothing after
	 * them that an identifier could continue with. */
	if (!has_digit && nx != '.' && nx != ':' && nx != '-' &&
	    (sc->nextdig - we > 40 ||
	     (!(nx == ' ' && month_digit(sc, we) && wl_has(&month_list, s + i, wl)) &&
	      !wl_has(&id_cue_list, s + i, wl)))) {
		if (said_maybe(s + i, wl) && (r = try_spoken(sc, i, we)) != 0)
			return r;
		while (we < sc->n && iswordb(s[we]))
			we++;
		return we;
	}

	if ((s[i] == 'h' || s[i] == 'H') && wl >= 4 && wl <= 5 &&
	    we + 3 <= sc->n && s[we] == ':' && s[we + 1] == '/' && s[we + 2] == '/' &&
	    (weq(s + i, wl, "http") || weq(s + i, wl, "https"))) {
		size_t e = url_tail(sc, we + 3);
		if (e > we + 3) {
			emit(sc, i, e, PII_URL);
			return e;
		}
	}
	if (wl == 3 && weq(s + i, 3, "www") && we + 1 < sc->n && s[we] == '.' &&
	    isalnum_(s[we + 1])) {
		size_t e = url_tail(sc, we);
		emit(sc, i, e, PII_URL);
		return e;
	}
	if (!has_digit) {
		if (wl >= 3 && wl <= 9 && (r = date_month_first(sc, i, we)) != 0)
			return r;
		if (wl_has(&id_cue_list, s + i, wl) &&
		    (r = try_id_cue(sc, we)) != 0)
			return r;
	}
	if (has_digit && (r = mixed_code(sc, i)) != 0)
		return r;
	if (nx == '-' && wl <= 4 && (r = dashed_code(sc, i)) != 0)
		return r;
	if ((has_digit || (isup(s[i]) && we < sc->n && s[we] == '-')) &&
	    (r = try_caps(sc, i)) != 0)
		return r;
	if (we < sc->n && (s[we] == '.' || s[we] == '-') && (r = try_domain(sc, i)) != 0)
		return r;
	if (!has_digit && (r = try_spoken(sc, i, we)) != 0)
		return r;
	while (we < sc->n && iswordb(s[we]))
		we++;
	return we;
}

static int
islocal(unsigned char c)
{
	return isalnum_(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* At an '@': the address around it, replacing any span found inside
 * its local part before the '@' was reached. */
static size_t
try_email(scan *sc, size_t a)
{
	const unsigned char *s = sc->s;
	size_t l = a, r = a + 1, lab, last = 0;

	while (l > 0 && islocal(s[l - 1]))
		l--;
	while (l < a && s[l] == '.')
		l++;
	if (l == a)
		return a + 1;
	for (;;) {
		lab = r;
		while (r < sc->n && (isalnum_(s[r]) || s[r] == '-'))
			r++;
		if (r == lab)
			break;
		last = lab;
		if (r + 1 < sc->n && s[r] == '.' && isalnum_(s[r + 1]))
			r++;
		else
			break;
	}
	if (last <= a + 1 || r - last < 2)
		return a + 1;
	for (size_t k = last; k < r; k++)
		if (!isalpha_(s[k]))
			return a + 1;
	while (sc->cnt > 0 && (*sc->out)[sc->cnt - 1].off +
	       (*sc->out)[sc->cnt - 1].len > l)
		sc->cnt--;
	emit(sc, l, r, PII_EMAIL);
	return r;
}

/* The offset of the first digit in s[i..n), or n.  Speech has few
 * digits, so this ran to the field's end from most words: 16 bytes a
 * step where SSE2 is there. */
static size_t
next_digit(const unsigned char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i zero = _mm_set1_epi8('0'), nine = _mm_set1_epi8(9);
	for (; i + 16 <= n; i += 16) {
		__m128i x = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(s + i)), zero);
		/* a digit is 0..9 after the subtraction, as unsigned bytes */
		int bits = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(x, nine), x));
		if (bits)
			return i + (size_t)__builtin_ctz((unsigned)bits);
	}
#endif
	while (i < n && !isdig(s[i]))
		i++;
	return i;
}

size_t
pii_scan(const char *text, size_t n, pii_span **out, size_t *cap)
{
	scan sc = { (const unsigned char *)text, n, out, cap, 0, 0 };
	const unsigned char *s = sc.s;
	size_t i = 0;

	if (__builtin_expect(!said_ready, 0))
		said_init();
	/* A written identifier has a digit, an '@' or a dot before a letter,
	 * but a spoken one has none of them: every word is looked at, and
	 * try_letters turns most away by their first letter and length. */

	while (i < n) {
		while (i < n && !(ctab[s[i]] & (C_D | C_U | C_L | C_T)))
			i++;
		if (i >= n)
			break;
		unsigned char c = s[i];
		if (c == '@') {
			i = try_email(&sc, i);
			continue;
		}
		if (isalnum_(c)) {
			if (i > 0 && iswordb(s[i - 1])) {
				i++;
				continue;
			}
			if (isdig(c)) {
				i = try_digits(&sc, i);
				continue;
			}
			/* Month and cue words matter only with a digit soon
			 * after them: know where the next digit is. */
			if (sc.nextdig <= i)
				sc.nextdig = next_digit(s, i, n);
			i = try_letters(&sc, i);
			continue;
		}
		if (c == '+' && i + 1 < n && isdig(s[i + 1])) {
			i = try_intl(&sc, i);
			continue;
		}
		if (c == '(' && i + 1 < n && isdig(s[i + 1])) {
			i = try_paren(&sc, i);
			continue;
		}
		i++;
	}
	return sc.cnt;
}

static const char *const said_sym[] = { "dot", "at", "slash", "underscore", "dash", "hyphen", NULL };

/* A spoken address written out: "faith dot lin at yahoo dot com" is
 * "faithlin@yahoo.com"'s form "faith.lin@yahoo.com"; blanks dropped. */
static void
said_to_written(const unsigned char *s, size_t n, qp_buf *out)
{
	size_t i = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && isalnum_(s[e]))
			e++;
		if (e == i) {
			if (s[i] != ' ' && s[i] != ',')
				buf_addc(out, (char)s[i]);
			i++;
			continue;
		}
		int k;
		for (k = 0; said_sym[k] && !weq(s + i, e - i, said_sym[k]); k++)
			;
		if (said_sym[k])
			buf_addc(out, ".@/_--"[k]);
		else
			for (size_t j = i; j < e; j++)
				buf_addc(out, (char)s[j]);
		i = e;
	}
}

void
pii_norm(enum pii_cat cat, const char *text, size_t n, qp_buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, start = out->len;
	nw_run run;

	/* Spoken forms first become written ones, then take the same way. */
	if ((cat == PII_EMAIL || cat == PII_URL) && memchr(s, ' ', n)) {
		qp_buf w = QP_BUF_INIT;
		said_to_written(s, n, &w);
		pii_norm(cat, w.s ? w.s : "", w.len, out);
		buf_free(&w);
		return;
	}
	if (cat == PII_PHONE || cat == PII_ID || cat == PII_ADDRESS) {
		size_t e = 0;
		for (size_t k = 0; k < n && !e; k++)
			if (isalpha_(s[k]))
				e = nw_digits(text, n, 0, 1, &run);
		if (e > 0 && (e == n || cat == PII_ADDRESS)) {
			buf_adds(out, run.dig);
			if (cat == PII_PHONE && run.ndig == 11 && run.dig[0] == '1') {
				memmove(out->s + start, out->s + start + 1, 10);
				out->len--;
				out->s[out->len] = '\0';
			}
			i = e;
			if (cat != PII_ADDRESS)
				return;
		}
	}

	switch (cat) {
	case PII_EMAIL:
		for (; i < n; i++)
			buf_addc(out, (char)tolow(s[i]));
		break;
	case PII_URL:
		if (n >= 8 && weq(s, 8, "https://"))
			i = 8;
		else if (n >= 7 && weq(s, 7, "http://"))
			i = 7;
		if (n - i >= 4 && weq(s + i, 4, "www."))
			i += 4;
		while (n > i && s[n - 1] == '/')
			n--;
		for (; i < n; i++)
			buf_addc(out, (char)tolow(s[i]));
		break;
	case PII_PHONE:
		for (; i < n; i++)
			if (isdig(s[i]))
				buf_addc(out, (char)s[i]);
		if (out->len - start == 11 && out->s[start] == '1') {
			memmove(out->s + start, out->s + start + 1, 10);
			out->len--;
			out->s[out->len] = '\0';
		}
		break;
	default:
		for (; i < n; i++)
			if (isalnum_(s[i]) || s[i] >= 0x80)
				buf_addc(out, (char)tolow(s[i]));
		break;
	}
}
