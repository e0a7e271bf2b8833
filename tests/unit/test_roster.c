/* Unit tests for lib/roster: normal form, loading, label matching, and
 * labels at the start of text.  (Load errors exit; tests/tag-speaker.bats
 * covers them through the filter.) */
#include "t.h"

#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "qp.h"
#include "roster.h"

static qp_buf sb = QP_BUF_INIT;

static const char *
norm(const char *s)
{
	static qp_buf b = QP_BUF_INIT;
	buf_reset(&b);
	buf_adds(&b, "keep|");     /* norm appends: what is there stays */
	qp_roster_norm(s, strlen(s), &b);
	return b.s + 5;
}

static void
test_norm(void)
{
	T_STR(norm("Jane Doe"), "jane doe", "norm: case");
	T_STR(norm("  JANE \t  doe  "), "jane doe", "norm: white space collapsed and trimmed");
	T_STR(norm("Jos\xc3\xa9 O\xe2\x80\x99Neil"), "jose o'neil", "norm: accents and curly apostrophe");
	T_STR(norm("Dr. Jane Doe"), "jane doe", "norm: title with dot");
	T_STR(norm("PROF DR Jane"), "jane", "norm: several titles, no dots");
	T_STR(norm("Mx Sam"), "sam", "norm: Mx");
	T_STR(norm("Dr."), "dr", "norm: a title alone stays");
	T_STR(norm("Jane Mr"), "jane mr", "norm: titles only at the start");
	T_STR(norm("Drew Mason"), "drew mason", "norm: a word starting with a title is no title");
	T_STR(norm("Speaker #1:"), "speaker 1", "norm: punctuation separates words");
	T_STR(norm("Mary-Jane"), "mary jane", "norm: hyphen separates words");
	T_STR(norm("Stra\xc3\x9f" "e"), "strasse", "norm: full case folding");
	T_STR(norm("?!"), "", "norm: no words, empty");
	T_STR(norm(""), "", "norm: empty");
}

static char path[] = "/tmp/test_roster_XXXXXX";

static qp_roster *
load(const char *text)
{
	t_write_temp(path, text);
	char *files[] = { path };
	static const char *const need[] = { "role", NULL };
	qp_roster *r = qp_roster_load(1, files, need);
	unlink(path);
	strcpy(path + strlen(path) - 6, "XXXXXX");
	return r;
}

static const char *
who(const qp_roster *r, const char *label, enum qp_roster_how *how)
{
	qp_roster_hit h = qp_roster_match(r, label, strlen(label), &sb);
	if (how)
		*how = h.how;
	if (h.how == QP_ROSTER_AMBIGUOUS)
		return "?";
	return h.e ? h.e->name : "-";
}

static void
test_load_match(void)
{
	qp_roster *r = load(
		"name\taliases\trole\tparticipant\n"
		"Jane Doe\tModerator; Speaker 1 ;;Jane\tmoderator\t\n"
		"Jos\xc3\xa9 N\xc3\xba\xc3\xb1" "ez\tP3;Pepe\tMS\tp03\n"
		"Sam Lee\tP4;Sam\tSGA\tp04\n"
		"Ana de la Cruz\t\tMCL\tp\\\\05\n");
	T_OK(qp_roster_count(r) == 4, "load: four entries");
	T_OK(qp_roster_ncols(r) == 4, "load: four columns");
	T_OK(qp_roster_col(r, "participant") == 3, "load: column by name");
	T_OK(qp_roster_col(r, "cohort") == -1, "load: absent column is -1");
	T_STR(qp_roster_colname(r, 2), "role", "load: column name");
	const qp_roster_entry *e = qp_roster_at(r, 0);
	T_OK(e->naliases == 3, "load: empty aliases skipped");
	T_STR(e->aliases[1], "Speaker 1", "load: aliases trimmed");
	T_OK(e->line == 2, "load: entry line");
	T_STR(qp_roster_at(r, 3)->vals[3], "p\\05", "load: values unescaped");
	T_STR(qp_roster_at(r, 3)->vals[1], "", "load: empty value is \"\"");

	enum qp_roster_how how;
	T_STR(who(r, "jane doe", &how), "Jane Doe", "match: name, case");
	T_OK(how == QP_ROSTER_WHOLE, "match: whole label");
	T_STR(who(r, "JOSE NUNEZ", NULL), "Jos\xc3\xa9 N\xc3\xba\xc3\xb1" "ez", "match: accents");
	T_STR(who(r, "Dr.  Sam   Lee", NULL), "Sam Lee", "match: title and spaces");
	T_STR(who(r, "speaker 1", NULL), "Jane Doe", "match: alias");
	T_STR(who(r, "MODERATOR (Jane Doe)", &how), "Jane Doe", "match: role word (name)");
	T_OK(how == QP_ROSTER_PART, "match: by parts");
	T_STR(who(r, "Sam Lee (she/her)", NULL), "Sam Lee", "match: pronouns ignored");
	T_STR(who(r, "Sam Lee - Host", NULL), "Sam Lee", "match: dash");
	T_STR(who(r, "Sam Lee \xe2\x80\x94 Host", NULL), "Sam Lee", "match: em dash");
	T_STR(who(r, "Sam Lee | Host", NULL), "Sam Lee", "match: bar");
	T_STR(who(r, "P3 (Pepe)", NULL), "Jos\xc3\xa9 N\xc3\xba\xc3\xb1" "ez", "match: two aliases, one person");
	T_STR(who(r, "[P4] Sam", NULL), "Sam Lee", "match: brackets");
	T_STR(who(r, "Moderator (Sam Lee)", NULL), "Sam Lee",
	      "match: a name part beats an alias part of another person");
	T_STR(who(r, "P3 (Sam)", &how), "?", "match: two aliases of two people: ambiguous");
	T_OK(how == QP_ROSTER_AMBIGUOUS, "match: ambiguous reported");
	T_STR(who(r, "Jane Doe (Sam Lee)", NULL), "?", "match: two names: ambiguous");
	T_STR(who(r, "Sam-Lee", NULL), "Sam Lee", "match: hyphen is no part separator but folds like a space");
	T_STR(who(r, "Jane-Host", &how), "-", "match: no dash split without space");
	T_OK(how == QP_ROSTER_NONE, "match: none");
	T_STR(who(r, "Nobody (she/her)", NULL), "-", "match: no part matches");
	T_STR(who(r, "", NULL), "-", "match: empty label");
	T_STR(who(r, "Ana De La Cruz", NULL), "Ana de la Cruz", "match: particles by case");

	bool is_name = false;
	buf_reset(&sb);
	qp_roster_norm("Pepe", 4, &sb);
	T_OK(qp_roster_lookup(r, sb.s, sb.len, &is_name) == qp_roster_at(r, 1) && !is_name,
	     "lookup: alias, is_name false");
	qp_roster_free(r);
}

static const char *
tl(const qp_roster *r, const char *text)
{
	static char out[128];
	size_t off, len, rest;
	if (!qp_roster_text_label(r, text, strlen(text), &off, &len, &rest, &sb))
		return "-";
	snprintf(out, sizeof out, "%.*s|%s", (int)len, text + off, text + rest);
	return out;
}

static void
test_text_label(void)
{
	qp_roster *r = load("name\taliases\trole\nJane Doe\tinterviewer\tmoderator\n");
	T_STR(tl(NULL, "Jane Doe: hello"), "Jane Doe|hello", "text: name-like label");
	T_STR(tl(NULL, "  Speaker 1 :  so"), "Speaker 1|so", "text: white space around");
	T_STR(tl(NULL, "MODERATOR (she/her): ok"), "MODERATOR (she/her)|ok", "text: lower case in brackets");
	T_STR(tl(NULL, "Dr. J. Smith: yes"), "Dr. J. Smith|yes", "text: title and initial dots");
	T_STR(tl(NULL, "Ana de la Cruz: s\xc3\xad"), "Ana de la Cruz|s\xc3\xad", "text: particles");
	T_STR(tl(NULL, "\xc3\x89lodie: oui"), "\xc3\x89lodie|oui", "text: accented capital");
	T_STR(tl(NULL, "Q:"), "Q|", "text: label alone");
	T_STR(tl(NULL, "for example: this"), "-", "text: lower case is not a label");
	T_STR(tl(NULL, "For example: this"), "-", "text: lower-case later word");
	T_STR(tl(NULL, "At 10:30 we met"), "-", "text: no space after colon");
	T_STR(tl(NULL, "Well. Then: x"), "-", "text: sentence dot");
	T_STR(tl(NULL, "Yes, Jane: x"), "-", "text: comma");
	T_STR(tl(NULL, "One Two Three Four Five Six Seven: x"), "-", "text: too many words");
	T_STR(tl(NULL, "no colon here"), "-", "text: no colon");
	T_STR(tl(NULL, ": x"), "-", "text: empty label");
	T_STR(tl(NULL, "1: x"), "-", "text: a number is not a name");
	T_STR(tl(NULL, "interviewer: go on"), "-", "text: lower case without roster");
	T_STR(tl(NULL, "Note: this matters"), "-", "text: a lead-in word is not a label");
	T_STR(tl(NULL, "So: what now"), "-", "text: lead-in, any case");
	T_STR(tl(NULL, "Note Taker: ok"), "Note Taker|ok", "text: a lead-in word with another is a label");
	T_STR(tl(NULL, "p3: yes"), "p3|yes", "text: a participant code in lower case");
	T_STR(tl(NULL, "P3 (she/her): yes"), "P3 (she/her)|yes", "text: code and pronouns");
	T_STR(tl(NULL, "(inaudible): x"), "-", "text: only bracketed words");
	T_STR(tl(r, "interviewer: go on"), "interviewer|go on", "text: lower case that the roster knows");
	T_STR(tl(r, "for example: this"), "-", "text: roster does not make 'for example' a label");
	qp_roster_free(r);
}

int
main(void)
{
	qp_init("test_roster");
	test_norm();
	test_load_match();
	test_text_label();
	buf_free(&sb);
	return t_done();
}
