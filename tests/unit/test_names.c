/* Unit tests for lib/names: the tokenizer's words and possessives, the
 * phrase matcher, and the name guesser on a small lexicon made here (the
 * shipped lists are anonymize.bats' business).  A case is a text and the
 * text with each guessed name written {like this}. */
#include "t.h"

#include <stdlib.h>

#include "buf.h"
#include "names.h"
#include "qp.h"

static qp_names *nm;

static void
flag(const char *w, uint32_t f)
{
	names_set_flags(nm, names_intern(nm, w, strlen(w)), f);
}

static uint32_t
person(void *ctx, const char *s, const names_tok *tv, size_t i, size_t j)
{
	(void)ctx, (void)s, (void)tv, (void)j;
	return (uint32_t)i;
}

/* The text with the guessed names in braces. */
static const char *
guess(const char *s)
{
	static qp_buf b;
	names_tok *tv;
	size_t n = strlen(s), ntok = names_tokenize(nm, s, n, NULL, 0, &tv);
	names_guess_people(s, n, tv, ntok, false, person, NULL);
	buf_reset(&b);
	buf_add(&b, "", 0);
	size_t at = 0;
	for (size_t i = 0; i < ntok; i++) {
		if (tv[i].ent < 0)
			continue;
		size_t j = i;
		while (j + 1 < ntok && tv[j + 1].ent == tv[i].ent)
			j++;
		size_t end = tv[j].off + tv[j].core;
		buf_add(&b, s + at, tv[i].off - at);
		buf_addc(&b, '{');
		buf_add(&b, s + tv[i].off, end - tv[i].off);
		buf_addc(&b, '}');
		at = end;
		i = j;
	}
	buf_add(&b, s + at, n - at);
	return b.s;
}

static void
test_guesses(void)
{
	static const char *const cases[][3] = {
		{ "I met Kevin today.", "I met {Kevin} today.", "a listed given name, capitalised" },
		{ "Kevin Okafor came.", "{Kevin Okafor} came.", "a given name and a surname" },
		{ "Will you come? I will.", "Will you come? I will.",
		  "a given name that is a common word, at a sentence start" },
		{ "we asked Will about it", "we asked {Will} about it",
		  "a common-word name inside a sentence" },
		{ "my friend kevin said so", "my friend {kevin} said so", "after a cue word" },
		{ "I asked Dr. Zyx.", "I asked Dr. {Zyx}.", "after an abbreviated title" },
		{ "the nurse. Zyx came", "the nurse. Zyx came", "a full stop after a title" },
		{ "from Okafor we drove", "from Okafor we drove",
		  "a surname after a preposition of place" },
		{ "in May Kevin left", "in May {Kevin} left", "a month is no name" },
		{ "Kevin's notes", "{Kevin}'s notes", "a possessive keeps its 's" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		T_STR(guess(cases[i][0]), cases[i][1], cases[i][2]);
}

static void
test_phrases(void)
{
	const uint32_t *ids;
	size_t k = names_intern_words(nm, "st brigid hospital", 18, &ids);
	T_OK(k == 3, "names_intern_words: three words");
	names_add_phrase(nm, ids, k, NAMES_TERM, 7);
	k = names_intern_words(nm, "st brigid", 9, &ids);
	names_add_phrase(nm, ids, k, NAMES_TERM, 8);

	const char *s = "at St. Brigid-Hospital's door, St Brigid";
	names_tok *tv;
	size_t ntok = names_tokenize(nm, s, strlen(s), NULL, 0, &tv);
	T_OK(ntok == 7, "seven words");
	uint32_t owner = 0;
	enum names_phrase_kind kind;
	bool whole = true;
	int m = names_match_phrase(nm, s, tv, ntok, 1, &owner, &kind, &whole);
	T_OK(m == 3 && owner == 7 && kind == NAMES_TERM && !whole,
	     "the longest phrase, joined by a dot and a hyphen, its last word possessive");
	m = names_match_phrase(nm, s, tv, ntok, 5, &owner, &kind, &whole);
	T_OK(m == 2 && owner == 8, "the shorter phrase where the longer does not fit");
	T_OK(names_match_phrase(nm, s, tv, ntok, 0, &owner, &kind, &whole) == 0,
	     "no phrase at a word that anchors none");
}

static void
test_spans(void)
{
	const char *s = "Kevin at kevin@example.org, Kevin";
	pii_span sp = { 9, 17, PII_EMAIL };
	names_tok *tv;
	size_t ntok = names_tokenize(nm, s, strlen(s), &sp, 1, &tv);
	T_OK(ntok == 3 && tv[1].off == 6 && tv[2].off == 28,
	     "the words inside a span are left out");
	T_OK(tv[0].cap && !tv[1].cap && (tv[0].pfl & NAME_FIRST),
	     "case and flags of a token");
}

int
main(void)
{
	qp_init("test_names");
	nm = names_new();
	flag("kevin", NAME_FIRST);
	flag("will", NAME_FIRST | NAME_COMMON);
	flag("okafor", NAME_LAST);
	test_guesses();
	test_phrases();
	test_spans();
	names_free(nm);
	return t_done();
}
