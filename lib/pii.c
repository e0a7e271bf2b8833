/*
 * pii.c: the scanner of pii.h.  The scan over the bytes (pii_scan), the
 * span array, and the identifiers written with digits, '@', dots or
 * capitals: phone numbers, dates written, ZIP codes, IDs after a cue,
 * codes, e-mail and web addresses; and pii_norm.  The spoken forms are in
 * pii_spoken.c, street addresses in pii_addr.c (see pii_int.h).
 */
#include "pii.h"
#include "numword.h"
#include "qp.h"
#include "words.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "pii_int.h"

const char *const pii_cat_name[PII_NCAT] = {
	"EMAIL", "URL", "PHONE", "DATE", "ID", "POSTCODE", "ADDRESS"
};

void
pii_emit(scan *sc, size_t off, size_t end, enum pii_cat cat)
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
		    pii_win(sc->s + b, k - b, qp_weekdays))
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

/* Is w[0..n) (any case) one of the lower-case words of list?  The
 * cold-path lookup: qp_word_in on the word lower-cased. */
int
pii_win(const unsigned char *w, size_t n, const char *const *list)
{
	char lw[32];
	if (n > sizeof lw)
		return 0;     /* longer than any word of the lists */
	for (size_t i = 0; i < n; i++)
		lw[i] = (char)tolow(w[i]);
	return qp_word_in(lw, n, list);
}

/* Filled on a list's first use (wl_has). */
void
pii_wl_init(wlist *l)
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

/* Every word of the text meets the month words (words.h). */
wlist pii_month_list = { .words = qp_month_words };

int
pii_month(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;
	if (!wl_has(&pii_month_list, u, n))
		return 0;
	for (int m = 0; qp_months[m]; m++)
		if (weq(u, n, qp_months[m]) || weq(u, n, qp_month_abbrevs[m]))
			return m + 1;
	if (weq(u, n, "sept"))
		return 9;
	return 0;
}

static size_t
spaces(const scan *sc, size_t i)
{
	while (i < sc->n && sc->s[i] == ' ')
		i++;
	return i;
}

static unsigned
num(const unsigned char *p, size_t n)
{
	unsigned v = 0;
	for (size_t i = 0; i < n && i < 9; i++)
		v = v * 10 + (unsigned)(p[i] - '0');
	return v;
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
		pii_emit(sc, i, y, PII_DATE);
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
	pii_emit(sc, i, e, PII_DATE);
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
	pii_emit(sc, d, ye != e ? ye : we, PII_DATE);
	return ye != e ? ye : we;
}

static int
valid_md(unsigned a, unsigned b)
{
	return a >= 1 && b >= 1 &&
	       ((a <= 12 && b <= 31) || (a <= 31 && b <= 12));
}

/* The words before a date written 3/4 (with the weekdays of words.h). */
const char *const pii_date_cues[] = {
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
	if (l == 0 || !pii_win(sc->s + o, l, zip_cues))
		return 0;
	if (l == 2) {
		if (isup(sc->s[o]) && isup(sc->s[o + 1]))
			return 1;
		/* Lower-case text ("hollis, ny 12808"): an abbreviation
		 * that is also an English word ("in 12808 cases", "or
		 * 12808") never counts. */
		return islow(sc->s[o]) && islow(sc->s[o + 1]) &&
		       !pii_win(sc->s + o, l, zip_words);
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

/*
 * Five or more digits written one by one at i..ge ("3 3 1 9 0 4 8", as a
 * transcriber types digits said singly), nd of them: a phone number's
 * count of digits is a PHONE, any other an ID, and so is every run
 * after letters joined by dashes ("C-A-T 0 0 7 1 4 8 9 2", from the
 * letters).  Digits counted up ("1 2 3 4 5") are nothing.
 */
static size_t
single_digits(scan *sc, size_t i, size_t ge, int nd)
{
	const unsigned char *s = sc->s;
	bool up = true;
	for (size_t p = i + 2; p < ge && up; p += 2)
		up = s[p] == s[p - 2] + 1;
	if (up)
		return 0;
	size_t b = i;
	if (i >= 4 && s[i - 1] == ' ' && isalpha_(s[i - 2]) && s[i - 3] == '-') {
		size_t k = i - 2;
		while (k >= 2 && s[k - 1] == '-' && isalpha_(s[k - 2]) && (k < 3 || !isalnum_(s[k - 3])))
			k -= 2;
		if (k < i - 2 && (k == 0 || !isalnum_(s[k - 1])))
			b = k;
	}
	bool phone = nd == 7 || nd == 10 || (nd == 11 && (s[i] == '1' || s[i] == '0'));
	return found(sc, b, ge, b == i && phone ? PII_PHONE : PII_ID);
}

/* A word after a number at e that makes it an amount, not the end of a
 * card's number: "the road ends in 1200 feet". */
static int
measure_after(const scan *sc, size_t e)
{
	static const char *const w[] = {
		"feet", "foot", "ft", "miles", "mile", "meters", "metres", "yards",
		"km", "kilometers", "kilometres", "steps", "minutes", "hours", "days",
		"weeks", "dollars", "bucks", "people", "words", "pages", "points", NULL
	};
	size_t q = next_start(sc, e), qe;
	return q && (qe = word_end(sc, q)) > q && pii_win(sc->s + q, qe - q, w);
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
	    (r = spoken_weekday_ordinal(sc, i, oe, len == 1 ? (unsigned)(s[i] - '0') :
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
	if (len == 1 && ng >= 5 && nd == ng && end_ok(sc, ge) && (r = single_digits(sc, i, ge, nd)) != 0)
		return r;
	if ((r = addr_box(sc, i, end)) != 0)
		return r;
	if (len >= 6)
		return found(sc, i, end, PII_ID);
	if (len == 4 && year_at(sc, i) && born_before(sc, i))
		return found(sc, i, end, PII_DATE);
	/* "my card ends in 4412", "the last four are 9106"; "ends in 2026"
	 * is a year */
	if (len == 4 && !year_at(sc, i) && end_ok(sc, end) && (r = tail_cue_before(sc, i)) != 0 &&
	    (r == 2 || !measure_after(sc, end)))
		return found(sc, i, end, PII_ID);
	if (len == 5 && zip_context(sc, i))
		return found(sc, i, end, PII_POSTCODE);
	if (end + 1 < sc->n && s[end] == ' ' && isalpha_(s[end + 1])) {
		nw_run run;
		if (len <= 4 && (r = spoken_digits(sc, i, &run)) != 0)
			return r;       /* "415 three three two ..." */
		if (len <= 5 && s[i] != '0' && (r = addr_street(sc, i, end)) != 0)
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
		if (l && (pii_win(s + o, l, pii_date_cues) || pii_win(s + o, l, qp_weekdays)))
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
	pii_emit(sc, i, e, PII_PHONE);
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
	pii_emit(sc, i, last, PII_PHONE);
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

const char *const pii_tlds[] = {
	"com", "org", "net", "edu", "gov", "mil", "io", "co", "uk", "ca",
	"us", "au", "de", "nz", "ie", "info", "biz", "app", "dev", "health",
	"ly", "me", "tv", "ai", "fm", "eu", "nl", "fr", "es", "live", "online",
	"site", "care", "clinic", "church", "xyz", NULL
};

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
	if (nlab < 2 || !pii_win(s + lab, p - lab, pii_tlds))
		return 0;
	if (p < sc->n && (s[p] == '@' || iswordb(s[p])))
		return 0;
	if (p < sc->n && s[p] == '/')
		p = url_tail(sc, p);
	else
		p = spoken_url_path(sc, p);    /* "adaschools.org slash nurse" */
	pii_emit(sc, i, p, PII_URL);
	return p;
}

static const char *const id_cues[] = {
	"mrn", "ssn", "id", "record", "chart", "account", "acct", "member",
	"badge", "file", "ref", "reference", "medicaid", "medicare",
	"license", "licence", "policy", "claim", "passport", "nhs", "patient",
	"case", "pin", "confirmation", "tracking", "order", "ticket",
	"plate", "vin", "routing", "card", "social", "employee", "voucher",
	"incident", "invoice", "reservation", "booking", "serial", "receipt",
	"transaction", "permit", "appeal", "code", "passcode", NULL
};
wlist pii_id_cue_list = { .words = id_cues };

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
	pii_emit(sc, p, e, PII_ID);
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
			pii_emit(sc, i, p + 3, PII_POSTCODE);
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
			pii_emit(sc, i, q + 3, PII_POSTCODE);
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
			pii_emit(sc, i, e, PII_ID);
			return e;
		}
	}
	return 0;
}

/*
 * Every word of the text is asked whether it can start a spoken
 * identifier: a number word, a month, "at" or "dot".  A 4096-bit set
 * hashed on the length and the first two and last two letters turns
 * away almost every other word with one lookup (about 1 in 40 of the
 * benchmark's words passes); those are looked up properly.
 */
uint64_t pii_said_bits[64];
uint16_t pii_said_len[26];  /* per first letter, a bit per length */
static int said_ready;

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
	for (int h = 0; spoken_holidays_alone[h]; h++)
		w[k++] = spoken_holidays_alone[h];
	w[k++] = "corner";
	w[k++] = "intersection";
	for (int h = 0; spoken_handle_cues[h]; h++)
		w[k++] = spoken_handle_cues[h];
	for (int t = 0; addr_bare_types[t]; t++)
		w[k++] = addr_bare_types[t];
	for (size_t j = 0; j < k; j++) {
		size_t n = strlen(w[j]);
		unsigned h = said_hash((const unsigned char *)w[j], n);
		pii_said_bits[h >> 6] |= 1ULL << (h & 63);
		pii_said_len[w[j][0] - 'a'] |= (uint16_t)(1u << n);
	}
	said_ready = 1;
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
	     (!(nx == ' ' && month_digit(sc, we) && wl_has(&pii_month_list, s + i, wl)) &&
	      !wl_has(&pii_id_cue_list, s + i, wl)))) {
		if (said_maybe(s + i, wl) && (r = spoken_try(sc, i, we)) != 0)
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
			pii_emit(sc, i, e, PII_URL);
			return e;
		}
	}
	if (wl == 3 && weq(s + i, 3, "www") && we + 1 < sc->n && s[we] == '.' &&
	    isalnum_(s[we + 1])) {
		size_t e = url_tail(sc, we);
		pii_emit(sc, i, e, PII_URL);
		return e;
	}
	if (!has_digit) {
		if (wl >= 3 && wl <= 9 && (r = date_month_first(sc, i, we)) != 0)
			return r;
		if (wl_has(&pii_id_cue_list, s + i, wl) && !code_of_place(sc, i, wl) &&
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
	if (!has_digit && (r = spoken_try(sc, i, we)) != 0)
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

/* An '@' at a word's start: a social-media handle ("@jess_runs",
 * "@FABC.Savannah"), 2 to 30 letters, digits, '_' and inner dots, one
 * of them a letter; a URL, as the page it names.  "@ 5" and "@3" are
 * none.  Where it ends. */
static size_t
handle_at(scan *sc, size_t a)
{
	const unsigned char *s = sc->s;
	size_t r = a + 1;
	bool letter = false;
	if (a > 0 && (isalnum_(s[a - 1]) || s[a - 1] == '_'))
		return a + 1;
	while (r < sc->n && r - a <= 31 && (isalnum_(s[r]) || s[r] == '_' ||
	                                    (s[r] == '.' && r + 1 < sc->n && isalnum_(s[r + 1]) &&
	                                     r > a + 1)))
		letter |= isalpha_(s[r++]);
	if (r - a - 1 < 2 || r - a - 1 > 30 || !letter || (r < sc->n && (s[r] == '@' || iswordb(s[r]))))
		return a + 1;
	pii_emit(sc, a, r, PII_URL);
	return r;
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
		return handle_at(sc, a);
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
	pii_emit(sc, l, r, PII_EMAIL);
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
