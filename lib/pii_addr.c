/*
 * pii_addr.c: street addresses, written and said (see pii_int.h): a
 * house number and a street ("22 Birch Lane", "twenty two birch lane"),
 * PO boxes, rural routes and numbered roads, a street named alone ("on
 * bass lake road") and corners.  pii.c and pii_spoken.c call in at a
 * house number, a box's number, a street type or "corner".
 */
#include <stddef.h>
#include <string.h>

#include "numword.h"
#include "pii.h"
#include "pii_int.h"

static const char *const street_types[] = {
	"street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln",
	"drive", "dr", "boulevard", "blvd", "court", "ct", "place", "pl",
	"way", "terrace", "ter", "circle", "cir", "parkway", "pkwy",
	"highway", "hwy", "square", "sq", "crescent", "cres", "close",
	"grove", "row", "trail", "alley", "pike", "plaza", NULL
};
wlist addr_street_type_list = { .words = street_types };

/* A street type among the five words after p?  Every number in the text
 * asks, so the lists of addr_street are read only when one is there. */
static int
street_ahead(const scan *sc, size_t p)
{
	for (int k = 0; k < 5 && (p = next_start(sc, p)) != 0; k++) {
		size_t e = word_end(sc, p);
		if (e == p)
			return 0;
		if (wl_has(&addr_street_type_list, sc->s + p, e - p))
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
	if (!q || (qe = word_end(sc, q)) == q || !pii_win(s + q, qe - q, street_dirs))
		return e;
	/* "n", "se": written in capitals; in lower case "nw" and its kin
	 * two letters long only where the clause ends ("1600 pennsylvania
	 * ave nw") */
	if (qe - q <= 2 && !isup(s[q]) &&
	    !(qe - q == 2 && (qe == sc->n || s[qe] == ',' || s[qe] == '.')))
		return e;
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
	/* "55 Elm St., Apt. 3B": the abbreviation's dot, then the comma */
	size_t a = e < sc->n && s[e] == ',' ? e + 1 :
	           e + 1 < sc->n && s[e] == '.' && s[e + 1] == ',' ? e + 2 : e, u;
	if ((u = next_start(sc, a)) != 0) {
		size_t ue = word_end(sc, u);
		size_t t = 0;
		if (ue > u && pii_win(s + u, ue - u, unit_words))
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
static size_t route_after(scan *sc, size_t b, size_t p);

size_t
addr_street(scan *sc, size_t b, size_t p)
{
	const unsigned char *s = sc->s;
	size_t q = next_start(sc, p), e;
	int names = 0;
	bool dir = false;
	if (q && (e = route_after(sc, b, p)) != 0)
		return e;
	if (!q || !street_ahead(sc, p))
		return 0;
	e = word_end(sc, q);
	if (e > q && pii_win(s + q, e - q, street_dirs)) {
		dir = true;
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
		} else if (names > 0 && wl_has(&addr_street_type_list, s + q, e - q)) {
			break;
		} else if (nw_class((const char *)s + q, e - q, &v) != NW_NONE) {
			return 0;
		} else if (pii_win(s + q, e - q, street_stop)) {
			/* "290 east long street": after a number and a direction, a
			 * word alone before the type is the street's name ("a 20
			 * minute drive" has no direction) */
			size_t q2 = next_start(sc, e), e2;
			if (!dir || names > 0 || !q2 || (e2 = word_end(sc, q2)) == q2 ||
			    !wl_has(&addr_street_type_list, s + q2, e2 - q2))
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

static const char *const route_words[] = { "route", "rte", "highway", "hwy", NULL };

/* After the house number b..p: a numbered road ("2090 Route 21", "4410
 * state route 7", "88 US Highway 12"), the number of the house three
 * digits or more ("the 61 route 5" is a bus); the address's end, or 0. */
static size_t
route_after(scan *sc, size_t b, size_t p)
{
	const unsigned char *s = sc->s;
	nw_run r;
	size_t he = nw_digits((const char *)s, sc->n, b, 1, &r), q = next_start(sc, p), e;
	if (he != p || r.ndig < 3 || r.ndig > 5 || !q)
		return 0;
	e = word_end(sc, q);
	if (e > q && (weq(s + q, e - q, "state") || weq(s + q, e - q, "us") ||
	              weq(s + q, e - q, "u.s")) &&
	    (q = next_start(sc, e < sc->n && s[e] == '.' ? e + 1 : e)) != 0)
		e = word_end(sc, q);
	if (e == q || !pii_win(s + q, e - q, route_words))
		return 0;
	size_t n = next_start(sc, e < sc->n && s[e] == '.' ? e + 1 : e), ne;
	if (!n || (ne = number_at(sc, n)) == n)
		return 0;
	nw_run rr;
	nw_digits((const char *)s, sc->n, n, 1, &rr);
	if (rr.ndig > 3)
		return 0;
	ne = street_dir_after(sc, ne);
	drop_after(sc, b);
	return found(sc, b, ne, PII_ADDRESS);
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
	if (pii_win(sc->s + o, l, numbered_roads) &&
	    (back_is(sc, o2, l2, "county") || back_is(sc, o2, l2, "state"))) {
		*b = o2;
		return BOX_ROAD;
	}
	return BOX_NONE;
}

static int street_name_word(const scan *sc, size_t q, size_t e);

/* A mail box or numbered road whose number i..e follows the words of
 * box_before: the box of a rural route after it ("Rural Route Two, Box
 * Forty"), a town in capitals after a box's comma ("PO Box 88,
 * Duluth"), a direction after a road; e 0 reads the number at i.
 * The end of the address, or 0. */
size_t
addr_box(scan *sc, size_t i, size_t e)
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
const char *const addr_bare_types[] = {
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
	return !pii_win(s + q, e - q, street_stop) && !pii_win(s + q, e - q, bare_stop) &&
	       !pii_win(s + q, e - q, street_cues);
}

/* After a street type ending at e: the number of a numbered road
 * ("county road forty two") and the direction and apartment. */
static size_t
named_tail(const scan *sc, size_t t, size_t e)
{
	size_t q, ne;
	if (pii_win(sc->s + t, e - t, numbered_roads) && (q = next_start(sc, e)) != 0 &&
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
size_t
addr_street_named(scan *sc, size_t t, size_t te)
{
	const unsigned char *s = sc->s;
	if (!pii_win(s + t, te - t, addr_bare_types))
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
		if (pii_win(s + o, l, street_cues))
			break;
		/* "she lives off of old mill road" */
		size_t o2, l2;
		if (names > 0 && l == 2 && weq(s + o, 2, "of")) {
			word_before(sc, o, &o2, &l2);
			if (l2 == 3 && weq(s + o2, 3, "off"))
				break;
		}
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
	if (pii_win(s + p, e - p, numbered_roads) || weq(s + p, e - p, "interstate")) {
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
		if (qe > q && wl_has(&addr_street_type_list, s + q, qe - q))
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
size_t
addr_corner(scan *sc, size_t we)
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
