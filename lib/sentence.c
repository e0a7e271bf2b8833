/*
 * sentence.c: a rule-based English sentence splitter (see sentence.h).
 *
 * The text is made of tokens, runs of non-white-space; a sentence can end
 * only between two tokens (or inside one where a terminator is glued to
 * the next sentence, "world.Today").  Every such boundary has a hot byte
 * next to it: a terminator before it, a newline in it or a bullet or list
 * marker after it.  So the scanner skips from hot byte to hot byte (eight
 * bytes at a time where it can) and only there looks at the tokens around
 * it: the end of the one before the gap (its terminator and the word
 * before that) and the start of the one after (its case, whether it is a
 * common first word of a sentence, a list marker or a bullet).  Nothing
 * is allocated but the caller's output array; the word lists are one
 * small sorted table searched by bisection.
 *
 * The rules, in the order they are tried:
 *  - A blank line ends a sentence.  A single newline ends one when its
 *    paragraph is a list of lines (no line of it ends in a terminator);
 *    in prose it is an errant line break and counts as a space.
 *  - A bullet (U+2022 and kin; "-", "*", "+", a dash at the start of a
 *    line) or a list marker starting a line begins a new sentence, as does
 *    the next list marker of a list already begun ("1." then "2.",
 *    "a)" then "b)", "(i)" then "(ii)").  A marker at the start of a
 *    sentence never ends it.
 *  - After a terminator a lower-case word continues the sentence (Yahoo!
 *    in, "great." she said, Co. at noon), unless the text has no capital
 *    letter at all, when case is no evidence.
 *  - ? and ! (and runs of them) end a sentence.
 *  - An ellipsis glued to a word (that.... She) ends one before a capital;
 *    a free-standing one (really ... well, is . . . I) ends one only when it
 *    has four dots (the fourth being a period).  A period glued to a word
 *    and followed by a free-standing ellipsis and a capital ends the
 *    sentence, and the ellipsis opens the next.  Dots in brackets, [...],
 *    mark an omission and end nothing.
 *  - A period after a number ends a sentence (decimals never reach here:
 *    they are inside a token).  After a title (Mr. Dr. Prof., St. before a
 *    name) or an abbreviation that never ends a sentence (e.g. vs.) it does
 *    not.  After an abbreviation that can go either way (Co. Jr. a.m. U.S.,
 *    months, an initial or lone letter) it ends a sentence only before a
 *    common first word (It, The, How...) or a title (Mr.), and not before a
 *    number (No. 5, p. 55, Jan. 3).  "At 5 a.m." opening a sentence is an
 *    adverbial and is not a sentence of its own.  "I" after a lower-case
 *    word is the pronoun, not an initial.  After any other word a period
 *    ends the sentence.
 *  - E-mail addresses and URLs are one token; inside other tokens a
 *    terminator followed by a capitalised word (world.Today, 1,000.That)
 *    splits the token unless the word before is a single letter (U.S.A.).
 */
#include "sentence.h"
#include "qp.h"
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

enum {
	W_TITLE = 1 << 0,   /* a title before a name: Mr. Dr. Prof. */
	W_STREET = 1 << 1,  /* st: Street after a name or number, else Saint */
	W_NOEND = 1 << 2,   /* never ends a sentence: e.g. vs. approx. */
	W_NUM = 1 << 3,     /* stands before a number: No. 5, Jan. 3 */
	W_END = 1 << 4,     /* may end a sentence: Co. Jr. a.m. */
	W_ETC = 1 << 5,     /* ends a sentence before any capital: etc. */
	W_TIME = 1 << 6,    /* a.m. p.m. */
	W_START = 1 << 7,   /* a common first word of a sentence */
	W_PREP = 1 << 8,    /* opens a time adverbial: At 5 a.m. */
	W_QUAL = 1 << 9,    /* may stand inside one: At about 5 a.m. */
	W_LEAD = 1 << 10,   /* may stand before one: So at 5 a.m. */
	W_ABBR = W_TITLE | W_STREET | W_NOEND | W_NUM | W_END | W_ETC | W_TIME
};

/*
 * Lower-case keys, sorted by byte value (bisected by word_flags).  One
 * sorted table with flags, not lists of words.h: a word has several
 * roles at once ("no" starts a sentence and stands before a number), and
 * bisecting it is the cheapest lookup at every hot byte.  The titles and
 * month abbreviations among them must agree with qp_title_abbrevs and
 * qp_month_abbrevs, which anonymize uses: tests/unit/test_sentence.c
 * checks every word of those lists against this table.
 */
static const struct {
	const char *w;
	unsigned char len;
	unsigned short f;
} words[] = {
	{ "a", 1, W_START },
	{ "a.m", 3, W_END | W_TIME },
	{ "about", 5, W_PREP | W_QUAL | W_START },
	{ "actually", 8, W_START },
	{ "adm", 3, W_TITLE },
	{ "after", 5, W_PREP | W_START },
	{ "afterwards", 10, W_START },
	{ "again", 5, W_START },
	{ "al", 2, W_END },
	{ "all", 3, W_START },
	{ "almost", 6, W_QUAL },
	{ "also", 4, W_LEAD | W_START },
	{ "although", 8, W_START },
	{ "an", 2, W_START },
	{ "and", 3, W_LEAD | W_START },
	{ "another", 7, W_START },
	{ "any", 3, W_START },
	{ "anyway", 6, W_START },
	{ "approx", 6, W_NOEND | W_NUM },
	{ "approximately", 13, W_QUAL },
	{ "appx", 4, W_NOEND | W_NUM },
	{ "apr", 3, W_END | W_NUM },
	{ "are", 3, W_START },
	{ "around", 6, W_PREP | W_QUAL },
	{ "art", 3, W_NUM },
	{ "as", 2, W_START },
	{ "assn", 4, W_END },
	{ "assoc", 5, W_END },
	{ "at", 2, W_PREP | W_START },
	{ "aug", 3, W_END | W_NUM },
	{ "ave", 3, W_END },
	{ "basically", 9, W_START },
	{ "because", 7, W_START },
	{ "before", 6, W_PREP | W_START },
	{ "besides", 7, W_START },
	{ "blvd", 4, W_END },
	{ "both", 4, W_START },
	{ "bros", 4, W_END },
	{ "but", 3, W_LEAD | W_START },
	{ "by", 2, W_PREP | W_START },
	{ "ca", 2, W_NOEND | W_NUM },
	{ "can", 3, W_START },
	{ "capt", 4, W_TITLE },
	{ "cca", 3, W_NOEND | W_NUM },
	{ "cf", 2, W_NOEND },
	{ "ch", 2, W_NUM },
	{ "chap", 4, W_NUM },
	{ "circa", 5, W_PREP },
	{ "cmdr", 4, W_TITLE },
	{ "co", 2, W_END },
	{ "col", 3, W_TITLE },
	{ "corp", 4, W_END },
	{ "could", 5, W_START },
	{ "cpl", 3, W_TITLE },
	{ "cpt", 3, W_TITLE },
	{ "dec", 3, W_END | W_NUM },
	{ "dept", 4, W_END },
	{ "det", 3, W_TITLE },
	{ "did", 3, W_START },
	{ "do", 2, W_START },
	{ "does", 4, W_START },
	{ "dr", 2, W_TITLE },
	{ "during", 6, W_START },
	{ "e.g", 3, W_NOEND },
	{ "each", 4, W_START },
	{ "earlier", 7, W_START },
	{ "either", 6, W_START },
	{ "eq", 2, W_NUM },
	{ "esp", 3, W_NOEND },
	{ "esq", 3, W_END },
	{ "est", 3, W_NUM },
	{ "etc", 3, W_ETC },
	{ "even", 4, W_START },
	{ "eventually", 10, W_START },
	{ "every", 5, W_START },
	{ "everyone", 8, W_START },
	{ "everything", 10, W_START },
	{ "exactly", 7, W_QUAL },
	{ "ext", 3, W_NUM },
	{ "feb", 3, W_END | W_NUM },
	{ "fig", 3, W_NUM },
	{ "figs", 4, W_NUM },
	{ "finally", 7, W_START },
	{ "first", 5, W_START },
	{ "for", 3, W_START },
	{ "fortunately", 11, W_START },
	{ "fr", 2, W_TITLE },
	{ "fri", 3, W_END },
	{ "from", 4, W_PREP | W_START },
	{ "gen", 3, W_TITLE },
	{ "generally", 9, W_START },
	{ "gov", 3, W_TITLE },
	{ "govt", 4, W_END },
	{ "had", 3, W_START },
	{ "has", 3, W_START },
	{ "have", 4, W_START },
	{ "he", 2, W_START },
	{ "her", 3, W_START },
	{ "here", 4, W_START },
	{ "his", 3, W_START },
	{ "hon", 3, W_TITLE },
	{ "honestly", 8, W_START },
	{ "how", 3, W_START },
	{ "however", 7, W_START },
	{ "i", 1, W_START },
	{ "i.e", 3, W_NOEND },
	{ "if", 2, W_START },
	{ "in", 2, W_START },
	{ "inc", 3, W_END },
	{ "incl", 4, W_NOEND },
	{ "insp", 4, W_TITLE },
	{ "instead", 7, W_START },
	{ "intl", 4, W_END },
	{ "is", 2, W_START },
	{ "it", 2, W_START },
	{ "its", 3, W_START },
	{ "jan", 3, W_END | W_NUM },
	{ "jr", 2, W_END },
	{ "jul", 3, W_END | W_NUM },
	{ "jun", 3, W_END | W_NUM },
	{ "just", 4, W_QUAL | W_START },
	{ "last", 4, W_START },
	{ "lastly", 6, W_START },
	{ "later", 5, W_START },
	{ "let", 3, W_START },
	{ "like", 4, W_START },
	{ "llc", 3, W_END },
	{ "lt", 2, W_TITLE },
	{ "ltd", 3, W_END },
	{ "luckily", 7, W_START },
	{ "maj", 3, W_TITLE },
	{ "many", 4, W_START },
	{ "mar", 3, W_END | W_NUM },
	{ "maybe", 5, W_START },
	{ "meanwhile", 9, W_START },
	{ "messrs", 6, W_TITLE },
	{ "mlle", 4, W_TITLE },
	{ "mme", 3, W_TITLE },
	{ "mmes", 4, W_TITLE },
	{ "mon", 3, W_END },
	{ "more", 4, W_START },
	{ "moreover", 8, W_START },
	{ "most", 4, W_START },
	{ "mr", 2, W_TITLE },
	{ "mrs", 3, W_TITLE },
	{ "ms", 2, W_TITLE },
	{ "msgr", 4, W_TITLE },
	{ "mt", 2, W_TITLE },
	{ "much", 4, W_START },
	{ "mx", 2, W_TITLE },
	{ "my", 2, W_START },
	{ "natl", 4, W_END },
	{ "nearly", 6, W_QUAL },
	{ "neither", 7, W_START },
	{ "never", 5, W_START },
	{ "next", 4, W_START },
	{ "no", 2, W_NUM | W_START },
	{ "nobody", 6, W_START },
	{ "none", 4, W_START },
	{ "nor", 3, W_START },
	{ "normally", 8, W_LEAD },
	{ "nos", 3, W_NUM },
	{ "not", 3, W_START },
	{ "nothing", 7, W_START },
	{ "nov", 3, W_END | W_NUM },
	{ "now", 3, W_START },
	{ "nr", 2, W_NUM },
	{ "n\xc2\xb0", 3, W_NUM },
	{ "n\xc2\xba", 3, W_NUM },
	{ "oct", 3, W_END | W_NUM },
	{ "of", 2, W_START },
	{ "often", 5, W_LEAD },
	{ "oh", 2, W_START },
	{ "ok", 2, W_START },
	{ "okay", 4, W_START },
	{ "on", 2, W_START },
	{ "once", 4, W_START },
	{ "one", 3, W_START },
	{ "only", 4, W_START },
	{ "op", 2, W_NUM },
	{ "or", 2, W_LEAD | W_START },
	{ "other", 5, W_START },
	{ "otherwise", 9, W_START },
	{ "our", 3, W_START },
	{ "overall", 7, W_START },
	{ "p.m", 3, W_END | W_TIME },
	{ "para", 4, W_NUM },
	{ "perhaps", 7, W_START },
	{ "personally", 10, W_START },
	{ "pg", 2, W_NUM },
	{ "ph.d", 4, W_END },
	{ "plc", 3, W_END },
	{ "please", 6, W_START },
	{ "pp", 2, W_NUM },
	{ "precisely", 9, W_QUAL },
	{ "pres", 4, W_TITLE },
	{ "prof", 4, W_TITLE },
	{ "pvt", 3, W_TITLE },
	{ "rd", 2, W_END },
	{ "recently", 8, W_START },
	{ "ref", 3, W_NUM },
	{ "rep", 3, W_TITLE },
	{ "resp", 4, W_NOEND },
	{ "rev", 3, W_TITLE },
	{ "right", 5, W_START },
	{ "roughly", 7, W_QUAL },
	{ "sec", 3, W_NUM },
	{ "second", 6, W_START },
	{ "sect", 4, W_NUM },
	{ "sen", 3, W_TITLE },
	{ "sep", 3, W_END | W_NUM },
	{ "sept", 4, W_END | W_NUM },
	{ "sgt", 3, W_TITLE },
	{ "she", 3, W_START },
	{ "shortly", 7, W_QUAL },
	{ "should", 6, W_START },
	{ "since", 5, W_PREP | W_START },
	{ "so", 2, W_LEAD | W_START },
	{ "some", 4, W_START },
	{ "somebody", 8, W_START },
	{ "someone", 7, W_START },
	{ "something", 9, W_START },
	{ "sometimes", 9, W_LEAD | W_START },
	{ "sr", 2, W_END },
	{ "st", 2, W_STREET },
	{ "still", 5, W_START },
	{ "such", 4, W_START },
	{ "suddenly", 8, W_START },
	{ "supt", 4, W_TITLE },
	{ "sure", 4, W_START },
	{ "tel", 3, W_NUM },
	{ "thank", 5, W_START },
	{ "thanks", 6, W_START },
	{ "that", 4, W_START },
	{ "the", 3, W_START },
	{ "their", 5, W_START },
	{ "then", 4, W_LEAD | W_START },
	{ "there", 5, W_START },
	{ "therefore", 9, W_START },
	{ "these", 5, W_START },
	{ "they", 4, W_START },
	{ "third", 5, W_START },
	{ "this", 4, W_START },
	{ "those", 5, W_START },
	{ "though", 6, W_START },
	{ "thu", 3, W_END },
	{ "thur", 4, W_END },
	{ "thurs", 5, W_END },
	{ "thus", 4, W_START },
	{ "till", 4, W_PREP },
	{ "to", 2, W_START },
	{ "today", 5, W_START },
	{ "together", 8, W_START },
	{ "tomorrow", 8, W_START },
	{ "tonight", 7, W_START },
	{ "tue", 3, W_END },
	{ "tues", 4, W_END },
	{ "uh", 2, W_START },
	{ "um", 2, W_START },
	{ "unfortunately", 13, W_START },
	{ "univ", 4, W_END },
	{ "unless", 6, W_START },
	{ "until", 5, W_PREP | W_START },
	{ "usually", 7, W_LEAD | W_START },
	{ "viz", 3, W_NOEND },
	{ "vol", 3, W_NUM },
	{ "vols", 4, W_NUM },
	{ "vs", 2, W_NOEND },
	{ "was", 3, W_START },
	{ "we", 2, W_START },
	{ "well", 4, W_LEAD | W_START },
	{ "were", 4, W_START },
	{ "what", 4, W_START },
	{ "whatever", 8, W_START },
	{ "when", 4, W_START },
	{ "where", 5, W_START },
	{ "whether", 7, W_START },
	{ "which", 5, W_START },
	{ "while", 5, W_START },
	{ "who", 3, W_START },
	{ "why", 3, W_START },
	{ "will", 4, W_START },
	{ "with", 4, W_START },
	{ "without", 7, W_START },
	{ "would", 5, W_START },
	{ "yeah", 4, W_START },
	{ "yes", 3, W_START },
	{ "yesterday", 9, W_START },
	{ "yet", 3, W_LEAD | W_START },
	{ "you", 3, W_START },
	{ "your", 4, W_START },
};
#define NWORDS (sizeof words / sizeof words[0])

enum { C_UPPER, C_LOWER, C_DIGIT, C_OTHER };

struct marker {
	bool valid;
	unsigned char style;   /* M_DOT "1.", M_DOTPAREN "1.)", M_PAREN "1)", M_PARENS "(1)" */
	bool upper;            /* letters in upper case */
	unsigned num, alpha, roman;   /* its value read each way; 0 if it cannot be read so */
};
enum { M_DOT = 1, M_DOTPAREN, M_PAREN, M_PARENS };

struct tok {
	size_t b, e;   /* the token is u[b..e) */
	int nl;        /* newlines in the white space before it, at most 2 */
};

/* How a token ends. */
struct term {
	enum { T_NONE, T_QE, T_DOTS } kind;   /* T_QE: the run holds ? or ! */
	unsigned dots;       /* periods in the run, an ellipsis counting three */
	bool dotonly;        /* the token is only dots (and closing marks) */
	bool omission;       /* dots in brackets: [...] */
	size_t cb, ce;       /* the word before the run, without its marks */
};

/* The run of non-white-space scanned last, kept so that the pieces of
 * one that splits many times (a.Bc.Bc.Bc...) do not each rescan it. */
struct chunk {
	size_t b, e;
	bool mailurl;   /* an e-mail address or URL: never split */
	bool inner;     /* holds a terminator before its last byte */
};

struct sp {
	const unsigned char *u;
	size_t n;
	struct chunk *ck;    /* scratch, written by tok_next */
	int upper;           /* does the text hold a capital?  -1: not yet known */
	size_t blk;          /* where the current paragraph starts */
	int listmode;        /* is the paragraph a list of lines?  -1: not yet known */
	struct marker last;  /* the list marker of the current list */
};

static unsigned
word_flags(const unsigned char *s, size_t len)
{
	unsigned char k[16];
	if (len == 0 || len >= sizeof k)
		return 0;
	for (size_t i = 0; i < len; i++)
		k[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i];
	size_t lo = 0, hi = NWORDS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t wl = words[mid].len;
		const unsigned char *w = (const unsigned char *)words[mid].w;
		int c = (int)k[0] - w[0];
		if (c == 0) {
			size_t j = 1, m = len < wl ? len : wl;
			while (j < m && k[j] == w[j])
				j++;
			c = j < m ? (k[j] < w[j] ? -1 : 1) : len < wl ? -1 : len > wl;
		}
		if (c == 0)
			return words[mid].f;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

static inline bool
is_space_cp(int32_t cp)
{
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static inline bool
is_opener(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case '(': case '[': case '{':
	case 0xA1: case 0xAB: case 0xBF:          /* ¡ « ¿ */
	case 0x2018: case 0x201C: case 0x201E: case 0x2039:   /* ‘ “ „ ‹ */
		return true;
	}
	return false;
}

static inline bool
is_closer(int32_t cp)
{
	switch (cp) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0xBB: case 0x2019: case 0x201D: case 0x203A:     /* » ’ ” › */
		return true;
	}
	return false;
}

static inline bool
is_bullet(int32_t cp)
{
	switch (cp) {
	case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25A0:
	case 0x25A1: case 0x25AA: case 0x25AB: case 0x25B8: case 0x25BA:
	case 0x25CB: case 0x25CF: case 0x25E6: case 0x2981: case 0x27A2:
	case 0x27A4:
		return true;
	}
	return false;
}

/* A byte's part in the token scanner. */
enum { B_WORD, B_SPACE, B_NL, B_TERM, B_MAIL, B_COLON, B_LEAD };
static const unsigned char bcls[256] = {
	['\t'] = B_SPACE, ['\v'] = B_SPACE, ['\f'] = B_SPACE, ['\r'] = B_SPACE,
	[' '] = B_SPACE, ['\n'] = B_NL,
	['.'] = B_TERM, ['?'] = B_TERM, ['!'] = B_TERM,
	['@'] = B_MAIL, [':'] = B_COLON,
	/* lead bytes of the white space and ellipsis outside ASCII */
	[0xC2] = B_LEAD, [0xE1] = B_LEAD, [0xE2] = B_LEAD, [0xE3] = B_LEAD,
};

/* The code point at i (i < end); its length in bytes, 0 if the sequence
 * would run past end. */
static inline size_t
cp_at(const struct sp *c, size_t i, size_t end, int32_t *cp)
{
	const unsigned char *u = c->u;
	size_t k = u[i] < 0x80 ? 1 : u[i] < 0xE0 ? 2 : u[i] < 0xF0 ? 3 : 4;
	if (i + k > end)
		return *cp = -1, 0;
	utf8_decode((const char *)u + i, cp);
	return k;
}

/* The code point ending at i (lo < i); its length, 0 if none. */
static inline size_t
cp_before(const struct sp *c, size_t lo, size_t i, int32_t *cp)
{
	if (c->u[i - 1] < 0x80) {
		*cp = c->u[i - 1];
		return 1;
	}
	size_t j = i - 1;
	while (j > lo && (c->u[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	size_t k = cp_at(c, j, i, cp);
	return k == i - j ? k : 0;
}

/* Length of the white space character at i, 0 if it is none. */
static size_t
space_at(const struct sp *c, size_t i)
{
	unsigned k = bcls[c->u[i]];
	if (k == B_SPACE || k == B_NL)
		return 1;
	if (k == B_LEAD) {
		int32_t cp;
		size_t len = cp_at(c, i, c->n, &cp);
		if (len && is_space_cp(cp))
			return len;
	}
	return 0;
}

/* Length of the white space character ending at i (lo < i), 0 if none. */
static size_t
space_before(const struct sp *c, size_t lo, size_t i)
{
	unsigned ch = c->u[i - 1];
	int32_t cp;
	if (ch < 0x80)
		return bcls[ch] == B_SPACE || bcls[ch] == B_NL;
	size_t k = cp_before(c, lo, i, &cp);
	return k && is_space_cp(cp) ? k : 0;
}

static inline bool
is_term_cp(int32_t cp)
{
	return cp == '.' || cp == '?' || cp == '!' || cp == 0x2026 ||
	    cp == 0x203C || cp == 0x203D || (cp >= 0x2047 && cp <= 0x2049);
}

static inline bool
is_alnum_ascii(unsigned ch)
{
	return (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z');
}

/*
 * Where a token u[b..e) that holds a terminator before its end splits in
 * two (world.Today): after the terminator run and its closing marks, when
 * a capital and a lower-case letter follow and the word before the run is
 * at least two characters long.  0 when it does not split.
 */
static size_t
inner_split(const struct sp *c, size_t b, size_t e)
{
	const unsigned char *u = c->u;
	for (size_t i = b; i < e; i++) {
		int32_t cp;
		size_t k = 1;
		if (u[i] >= 0x80) {
			k = cp_at(c, i, e, &cp);
			if (!k)
				return 0;
			if (cp != 0x2026) {
				i += k - 1;
				continue;
			}
		} else if (bcls[u[i]] != B_TERM) {
			continue;
		}
		/* a run starts at i: is there a word of two before it? */
		size_t w = i;
		while (w > b && (is_alnum_ascii(u[w - 1]) || u[w - 1] >= 0x80))
			w--;
		size_t r = i;
		for (;;) {   /* the run, then its closing marks */
			if (r < e && bcls[u[r]] == B_TERM) {
				r++;
				continue;
			}
			if (r < e && (k = cp_at(c, r, e, &cp)) &&
			    (cp == 0x2026 || is_closer(cp))) {
				r += k;
				continue;
			}
			break;
		}
		if (i - w >= 2 && r + 1 < e && u[r] >= 'A' && u[r] <= 'Z' &&
		    u[r + 1] >= 'a' && u[r + 1] <= 'z')
			return r;
		i = r - 1;
	}
	return 0;
}

/* The next token at or after pos; false at the end of the text. */
static bool
tok_next(const struct sp *c, size_t pos, struct tok *t)
{
	const unsigned char *u = c->u;
	struct chunk *ck = c->ck;
	size_t n = c->n, i = pos, k;
	int nl = 0;
	for (; i < n; i += k) {
		unsigned cl = bcls[u[i]];
		if (cl == B_SPACE)
			k = 1;
		else if (cl == B_NL)
			k = 1, nl++;
		else if (cl != B_LEAD || !(k = space_at(c, i)))
			break;
	}
	if (i >= n)
		return false;
	t->b = i;
	t->nl = nl > 2 ? 2 : nl;
	if (i < ck->b || i >= ck->e) {
		/* a new chunk: find its end, and what it holds */
		size_t term = SIZE_MAX;   /* the first terminator */
		ck->b = i;
		ck->mailurl = false;
		while (i < n) {
			unsigned cl = bcls[u[i]];
			if (cl == B_WORD) {
				i++;
				continue;
			}
			if (cl == B_SPACE || cl == B_NL)
				break;
			if (cl == B_LEAD) {
				if (space_at(c, i))
					break;
				if (term == SIZE_MAX && i + 2 < n && u[i] == 0xE2 &&
				    u[i + 1] == 0x80 && u[i + 2] == 0xA6)
					term = i;
			} else if (cl == B_TERM) {
				if (term == SIZE_MAX)
					term = i;
			} else if (cl == B_MAIL) {
				ck->mailurl = true;
			} else if (cl == B_COLON) {
				if (i + 2 < n && u[i + 1] == '/' && u[i + 2] == '/')
					ck->mailurl = true;
			}
			i++;
		}
		ck->e = i;
		ck->inner = term < i - 1;
		if (i - ck->b > 4 && (u[ck->b] | 32) == 'w' &&
		    (u[ck->b + 1] | 32) == 'w' && (u[ck->b + 2] | 32) == 'w' &&
		    u[ck->b + 3] == '.')
			ck->mailurl = true;
	}
	t->e = ck->e;
	if (ck->inner && !ck->mailurl && (k = inner_split(c, t->b, t->e)))
		t->e = k;
	return true;
}

/* Where u[b..e) starts after its opening marks. */
static size_t
skip_openers(const struct sp *c, size_t b, size_t e)
{
	int32_t cp;
	size_t k;
	while (b < e && (k = cp_at(c, b, e, &cp)) && is_opener(cp))
		b += k;
	return b;
}

/* Length of the bullet that starts u[b..e), 0 if none. */
static size_t
bullet_len(const struct sp *c, size_t b, size_t e)
{
	int32_t cp;
	size_t k = c->u[b] == 0xE2 ? cp_at(c, b, e, &cp) : 0;
	return k && is_bullet(cp) ? k : 0;
}

/* Is the token a dash standing alone as a bullet ("- item")? */
static bool
is_dash_bullet(const struct sp *c, const struct tok *t)
{
	const unsigned char *u = c->u;
	size_t len = t->e - t->b;
	if (len == 1)
		return u[t->b] == '-' || u[t->b] == '*' || u[t->b] == '+';
	/* – and — */
	return len == 3 && u[t->b] == 0xE2 && u[t->b + 1] == 0x80 &&
	    (u[t->b + 2] == 0x93 || u[t->b + 2] == 0x94);
}

static unsigned
roman_value(const unsigned char *s, size_t len)
{
	/* roman numerals up to 39 are plenty for list items */
	static const char ones[10][5] = { "", "i", "ii", "iii", "iv", "v",
	    "vi", "vii", "viii", "ix" };
	size_t tens = 0;
	while (tens < len && tens < 3 && (s[tens] | 32) == 'x')
		tens++;
	for (unsigned o = 0; o < 10; o++) {
		size_t j = 0;
		while (tens + j < len && ones[o][j] && (s[tens + j] | 32) == ones[o][j])
			j++;
		if (tens + j == len && !ones[o][j] && tens + j > 0)
			return (unsigned)tens * 10 + o;
	}
	return 0;
}

/* Read u[b..e) as a list marker: 1. 1.) 1) (1), with a number, a letter
 * or a roman numeral. */
static bool
marker_parse(const struct sp *c, size_t b, size_t e, struct marker *m)
{
	const unsigned char *u = c->u;
	unsigned z = u[e - 1];
	m->valid = false;
	if (e - b < 2 || e - b > 8 || (z != '.' && z != ')'))
		return false;
	memset(m, 0, sizeof *m);
	bool paren = u[b] == '(';
	size_t i = b + paren, x = i;
	while (i < e && u[i] >= '0' && u[i] <= '9')
		i++;
	if (i > x) {
		if (i - x > 3)
			return false;
		for (size_t j = x; j < i; j++)
			m->num = m->num * 10 + (u[j] - '0');
		if (m->num == 0)
			return false;
	} else {
		while (i < e && ((u[i] | 32) >= 'a' && (u[i] | 32) <= 'z'))
			i++;
		if (i == x || i - x > 6)
			return false;
		for (size_t j = x; i - x > 1 && j < i; j++)   /* only roman numerals are longer */
			if ((u[j] | 32) != 'i' && (u[j] | 32) != 'v' && (u[j] | 32) != 'x')
				return false;
		m->upper = u[x] <= 'Z';
		for (size_t j = x; j < i; j++)
			if ((u[j] <= 'Z') != m->upper)
				return false;
		if (i - x == 1)
			m->alpha = (u[x] | 32) - 'a' + 1;
		m->roman = roman_value(u + x, i - x);
		if (!m->alpha && !m->roman)
			return false;
	}
	size_t rest = e - i;
	if (paren)
		m->style = rest == 1 && u[i] == ')' ? M_PARENS : 0;
	else if (rest == 1 && u[i] == '.')
		m->style = M_DOT;
	else if (rest == 1 && u[i] == ')')
		m->style = M_PAREN;
	else if (rest == 2 && u[i] == '.' && u[i + 1] == ')')
		m->style = M_DOTPAREN;
	/* "E." is an initial, not item E (but "IV." is item 4) */
	if (m->style == M_DOT && m->upper && !m->roman)
		m->style = 0;
	m->valid = m->style != 0;
	return m->valid;
}

static bool
marker_follows(const struct marker *last, const struct marker *m)
{
	if (!last->valid || !m->valid || last->style != m->style)
		return false;
	if (m->num)
		return last->num && m->num == last->num + 1;
	if (last->upper != m->upper)
		return false;
	return (m->alpha && last->alpha && m->alpha == last->alpha + 1) ||
	    (m->roman && last->roman && m->roman == last->roman + 1);
}

/* Does some line of the paragraph from b end in a terminator?  The
 * paragraph ends at a blank line or the end of the text. */
static bool
para_has_ended_line(const struct sp *c, size_t b)
{
	const unsigned char *u = c->u;
	size_t n = c->n, i = b;
	for (;;) {
		const unsigned char *q = memchr(u + i, '\n', n - i);
		size_t le = q ? (size_t)(q - u) : n, k;
		int32_t cp;
		while (le > i && (k = space_before(c, i, le)))
			le -= k;
		while (le > i && (k = cp_before(c, i, le, &cp)) && is_closer(cp))
			le -= k;
		if (le > i && cp_before(c, i, le, &cp) && is_term_cp(cp))
			return true;
		if (!q)
			return false;
		i = (size_t)(q - u) + 1;
		size_t j = i;
		while (j < n && u[j] != '\n' && (k = space_at(c, j)))
			j += k;
		if (j >= n || u[j] == '\n')
			return false;
	}
}

static bool
list_mode(struct sp *c)
{
	if (c->listmode < 0)
		c->listmode = !para_has_ended_line(c, c->blk);
	return c->listmode;
}

static bool
text_has_upper(struct sp *c)
{
	if (c->upper < 0) {
		c->upper = 0;
		for (size_t i = 0; i < c->n; i++)
			if (c->u[i] >= 'A' && c->u[i] <= 'Z') {
				c->upper = 1;
				break;
			}
	}
	return c->upper;
}

/* The case of the first letter of u[b..e) after its opening marks;
 * caseless: whether a text without capitals counts lower case as upper. */
static int
word_class(struct sp *c, size_t b, size_t e, bool caseless)
{
	int32_t cp;
	b = skip_openers(c, b, e);
	if (b >= e || !cp_at(c, b, e, &cp))
		return C_OTHER;
	int k;
	if (cp >= 'A' && cp <= 'Z')
		k = C_UPPER;
	else if (cp >= 'a' && cp <= 'z')
		k = C_LOWER;
	else if (cp >= '0' && cp <= '9')
		k = C_DIGIT;
	else if (cp < 0x80)
		k = C_OTHER;
	else {
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: k = C_UPPER; break;
		case UTF8PROC_CATEGORY_LL: k = C_LOWER; break;
		case UTF8PROC_CATEGORY_ND: k = C_DIGIT; break;
		default: k = C_OTHER; break;
		}
	}
	if (k == C_LOWER && caseless && !text_has_upper(c))
		k = C_UPPER;
	return k;
}

/* Flags of the word of letters that opens u[b..e); *dot: a period
 * follows it. */
static unsigned
lead_word_flags(const struct sp *c, size_t b, size_t e, bool *dot)
{
	b = skip_openers(c, b, e);
	size_t i = b;
	while (i < e && ((c->u[i] | 32) >= 'a' && (c->u[i] | 32) <= 'z'))
		i++;
	*dot = i < e && c->u[i] == '.';
	return word_flags(c->u + b, i - b);
}

/* How t ends: its terminator run, and the word before it.  The word's
 * bounds are set only when there is a terminator. */
static void
term_parse(const struct sp *c, const struct tok *t, struct term *r)
{
	const unsigned char *u = c->u;
	size_t b = t->b, q = t->e, k;
	int32_t cp;
	r->kind = T_NONE;
	r->dotonly = r->omission = false;
	unsigned last = u[q - 1];
	if (last < 0x80 && is_alnum_ascii(last))
		return;   /* the common case */
	r->dots = 0;
	while (q > b && (k = cp_before(c, b, q, &cp)) && is_closer(cp))
		q -= k;
	size_t p = q;
	bool qe = false;
	while (p > b && (k = cp_before(c, b, p, &cp)) && is_term_cp(cp)) {
		if (cp == '.')
			r->dots++;
		else if (cp == 0x2026)
			r->dots += 3;
		else
			qe = true;
		p -= k;
	}
	if (p == q)
		return;
	r->kind = qe ? T_QE : T_DOTS;
	r->dotonly = !qe && p == b;
	if (p > b && (u[p - 1] == '[' || u[p - 1] == '('))
		r->omission = true;
	size_t cb = b + bullet_len(c, b, p);
	cb = skip_openers(c, cb, p);
	size_t ce = p;
	while (ce > cb && (k = cp_before(c, cb, ce, &cp)) && is_closer(cp))
		ce -= k;
	r->cb = cb;
	r->ce = ce < cb ? cb : ce;
}

static bool
is_number(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == '$' || s[i] == '#' || s[i] == '+' ||
	    s[i] == '-' || s[i] == '~' || s[i] >= 0x80))
		i++;   /* currency signs and the like */
	if (i >= len || s[i] < '0' || s[i] > '9')
		return false;
	return (s[len - 1] >= '0' && s[len - 1] <= '9') || s[len - 1] == '%';
}

/* Letters joined by periods: U.S, a.m, D.C */
static bool
is_dotted(const unsigned char *s, size_t len)
{
	if (len < 3 || len % 2 == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (i % 2 ? s[i] != '.' : !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
			return false;
	return true;
}

/* Is s[0..len) one letter?  *up: an upper-case one. */
static bool
is_letter(const struct sp *c, size_t b, size_t e, bool *up)
{
	int32_t cp;
	if (e - b == 1) {
		*up = c->u[b] >= 'A' && c->u[b] <= 'Z';
		return (c->u[b] | 32) >= 'a' && (c->u[b] | 32) <= 'z';
	}
	if (c->u[b] < 0x80 || cp_at(c, b, e, &cp) != e - b)
		return false;
	utf8proc_category_t cat = utf8proc_category(cp);
	*up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* Is the sentence from start up to the token at cur a time adverbial so
 * far ("At 5", "At about 5:30", "So at 5")? */
static bool
time_opening(const struct sp *c, size_t start, size_t cur)
{
	struct tok t;
	bool dot;
	if (!tok_next(c, start, &t) || t.b >= cur)
		return false;
	unsigned f = lead_word_flags(c, t.b, t.e, &dot);
	if ((f & W_LEAD) && !(f & W_PREP)) {
		if (!tok_next(c, t.e, &t) || t.b >= cur)
			return false;
		f = lead_word_flags(c, t.b, t.e, &dot);
	}
	if (!(f & W_PREP))
		return false;
	for (size_t ntok = 1;; ntok++) {
		if (!tok_next(c, t.e, &t) || t.b >= cur)
			return ntok >= 2;
		if (ntok == 4)
			return false;
		if (!(c->u[t.b] >= '0' && c->u[t.b] <= '9') &&
		    !(lead_word_flags(c, t.b, t.e, &dot) & W_QUAL))
			return false;
	}
}

struct ctxt {
	const struct tok *cur;    /* the token that ends in the period */
	size_t start;             /* where its sentence starts */
};

static bool tok_prev(const struct sp *, size_t, const struct tok *, struct tok *);

/* Does the word before cur in its sentence start with a capital (or,
 * digit, with a digit)? */
static bool
prev_starts(struct sp *c, const struct ctxt *x, bool digit)
{
	struct tok p;
	if (!tok_prev(c, x->start, x->cur, &p))
		return false;
	if (digit && c->u[p.b] >= '0' && c->u[p.b] <= '9')
		return true;
	return word_class(c, p.b, p.e, false) == C_UPPER;
}

/* Does the period after word u[r->cb..r->ce) end the sentence, the next
 * word being w (of class k, not lower case)? */
static bool
period_ends(struct sp *c, const struct term *r, const struct tok *w, int k,
    const struct ctxt *x)
{
	const unsigned char *s = c->u + r->cb;
	size_t len = r->ce - r->cb;
	bool up, dot;
	if (len == 0 || is_number(s, len))
		return true;
	unsigned f = word_flags(s, len) & W_ABBR;
	if (!f && is_letter(c, r->cb, r->ce, &up)) {
		if (up && len == 1 && *s == 'I' && x->cur->b > x->start &&
		    !prev_starts(c, x, false))
			return true;   /* "you and I." is the pronoun */
		f = W_END | W_NUM;   /* an initial, or a letter as abbreviation */
	} else if (!f && is_dotted(s, len)) {
		f = W_END;
	}
	if (f & W_STREET)
		f = prev_starts(c, x, true) ? W_END : W_TITLE;
	if (f & (W_TITLE | W_NOEND))
		return false;
	if (k == C_DIGIT && (f & (W_NUM | W_END)))
		return false;
	if (f & W_ETC)
		return true;
	if (f & W_END) {
		if (k != C_UPPER)
			return false;
		if ((f & W_TIME) && time_opening(c, x->start, x->cur->b))
			return false;
		unsigned g = lead_word_flags(c, w->b, w->e, &dot);
		return (g & W_START) || ((g & (W_TITLE | W_STREET)) && dot);
	}
	return true;
}

static bool
tok_dotonly(const struct sp *c, const struct tok *t)
{
	struct term r;
	if (c->u[t->b] != '.' && c->u[t->b] != 0xE2)
		return false;
	term_parse(c, t, &r);
	return r.dotonly;
}

/* Does the token begin a list item even in the middle of a sentence? */
static bool
starts_item(struct sp *c, const struct tok *t)
{
	struct marker m;
	if (bullet_len(c, t->b, t->e))
		return true;
	if (t->nl && is_dash_bullet(c, t))
		return true;
	/* a marker ends in "." or ")"; mid-line only the next of a list counts */
	unsigned ch = c->u[t->b], z = c->u[t->e - 1];
	if (!(ch == '(' || is_alnum_ascii(ch)) || t->e - t->b > 8 ||
	    (z != '.' && z != ')') || (!t->nl && !c->last.valid))
		return false;
	if (!marker_parse(c, t->b, t->e, &m))
		return false;
	return t->nl || marker_follows(&c->last, &m);
}

/* Back from i over white space (sp) or over a token (!sp), not below lo. */
static size_t
scan_back(const struct sp *c, size_t lo, size_t i, bool sp)
{
	const unsigned char *u = c->u;
	if (!sp)   /* the common case: ASCII letters */
		while (i > lo && u[i - 1] < 0x80 && bcls[u[i - 1]] != B_SPACE &&
		    bcls[u[i - 1]] != B_NL)
			i--;
	while (i > lo) {
		size_t k = space_before(c, lo, i);
		if (!k != !sp)
			break;
		if (!k)   /* one byte of a token: its start is found all the same */
			k = 1;
		i -= k;
	}
	return i;
}

/* The token before t in the sentence from start; false if t is first. */
static bool
tok_prev(const struct sp *c, size_t start, const struct tok *t, struct tok *p)
{
	if (t->b <= start)
		return false;
	p->e = scan_back(c, start, t->b, true);
	p->b = scan_back(c, start, p->e, false);
	p->nl = 0;
	return p->e > p->b;
}

/* Does the token at b start a line (or the text)? */
static bool
line_start(const struct sp *c, size_t b)
{
	size_t g = scan_back(c, 0, b, true);
	return g == 0 || memchr(c->u + g, '\n', b - g) != NULL;
}

/* The token before t in its sentence, looked for once: *have is -1
 * until then. */
static bool
prev_of(const struct sp *c, size_t start, const struct tok *t, struct tok *p,
    int *have)
{
	if (*have < 0)
		*have = tok_prev(c, start, t, p);
	return *have;
}

/* Is t a bullet standing alone?  A dash is one at the start of a line or
 * of the sentence from start. */
static bool
is_bullet_tok(const struct sp *c, const struct tok *t, size_t start)
{
	unsigned ch = c->u[t->b];
	if (ch == 0xE2) {
		size_t bl = bullet_len(c, t->b, t->e);
		if (bl && bl == t->e - t->b)
			return true;
	} else if (ch != '-' && ch != '*' && ch != '+') {
		return false;
	}
	return is_dash_bullet(c, t) && (t->b == start || line_start(c, t->b));
}

/*
 * A sentence starts at t: the list it is an item of, if any, is the
 * current list.  Its first word may follow a bullet.
 */
static void
list_restart(struct sp *c, const struct tok *t)
{
	struct tok w = *t;
	struct marker m;
	size_t bl = bullet_len(c, t->b, t->e);
	if (is_bullet_tok(c, t, t->b) && !tok_next(c, t->e, &w)) {
		c->last.valid = false;
		return;
	}
	if (w.b == t->b)
		w.b += bl;
	unsigned z = c->u[w.e - 1];
	if (w.b < w.e && (z == '.' || z == ')') && marker_parse(c, w.b, w.e, &m))
		c->last = m;
	else
		c->last.valid = false;
}

/* Hot bytes: where a sentence may end or a list item start. */
static const bool hot[256] = {
	['.'] = 1, ['?'] = 1, ['!'] = 1, [')'] = 1, ['\n'] = 1, [0xE2] = 1,
};

/* Eight bytes at a time: does v hold a hot byte, or any non-ASCII one? */
#define REP8(x) (0x0101010101010101ULL * (x))
static inline uint64_t
zero_byte(uint64_t v)
{
	return (v - REP8(0x01)) & ~v & REP8(0x80);
}

static inline bool
maybe_hot8(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return ((v & REP8(0x80)) | zero_byte(v ^ REP8('.')) |
	    zero_byte(v ^ REP8('?')) | zero_byte(v ^ REP8('!')) |
	    zero_byte(v ^ REP8(')')) | zero_byte(v ^ REP8('\n'))) != 0;
}

static void
push(qp_sent **out, size_t *cap, size_t *cnt, size_t b, size_t e)
{
	if (*cnt == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*out = xreallocarray(*out, *cap, sizeof **out);
	}
	(*out)[(*cnt)++] = (qp_sent){ b, e - b };
}

/* The first hot byte at or after i, or n: eight bytes a step through
 * plain ASCII text, byte by byte in the eight that hold one.  A 0xE2
 * lead byte counts only where it starts a terminator or a bullet (an
 * ellipsis character, a bullet dot); other characters are skipped. */
static inline size_t
next_hot(const struct sp *c, size_t i)
{
	const unsigned char *u = c->u;
	size_t n = c->n;

	for (;;) {
		while (i + 8 <= n && !maybe_hot8(u + i))
			i += 8;
		size_t lim = n - i > 8 ? i + 8 : n;
		while (i < lim && !hot[u[i]])
			i++;
		if (i >= n)
			return n;
		if (i >= lim)
			continue;
		if (u[i] != 0xE2)
			return i;
		int32_t cp;
		size_t k = cp_at(c, i, n, &cp);
		if (k && (is_term_cp(cp) || is_bullet(cp)))
			return i;
		i += k ? k : 1;
	}
}

/*
 * Is t a list marker (1. a) iv.) that opens an item: at the start of the
 * sentence from start, after a bullet, or after a colon?  Then it is the
 * current list's marker, c->last.  prev and hasprev are prev_of's.
 */
static inline bool
opens_item(struct sp *c, const struct tok *t, size_t start, bool bullet,
    struct tok *prev, int *hasprev)
{
	struct marker m;
	size_t bl = bullet_len(c, t->b, t->e);
	unsigned z = c->u[t->e - 1];

	if (!bullet && (z == '.' || z == ')') && t->e - t->b - bl <= 8 &&
	    marker_parse(c, t->b + bl, t->e, &m) &&
	    (!prev_of(c, start, t, prev, hasprev) ||
	    (prev->b == start && is_bullet_tok(c, prev, start)) ||
	    c->u[prev->e - 1] == ':')) {
		c->last = m;
		return true;
	}
	return false;
}

/* Does t's terminator r (? ! or periods, not only dots) end the sentence
 * from start?  A period before a free-standing ellipsis is judged by the
 * word after the ellipsis; nothing ends before a lower-case word. */
static bool
term_ends(struct sp *c, const struct tok *t, const struct tok *nxt,
    const struct term *r, size_t start)
{
	struct tok w = *nxt;
	bool have = true;
	while (have && tok_dotonly(c, &w))
		have = tok_next(c, w.e, &w) && w.nl < 2;
	int k = have ? word_class(c, w.b, w.e, true) : C_LOWER;
	struct ctxt x = { t, start };
	if (k == C_LOWER)
		return false;
	if (r->kind == T_QE)
		return true;
	if (r->dots >= 2)
		return k == C_UPPER;
	return period_ends(c, r, &w, k, &x);
}

/*
 * Does a sentence end between t (how it ends: r) and nxt?  A blank line,
 * a new line in a list, or a list item after it always end one; a
 * bullet, a list marker (marker) or an omission [...] never; a
 * free-standing ellipsis of gdots dots (or a lone period) before a word
 * that is not lower case does.
 */
static inline bool
ends_between(struct sp *c, const struct tok *t, const struct tok *nxt,
    const struct term *r, bool bullet, bool marker, unsigned gdots, size_t start)
{
	if (nxt->nl >= 2 || (nxt->nl == 1 && list_mode(c)) ||
	    (!bullet && starts_item(c, nxt)))
		return true;
	if (bullet || marker || r->omission)
		return false;
	if (r->dotonly)
		return !tok_dotonly(c, nxt) && (gdots >= 4 || gdots == 1) &&
		    word_class(c, nxt->b, nxt->e, true) != C_LOWER;
	if (r->kind == T_NONE)
		return false;
	return term_ends(c, t, nxt, r, start);
}

/*
 * Only the tokens around hot bytes are looked at: a boundary needs a
 * terminator before it, a newline in it, or a list item after it, and
 * each of those holds a hot byte.  decided: the gaps before it have been
 * judged; the token there is the next to judge.
 */
size_t
sent_split(const char *s, size_t n, qp_sent **out, size_t *cap)
{
	struct chunk ck = { 0, 0, false, false };
	struct sp c = { (const unsigned char *)s, n, &ck, -1, 0, -1, { 0 } };
	const unsigned char *u = c.u;
	struct tok t, nxt, prev, first;
	struct term r;
	size_t cnt = 0, start, decided, i;
	size_t gend = SIZE_MAX;   /* the end of the last dot-only token seen */
	unsigned gdots = 0;       /* dots of the free-standing ellipsis so far */

	if (!tok_next(&c, 0, &first))
		return 0;
	c.blk = start = decided = i = first.b;
	for (;;) {
		if ((i = next_hot(&c, i)) >= n)
			break;
		/* t: the token holding i, or the one before the gap holding i */
		size_t e = u[i] == '\n' ? scan_back(&c, decided, i, true) : i + 1;
		if (!tok_next(&c, scan_back(&c, decided, e, false), &t))
			break;
		int hasprev = -1;

		/* a list item after a word that left nothing to judge */
		if (t.b > decided && t.b > start && starts_item(&c, &t) &&
		    prev_of(&c, start, &t, &prev, &hasprev) &&
		    !is_bullet_tok(&c, &prev, start)) {
			push(out, cap, &cnt, start, prev.e);
			start = t.b;
			list_restart(&c, &t);
			hasprev = 0;
		}

		/* what t is: a bullet, a list marker, a terminator */
		bool bullet = is_bullet_tok(&c, &t, start);
		bool marker = opens_item(&c, &t, start, bullet, &prev, &hasprev);
		term_parse(&c, &t, &r);
		if (r.dotonly) {
			gdots = (prev_of(&c, start, &t, &prev, &hasprev) &&
			    prev.e == gend ? gdots : 0) + r.dots;
			gend = t.e;
		}

		if (!tok_next(&c, t.e, &nxt))
			break;
		bool brk = ends_between(&c, &t, &nxt, &r, bullet, marker, gdots, start);
		if (nxt.nl >= 2) {
			c.blk = nxt.b;
			c.listmode = -1;
		}
		if (brk) {
			push(out, cap, &cnt, start, t.e);
			start = nxt.b;
			list_restart(&c, &nxt);
		}
		decided = i = nxt.b;
	}
	/* the last sentence runs to the last token */
	size_t e = scan_back(&c, start, n, true);
	if (e > start)
		push(out, cap, &cnt, start, e);
	return cnt;
}
