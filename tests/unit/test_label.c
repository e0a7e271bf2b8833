/*
 * test_label: the speaker-label rule (lib/label.h), as a table of lines
 * from real transcripts and the false friends that look like them.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "label.h"
#include "qp.h"
#include "t.h"

/* want: "label|rest" for a label, "-" for none, "~" for a line written
 * like a label whose words are not a name's (a roster may still know
 * it: QP_LABEL_SHAPE). */
static const struct {
	const char *text, *want, *why;
} cases[] = {
	/* what Zoom, Otter, Rev and transcribers write */
	{ "Jane Doe: hello", "Jane Doe|hello", "Zoom Name:" },
	{ "Dr. Smith: text", "Dr. Smith|text", "Dr. Name:" },
	{ "Dr. J. Smith: yes", "Dr. J. Smith|yes", "title and initial dots" },
	{ "MODERATOR (Jane Doe): text", "MODERATOR (Jane Doe)|text", "ROLE (Name):" },
	{ "MODERATOR (she/her): ok", "MODERATOR (she/her)|ok", "pronouns in brackets" },
	{ "Jane Doe (host, UCL): ok", "Jane Doe (host, UCL)|ok", "a comma in brackets" },
	{ "Ana do Carmo: we met.", "Ana do Carmo|we met.", "Portuguese particle" },
	{ "Jean de la Fontaine: text", "Jean de la Fontaine|text", "two particles" },
	{ "Ana Maria de la Cruz Lopez: s\xc3\xad", "Ana Maria de la Cruz Lopez|s\xc3\xad",
	  "particles are not counted as words" },
	{ "John of Gaunt: this England", "John of Gaunt|this England", "of" },
	{ "Speaker 1: text", "Speaker 1|text", "Speaker N:" },
	{ "Participant #3: text", "Participant #3|text", "#N" },
	{ "[S01]: a pseudonym", "[S01]|a pseudonym", "anonymize pseudonym, brackets kept" },
	{ "[PERSON_3fa9c01b2e]: keyed", "[PERSON_3fa9c01b2e]|keyed", "keyed pseudonym" },
	{ "[P4] Sam: hi", "[P4] Sam|hi", "a bracketed code before a name" },
	{ "P1: text", "P1|text", "participant code" },
	{ "p2: lower-case code", "p2|lower-case code", "lower-case code" },
	{ "Jane's iPad: a device name", "Jane's iPad|a device name", "Zoom device name" },
	{ "iPhone: hello", "iPhone|hello", "a device alone" },
	{ "INTERVIEWER: text", "INTERVIEWER|text", "ALL CAPS role" },
	{ "I: interviewer", "I|interviewer", "I" },
	{ "Q:", "Q|", "a label alone" },
	{ "  Speaker 1 :  so", "Speaker 1|so", "white space around" },
	{ "Mary-Jane O'Neil: text", "Mary-Jane O'Neil|text", "hyphen and apostrophe" },
	{ "Mary O\xe2\x80\x99Neil: text", "Mary O\xe2\x80\x99Neil|text", "typographic apostrophe" },
	{ "\xc3\x89lodie Durand: oui", "\xc3\x89lodie Durand|oui", "accented capital" },
	{ "Jane Doe - Host: hi", "Jane Doe - Host|hi", "dash between parts" },
	{ "Jane Doe | Host: hi", "Jane Doe | Host|hi", "bar between parts" },
	{ "Note Taker: ok", "Note Taker|ok", "a lead-in with a name word" },
	{ "Jane:\ttab", "Jane|tab", "a tab after the colon" },
	{ "Jane:\nnext line", "Jane|next line", "a newline after the colon" },
	{ "Interviewer: Jane Doe", "Interviewer|Jane Doe", "a role is a label" },
	/* false friends */
	{ "Yeah: it was", "~", "Yeah: a lead-in" },
	{ "Note: the tape stopped", "~", "Note: a lead-in and a metadata key" },
	{ "NOTE: text", "~", "lead-ins in any case" },
	{ "So: what now", "~", "So:" },
	{ "Question 3: how did it go", "~", "a lead-in and a number" },
	{ "Part 2: the wards", "~", "a heading" },
	{ "for example: this", "~", "lower case" },
	{ "For example: this", "~", "lower-case later word" },
	{ "The thing is: text", "~", "a sentence" },
	{ "interviewer: go on", "~", "lower case: only a roster may know it" },
	{ "van Gogh: text", "~", "a particle first" },
	{ "1: a numbered item", "~", "a number first" },
	{ "Date: 3 May", "~", "a metadata key" },
	{ "Interview ID: 42", "~", "a metadata key of two words" },
	{ "Transcribed by: Sam", "~", "a metadata key with lower case" },
	{ "Six Words Are Far Too Many: text", "-", "six words" },
	{ "Well. Then: x", "-", "a sentence's dot" },
	{ "Yes, Jane: x", "-", "a comma outside brackets" },
	{ "What? Me: x", "-", "a question mark" },
	{ "[CROSSTALK]: text", "-", "a bracketed note" },
	{ "[inaudible]: text", "-", "a bracketed note in lower case" },
	{ "(inaudible): x", "-", "only bracketed words" },
	{ "Jane (she/her: x", "-", "an unclosed bracket" },
	{ "At 10:30 we met", "-", "no white space after the colon" },
	{ "P1:no space after the colon", "-", "no space after the colon" },
	{ "http://example.com/x", "-", "a URL" },
	{ "no colon here", "-", "no colon" },
	{ ": x", "-", "empty label" },
	{ "Jane/Sam: x", "-", "a slash outside brackets" },
	{ "A very long label with many letters in it, far too long: x", "-", "a comma" },
	{ "Abcdefghij Abcdefghij Abcdefghij Abcdefghij Abcdefghij Abc: x", "-",
	  "over 60 bytes" },
};

static void
test_table(void)
{
	char got[256], name[256];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].text;
		size_t n = strlen(t);
		qp_label l;
		if (!qp_label_split(t, n, &l)) {
			strcpy(got, "-");
		} else {
			switch (qp_label_check(t + l.off, l.len)) {
			case QP_LABEL_NO:
				strcpy(got, "-");
				break;
			case QP_LABEL_SHAPE:
				strcpy(got, "~");
				break;
			case QP_LABEL_YES:
				snprintf(got, sizeof got, "%.*s|%s", (int)l.len, t + l.off, t + l.rest);
				break;
			}
		}
		snprintf(name, sizeof name, "label: %s ('%s')", cases[i].why, t);
		for (char *c = name; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
		T_STR(got, cases[i].want, name);
		/* qp_label_at says yes exactly for a label */
		bool yes = strcmp(got, "-") != 0 && strcmp(got, "~") != 0;
		T_OK(qp_label_at(t, n, &l) == yes,
		     "label: qp_label_at agrees");
	}
}

static void
test_limits(void)
{
	char b[128];
	qp_label l;

	/* 60 bytes is a label, 61 is not */
	memset(b, 'A', 60);
	strcpy(b + 60, ": x");
	T_OK(qp_label_at(b, strlen(b), &l) && l.len == 60, "label: 60 bytes");
	memset(b, 'A', 61);
	strcpy(b + 61, ": x");
	T_OK(!qp_label_at(b, strlen(b), &l), "label: 61 bytes");
	T_OK(qp_label_at("A B C D E: x", 12, &l), "label: five words");
	T_OK(!qp_label_at("A B C D E F: x", 14, &l), "label: six words");
	T_OK(qp_label_is_meta_key("Focus Group", 11), "label: meta key, any case");
	T_OK(!qp_label_is_meta_key("Moderator", 9), "label: a role is no meta key");
}

int
main(void)
{
	qp_init("test_label");
	test_table();
	test_limits();
	return t_done();
}
