/* Unit tests for lib/strdist: the edit distance, as a table of pairs,
 * and its cut at max. */
#include "t.h"

#include "qp.h"
#include "strdist.h"

int
main(void)
{
	qp_init("test_strdist");
	static const struct {
		const char *a, *b;
		unsigned max, want;
	} cases[] = {
		{ "", "", 2, 0 },
		{ "abc", "", 5, 3 },
		{ "", "abc", 1, 2 },                 /* cut: max + 1 */
		{ "kowalczyk", "kowalczyk", 2, 0 },
		{ "kowalcyk", "kowalczyk", 2, 1 },   /* a letter dropped */
		{ "kowalczykk", "kowalczyk", 2, 1 }, /* a letter added */
		{ "kowalcsyk", "kowalczyk", 2, 1 },  /* one changed */
		{ "kowalzcyk", "kowalczyk", 2, 1 },  /* two swapped: one edit */
		{ "kovalcsyk", "kowalczyk", 2, 2 },
		{ "kovalcsik", "kowalczyk", 2, 3 },  /* three: cut at max + 1 */
		{ "desai", "desia", 1, 1 },
		{ "castillo", "castilo", 2, 1 },
		{ "bello", "hello", 1, 1 },
		{ "ca", "abc", 3, 3 },               /* no swap across an insertion */
		{ "abcdefgh", "a", 2, 3 },           /* lengths too far apart */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		unsigned got = strdist(cases[i].a, strlen(cases[i].a), cases[i].b,
		                       strlen(cases[i].b), cases[i].max);
		char name[96];
		snprintf(name, sizeof name, "strdist(%s, %s) max %u is %u", cases[i].a,
		         cases[i].b, cases[i].max, cases[i].want);
		T_OK(got == cases[i].want, name);
		if (got != cases[i].want)
			printf("#   got %u\n", got);
	}
	char longer[70];
	memset(longer, 'a', sizeof longer);
	T_OK(strdist(longer, sizeof longer, longer, sizeof longer, 4) == 5,
	     "strings longer than 63 bytes are max + 1 from everything");
	return t_done();
}
