/*
 * label.c: speaker labels (see label.h for the rule).
 *
 * The word lists here are the ones only labels need; names' particles
 * and titles come from words.h, so that a name anonymize finds in a
 * sentence and a name segment finds in a label are made of the same
 * words.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "label.h"
#include "utf8.h"
#include "words.h"

/* Single words that start a sentence and are often followed by a colon
 * ("Note: ...", "So: ...", "Question 3: ..."): never a label on their
 * own or before a number. */
static const char *const lead_ins[] = {
	"also", "and", "answer", "anyway", "basically", "because", "but",
	"conclusion", "definition", "e.g.", "edit", "eg", "example",
	"examples", "finally", "first", "firstly", "he", "here", "how",
	"however", "i.e.", "ie", "important", "it", "last", "lastly", "like",
	"meaning", "no", "note", "now", "ok", "okay", "or", "otherwise",
	"overall", "part", "plus", "p.s.", "probe", "prompt", "ps",
	"question", "questions", "quote", "reason", "remember", "result",
	"right", "second", "secondly", "section", "she", "so", "step",
	"summary", "that", "then", "there", "they", "third", "this", "tip",
	"update", "warning", "we", "well", "what", "when", "where", "which",
	"who", "why", "yeah", "yep", "yes", "you", NULL
};

/* Keys of a metadata block at the top of a transcript. */
static const char *const meta_keys[] = {
	"attendees", "audio", "consent", "date", "duration", "file",
	"filename", "focus group", "interview", "interview date",
	"interview id", "language", "length", "location", "mode", "note",
	"notes", "place", "platform", "present", "project", "recording",
	"session", "setting", "site", "study", "subject", "time", "title",
	"topic", "transcriber", "transcribed by", "transcript", "version",
	NULL
};

/* Lower-case words a label may hold between names besides the name
 * particles: "John of Gaunt", "Speaker of the House", "Jane and Sam". */
static const char *const connectives[] = { "of", "the", "and", NULL };

/* Abbreviations with a dot that are not titles: "St. John", "Jr.". */
static const char *const abbrevs[] = { "st", "jr", "sr", NULL };

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static bool
is_space(char c)
{
	return is_blank(c) || c == '\n' || c == '\r';
}

/* Is w[0..n) in list once its ASCII letters are lower case? */
static bool
in_list_nocase(const char *w, size_t n, const char *const *list)
{
	char b[QP_LABEL_MAX + 1];

	if (n > QP_LABEL_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		b[i] = w[i] >= 'A' && w[i] <= 'Z' ? (char)(w[i] - 'A' + 'a') : w[i];
	return qp_word_in(b, n, list);
}

bool
qp_label_is_meta_key(const char *l, size_t n)
{
	return in_list_nocase(l, n, meta_keys);
}

bool
qp_label_split(const char *text, size_t n, qp_label *out)
{
	size_t b = 0, c, e;
	const char *colon;

	while (b < n && is_blank(text[b]))
		b++;
	colon = memchr(text + b, ':', n - b < QP_LABEL_MAX + 1 ? n - b : QP_LABEL_MAX + 1);
	if (!colon)
		return false;
	c = (size_t)(colon - text);
	if (c + 1 < n && !is_space(text[c + 1]))
		return false;
	e = c;
	while (e > b && is_blank(text[e - 1]))
		e--;
	if (e == b)
		return false;
	out->wrote = b;
	out->wlen = e - b;
	/* WhisperX's "[SPEAKER_00]: text": the label is inside the brackets
	 * (only that shape: "[S01]" is anonymize's pseudonym, kept whole) */
	if (e - b > 11 && memcmp(text + b, "[SPEAKER_", 9) == 0 && text[e - 1] == ']') {
		size_t d = b + 9;
		while (d < e - 1 && text[d] >= '0' && text[d] <= '9')
			d++;
		if (d == e - 1) {
			b++;
			e--;
		}
	}
	out->off = b;
	out->len = e - b;
	for (c++; c < n && is_space(text[c]); c++)
		;
	out->rest = c;
	return true;
}

/* "[S01]", "[PERSON_3]", "[PERSON_3fa9c01b2e]": a capital, then capitals,
 * digits (one at least), '_' and the hex digits of a keyed pseudonym. */
static bool
pseudonym(const char *l, size_t n)
{
	bool digit = false;

	if (n < 4 || n > 40 || l[0] != '[' || l[n - 1] != ']' || l[1] < 'A' || l[1] > 'Z')
		return false;
	for (size_t i = 2; i < n - 1; i++) {
		char c = l[i];
		if (c >= '0' && c <= '9')
			digit = true;
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'f') || c == '_'))
			return false;
	}
	return digit;
}

static bool
is_upper_cp(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* A word that only separates the parts of a label: "Jane Doe - Host",
 * "Jane Doe | Host", "Tom & Jerry". */
static bool
separator(const char *w, size_t n)
{
	return (n == 1 && (w[0] == '-' || w[0] == '|' || w[0] == '&')) ||
	       (n == 3 && (memcmp(w, "\xe2\x80\x93", 3) == 0 ||
	                   memcmp(w, "\xe2\x80\x94", 3) == 0));
}

/* A dot at w[i] ends an initial or an abbreviated title. */
static bool
dot_ok(const char *w, size_t i)
{
	size_t k = i, ncp = 0;

	while (k > 0 && (((w[k - 1] | 0x20) >= 'a' && (w[k - 1] | 0x20) <= 'z') ||
	                 (unsigned char)w[k - 1] >= 0x80)) {
		k--;
		ncp += ((unsigned char)w[k] & 0xC0) != 0x80;
	}
	return ncp == 1 ||
	       (ncp > 1 && (in_list_nocase(w + k, i - k, qp_title_abbrevs) ||
	                    in_list_nocase(w + k, i - k, abbrevs)));
}

/* What a word outside brackets is. */
enum word_kind {
	W_BAD,          /* a character no label holds: not a label at all */
	W_NAME,         /* capitalised, ALL CAPS, or a code ("p3", "iPad") */
	W_NUMBER,       /* "1", "3b", "#3" */
	W_PARTICLE,     /* "de", "van", "of" */
	W_OTHER         /* lower case, or a sign first: not like a name */
};

static enum word_kind
word_kind(const char *w, size_t n)
{
	bool upper_inside = false, digit = false, first_upper, first_lower;
	int32_t cp;

	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 0x80) {
			size_t len = utf8_decode(w + i, &cp);
			if (!utf8_is_wordcp(cp) && cp != 0x2019)
				return W_BAD;
			upper_inside |= i > 0 && is_upper_cp(cp);
			i += len;
			continue;
		}
		if (c >= '0' && c <= '9')
			digit = true;
		else if (c >= 'A' && c <= 'Z')
			upper_inside |= i > 0;
		else if (c == '.' && !dot_ok(w, i))
			return W_BAD;
		else if (!(c >= 'a' && c <= 'z') && !strchr(".-'_#&", c))
			return W_BAD;
		i++;
	}
	utf8_decode(w, &cp);
	first_upper = is_upper_cp(cp);
	first_lower = utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
	if (first_upper)
		return W_NAME;
	if ((cp >= '0' && cp <= '9') || (cp == '#' && n > 1 && w[1] >= '0' && w[1] <= '9'))
		return W_NUMBER;
	if (first_lower) {
		if (digit || upper_inside)
			return W_NAME;              /* "p3", "iPad" */
		if (in_list_nocase(w, n, qp_name_particles) || in_list_nocase(w, n, connectives))
			return W_PARTICLE;
	}
	return W_OTHER;
}

/* The label's words outside brackets, and what they say. */
struct scan {
	size_t words;           /* counted: not particles or separators */
	bool shape;             /* one is not like a name */
	bool numbers_after;     /* every counted word after the first is a number */
	const char *first;      /* the first counted word, for the lead-in test */
	size_t nfirst;
};

static bool
scan_word(const char *w, size_t n, struct scan *s)
{
	if (separator(w, n))
		return true;
	enum word_kind k = word_kind(w, n);
	bool first = s->words == 0;
	if (k == W_BAD)
		return false;
	if (k == W_PARTICLE) {
		/* part of the name after it, not a word of its own */
		s->shape |= first;
		return true;
	}
	s->shape |= k == W_OTHER || (first && k == W_NUMBER);
	if (first)
		s->first = w, s->nfirst = n;
	else if (k != W_NUMBER)
		s->numbers_after = false;
	return ++s->words <= QP_LABEL_WORDS;
}

enum qp_label_verdict
qp_label_check(const char *l, size_t n)
{
	struct scan s = { 0, false, true, NULL, 0 };
	int depth = 0;
	size_t w = 0;           /* start of the word being read */

	if (n == 0 || n > QP_LABEL_MAX)
		return QP_LABEL_NO;
	if (pseudonym(l, n))
		return QP_LABEL_YES;
	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? l[i] : ' ';
		if (c == '?' || c == '!' || c == ';' || c == '"' || c == '\n' || c == '\r')
			return QP_LABEL_NO;
		if (depth > 0) {
			if (c == '(' || c == '[')
				depth++;
			else if (c == ')' || c == ']')
				depth--;
			w = i + 1;
			continue;
		}
		if (c == ')' || c == ']')
			return QP_LABEL_NO;
		if (!is_blank(c) && c != '(' && c != '[')
			continue;
		if (i > w && !scan_word(l + w, i - w, &s))
			return QP_LABEL_NO;
		depth += c == '(' || c == '[';
		w = i + 1;
	}
	if (depth > 0 || s.words == 0)
		return QP_LABEL_NO;
	/* A lead-in alone or before numbers ("Note:", "Question 3:"); looked
	 * up last, as most labels have a name after their first word. */
	if (s.shape || (s.numbers_after && in_list_nocase(s.first, s.nfirst, lead_ins)) ||
	    qp_label_is_meta_key(l, n))
		return QP_LABEL_SHAPE;
	return QP_LABEL_YES;
}

bool
qp_label_at(const char *text, size_t n, qp_label *out)
{
	return qp_label_split(text, n, out) &&
	       qp_label_check(text + out->off, out->len) == QP_LABEL_YES;
}
