/* Unit tests for lib/places: places of a small gazetteer written here
 * (the shipped one is anonymize-places.bats' business) and institutions
 * by their shape.  A case is a text and the text with each place written
 * {P:like this}, each institution {O:like this} and each person named
 * like a town {N:like this}. */
#include "t.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "names.h"
#include "places.h"
#include "qp.h"

static qp_names *nm;
static qp_places *pl;

/* The kind of each entity the finder asked for, by entity number. */
static enum places_kind kinds[256];
static uint32_t nent;
static qp_buf lastnorm;

static uint32_t
entity(void *ctx, enum places_kind kind, const char *norm, size_t n)
{
	(void)ctx;
	buf_reset(&lastnorm);
	buf_add(&lastnorm, norm, n);
	kinds[nent] = kind;
	return nent++;
}

static const char *
find(const char *s)
{
	static qp_buf b;
	names_tok *tv;
	size_t n = strlen(s), ntok = names_tokenize(nm, s, n, NULL, 0, &tv);
	nent = 0;
	places_find(pl, s, tv, ntok, entity, NULL);
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
		buf_adds(&b, kinds[tv[i].ent] == PLACES_ORG ? "{O:" :
		         kinds[tv[i].ent] == PLACES_PERSON ? "{N:" : "{P:");
		buf_add(&b, s + tv[i].off, end - tv[i].off);
		buf_addc(&b, '}');
		at = end;
		i = j;
	}
	buf_add(&b, s + at, n - at);
	return b.s;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		qp_die("%s: cannot write", p);
}

static void
test_places(void)
{
	static const char *const cases[][3] = {
		{ "I grew up in Boise, Idaho.", "I grew up in {P:Boise}, Idaho.",
		  "a place, a state after it kept" },
		{ "so i grew up in boise idaho", "so i grew up in {P:boise} idaho",
		  "lower case" },
		{ "boise is far", "{P:boise} is far", "an unambiguous place needs no cue" },
		{ "we moved to salt lake city", "we moved to {P:salt lake city}",
		  "a place of several words" },
		{ "salt lake city", "salt lake city",
		  "ordinary words of a place, without a cue, stay" },
		{ "i moved to reading", "i moved to {P:reading}", "a strong cue" },
		{ "I moved to reading", "I moved to reading",
		  "where the text has capitals, a place that is a word has one" },
		{ "I moved to Reading", "I moved to {P:Reading}", "... as here" },
		{ "i was going to say", "i was going to say", "going to is no cue" },
		{ "my son Boise", "my son {N:Boise}", "after a cue word, a person" },
		{ "Boise Zyxwv came", "{N:Boise Zyxwv} came",
		  "before a capitalised unknown word, a person" },
		{ "interested in reading", "interested in reading",
		  "a weak cue is not enough for a word in lower case" },
		{ "We live in Reading now", "We live in {P:Reading} now",
		  "a verb of living" },
		{ "It is near Reading.", "It is near {P:Reading}.",
		  "a weak cue and a capital" },
		{ "reading, pennsylvania", "{P:reading}, pennsylvania",
		  "a state after a word" },
		{ "Reading helps.", "Reading helps.", "a capital at a sentence start is no evidence" },
		{ "in Florence", "in {P:Florence}", "a given name where a place stands" },
		{ "Florence said", "Florence said", "a given name elsewhere is the guesser's" },
		{ "Dr. Boise", "Dr. Boise", "after a title, a person" },
		{ "in ada county", "in {P:ada county}", "a county by its shape" },
		{ "the county", "the county", "no name, no county" },
		{ "in Idaho", "in Idaho", "states are kept" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		T_STR(find(cases[i][0]), cases[i][1], cases[i][2]);
}

static void
test_institutions(void)
{
	static const char *const cases[][3] = {
		{ "at Riverside Memorial Hospital, then Oakmont Elementary.",
		  "at {O:Riverside Memorial Hospital}, then {O:Oakmont Elementary}.",
		  "a hospital with a modifier, a bare elementary" },
		{ "st. mary's hospital", "{O:st. mary's hospital}", "saint and a possessive" },
		{ "the University of Michigan", "the {O:University of Michigan}",
		  "university of" },
		{ "Stanford University Hospital", "{O:Stanford University Hospital}",
		  "a head after a head" },
		{ "the hospital, my high school, the local clinic",
		  "the hospital, my high school, the local clinic", "no name" },
		{ "the mobile clinic", "the mobile clinic",
		  "an ordinary word in lower case without a modifier" },
		{ "pretty high", "pretty high", "a bare high needs a proper name" },
		{ "lincoln high", "{O:lincoln high}", "... which a listed name is" },
		{ "the focus group and Acme Group", "the focus group and {O:Acme Group}",
		  "a group is a company only in capitals" },
		{ "acme llc", "{O:acme llc}", "a company suffix in lower case" },
		{ "school at boise state and then", "school at {O:boise state} and then",
		  "a place and state after at: a university" },
		{ "moved to boise state of mind", "moved to {P:boise} state of mind",
		  "... not before of" },
		{ "born at saint alphonsus and", "born at {O:saint alphonsus} and",
		  "saint and a name after at" },
		{ "to saint luke's boise now", "to {O:saint luke's boise} now",
		  "saint, a possessive and the branch's place" },
		{ "he's a saint. the state, the county", "he's a saint. the state, the county",
		  "saint, state and county alone" },
		{ "in canyon county", "in {P:canyon county}",
		  "an ordinary word before county after in" },
		{ "now at capital high and", "now at {O:capital high} and",
		  "an ordinary word before a bare high after at" },
		{ "a clinic called acme health and they", "a clinic called {O:acme health} and they",
		  "a name after a clinic called, up to and" },
		{ "a place called home", "a place called home",
		  "one ordinary word after called names nothing" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		T_STR(find(cases[i][0]), cases[i][1], cases[i][2]);
	/* short forms: per document, kept to what names one institution */
	places_new_doc(pl);
	find("at riverside memorial hospital and riverside general hospital");
	T_STR(find("later at riverside memorial, the memorial"),
	      "later at {O:riverside memorial}, the memorial",
	      "the short form of an institution of the document");
	T_STR(find("then riverside and the hospital"), "then riverside and the hospital",
	      "... not one word of it");
	places_new_doc(pl);
	T_STR(find("then riverside general"), "then riverside general",
	      "a new document forgets the short forms");
	T_STR(find("at riverside memorial and"), "at {O:riverside memorial} and",
	      "... but a memorial after at ends a hospital's name by its shape");
	find("At St. Mary's  Hospital");
	T_STR(lastnorm.s, "st mary hospital", "the normal form: folded words without a possessive, one blank");
}

int
main(void)
{
	char dir[] = "/tmp/test_places.XXXXXX";
	qp_init("test_places");
	if (!mkdtemp(dir))
		qp_die("mkdtemp failed");
	write_file(dir, "places.txt", "boise\nreading\nsalt lake city\nflorence\nmobile\nsay\n");
	write_file(dir, "placewords.txt", "reading\nsalt lake city\nmobile\nsay\n");
	write_file(dir, "regions.txt", "idaho\npennsylvania\n");
	write_file(dir, "orgs.txt", "home depot\nlowe's\nmayo\nwalmart\n");
	nm = names_new();
	names_set_flags(nm, names_intern(nm, "florence", 8), NAME_FIRST);
	names_set_flags(nm, names_intern(nm, "lincoln", 7), NAME_LAST);
	names_set_flags(nm, names_intern(nm, "home", 4), NAME_COMMON);
	names_set_flags(nm, names_intern(nm, "riverside", 9), NAME_COMMON);
	pl = places_new(nm, dir);

	test_places();
	test_institutions();

	places_free(pl);
	names_free(nm);
	buf_free(&lastnorm);
	char p[512];
	const char *files[] = { "places.txt", "placewords.txt", "regions.txt", "orgs.txt" };
	for (size_t k = 0; k < 4; k++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[k]);
		unlink(p);
	}
	rmdir(dir);
	return t_done();
}
