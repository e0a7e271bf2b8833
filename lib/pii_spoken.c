/*
 * pii_spoken.c: identifiers as speech recognisers write them (see
 * pii_int.h): digits said as number words (phone numbers and IDs, after
 * a cue or said one by one), e-mail and web addresses said ("faith dot
 * lin at yahoo dot com", "www dot ..."), dates in words ("the fourth of
 * july", "monday the sixth") and holidays.  Nothing here runs but for a
 * word that said_maybe let through, or a number that pii.c hands over.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "numword.h"
#include "pii.h"
#include "pii_int.h"
#include "words.h"

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
			return !code_of_place(sc, k, e - k);
		/* "birthday's": the 's is no word of its own */
		if (e - k == 1 && s[k] == 's' && k >= 2 && s[k - 1] == '\'') {
			k--;
			continue;
		}
		if (!pii_win(s + k, e - k, cue_fill) &&
		    !(cues == &dob_cue_list && weq(s + k, e - k, "on")))
			return 0;
	}
	return 0;
}

static int
id_cue_before(const scan *sc, size_t i)
{
	return cue_list_before(sc, i, &pii_id_cue_list);
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

/* Words before i that say the digits after them end a longer number:
 * "my card ends in", "mine ends", "the last four are", "the last four
 * of my social are".  1 for an end, 2 for the last four, else 0. */
int
tail_cue_before(const scan *sc, size_t i)
{
	const unsigned char *s = sc->s;
	size_t o, l, o2, l2, k = i;
	word_before(sc, k, &o, &l);
	if (l && (weq(s + o, l, "in") || weq(s + o, l, "with")))
		word_before(sc, o, &o, &l);
	if (l && (weq(s + o, l, "ends") || weq(s + o, l, "ending")))
		return 1;
	for (int step = 0; step < 7; step++, k = o) {
		word_before(sc, k, &o, &l);
		if (!l)
			return 0;
		if (weq(s + o, l, "four") || (l == 1 && s[o] == '4')) {
			word_before(sc, o, &o2, &l2);
			return l2 && weq(s + o2, l2, "last") ? 2 : 0;
		}
	}
	return 0;
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
size_t
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
	/* "the last four are nine one oh six", "mine ends m k seven two":
	 * the end of a number, said digit by digit ("ends in twenty twenty
	 * six" is a year) */
	int tc = tail_cue_before(sc, xb);
	if (tc) {
		int nd = r->ndig, nl = (int)(i - xb) / 2;
		size_t xe = mixed_tail(sc, e, &nd, &nl);
		if ((r->nsingle >= 2 || nl > 0) && nd >= 2 &&
		    (tc == 2 ? nd + nl == 4 : nd + nl >= 4 && nd + nl <= 6))
			return found(sc, xb, xe, PII_ID);
	}
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
		if (nb < dl) {
			/* "c v dash two three dash oh four four one": letters and
			 * a dash before the first group too */
			size_t d2 = dash_before(sc, nb), l3;
			if (d2 != nb && (l3 = letters_before(sc, d2, false)) < d2)
				nb = l3;
			return found(sc, nb, e, PII_ID);
		}
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
		/* "august of ninety eight", "march of oh five": a year in two
		 * digits, said */
		nw_run r;
		size_t y2;
		if (!y && !isdig(sc->s[e]) && (y2 = nw_digits(s, sc->n, e, 0, &r)) > e &&
		    r.ndig == 2 && r.nitems <= 2 && end_ok(sc, y2))
			y = y2;
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
		    !pii_win(sc->s + q, qe - q, label_stop) && !pii_win(sc->s + q, qe - q, day_after))
			return 0;
	}
	if (y == e && we - i == 3 && islow(sc->s[i]) && weq(sc->s + i, 3, "may")) {
		size_t o, l;
		prev_word(sc, i, &o, &l);
		/* at the start of a sentence it is the month: "may twenty
		 * third was the day" */
		bool first = !l && (o == 0 || sc->s[o - 1] == '.' || sc->s[o - 1] == '!' ||
		                    sc->s[o - 1] == '?');
		if (!first && (!l || !(pii_win(sc->s + o, l, pii_date_cues) || weq(sc->s + o, l, "of"))))
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
	if (e == p && ((e = label_at(sc, p)) == p || pii_win(sc->s + p, e - p, label_stop)))
		return e;
	size_t g = e;
	/* "atu seven three two dot org": digits said one by one count as
	 * one word of the group */
	unsigned v;
	for (int w = 1, all = 0; w < 3 && all < 8 && (q = next_start(sc, g)) != 0; all++) {
		if (word_is(sc, q, "dot"))
			return g;
		if ((e2 = letters_label(sc, q)) == q &&
		    ((e2 = label_at(sc, q)) == q || pii_win(sc->s + q, e2 - q, label_stop)))
			break;
		if (nw_class((const char *)sc->s + q, e2 - q, &v) != NW_DIGIT)
			w++;
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
	if (pii_win(sc->s + a, e - a, pii_tlds))
		return 1;
	unsigned char w[8];
	size_t n = 0;
	for (size_t k = a; k < e; k++)
		if (sc->s[k] != ' ') {
			if (n == sizeof w)
				return 0;
			w[n++] = sc->s[k];
		}
	return n < e - a && pii_win(w, n, pii_tlds);
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
size_t
spoken_url_path(const scan *sc, size_t de)
{
	size_t q, p;
	for (int k = 0; k < 16 && (q = next_start(sc, de)) != 0; k++) {
		if (word_is(sc, q, "forward") && (p = next_start(sc, q + 7)) != 0 &&
		    word_is(sc, p, "slash"))
			q = p;
		if (!word_is(sc, q, "slash") || (p = next_start(sc, q + 5)) == 0 ||
		    label_at(sc, p) == p || pii_win(sc->s + p, label_at(sc, p) - p, label_stop))
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
			if (pii_win(sc->s + q, qe - q, label_stop) ||
			    (pii_win(sc->s + q, qe - q, local_stop) && !word_is(sc, q, "up")) ||
			    pii_win(sc->s + q, qe - q, url_cues) || pii_win(sc->s + q, qe - q, path_stop) ||
			    pii_win(sc->s + q, qe - q, local_seps) || word_is(sc, q, "slash") ||
			    word_is(sc, q, "forward"))
				break;
			de = qe;
		}
		/* "asthma dash plan": a step of several words */
		size_t we;
		while ((q = next_start(sc, de)) != 0 && (we = word_end(sc, q)) > q &&
		       pii_win(sc->s + q, we - q, local_seps) && !word_is(sc, q, "dot") &&
		       (p = next_start(sc, we)) != 0 && label_at(sc, p) > p)
			de = label_at(sc, p);
		/* "slash customer dash service dot aspx": a page's extension */
		static const char *const exts[] = {
			"aspx", "asp", "html", "htm", "php", "pdf", "jsp", "cfm", NULL
		};
		if ((q = next_start(sc, de)) != 0 && word_is(sc, q, "dot") &&
		    (p = next_start(sc, q + 3)) != 0 && (we = word_end(sc, p)) > p &&
		    pii_win(sc->s + p, we - p, exts))
			de = we;
	}
	return de;
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
	if (!a || pii_win(s + a, word_end(sc, a) - a, label_stop))
		return 0;
	de = dotted(sc, a, &dl, &dn);
	if (dn < 2 || !tld_at(sc, dl, de))
		return 0;
	for (int step = 0; step < 8; step++) {
		word_before(sc, k, &o, &l);
		if (!l || (o > 0 && s[o - 1] != ' '))
			break;
		if (pii_win(s + o, l, local_seps)) {
			size_t lo, ll;
			word_before(sc, o, &lo, &ll);
			/* "a dot morales at": a single letter is an initial */
			if (start == i || !ll || (ll > 1 && pii_win(s + lo, ll, label_stop)))
				break;
			start = k = lo;
			continue;
		}
		if (words++ == 4 || pii_win(s + o, l, label_stop) || pii_win(s + o, l, local_stop))
			break;
		start = k = o;
	}
	if (start == i) {
		drop_after(sc, a);
		return found(sc, a, spoken_url_path(sc, de), PII_URL);
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
		if (!l || (o > 0 && s[o - 1] != ' ') || pii_win(s + o, l, url_cues) ||
		    pii_win(s + o, l, label_stop) || pii_win(s + o, l, local_stop))
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
	return l && pii_win(s + o, l, url_cues) ? xs : hs;
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
		if (pl > 1 && !pii_win(s + po, pl, label_stop) && !pii_win(s + po, pl, url_cues) &&
		    !pii_win(s + po, pl, local_stop) && !pii_win(s + po, pl, local_seps))
			lb = po;
		o = lb;
	} else if (!l || pii_win(s + o, l, label_stop))
		return 0;
	start = o;
	size_t last = o;      /* the label just before this "dot" */
	/* "atu seven three two dot org", "ward seven dot co dot uk": digits
	 * said one by one, and the word before them, are one label */
	unsigned dv;
	if (lb == i && nw_class((const char *)s + o, l, &dv) == NW_DIGIT) {
		size_t nb = numwords_before(sc, o), po, pl;
		start = last = nb;
		word_before(sc, nb, &po, &pl);
		if (pl > 1 && !pii_win(s + po, pl, label_stop) && !pii_win(s + po, pl, url_cues) &&
		    !pii_win(s + po, pl, local_stop) && !pii_win(s + po, pl, local_seps) &&
		    nw_class((const char *)s + po, pl, &dv) == NW_NONE)
			start = last = po;
	}
	/* At most 8 labels back and 16 on, so that "a dot b dot c ..." costs
	 * no more than its length, however long. */
	for (int back = 0; back < 8; back++) {
		size_t so, sl, lo, ll;
		word_before(sc, start, &so, &sl);
		if (!sl || !pii_win(s + so, sl, local_seps))
			break;
		/* "c v i dash atlanta": letters said one by one, "i" too */
		size_t sp = spelt_before(sc, so);
		if (sp != so) {
			start = sp;
			continue;
		}
		word_before(sc, so, &lo, &ll);
		if (!ll || pii_win(s + lo, ll, label_stop))
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
		if (we == q || !pii_win(s + q, we - q, local_seps))
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
		    !pii_win(s + p, word_end(sc, p) - p, label_stop)) {
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
			/* "c v i dash atlanta dot org": spelt letters, one label */
			size_t ke = letters_label(sc, k);
			if (ke == k)
				ke = label_at(sc, k);
			size_t q2 = next_start(sc, ke);
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
	de = spoken_url_path(sc, de);
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
size_t
spoken_weekday_ordinal(scan *sc, size_t i, size_t e, unsigned v)
{
	const char *s = (const char *)sc->s;
	size_t o, l, o2, l2;
	if (!e || v > 31 || !end_ok(sc, e))
		return 0;
	/* a noun after it is what it counts: "monday the first thing" */
	size_t q = next_start(sc, e), qe = 0;
	if (q && sc->s[e] == ' ' && (qe = word_end(sc, q)) > q &&
	    !pii_win(sc->s + q, qe - q, label_stop) && !pii_win(sc->s + q, qe - q, day_after))
		return 0;
	prev_word(sc, i, &o, &l);
	if (l != 3 || !weq(sc->s + o, 3, "the"))
		return 0;
	prev_word(sc, o, &o2, &l2);
	if (l2 && pii_win(sc->s + o2, l2, qp_weekdays))
		return found(sc, o2, e, PII_DATE);
	/* "home on the fourteenth", "on the twenty second of last month";
	 * not "on the second of three days" */
	if (l2 && pii_win(sc->s + o2, l2, day_before)) {
		/* "from the first and second years": ordinals that count */
		unsigned v2;
		size_t r2;
		if (q && (weq(sc->s + q, qe - q, "and") || weq(sc->s + q, qe - q, "or")) &&
		    (r2 = next_start(sc, qe)) != 0 && nw_ordinal(s, sc->n, r2, &v2))
			return 0;
		if (q && qe - q == 2 && weq(sc->s + q, 2, "of")) {
			size_t r = next_start(sc, qe), re;
			if (!r || (re = word_end(sc, r)) == r || !pii_win(sc->s + r, re - r, of_when))
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
	/* "my birthday is the fourth", "the appointment was the nineteenth
	 * at two": a day, after a word for an event of a day */
	static const char *const day_events[] = {
		"birthday", "appointment", "anniversary", "surgery", "deadline", "due",
		"funeral", "wedding", "hearing", "visit", "procedure", "discharge",
		"induction", "delivery", "date", NULL
	};
	if (l2 && (weq(sc->s + o2, l2, "is") || weq(sc->s + o2, l2, "was") ||
	           weq(sc->s + o2, l2, "s"))) {
		size_t k = o2 > 0 && sc->s[o2 - 1] == '\'' ? o2 - 1 : o2;
		for (int w = 0; w < 2; w++) {
			prev_word(sc, k, &o, &l);
			if (!l)
				break;
			if (pii_win(sc->s + o, l, day_events))
				return found(sc, i, e, PII_DATE);
			k = o;
		}
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
const char *const spoken_holidays_alone[] = {
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
		return pii_win(s + b, e - b, holidays) ? b : i;
	if (!word_ending(s, b, &b2, &e2))
		return i;
	if (weq(s + b2, e2 - b2, "year's") || weq(s + b2, e2 - b2, "years"))
		return word_ending(s, b2, &b3, &e3) && weq(s + b3, e3 - b3, "new") ? b3 : i;
	return pii_win(s + b2, e2 - b2, holidays) ? b2 : i;
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
			if (!q || !word_is(sc, q, "slash") || !(p = next_start(sc, q + 5))) {
				/* "admitted on three slash fourteen": a month and a
				 * day after a date cue */
				size_t o, l;
				prev_word(sc, i, &o, &l);
				if (k == 2 && v[0] >= 1 && v[0] <= 12 && v[1] >= 1 && v[1] <= 31 &&
				    end_ok(sc, e) && l && pii_win(sc->s + o, l, pii_date_cues))
					return found(sc, i, e, PII_DATE);
				return 0;
			}
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
		if ((r = spoken_weekday_ordinal(sc, i, de, dv)) != 0)
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
	if ((r = addr_box(sc, i, 0)) != 0)
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
		if ((r = addr_street(sc, i, he)) != 0)
			return r;
	}
	return run.nitems > 1 ? run.end[run.nitems - 1] : 0;
}

const char *const spoken_handle_cues[] = {
	"instagram", "insta", "twitter", "tiktok", "snapchat", "handle", "username",
	"threads", "bluesky", NULL
};

/*
 * After a word of spoken_handle_cues ending at we: "is", "was" or "on"
 * and a handle said aloud, "at" before it or not: labels joined by
 * "underscore", "dot" or "dash", letters and digits said singly ("my
 * instagram is jess underscore runs", "my snapchat is jessb two two",
 * "twitter at boise moms").  A single plain word needs the "at" ("my
 * instagram is private" stays).  A URL, as the page it names; its
 * start and end in *b and the return, or 0.
 */
static size_t
spoken_handle(scan *sc, size_t we)
{
	const unsigned char *s = sc->s;
	size_t q = next_start(sc, we), qe;
	static const char *const fill[] = { "is", "was", "on", "it's", "its", NULL };
	for (int k = 0; k < 2 && q && (qe = word_end(sc, q)) > q && pii_win(s + q, qe - q, fill); k++)
		q = next_start(sc, qe);
	if (!q)
		return 0;
	bool at = word_is(sc, q, "at");
	if (at && (q = next_start(sc, q + 2)) == 0)
		return 0;
	size_t b = q, e = q;
	int words = 0, seps = 0, digs = 0;
	unsigned v;
	for (int k = 0; k < 12 && q; k++) {
		size_t le = label_at(sc, q);
		if (le == q || pii_win(s + q, le - q, label_stop) || pii_win(s + q, le - q, path_stop) ||
		    pii_win(s + q, le - q, url_cues))
			break;
		enum nw_kind nk = nw_class((const char *)s + q, le - q, &v);
		if (nk == NW_DIGIT || (le == q + 1 && isalpha_(s[q]) && words > 0))
			digs++;         /* "jessb two two", "k c" */
		else if (words > 0 && !seps)
			break;          /* two words without a separator: the sentence */
		else if (nk != NW_NONE)
			break;
		else
			words++;
		e = le;
		size_t n2 = next_start(sc, e), n2e;
		if (n2 && (n2e = word_end(sc, n2)) > n2 && pii_win(s + n2, n2e - n2, local_seps) &&
		    (q = next_start(sc, n2e)) != 0 && label_at(sc, q) > q) {
			seps++;
			continue;
		}
		q = n2;
	}
	if (e == b || words == 0 || !(at || seps || digs))
		return 0;
	if (at)
		b -= 3;
	drop_after(sc, b);
	return found(sc, b, e, PII_URL);
}

size_t
spoken_try(scan *sc, size_t i, size_t we)
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
	if (wl >= 6 && pii_win(s + i, wl, spoken_holidays_alone)) {
		size_t q = next_start(sc, we), qe;
		if (!(q && s[we] == ' ' && (qe = word_end(sc, q)) > q &&
		      pii_win(s + q, qe - q, holiday_things)))
			return found(sc, i, we, PII_DATE);
	}
	if (wl >= 3 && wl <= 9 && wl_has(&pii_month_list, s + i, wl))
		return month_words(sc, i, we);
	if (wl_has(&addr_street_type_list, s + i, wl))
		return addr_street_named(sc, i, we);
	if ((wl == 6 && weq(s + i, 6, "corner")) || (wl == 12 && weq(s + i, 12, "intersection")))
		return addr_corner(sc, we);
	if (pii_win(s + i, wl, spoken_handle_cues))
		return spoken_handle(sc, we);
	return 0;
}
