/* Unit tests for lib/pii: each detector, its forms and its false
 * positives.  A case is the text and the text with every span found
 * written as {CATEGORY:original}. */
#include "t.h"

#include <stdlib.h>

#include "buf.h"
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
	buf_free(&b);
	T_OK(pii_month("Sept", 4) == 9 && pii_month("MAY", 3) == 5 && !pii_month("Mayo", 4),
	     "month: names and abbreviations");
}

int
main(void)
{
	test_cases();
	test_norm();
	free(sp);
	return t_done();
}
