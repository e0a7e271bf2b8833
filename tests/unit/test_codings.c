/* Unit tests for lib/codings: what the store holds after reading one
 * stream, two joined, or values.  (Its errors exit; tests/agree.bats
 * covers them through the filter.) */
#include "t.h"

#include <stdlib.h>

#include "codings.h"
#include "qp.h"
#include "record.h"

/* Slot u * m + c's codes as "a/x,a,b"; "-" for none. */
static const char *
slot(const ag_codings *s, size_t u, size_t c)
{
	static char b[256];
	size_t i = u * s->m + c, n = 0;
	b[0] = '\0';
	for (uint32_t k = 0; k < s->cnt[i]; k++) {
		const ag_name *nm = &s->code[s->pool[s->off[i] + k]];
		n += (size_t)snprintf(b + n, sizeof b - n, "%s%.*s", k ? "," : "", (int)nm->len,
		                      nm->s);
	}
	return n ? b : "-";
}

static const char *
first(const ag_codings *s, size_t u, size_t c)
{
	uint32_t f = s->first[u * s->m + c];
	return f == AG_MISSING ? "-" : s->code[f].s;
}

/* The first stream: units by doc and seg (if the store has units), the
 * coders' columns from column h on. */
static void
read_all(ag_codings *s, qp_rd *rd, int ncoders)
{
	int ucol[] = { qp_rd_col(rd, "doc"), qp_rd_col(rd, "seg") }, h = qp_rd_col(rd, "h");
	while (qp_rd_next(rd)) {
		size_t u = ag_codings_unit(s, rd, s->o.nunit ? ucol : NULL, ucol[0]);
		for (int c = 0; c < ncoders; c++)
			ag_codings_read(s, rd, h + c, u, (size_t)c);
	}
}

static char *unit_cols[] = { "doc", "seg" };

static void
test_codes(void)
{
	qp_rd *rd = t_open_records("doc\tseg\th\tc\n"
	                      "d1\t1\ta/x;b\ta/x/1\n"
	                      "d1\t2\t\tb;b\n"
	                      "d2\t3\ta;a/x\t\n"
	                      "\t4\tb\tb\n");
	ag_codings s;
	ag_codings_init(&s, &(ag_codings_opts){ 2, false, true, false, false, unit_cols, 2, NULL });
	read_all(&s, rd, 2);
	T_OK(s.nunits == 4 && s.m == 2, "codes: four units of two coders");
	T_STR(slot(&s, 0, 0), "a/x,a,b", "rollup: the code, then its ancestors");
	T_STR(slot(&s, 0, 1), "a/x/1,a/x,a", "rollup: every ancestor");
	T_STR(slot(&s, 1, 0), "-", "an empty field: no code");
	T_STR(slot(&s, 1, 1), "b", "a code given twice: once");
	T_STR(slot(&s, 2, 0), "a,a/x", "an ancestor also given: once");
	T_STR(first(&s, 0, 0), "a/x", "first: the first code given");
	T_STR(first(&s, 0, 1), "a/x/1", "first: not an ancestor");
	T_STR(first(&s, 1, 0), "-", "first: none");
	T_OK(s.ncodes == 4 && strcmp(s.code[1].s, "a") == 0 && strcmp(s.code[3].s, "a/x/1") == 0,
	     "codes interned as they come, a parent after its child");
	T_OK(s.ndocs == 2 && s.udoc[0] == 0 && s.udoc[1] == 0 && s.udoc[2] == 1 &&
	     s.udoc[3] == AG_MISSING, "documents; an empty doc is none");
	ag_coding cd = ag_codings_view(&s);
	T_OK(cd.nunits == 4 && cd.m == 2 && cd.ncodes == 4 && cd.ndocs == 2 && cd.pool == s.pool,
	     "the view borrows the store");
	ag_codings_free(&s);
	qp_rd_free(rd);

	rd = t_open_records("h\tc\na/x/1\ta\n");
	ag_codings_init(&s, &(ag_codings_opts){ 2, false, false, false, false, NULL, 0, NULL });
	read_all(&s, rd, 2);
	T_STR(slot(&s, 0, 0), "a/x/1", "no rollup: the code alone");
	T_OK(s.ncodes == 2, "no rollup: no ancestors interned");
	ag_codings_free(&s);
	qp_rd_free(rd);
}

static void
test_join(void)
{
	qp_rd *rd = t_open_records("doc\tseg\th\nd1\t1\ta\nd1\t2\tb\nd2\t1\t\n");
	qp_rd *wd = t_open_records("seg\tdoc\tc\n1\td2\tb\n1\td1\ta;b\n2\td1\t\n");
	ag_codings s;
	ag_codings_init(&s, &(ag_codings_opts){ 2, false, true, false, false, unit_cols, 2,
	                                         "w.tsv" });
	read_all(&s, rd, 1);
	int ucol[] = { qp_rd_col(wd, "doc"), qp_rd_col(wd, "seg") };
	size_t got[3], n = 0;
	while (qp_rd_next(wd)) {
		size_t u = ag_codings_join(&s, wd, ucol);
		ag_codings_read(&s, wd, 2, u, 1);
		got[n++] = u;
	}
	ag_codings_check_joined(&s);
	T_OK(n == 3 && got[0] == 2 && got[1] == 0 && got[2] == 1,
	     "join: the second stream's records find their units, in any order");
	T_STR(slot(&s, 0, 1), "a,b", "join: the second coder's codes in the unit's slot");
	T_STR(slot(&s, 2, 1), "b", "join: the last unit");
	T_STR(slot(&s, 1, 1), "-", "join: an empty field");
	ag_codings_free(&s);
	qp_rd_free(rd);
	qp_rd_free(wd);
}

static void
test_values(void)
{
	qp_rd *rd = t_open_records("u\ta\tb\n1\t1\t1.0\n2\tx\\ty\t\n3\t1\t-2\n");
	char *unit[] = { "u" };
	ag_codings s;
	ag_codings_init(&s, &(ag_codings_opts){ 2, true, true, false, false, unit, 1, NULL });
	int ucol[] = { 0 };
	while (qp_rd_next(rd)) {
		size_t u = ag_codings_unit(&s, rd, ucol, -1);
		ag_codings_read(&s, rd, 1, u, 0);
		ag_codings_read(&s, rd, 2, u, 1);
	}
	T_OK(s.nvals == 4, "values: interned as written, \"1\" and \"1.0\" two");
	T_OK(s.first[0] == 0 && s.first[1] == 1 && s.first[4] == 0 && s.first[3] == AG_MISSING,
	     "values: each slot's value; empty is missing");
	T_OK(s.val[1].is_num && s.val[1].num == 1, "values: \"1.0\" is the number 1");
	T_OK(!s.val[2].is_num && s.val[2].len == 3 && memcmp(s.val[2].s, "x\ty", 3) == 0,
	     "values: unescaped, and a word is no number");
	T_OK(s.val[3].is_num && s.val[3].num == -2, "values: negative numbers");
	T_OK(s.ndocs == 0 && s.udoc[0] == AG_MISSING, "values: no doc column, no documents");
	ag_codings_free(&s);
	qp_rd_free(rd);
}

int
main(void)
{
	qp_init("test_codings");
	test_codes();
	test_join();
	test_values();
	return t_done();
}
