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

/* The text with the guessed names in braces, read as cased text or in
 * lower-case mode. */
static const char *
guess_mode(const char *s, bool lower)
{
	static qp_buf b;
	names_tok *tv;
	size_t n = strlen(s), ntok = names_tokenize(nm, s, n, NULL, 0, &tv);
	names_guess_people(s, n, tv, ntok, lower, person, NULL);
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

static const char *
guess(const char *s)
{
	return guess_mode(s, false);
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
test_lower(void)
{
	static const char *const cases[][3] = {
		{ "doctor zyx told me", "doctor {zyx} told me", "after a title, a word on no list" },
		{ "dr zyx said no", "dr {zyx} said no", "after an abbreviated title" },
		{ "a doctor because", "a doctor because", "after a title, an ordinary word" },
		{ "my son zyx is five", "my son {zyx} is five", "after a kinship cue" },
		{ "my son will be fine", "my son will be fine", "a common word after a cue" },
		{ "my daughter said so", "my daughter said so", "a cue with no name" },
		{ "megan from the office", "{megan} from the office",
		  "a given name that is no word, anywhere" },
		{ "then okafor said no", "then {okafor} said no", "a surname before said" },
		{ "we met okafor", "we met okafor", "a surname where no name stands" },
		{ "thanks, okafor.", "thanks, {okafor}.", "a surname spoken to" },
		{ "kevin okafor came", "{kevin okafor} came", "a given name and a surname" },
		{ "kevin and zyx came", "{kevin} and {zyx} came",
		  "a word on no list joined to a name" },
		{ "will and hope", "will and hope", "common words stay" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		T_STR(guess_mode(cases[i][0], true), cases[i][1], cases[i][2]);
	/* the same texts as cased text: lower-case words are no names */
	T_STR(guess("doctor zyx told me"), "doctor zyx told me", "cased: no title rule in lower case");
	T_STR(guess("then okafor said no"), "then okafor said no", "cased: no surname before said");
}

/* Token k of s, a roster word: the name (1) or the word (0), and why. */
static int
word_use(const char *s, size_t k, bool lower, int *why)
{
	names_tok *tv;
	size_t n = strlen(s), ntok = names_tokenize(nm, s, n, NULL, 0, &tv);
	if (k >= ntok)
		return -1;
	return names_word_is_name(s, n, tv, ntok, k, lower, why);
}

static void
test_word_use(void)
{
	static const struct {
		const char *s;
		size_t k;
		bool lower;
		int name, why;
	} cases[] = {
		{ "i will remember", 1, true, 0, WHY_W_PRON },
		{ "my will to finish", 1, true, 0, WHY_W_DET },
		{ "i hope so", 1, true, 0, WHY_W_IDIOM },
		{ "i hope we can", 1, true, 0, WHY_W_PRON },
		{ "hope so", 0, true, 0, WHY_W_IDIOM },
		{ "will you come", 0, true, 0, WHY_W_VERB },
		{ "it will be fine", 1, true, 0, WHY_W_PRON },
		{ "the plan will be fine", 2, true, 0, WHY_W_VERB },
		{ "the hospital bill was high", 2, true, 0, WHY_W_DET },
		{ "a question mark and he said", 2, true, 0, WHY_W_DET },
		{ "the other will came in", 2, true, 1, WHY_UNCLEAR },
		{ "out to the farm mark", 4, true, 1, WHY_UNCLEAR },
		{ "she said may i talk to you", 2, true, 0, WHY_W_VERB },
		{ "she said may i was there", 2, true, 1, WHY_SAYS },
		{ "every meal she says grace", 4, true, 0, WHY_W_IDIOM },
		{ "the gate and rose garden", 3, true, 0, WHY_W_IDIOM },
		{ "thanks, will.", 1, true, 1, WHY_VOCATIVE },
		{ "said will", 1, true, 1, WHY_SAYS },
		{ "will said so", 0, true, 1, WHY_SAYS },
		{ "ask will about it", 1, true, 1, WHY_UNCLEAR },
		{ "We asked Will today", 2, false, 1, WHY_MID_SENTENCE },
		{ "We will go", 1, false, 0, WHY_W_PRON },
		{ "so we go with will", 4, false, 0, WHY_W_LOWER },
		{ "Will you come?", 0, false, 0, WHY_W_VERB },
		{ "Will said no.", 0, false, 1, WHY_SAYS },
		{ "thank you faith this was great", 2, true, 1, WHY_VOCATIVE },
		{ "thanks grace", 1, true, 1, WHY_VOCATIVE },
		{ "hi i'm grace i have", 2, true, 1, WHY_INTRO },
		{ "my name is grace", 3, true, 1, WHY_INTRO },
		{ "this is mark", 2, true, 1, WHY_INTRO },
		{ "mark can you say more", 0, true, 1, WHY_VOCATIVE },
		{ "important mark did you want", 1, true, 1, WHY_VOCATIVE },
		{ "it will do you good", 1, true, 0, WHY_W_PRON },
		{ "hope that must have been hard", 0, true, 1, WHY_VOCATIVE },
		{ "hope that helps", 0, true, 0, WHY_W_IDIOM },
		{ "with grace recording started", 1, true, 1, WHY_SUBJECT },
		{ "with grace and dignity", 1, true, 0, WHY_W_IDIOM },
		{ "people do faith does", 2, true, 1, WHY_SUBJECT },
		{ "the only hope is gone", 2, true, 0, WHY_W_PRON },
		{ "will fifth grade", 0, true, 1, WHY_UNCLEAR },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int why = -1;
		int got = word_use(cases[i].s, cases[i].k, cases[i].lower, &why);
		T_OK(got == cases[i].name && why == cases[i].why, cases[i].s);
		if (got != cases[i].name || why != cases[i].why)
			fprintf(stderr, "  got %d (%s), want %d (%s)\n", got, names_why_str(why),
			        cases[i].name, names_why_str(cases[i].why));
	}
	T_OK(*names_why_str(WHY_UNCLEAR) && *names_why_str(WHY_K_KEEP) &&
	     !*names_why_str(WHY_COUNT), "every reason has words, and none past the last");
}

static void
test_casing_and_kept(void)
{
	names_tok *tv;
	const char *s = "so i met kevin";
	size_t ntok = names_tokenize(nm, s, strlen(s), NULL, 0, &tv);
	T_OK(!names_any_capital(tv, ntok), "no capital in lower-case text");
	T_OK(names_kept_why(s, tv, 3) == WHY_K_POSITION, "a listed name kept: not in a name position");
	T_OK(names_kept_why(s, tv, 2) == 0, "an ordinary word is not listed as kept");
	s = "so I met Zyx";
	ntok = names_tokenize(nm, s, strlen(s), NULL, 0, &tv);
	T_OK(names_any_capital(tv, ntok), "\"I\" is a capital");
	T_OK(names_kept_why(s, tv, 3) == WHY_K_UNLISTED, "a capitalised word on no list");
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
test_listed(void)
{
	uint32_t a = names_intern_listed(nm, "señora");
	T_OK(a == names_intern(nm, "senora", 6), "a listed word is folded as the text's words are");
	T_OK(names_intern_listed(nm, "clinic") == names_intern(nm, "clinic", 6),
	     "an ASCII listed word is itself");
	const char *s = "then Doña Maria";
	names_tok *tv;
	size_t ntok = names_tokenize(nm, s, strlen(s), NULL, 0, &tv);
	T_OK(ntok == 3 && (tv[1].pfl & NAME_TITLE), "Doña in the text meets the title list's doña");
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
	flag("megan", NAME_FIRST);
	flag("hope", NAME_FIRST | NAME_COMMON | NAME_WORD);
	flag("will", NAME_WORD);
	flag("because", NAME_WORD);
	flag("fine", NAME_WORD);
	flag("plan", NAME_WORD);
	flag("came", NAME_WORD);
	flag("hospital", NAME_WORD);
	flag("question", NAME_WORD);
	flag("talk", NAME_WORD);
	flag("other", NAME_WORD);
	test_guesses();
	test_lower();
	test_word_use();
	test_casing_and_kept();
	test_phrases();
	test_listed();
	test_spans();
	names_free(nm);
	return t_done();
}
