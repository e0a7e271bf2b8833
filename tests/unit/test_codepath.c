/* Unit tests for lib/list.h (';' lists) and lib/codepath.h (code paths). */
#include "t.h"

#include "codepath.h"
#include "list.h"

#define S(s) s, sizeof(s) - 1

static void
test_list(void)
{
	qp_list l;
	const char *v;
	size_t n;
	char got[64] = "";

	qp_list_init(&l, S("a/b;c;;d"));
	while (qp_list_next(&l, &v, &n)) {
		strncat(got, v, n);
		strcat(got, "|");
	}
	T_STR(got, "a/b|c||d|", "list: values in order, the empty one kept");

	qp_list_init(&l, S(""));
	T_OK(!qp_list_next(&l, &v, &n), "list: an empty field has no values");
	qp_list_init(&l, S(";"));
	T_OK(qp_list_next(&l, &v, &n) && n == 0 && qp_list_next(&l, &v, &n) &&
	     n == 0 && !qp_list_next(&l, &v, &n), "list: ';' is two empty values");

	T_OK(qp_list_count(S("")) == 0, "count: empty field");
	T_OK(qp_list_count(S("x")) == 1, "count: one value");
	T_OK(qp_list_count(S("3;1;;2")) == 4, "count: four values");
	T_OK(qp_list_count(S("1;")) == 2, "count: a trailing ';' adds an empty value");
}

static void
test_paths(void)
{
	T_OK(code_valid(S("a")), "valid: a");
	T_OK(code_valid(S("barriers/time-constraints")), "valid: two levels");
	T_OK(!code_valid(S("")), "invalid: empty");
	T_OK(!code_valid(S("/a")), "invalid: leading /");
	T_OK(!code_valid(S("a/")), "invalid: trailing /");
	T_OK(!code_valid(S("a//b")), "invalid: empty segment");

	T_OK(code_depth(S("a")) == 1 && code_depth(S("a/b/c")) == 3 &&
	     code_depth(S("")) == 0, "depth");

	T_OK(code_cut(S("a/b/c"), 1) == 1, "cut: to 1 level");
	T_OK(code_cut(S("a/b/c"), 2) == 3, "cut: to 2 levels");
	T_OK(code_cut(S("a/b/c"), 3) == 5, "cut: deep enough already");
	T_OK(code_cut(S("a/b/c"), 9) == 5, "cut: deeper than the path");
	T_OK(code_cut(S("a/b/c"), 0) == 5, "cut: 0 means no cut");

	T_OK(code_parent(S("a/b/c")) == 3, "parent of a/b/c is a/b");
	T_OK(code_parent(S("a/b")) == 1, "parent of a/b is a");
	T_OK(code_parent(S("a")) == 0, "a has no parent");

	T_OK(code_is_ancestor(S("a"), S("a/b")), "ancestor: a of a/b");
	T_OK(code_is_ancestor(S("a"), S("a/b/c")), "ancestor: a of a/b/c");
	T_OK(!code_is_ancestor(S("a"), S("ab/c")), "not ancestor: a of ab/c");
	T_OK(!code_is_ancestor(S("a/b"), S("a/b")), "not ancestor of itself");
	T_OK(!code_is_ancestor(S("a/b"), S("a")), "not ancestor of its parent");
}

static void
test_cmp(void)
{
	T_OK(code_cmp(S("a"), S("a")) == 0, "cmp: equal");
	T_OK(code_cmp(S("a"), S("a/x")) < 0, "cmp: parent first");
	T_OK(code_cmp(S("a/x"), S("a-b")) < 0, "cmp: children before a-b");
	T_OK(code_cmp(S("a-b"), S("a/x")) > 0, "cmp: antisymmetric");
	T_OK(code_cmp(S("a/z"), S("a0")) < 0, "cmp: subtree before the next sibling");
	T_OK(code_cmp(S("b"), S("a/z")) > 0, "cmp: bytewise between top levels");
	T_OK(code_cmp(S("a/b"), S("a/c")) < 0, "cmp: bytewise between siblings");
	T_OK(code_cmp(S("\xc3\xa9"), S("z")) > 0, "cmp: UTF-8 bytes unsigned");
}

int
main(void)
{
	test_list();
	test_paths();
	test_cmp();
	return t_done();
}
