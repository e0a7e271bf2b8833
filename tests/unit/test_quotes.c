/* Unit tests for lib/quotes: where a run finds the fields, the words of
 * a text, and the pools of a run, made from records and sorted.  (The
 * order and the choice are covered through the filter, by
 * tests/pick-quotes.bats.) */
#include "t.h"

#include <stdlib.h>

#include "map.h"
#include "qp.h"
#include "quotes.h"
#include "record.h"

static void
test_columns_and_words(void)
{
	static const char *const by[] = { "role", "doc" };
	qp_rd *rd = t_open_records("doc\tseg\tspeaker\ttext\trole\n"
	                      "d1\t1\tA\tone\\ttwo three, four\tstudent\n");
	quote_columns qc;
	quote_columns_find(&qc, rd, by, 2);
	T_OK(qc.fcol[QF_PARTICIPANT] == -1 && qc.fcol[QF_TEXT] == 3,
	     "columns: a field the stream lacks is -1, the others their index");
	T_OK(qc.bycol[0] == 4 && qc.bycol[1] == 0, "columns: the --by columns in their order");
	T_OK(qc.inby[QF_ROLE] && qc.inby[QF_DOC] && !qc.inby[QF_SPEAKER],
	     "columns: a field named by --by is marked");

	qp_buf scratch = QP_BUF_INIT;
	T_OK(qp_rd_next(rd), "words: the record is read");
	T_OK(quote_count_words(rd, &qc, &scratch, 80) == 4,
	     "words: an escaped TAB separates words");
	T_OK(quote_count_words(rd, &qc, &scratch, 1) == 2,
	     "words: counting stops at limit + 1");
	quote v;
	quote_view(&v, rd, &qc);
	T_MEM(v.f[QF_TEXT].p, v.f[QF_TEXT].n, "one\\ttwo three, four",
	      "view: the text as the stream holds it, escaped");
	T_OK(v.f[QF_PARTICIPANT].n == 0 && v.mem == NULL,
	     "view: a missing field is empty, and the view owns nothing");
	buf_free(&scratch);
	quote_columns_free(&qc);
	qp_rd_free(rd);
}

static void
test_pools(void)
{
	static const char *const by[] = { "role" };
	qp_rd *rd = t_open_records("doc\tseg\ttext\trole\n"
	                      "d1\t1\ta b c\tstudent\n"
	                      "d1\t2\ta b c d\t\n"
	                      "d2\t3\ta b\tstudent\n");
	quote_columns qc;
	quote_columns_find(&qc, rd, by, 1);
	qp_map *pools = qp_map_new();
	qp_buf key = QP_BUF_INIT;
	quote_pool *p[3];
	for (int i = 0; i < 3 && qp_rd_next(rd); i++) {
		quote v;
		quote_view(&v, rd, &qc);
		v.hits = 1;
		v.words = 3;
		p[i] = quote_pools_get(pools, rd, &qc, i == 2 ? "b" : "a", 1, &key);
		quote_pool_offer(p[i], &v, 4);
	}
	T_OK(qp_map_count(pools) == 3 && p[0] != p[1] && p[0] != p[2],
	     "pools: one per code and --by value");
	T_MEM(p[1]->by[0].p, p[1]->by[0].n, "", "pools: an empty --by value");
	T_MEM(p[0]->by[0].p, p[0]->by[0].n, "student", "pools: the --by value");
	T_MEM(p[0]->code.p, p[0]->code.n, "a", "pools: the code");
	T_OK(quote_pools_get(pools, rd, &qc, "b", 1, &key) == p[2],
	     "pools: the same code and value find the same pool");

	size_t n;
	quote_pool **ps = quote_pools_sorted(pools, &n);
	T_OK(n == 3 && ps[0] == p[1] && ps[1] == p[0] && ps[2] == p[2],
	     "pools: sorted by code, then by value (empty first)");
	T_MEM(ps[1]->c[0].f[QF_SEG].p, ps[1]->c[0].f[QF_SEG].n, "1",
	      "pools: a pool keeps its own copy of the candidate");
	for (size_t i = 0; i < n; i++)
		quote_pool_free(ps[i]);
	free(ps);
	qp_map_free(pools);
	buf_free(&key);
	quote_columns_free(&qc);
	qp_rd_free(rd);
}

int
main(void)
{
	qp_init("test_quotes");
	test_columns_and_words();
	test_pools();
	return t_done();
}
