/* Unit tests for lib/pii: each detector, its forms and its false
 * positives.  A case is the text and the text with every span found
 * written as {CATEGORY:original}. */
#include "t.h"

#include <stdlib.h>

#include "buf.h"
#include "numword.h"
#include "pii.h"

static pii_span *sp;
static size_t spcap;

static void
mark(const char *s, qp_buf *b)
{
	size_t n = strlen(s), k = pii_scan(s, n, &sp, &spcap), at = 0;
	buf_reset(b);
	for (size_t i = 0; i < k; i++) {
		buf_add(b, s + at, sp[i].off - at);
		buf_printf(b, "{%s:%.*s}", pii_cat_name[sp[i].cat], (int)sp[i].len, s + sp[i].off);
		at = sp[i].off + sp[i].len;
	}
	buf_add(b, s + at, n - at);
}

static const char *cases[][2] = {
	/* e-mail */
	{ "write to jane.doe+x@med.example.edu.", "write to {EMAIL:jane.doe+x@med.example.edu}." },
	{ "(maria_lopez2019123@gmail.com)", "({EMAIL:maria_lopez2019123@gmail.com})" },
	{ "at 3@ the clinic, me@home", "at 3@ the clinic, me@home" },
	/* URLs */
	{ "see https://example.org/a?b=1, then", "see {URL:https://example.org/a?b=1}, then" },
	{ "go to www.stmarys.org.", "go to {URL:www.stmarys.org}." },
	{ "on hopkinsmedicine.org/apply now", "on {URL:hopkinsmedicine.org/apply} now" },
	{ "e.g. the M.D. and Ph.D. track, i.e. Node.js", "e.g. the M.D. and Ph.D. track, i.e. Node.js" },
	/* phones */
	{ "call (555) 123-4567 or 555-123-4567", "call {PHONE:(555) 123-4567} or {PHONE:555-123-4567}" },
	{ "555.123.4567 and +1 555 123 4567", "{PHONE:555.123.4567} and {PHONE:+1 555 123 4567}" },
	{ "London +44 20 7946 0958, +44 (0)20 7946 0958", "London {PHONE:+44 20 7946 0958}, {PHONE:+44 (0)20 7946 0958}" },
	{ "1-800-555-0199 or 555 123 4567", "{PHONE:1-800-555-0199} or {PHONE:555 123 4567}" },
	{ "ext 555-1234 but 100-1000 patients", "ext {PHONE:555-1234} but 100-1000 patients" },
	{ "020 7946 0958 and 07700 900123", "{PHONE:020 7946 0958} and {PHONE:07700 900123}" },
	/* dates */
	{ "on 3/4/2021 and 03-04-21", "on {DATE:3/4/2021} and {DATE:03-04-21}" },
	{ "ISO 2021-03-04.", "ISO {DATE:2021-03-04}." },
	{ "March 3rd, 2021 was", "{DATE:March 3rd, 2021} was" },
	{ "3 March 2021, Mar. 3 and the 3rd of March", "{DATE:3 March 2021}, {DATE:Mar. 3} and the {DATE:3rd of March}" },
	{ "since Sept 12 and in March 2020", "since {DATE:Sept 12} and in {DATE:March 2020}" },
	{ "on 3/4 we met; 3/4 of us", "on {DATE:3/4} we met; 3/4 of us" },
	{ "in May it may rain; may 5th", "in May it may rain; {DATE:may 5th}" },
	{ "we march 3 miles", "we march 3 miles" },
	{ "DOB 12.25.1990", "DOB {DATE:12.25.1990}" },
	/* not dates, not anything */
	{ "in 2021 we had 3.5 hours", "in 2021 we had 3.5 hours" },
	{ "at 3:30 and 00:01:02.500 --> 00:01:05.000", "at 3:30 and 00:01:02.500 --> 00:01:05.000" },
	{ "3 clinic days, 20 minutes, 50% and $1,200 or $250000", "3 clinic days, 20 minutes, 50% and $1,200 or $250000" },
	{ "M3/M4 students, Step 1, MS4, COVID-19, PGY-2", "M3/M4 students, Step 1, MS4, COVID-19, PGY-2" },
	{ "from 2020-2021 and 1.2.3 and 2,000,000", "from 2020-2021 and 1.2.3 and 2,000,000" },
	{ "v1.20.2021x", "v1.20.2021x" },
	/* record numbers */
	{ "MRN 123456 and MRN: 4471", "MRN {ID:123456} and MRN: {ID:4471}" },
	{ "ID: AB-12345, chart number 4471-22", "ID: {ID:AB-12345}, chart number {ID:4471-22}" },
	{ "ref A1234567 and 98765432", "ref {ID:A1234567} and {ID:98765432}" },
	{ "SSN 123-45-6789", "SSN {ID:123-45-6789}" },
	{ "record 2021 was good", "record 2021 was good" },
	/* postal codes */
	{ "Boston, MA 02115 and 12345-6789", "Boston, MA {POSTCODE:02115} and {POSTCODE:12345-6789}" },
	{ "London SW1A 1AA, M1 1AE; Ottawa K1A 0B1", "London {POSTCODE:SW1A 1AA}, {POSTCODE:M1 1AE}; Ottawa {POSTCODE:K1A 0B1}" },
	{ "zip code 90210, and 12345 students", "zip code {POSTCODE:90210}, and 12345 students" },
	{ "Springfield, Illinois 62704", "Springfield, Illinois {POSTCODE:62704}" },
	/* written, then lower-cased (speech recognisers, some services) */
	{ "hollis, ny 12808 and ca 94110", "hollis, ny {POSTCODE:12808} and ca {POSTCODE:94110}" },
	{ "in 12808 cases, or 12808, me 12808, ok 12808", "in 12808 cases, or 12808, me 12808, ok 12808" },
	{ "postcode sw1a 1aa, m1 1ae; ottawa k1a 0b1", "postcode {POSTCODE:sw1a 1aa}, {POSTCODE:m1 1ae}; ottawa {POSTCODE:k1a 0b1}" },
	{ "the b12 shot, the a1 2nd exit, b1 5pm, sw1a1aa", "the b12 shot, the a1 2nd exit, b1 5pm, sw1a1aa" },
	{ "student number a8830215, ref ab123456", "student number {ID:a8830215}, ref {ID:ab123456}" },
	{ "a 5k run, h264 video, rs232, abc123456, a12345", "a 5k run, h264 video, rs232, abc123456, a12345" },
	{ "on mar. 7 and mar. 21st", "on {DATE:mar. 7} and {DATE:mar. 21st}" },
	{ "mar the surface; mar 7 of them; may. 7 people", "mar the surface; mar 7 of them; may. 7 people" },
	/* spoken phone numbers and IDs */
	{ "reach me at four one five, three three two, seven oh six oh.", "reach me at {PHONE:four one five, three three two, seven oh six oh}." },
	{ "Call Five Five Five, Two One Two, Three Four Five Six today", "Call {PHONE:Five Five Five, Two One Two, Three Four Five Six} today" },
	{ "415 three three two seven oh six oh", "{PHONE:415 three three two seven oh six oh}" },
	{ "four one five, three three two, forty two sixty", "{PHONE:four one five, three three two, forty two sixty}" },
	{ "one eight hundred five five five oh one nine nine", "{PHONE:one eight hundred five five five oh one nine nine}" },
	{ "dial double five triple seven two one", "dial {PHONE:double five triple seven two one}" },
	{ "it is four one five three three two seven oh six oh nine", "it is {PHONE:four one five three three two seven oh six oh} nine" },
	{ "my id is four four seven one and mrn: two two one three", "my id is {ID:four four seven one} and mrn: {ID:two two one three}" },
	{ "record number seven seven double five one", "record number {ID:seven seven double five one}" },
	{ "it was seven three oh one two", "it was {ID:seven three oh one two}" },
	{ "and then x k seven seven one nine two oh eight", "and then {ID:x k seven seven one nine two oh eight}" },
	{ "member number b four four seven one", "member number {ID:b four four seven one}" },
	{ "plan b at seven thirty, a b or c on one or two tests, i two three", "plan b at seven thirty, a b or c on one or two tests, i two three" },
	{ "double five, triple seven, two one two, three", "{ID:double five, triple seven, two one two, three}" },
	{ "one or two, two or three people, a one on one, number one", "one or two, two or three people, a one on one, number one" },
	{ "twenty students, nineteen ninety, she was three, he was five", "twenty students, nineteen ninety, she was three, he was five" },
	{ "at two thirty, ten oh five, five hundred dollars, two thousand five hundred", "at two thirty, ten oh five, five hundred dollars, two thousand five hundred" },
	{ "one two three four five six seven; one, two, three, four, five", "one two three four five six seven; one, two, three, four, five" },
	{ "account number twenty twenty; four one five three", "account number twenty twenty; four one five three" },
	{ "oh, oh, oh, oh, oh no; twenty two, twenty three, twenty four, twenty five", "oh, oh, oh, oh, oh no; twenty two, twenty three, twenty four, twenty five" },
	{ "at four thirty five, a nine to five person, twenty four seven, fifty fifty", "at four thirty five, a nine to five person, twenty four seven, fifty fifty" },
	/* spoken e-mail addresses and URLs */
	{ "at faith dot lin at yahoo dot com or", "at {EMAIL:faith dot lin at yahoo dot com} or" },
	{ "Faith Dot Lin At Yahoo Dot Com", "{EMAIL:Faith Dot Lin At Yahoo Dot Com}" },
	{ "it's f lin at gmail dot com", "it's {EMAIL:f lin at gmail dot com}" },
	{ "j underscore doe at med dot example dot edu", "{EMAIL:j underscore doe at med dot example dot edu}" },
	{ "www dot riverside dot org and riverside dot org slash careers", "{URL:www dot riverside dot org} and {URL:riverside dot org slash careers}" },
	{ "email me at gmail dot com", "email me at {URL:gmail dot com}" },
	{ "the dot com years, look at this dot com thing, a dot in the middle", "the dot com years, look at this dot com thing, a dot in the middle" },
	{ "at the hospital dot", "at the hospital dot" },
	{ "page at www dot oakmont fifth dot org and", "page at {URL:www dot oakmont fifth dot org} and" },
	{ "write to health services at canyon schools dot org today", "write to {EMAIL:health services at canyon schools dot org} today" },
	{ "it is may sato oh four at gmail dot com", "it is {EMAIL:may sato oh four at gmail dot com}" },
	{ "email r whitaker at canyon schools dot org, or p dot desai at canyon schools dot org", "email {EMAIL:r whitaker at canyon schools dot org}, or {EMAIL:p dot desai at canyon schools dot org}" },
	{ "she works at canyon schools dot org now", "she works at {URL:canyon schools dot org} now" },
	{ "you can ask her directly at r whitaker at canyon dot org", "you can ask her directly at {EMAIL:r whitaker at canyon dot org}" },
	{ "email questions anytime at canyon schools dot org", "email questions anytime at {URL:canyon schools dot org}" },
	{ "we met at the school dot, look at the dot com years", "we met at the school dot, look at the dot com years" },
	{ "we met at the school, dot com was big", "we met at the school, dot com was big" },
	/* dates in words */
	{ "in june twenty eighteen and august twenty nineteen", "in {DATE:june twenty eighteen} and {DATE:august twenty nineteen}" },
	{ "on the fourth of july I quit; march third; July fourth", "on the {DATE:fourth of july} I quit; {DATE:march third}; {DATE:July fourth}" },
	{ "born on the second of may nineteen eighty", "born on the {DATE:second of may nineteen eighty}" },
	{ "july twenty first, nineteen eighty", "{DATE:july twenty first, nineteen eighty}" },
	{ "the twenty first of march, two thousand and five", "the {DATE:twenty first of march, two thousand and five}" },
	{ "on may first we met; by march second", "on {DATE:may first} we met; by {DATE:march second}" },
	{ "you may first ask; the second may be; in march we march", "you may first ask; the second may be; in march we march" },
	{ "the first of many, the third of them, in June two left", "the first of many, the third of them, in June two left" },
	{ "born in nineteen seventy one; born in 1971", "born in {DATE:nineteen seventy one}; born in {DATE:1971}" },
	{ "born at saint alphonsus in nineteen seventy nine", "born at saint alphonsus in {DATE:nineteen seventy nine}" },
	{ "in nineteen seventy one the school opened, in 1971, we were born", "in nineteen seventy one the school opened, in 1971, we were born" },
	{ "born with it and in the end in nineteen ninety", "born with it and in the end in nineteen ninety" },
	{ "the twenty third of january; the nineteenth of November", "the {DATE:twenty third of january}; the {DATE:nineteenth of November}" },
	{ "in January of twenty seventeen, june of twenty twenty, May of 2019", "in {DATE:January of twenty seventeen}, {DATE:june of twenty twenty}, {DATE:May of 2019}" },
	{ "in march of this year, the first of june of all days", "in march of this year, the {DATE:first of june} of all days" },
	/* street addresses */
	{ "We live at 22 Birch Lane.", "We live at {ADDRESS:22 Birch Lane}." },
	{ "twenty two birch lane, twenty-two birch lane", "{ADDRESS:twenty two birch lane}, {ADDRESS:twenty-two birch lane}" },
	{ "1400 north elm street apt 3 and 5 Fifth Avenue", "{ADDRESS:1400 north elm street apt 3} and {ADDRESS:5 Fifth Avenue}" },
	{ "at nine one five oak street northeast and", "at {ADDRESS:nine one five oak street northeast} and" },
	{ "to twenty one hundred river road apartment four c in", "to {ADDRESS:twenty one hundred river road apartment four c} in" },
	{ "12 elm street west of town", "{ADDRESS:12 elm street} west of town" },
	{ "apartment four a week at 9 oak lane apartment four a week", "apartment four a week at {ADDRESS:9 oak lane apartment four} a week" },
	{ "from PO Box 88, Duluth, now", "from {ADDRESS:PO Box 88, Duluth}, now" },
	{ "goes to p o box three seventy one new", "goes to {ADDRESS:p o box three seventy one} new" },
	{ "is Rural Route Two, Box Forty, by", "is {ADDRESS:Rural Route Two, Box Forty}, by" },
	{ "RR 1, Box 219, 2090 Route 21, and", "{ADDRESS:RR 1, Box 219}, {ADDRESS:2090 Route 21}, and" },
	{ "at 4410 state route 7 north in", "at {ADDRESS:4410 state route 7 north} in" },
	{ "the 61 route 5 times, 500 highway miles", "the 61 route 5 times, 500 highway miles" },
	{ "at two ninety east long street about", "at {ADDRESS:two ninety east long street} about" },
	{ "a 290 long street, 200 east long streets", "a 290 long street, 200 east long streets" },
	{ "the last four are nine one oh six for", "the last four are {ID:nine one oh six} for" },
	{ "mine ends m k seven two", "mine ends {ID:m k seven two}" },
	{ "my card ends in 4412, it ends in 2026", "my card ends in {ID:4412}, it ends in 2026" },
	{ "the road ends in 1200 feet", "the road ends in 1200 feet" },
	{ "the last four are two three nine and eleven", "the last four are two three nine and eleven" },
	{ "the store on bass lake road my", "the store on {ADDRESS:bass lake road} my" },
	{ "off county road forty two did", "off {ADDRESS:county road forty two} did" },
	{ "the corner of egan drive and highway thirteen", "the corner of {ADDRESS:egan drive and highway thirteen}" },
	{ "on the road, a box of five, the corner of my eye", "on the road, a box of five, the corner of my eye" },
	{ "fourteen hundred north elm street apartment four", "{ADDRESS:fourteen hundred north elm street apartment four}" },
	{ "400 Elm St, 18 Harbor Rd. and 7 Oak Ct #2", "{ADDRESS:400 Elm St}, {ADDRESS:18 Harbor Rd}. and {ADDRESS:7 Oak Ct #2}" },
	{ "a two hour drive, 3 lane road, one way street, a 20 minute drive", "a two hour drive, 3 lane road, one way street, a 20 minute drive" },
	{ "in 2 weeks, 3 clinic days, 20 minutes on the road", "in 2 weeks, 3 clinic days, 20 minutes on the road" },
	{ "eight kilometres each way, 2 kids each way, 3 stops down the road", "eight kilometres each way, 2 kids each way, 3 stops down the road" },
	/* UTF-8 around */
	{ "café 555-123-4567 – José’s", "café {PHONE:555-123-4567} – José’s" },
};

static void
test_cases(void)
{
	qp_buf b = QP_BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		mark(cases[i][0], &b);
		T_STR(b.s, cases[i][1], cases[i][0]);
	}
	buf_free(&b);
}

static void
test_norm(void)
{
	qp_buf b = QP_BUF_INIT;
	pii_norm(PII_PHONE, "+1 (555) 123-4567", 17, &b);
	T_STR(b.s, "5551234567", "norm: NANP phone drops the country code");
	buf_reset(&b);
	pii_norm(PII_URL, "HTTPS://www.Example.org/", 24, &b);
	T_STR(b.s, "example.org", "norm: URL without scheme, www and slash");
	buf_reset(&b);
	pii_norm(PII_EMAIL, "Jane@X.org", 10, &b);
	T_STR(b.s, "jane@x.org", "norm: e-mail lower-cased");
	buf_reset(&b);
	pii_norm(PII_ID, "AB-12345", 8, &b);
	T_STR(b.s, "ab12345", "norm: ID letters and digits");
	/* one entity, written or said */
	static const char *norms[][3] = {
		{ "PHONE", "four one five, three three two, seven oh six oh", "4153327060" },
		{ "PHONE", "415 three three two 7060", "4153327060" },
		{ "PHONE", "one eight hundred five five five oh one nine nine", "8005550199" },
		{ "ID", "seven seven double five one", "77551" },
		{ "EMAIL", "Faith Dot Lin At Yahoo Dot Com", "faith.lin@yahoo.com" },
		{ "EMAIL", "f lin at gmail dot com", "flin@gmail.com" },
		{ "URL", "www dot riverside dot org", "riverside.org" },
		{ "URL", "riverside dot org slash careers", "riverside.org/careers" },
		{ "ADDRESS", "twenty two birch lane", "22birchlane" },
		{ "ADDRESS", "22 Birch Lane", "22birchlane" },
	};
	for (size_t i = 0; i < sizeof norms / sizeof norms[0]; i++) {
		int c;
		for (c = 0; c < PII_NCAT && strcmp(pii_cat_name[c], norms[i][0]); c++)
			;
		buf_reset(&b);
		pii_norm((enum pii_cat)c, norms[i][1], strlen(norms[i][1]), &b);
		T_STR(b.s, norms[i][2], norms[i][1]);
	}
	buf_free(&b);
	T_OK(pii_month("Sept", 4) == 9 && pii_month("MAY", 3) == 5 && !pii_month("Mayo", 4),
	     "month: names and abbreviations");
}

/* lib/numword: each reader on its own */
static void
test_numword(void)
{
	static const struct { const char *s; const char *dig; int nsingle; } runs[] = {
		{ "four one five, three three two", "415332", 6 },
		{ "oh double five triple seven", "055777", 6 },
		{ "forty two sixty", "4260", 0 },
		{ "twenty-two", "22", 0 },
		{ "fourteen hundred", "1400", 0 },
		{ "eight hundred five", "8005", 1 },
		{ "415 three 7060", "41537060", 1 },
		{ "zero Nine", "09", 2 },
		{ "one or two", "1", 1 },
		{ "double trouble", "", 0 },
		{ "ones", "", 0 },
	};
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
		nw_run r;
		nw_digits(runs[i].s, strlen(runs[i].s), 0, 1, &r);
		T_OK(strcmp(r.dig, runs[i].dig) == 0 && r.nsingle == runs[i].nsingle, runs[i].s);
	}
	static const struct { const char *s; unsigned year, day; } ys[] = {
		{ "nineteen eighty", 1980, 0 }, { "nineteen seventy one", 1971, 0 },
		{ "twenty eighteen", 2018, 0 }, { "twenty oh five", 2005, 0 },
		{ "two thousand and five", 2005, 0 }, { "two thousand", 2000, 0 },
		{ "twenty twenty one", 2021, 0 }, { "nineteen hundred", 1900, 0 },
		{ "twenty first", 0, 21 }, { "thirty-first", 0, 31 }, { "Third", 0, 3 },
		{ "twenty", 0, 0 }, { "eighteen ninety", 0, 0 }, { "forty first", 0, 41 },
		{ "thirty second", 0, 32 }, { "ninety-ninth", 0, 99 }, { "fiftieth", 0, 50 },
		{ "fifty", 0, 0 }, { "ten first", 0, 0 }, { "firstly", 0, 0 },
	};
	for (size_t i = 0; i < sizeof ys / sizeof ys[0]; i++) {
		unsigned y = 0, d = 0;
		size_t n = strlen(ys[i].s);
		if (!nw_year(ys[i].s, n, 0, &y))
			y = 0;
		if (!nw_ordinal(ys[i].s, n, 0, &d))
			d = 0;
		T_OK(y == ys[i].year && d == ys[i].day, ys[i].s);
	}
	unsigned v;
	T_OK(nw_class("Seventeen", 9, &v) == NW_TEEN && v == 17 &&
	     nw_class("oh", 2, &v) == NW_DIGIT && v == 0 &&
	     nw_class("thousand", 8, &v) == NW_THOUSAND && v == 1000 &&
	     nw_class("the", 3, &v) == NW_NONE && nw_class("o", 1, &v) == NW_NONE,
	     "numword: classes");
}

int
main(void)
{
	test_cases();
	test_norm();
	test_numword();
	free(sp);
	return t_done();
}
