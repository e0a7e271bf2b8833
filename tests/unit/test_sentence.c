/* Unit tests for lib/sentence.c: hand-written cases beyond the Golden
 * Rules (tests/unit/test_golden.c runs those), and the span invariants on
 * generated text. */
#include "t.h"

#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "qp.h"
#include "sentence.h"
#include "utf8.h"
#include "words.h"

static qp_sent *sv;
static size_t scap;

/* The sentences of s joined by " | ". */
static const char *
split(const char *s)
{
	static qp_buf b;
	size_t k = sent_split(s, strlen(s), &sv, &scap);
	buf_reset(&b);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < k; i++) {
		if (i)
			buf_add(&b, " | ", 3);
		buf_add(&b, s + sv[i].off, sv[i].len);
	}
	return b.s;
}

#define SPLIT(in, want, name) T_STR(split(in), want, name)

static void
test_edges(void)
{
	T_OK(sent_split("", 0, &sv, &scap) == 0, "empty text: no sentence");
	T_OK(sent_split(" \t\n \r\n\n  ", 9, &sv, &scap) == 0, "white space only: no sentence");
	T_OK(sent_split("\xc2\xa0 \xe2\x80\x83\n", 7, &sv, &scap) == 0,
	     "Unicode spaces only: no sentence");
	T_OK(sent_split("x", 0, &sv, &scap) == 0, "n = 0 reads nothing");

	const char *s = "  \n hello there  \n";
	T_OK(sent_split(s, strlen(s), &sv, &scap) == 1 && sv[0].off == 4 && sv[0].len == 11,
	     "no terminator: one span, trimmed of white space");
	SPLIT("no terminal punctuation here", "no terminal punctuation here",
	      "no terminal punctuation: the whole text");
	SPLIT("Done.", "Done.", "one sentence");
	SPLIT("Wait", "Wait", "one word");
	SPLIT(".", ".", "a lone period");
	SPLIT("?!", "?!", "lone punctuation");
	/* only part of the buffer is read: n bounds it */
	T_OK(sent_split("One. Two. Three.", 9, &sv, &scap) == 2 && sv[1].len == 4,
	     "n bounds the text");
}

static void
test_speech(void)
{
	SPLIT("Yeah. I mean... I don't know? It's, like, hard.",
	      "Yeah. | I mean... | I don't know? | It's, like, hard.",
	      "speech: an ellipsis glued to a word ends it before a capital");
	SPLIT("Um, so... we just, you know... kept going.",
	      "Um, so... we just, you know... kept going.",
	      "speech: an ellipsis before lower case goes on");
	SPLIT("Right. Right. Okay!", "Right. | Right. | Okay!", "speech: short turns");
	SPLIT("Was it hard?! Yes!!! Very.", "Was it hard?! | Yes!!! | Very.",
	      "speech: runs of ? and !");
	SPLIT("I wasn't... I mean, no.", "I wasn't... | I mean, no.",
	      "speech: trailing off, then a new start");
	SPLIT("It was, uh … fine. Really.", "It was, uh … fine. | Really.",
	      "speech: a free-standing ellipsis character");
	SPLIT("Wait\xe2\x80\xa6 What?", "Wait\xe2\x80\xa6 | What?",
	      "speech: an ellipsis character glued to a word");
}

static void
test_titles(void)
{
	SPLIT("I spoke to Dr. Jones and Mr. Smith. They agreed.",
	      "I spoke to Dr. Jones and Mr. Smith. | They agreed.", "Dr. and Mr. before names");
	SPLIT("Mrs. Okafor met Prof. Lee and Ms. Diaz.",
	      "Mrs. Okafor met Prof. Lee and Ms. Diaz.", "Mrs. Prof. Ms.");
	SPLIT("We asked Dr.\nPatel about it.", "We asked Dr.\nPatel about it.",
	      "a title before a line break");
	SPLIT("St. Mary's is on Main St. The door is red.",
	      "St. Mary's is on Main St. | The door is red.",
	      "St.: Saint before a name, Street after one");
	SPLIT("Jonas E. Smith went home.", "Jonas E. Smith went home.", "an initial");
	SPLIT("Written by J. R. R. Tolkien. It is long.",
	      "Written by J. R. R. Tolkien. | It is long.", "several initials");
	SPLIT("It was you and I. Did it work?", "It was you and I. | Did it work?",
	      "I after a lower-case word is the pronoun");
	SPLIT("We met Albert I. Jones there.", "We met Albert I. Jones there.",
	      "I after a name is an initial");
	SPLIT("I like vitamin C. Then again, who doesn't?",
	      "I like vitamin C. | Then again, who doesn't?",
	      "a lone capital before a first word ends the sentence");
}

/*
 * The splitter's own table of abbreviations (lib/sentence.c) holds more
 * titles than anonymize needs (Sgt., Msgr.); the shared lists of
 * words.h must agree with it: every title of qp_title_abbrevs keeps its
 * dot inside the sentence, every other title of qp_titles ends one, and
 * a month abbreviation before a day does not.
 */
static void
test_shared_words(void)
{
	qp_buf in = QP_BUF_INIT, want = QP_BUF_INIT, name = QP_BUF_INIT;
	for (const char *const *t = qp_titles; *t; t++) {
		bool abbr = qp_word_in(*t, strlen(*t), qp_title_abbrevs);
		buf_reset(&in), buf_reset(&want), buf_reset(&name);
		buf_printf(&in, "I spoke to %c%s. Jones came.", **t - 32, *t + 1);
		if (abbr)
			buf_printf(&want, "%s", in.s);
		else
			buf_printf(&want, "I spoke to %c%s. | Jones came.", **t - 32, *t + 1);
		buf_printf(&name, "%s. (qp_titles%s)", *t, abbr ? ", qp_title_abbrevs" : "");
		SPLIT(in.s, want.s, name.s);
	}
	for (const char *const *m = qp_month_abbrevs; *m; m++) {
		if (qp_word_in(*m, strlen(*m), qp_months))
			continue;     /* "May" is no abbreviation */
		buf_reset(&in), buf_reset(&name);
		buf_printf(&in, "It was on %c%s. 5 that we met.", **m - 32, *m + 1);
		buf_printf(&name, "%s. before a day (qp_month_abbrevs)", *m);
		SPLIT(in.s, in.s, name.s);
	}
	buf_free(&in), buf_free(&want), buf_free(&name);
}

static void
test_abbrev(void)
{
	SPLIT("We met at 3 p.m. we talked.", "We met at 3 p.m. we talked.",
	      "a.m./p.m.: lower case goes on");
	SPLIT("We met at 3 p.m. Then we left.", "We met at 3 p.m. | Then we left.",
	      "p.m. before a first word ends the sentence");
	SPLIT("At 9 a.m. Dr. Ruiz arrived.", "At 9 a.m. Dr. Ruiz arrived.",
	      "At 9 a.m. opening a sentence is not one");
	SPLIT("So at 8 a.m. Mr. Diaz does rounds.", "So at 8 a.m. Mr. Diaz does rounds.",
	      "a time adverbial after a leading So");
	SPLIT("Around 10.30 a.m. The doors opened.", "Around 10.30 a.m. The doors opened.",
	      "a time adverbial with a decimal time");
	SPLIT("She left at 9 a.m. Dr. Ruiz came later.",
	      "She left at 9 a.m. | Dr. Ruiz came later.",
	      "a.m. before a title ends the sentence");
	SPLIT("Bring pens, paper, etc. We start at noon.",
	      "Bring pens, paper, etc. | We start at noon.", "etc. before a capital");
	SPLIT("Use a pen, e.g. The blue one.", "Use a pen, e.g. The blue one.",
	      "e.g. never ends a sentence");
	SPLIT("It was Smith vs. Jones in the end.", "It was Smith vs. Jones in the end.", "vs.");
	SPLIT("I work for the U.S. Government.", "I work for the U.S. Government.",
	      "U.S. before a name");
	SPLIT("I live in the U.K. How about you?", "I live in the U.K. | How about you?",
	      "U.K. before a first word");
	SPLIT("They work at Acme Co. We buy from them.",
	      "They work at Acme Co. | We buy from them.", "Co. at the end");
	SPLIT("Smith et al. This matters.", "Smith et al. | This matters.", "et al.");
	SPLIT("It was on Jan. 5. It rained.", "It was on Jan. 5. | It rained.",
	      "a month before a number, a number at the end");
	SPLIT("See p. 12 and No. 4 of vol. 2 for details.",
	      "See p. 12 and No. 4 of vol. 2 for details.", "p. No. vol. before numbers");
	SPLIT("It takes approx. 5 minutes.", "It takes approx. 5 minutes.", "approx.");
	SPLIT("I said no. Then I left.", "I said no. | Then I left.",
	      "\"no\" is a word unless a number follows");
}

static void
test_numbers(void)
{
	SPLIT("It costs 1.5 million, or 1,000.50 each. That's a lot.",
	      "It costs 1.5 million, or 1,000.50 each. | That's a lot.",
	      "decimals and grouped numbers");
	SPLIT("The year was 1999. Nobody cared.", "The year was 1999. | Nobody cared.",
	      "a year ends a sentence");
	SPLIT("It was 98.6 degrees.", "It was 98.6 degrees.", "a decimal");
	SPLIT("Costs rose 20%. Then fell.", "Costs rose 20%. | Then fell.", "a percentage");
	SPLIT("It's 3.14159. Pi.", "It's 3.14159. | Pi.", "a decimal at the end");
	SPLIT("We had 3 patients. 2 left early.", "We had 3 patients. | 2 left early.",
	      "a sentence starting with a digit");
}

static void
test_quotes(void)
{
	SPLIT("He said \"stop.\" Then he left.", "He said \"stop.\" | Then he left.",
	      "the closing quote stays with the sentence");
	SPLIT("\"Why?\" she asked.", "\"Why?\" she asked.",
	      "a quoted question before lower case");
	SPLIT("She said, \xe2\x80\x98" "Fine.\xe2\x80\x99 Then she left.",
	      "She said, \xe2\x80\x98" "Fine.\xe2\x80\x99 | Then she left.",
	      "curly single quotes");
	SPLIT("\xe2\x80\x9cNo.\xe2\x80\x9d \xe2\x80\x9cYes.\xe2\x80\x9d",
	      "\xe2\x80\x9cNo.\xe2\x80\x9d | \xe2\x80\x9cYes.\xe2\x80\x9d",
	      "curly double quotes open and close");
	SPLIT("(I was tired.) We left.", "(I was tired.) | We left.",
	      "the closing parenthesis stays with the sentence");
	SPLIT("He came (again!) and sat.", "He came (again!) and sat.",
	      "! inside parentheses before lower case");
	SPLIT("See the notes [...] for more.", "See the notes [...] for more.",
	      "an omission in brackets");
	SPLIT("He said \"stop.\"Then left.", "He said \"stop.\" | Then left.",
	      "no space after the closing quote");
}

static void
test_lists(void)
{
	SPLIT("Items:\n- apples\n- pears", "Items: | - apples | - pears",
	      "hyphen bullets on lines");
	SPLIT("We need:\n- time and\n  patience.\n- sleep.",
	      "We need: | - time and\n  patience. | - sleep.",
	      "hyphen bullets in prose: an item may wrap");
	SPLIT("Intro \xe2\x80\xa2 one \xe2\x80\xa2 two",
	      "Intro | \xe2\x80\xa2 one | \xe2\x80\xa2 two", "bullets on one line");
	SPLIT("Steps: 1. Open it 2. Close it.", "Steps: 1. Open it | 2. Close it.",
	      "a numbered list after a colon");
	SPLIT("(a) first (b) second (c) third", "(a) first | (b) second | (c) third",
	      "(a) (b) (c)");
	SPLIT("i. one ii. two iii. three", "i. one | ii. two | iii. three", "roman numerals");
	SPLIT("A) yes B) no", "A) yes | B) no", "capital letters with a parenthesis");
	SPLIT("1. Introduction\n2. Methods\n3. Results",
	      "1. Introduction | 2. Methods | 3. Results", "numbered lines");
	SPLIT("He scored 2. Then 3. It ended.", "He scored 2. | Then 3. | It ended.",
	      "numbers that are no list");
	SPLIT("1. First. Some text. He scored 2. Then he left.",
	      "1. First. | Some text. | He scored 2. | Then he left.",
	      "a list ends at a sentence that is no item");
}

static void
test_newlines(void)
{
	SPLIT("It was a cold\nnight. We left.", "It was a cold\nnight. | We left.",
	      "a newline inside a prose sentence");
	SPLIT("eggs\nmilk\nbread", "eggs | milk | bread", "lines without terminators");
	SPLIT("Para one.\n\npara two", "Para one. | para two", "a blank line always ends");
	SPLIT("A title\n\nSome text. More.", "A title | Some text. | More.",
	      "a heading alone in its paragraph");
	SPLIT("Hi\r\nthere.\r\nBye.", "Hi\r\nthere. | Bye.", "CRLF line ends");
	SPLIT("one\n\ntwo\nthree", "one | two | three", "a list paragraph after a blank line");
	SPLIT("Prose here.\n\nlist a\nlist b\n\nMore prose\nwrapped.",
	      "Prose here. | list a | list b | More prose\nwrapped.",
	      "each paragraph judged on its own");
}

static void
test_tokens(void)
{
	SPLIT("Write to jane.doe@example.org. She replies.",
	      "Write to jane.doe@example.org. | She replies.", "an e-mail address");
	SPLIT("Go to https://example.com/A.Html today.",
	      "Go to https://example.com/A.Html today.", "a URL");
	SPLIT("Visit www.Example.com. Now.", "Visit www.Example.com. | Now.", "www.");
	SPLIT("Hello world.Today is Tuesday.", "Hello world. | Today is Tuesday.",
	      "no space between sentences");
	SPLIT("Why?Because.", "Why? | Because.", "no space after ?");
	SPLIT("I visited the U.S.A.Today too.", "I visited the U.S.A.Today too.",
	      "letters joined by periods are not split");
	SPLIT("We met Mr.Smith there.", "We met Mr.Smith there.",
	      "a title glued to a name");
}

static void
test_multibyte(void)
{
	SPLIT("Caf\xc3\xa9 cr\xc3\xa8me. \xc3\x87" "a va? \xc3\x89lan vital!",
	      "Caf\xc3\xa9 cr\xc3\xa8me. | \xc3\x87" "a va? | \xc3\x89lan vital!",
	      "accented capitals start sentences");
	SPLIT("Das ist gut. \xc3\x9c" "bermorgen gehen wir.",
	      "Das ist gut. | \xc3\x9c" "bermorgen gehen wir.", "a German capital");
	SPLIT("Il est all\xc3\xa9. \xc3\xa9videmment non.",
	      "Il est all\xc3\xa9. \xc3\xa9videmment non.",
	      "an accented lower-case letter goes on");
	SPLIT("Hello.\xc2\xa0World.", "Hello. | World.", "a no-break space between sentences");
	SPLIT("One.\xe2\x80\x83Two.", "One. | Two.", "an em space between sentences");
	SPLIT("\xe6\x9d\xb1\xe4\xba\xac. It was far.", "\xe6\x9d\xb1\xe4\xba\xac. | It was far.",
	      "CJK before a period");
	SPLIT("Smile \xf0\x9f\x98\x80. Then go.", "Smile \xf0\x9f\x98\x80. | Then go.",
	      "an emoji before a period");
}

static void
test_caseless(void)
{
	SPLIT("so yeah. i mean it was hard. we did ok.",
	      "so yeah. | i mean it was hard. | we did ok.",
	      "without any capital, lower case can start a sentence");
	SPLIT("we saw dr. smith. he was kind.", "we saw dr. smith. | he was kind.",
	      "without capitals titles still hold");
	SPLIT("so yeah. It was hard.", "so yeah. | It was hard.",
	      "one capital anywhere: case counts");
	SPLIT("so yeah. i mean It", "so yeah. i mean It",
	      "with a capital, lower case goes on");
}

/* A long text: many sentences (the output grows), and one long one. */
static void
test_long(void)
{
	qp_buf b = QP_BUF_INIT;
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "This is sentence %d. ", i);
	size_t k = sent_split(b.s, b.len, &sv, &scap);
	T_OK(k == 20000 && scap >= 20000, "20000 sentences");
	T_MEM(b.s + sv[19999].off, sv[19999].len, "This is sentence 19999.", "the last of them");
	T_MEM(b.s + sv[12345].off, sv[12345].len, "This is sentence 12345.", "one in the middle");
	int ordered = 1;
	for (size_t i = 1; i < k; i++)
		ordered &= sv[i].off >= sv[i - 1].off + sv[i - 1].len;
	T_OK(ordered, "spans ascend and do not overlap");

	buf_reset(&b);
	for (int i = 0; i < 200000; i++)
		buf_add(&b, "word and ", 9);
	k = sent_split(b.s, b.len, &sv, &scap);
	T_OK(k == 1 && sv[0].off == 0 && sv[0].len == b.len - 1,
	     "1.8 MB without a terminator: one sentence");

	/* one run of non-white-space that splits at every period */
	buf_reset(&b);
	for (int i = 0; i < 50000; i++)
		buf_add(&b, "Hello.World", 11);
	k = sent_split(b.s, b.len, &sv, &scap);
	T_OK(k == 50001 && sv[1].off == 6 && sv[1].len == 11,
	     "Hello.WorldHello.World... without a space: one sentence a piece");

	buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		buf_add(&b, ". ", 2);
	k = sent_split(b.s, b.len, &sv, &scap);
	T_OK(k == 1, "100000 free-standing periods: one ellipsis");

	buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		buf_add(&b, "line\n", 5);
	k = sent_split(b.s, b.len, &sv, &scap);
	T_OK(k == 100000, "100000 lines without terminators: one sentence each");
	buf_free(&b);
}

/*
 * Generated text from pieces that exercise every rule, in random order
 * (fixed seed): the spans must ascend, not overlap, be non-empty, start
 * and end outside white space, and cover every byte that is not white
 * space.
 */
static const char *const pieces[] = {
	"word", "Word", "I", "a", "Mr.", "Dr.", "p.m.", "U.S.", "etc.", "e.g.", "No.",
	".", "..", "...", "....", "?", "!", "?!", "\xe2\x80\xa6", "\"", "'", "(", ")",
	"[...]", "1.", "2.", "(a)", "b)", "ii.", "\xe2\x80\xa2", "-", "*", ":", ",",
	"1,000.50", "$5.", "x@y.z", "http://a.b/C.D", "end.Next", "\xc3\x89t\xc3\xa9",
	"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99", "\xe6\x9d\xb1", "\xf0\x9f\x98\x80",
	"At", "5", "a.m.", "St.", "co.", "The", "how", "Jr.'s", "[", "]",
};
static const char *const gaps[] = {
	" ", " ", " ", " ", "", "\n", "\n\n", "\t", "  ", "\r\n", "\xc2\xa0",
	"\xe2\x80\x83", " \n ",
};

static size_t
space_len(const char *s, size_t n)
{
	int32_t cp;
	if (n == 0)
		return 0;
	if (strchr(" \t\n\r\v\f", *s) && *s)
		return 1;
	size_t k = utf8_decode(s, &cp);
	return (cp == 0xA0 || cp == 0x2003) && k <= n ? k : 0;
}

static void
test_generated(void)
{
	uint32_t x = 2463534242u;
	qp_buf b = QP_BUF_INIT;
	int bad = 0, runs = 3000;
	for (int r = 0; r < runs && !bad; r++) {
		buf_reset(&b);
		int np = 1 + r % 60;
		for (int i = 0; i < np; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			buf_add(&b, gaps[x % (sizeof gaps / sizeof *gaps)], strlen(gaps[x % (sizeof gaps / sizeof *gaps)]));
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			const char *p = pieces[x % (sizeof pieces / sizeof *pieces)];
			buf_add(&b, p, strlen(p));
		}
		size_t k = sent_split(b.s, b.len, &sv, &scap), at = 0;
		for (size_t i = 0; i < k && !bad; i++) {
			size_t o = sv[i].off, l = sv[i].len;
			if (o < at || l == 0 || o + l > b.len || space_len(b.s + o, l))
				bad = 1;
			/* nothing but white space between spans */
			while (at < o && !bad) {
				size_t sl = space_len(b.s + at, o - at);
				if (!sl)
					bad = 2;
				at += sl ? sl : 1;
			}
			/* the span's last character is not white space */
			size_t e = o + l - 1;
			while (e > o && ((unsigned char)b.s[e] & 0xC0) == 0x80)
				e--;
			if (space_len(b.s + e, o + l - e))
				bad = 3;
			at = o + l;
		}
		while (at < b.len && !bad) {
			size_t sl = space_len(b.s + at, b.len - at);
			if (!sl)
				bad = 4;
			at += sl ? sl : 1;
		}
		if (bad)
			printf("# failed on (%d): \"%s\"\n", bad, b.s);
	}
	T_OK(!bad, "generated text: spans ascend, are trimmed and cover all but white space");
	buf_free(&b);
}

int
main(void)
{
	test_edges();
	test_speech();
	test_titles();
	test_shared_words();
	test_abbrev();
	test_numbers();
	test_quotes();
	test_lists();
	test_newlines();
	test_tokens();
	test_multibyte();
	test_caseless();
	test_long();
	test_generated();
	free(sv);
	return t_done();
}
