/*
 * test_qde: lib/uuid.h against values computed apart (Python's hashlib:
 * the first 16 bytes of SHA-256 of the namespace and the name, version 8
 * and variant bits set), and lib/qde.h's code points and text layout.
 */
#include <stdlib.h>
#include <string.h>

#include "qde.h"
#include "t.h"
#include "uuid.h"

#define S(s) s, sizeof s - 1

static void
test_uuid(void)
{
	char u[QP_UUID_LEN + 1];

	qp_uuid_name(S("code\0barriers/time-constraints"), u);
	T_STR(u, "2bcd83a7-a65a-857c-83d7-e35de7df334d", "uuid: a code path");
	qp_uuid_name(S("user\0qualpipe"), u);
	T_STR(u, "e744f58b-85b8-806a-ba4f-001161f99234", "uuid: the user");
	qp_uuid_name("", 0, u);
	T_STR(u, "506b7efa-65cd-8781-9fab-e1eb5e3c3841", "uuid: the empty name");
	T_OK(u[14] == '8', "uuid: version 8");
	T_OK(strchr("89ab", u[19]) != NULL, "uuid: variant 10");
}

static void
test_positions(void)
{
	const char t[] = "a\xc3\xa9\xf0\x9f\x98\x8a" "b";   /* a é 😊 b */
	T_OK(qde_cp_count(S(t)) == 4, "cp: four code points");
	T_OK(qde_cp_offset(S(t), 0) == 0, "cp: offset of 0");
	T_OK(qde_cp_offset(S(t), 2) == 3, "cp: offset after é");
	T_OK(qde_cp_offset(S(t), 3) == 7, "cp: offset after the emoji");
	T_OK(qde_cp_offset(S(t), 4) == 8, "cp: offset of the end");
	T_OK(qde_cp_offset(S(t), 9) == 8, "cp: past the end is the end");
}

static void
test_layout(void)
{
	qde_layout l;
	size_t a, b;

	qde_layout_init(&l);
	qde_layout_add(&l, S("Ann"), S("Hi."), &a, &b);
	T_OK(a == 5 && b == 8, "layout: after the label");
	qde_layout_add(&l, S("Ann"), S("Still me."), &a, &b);
	T_OK(a == 9 && b == 18, "layout: the same speaker goes on after a blank");
	qde_layout_add(&l, "", 0, S("(noise)"), &a, &b);
	T_OK(a == 19 && b == 26, "layout: no speaker, no label");
	qde_layout_add(&l, S("B\xc3\xa9"), S("\xc3\xa9h"), &a, &b);
	T_OK(a == 31 && b == 33, "layout: code points, not bytes");
	qde_layout_end(&l);
	T_STR(l.text.s, "Ann: Hi. Still me.\n(noise)\nB\xc3\xa9: \xc3\xa9h\n", "layout: the text");
	qde_layout_free(&l);
}

int
main(void)
{
	test_uuid();
	test_positions();
	test_layout();
	return t_done();
}
