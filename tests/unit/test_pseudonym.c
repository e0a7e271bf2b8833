/* Unit tests for lib/pseudonym: tags numbered by first use, fixed and
 * keyed tags, protos, categories. */
#include "t.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "pseudonym.h"
#include "qp.h"

static const char *
use(qp_pseudo *ps, uint32_t ent, const char *orig)
{
	return pseudo_use(ps, ent, orig, strlen(orig));
}

static void
test_numbering(void)
{
	qp_pseudo *ps = pseudo_new();
	uint32_t a = pseudo_entity(ps, PSEUDO_PERSON, "ana", 3, NULL);
	uint32_t b = pseudo_entity(ps, PSEUDO_PERSON, "ben", 3, NULL);
	T_OK(pseudo_entity(ps, PSEUDO_PERSON, "ana", 3, NULL) == a,
	     "one normal form, one entity");
	T_STR(use(ps, b, "Ben"), "[PERSON_1]", "numbered at first use, not at creation");
	T_STR(use(ps, a, "Ana"), "[PERSON_2]", "the next number");
	T_STR(use(ps, b, "BEN"), "[PERSON_1]", "the same tag again");
	uint32_t e = pseudo_entity(ps, PSEUDO_PII + PII_EMAIL, "ana", 3, NULL);
	T_OK(e != a && pseudo_entity_category(ps, e) == PSEUDO_PII + PII_EMAIL,
	     "the same normal form in another category is another entity");
	T_STR(use(ps, e, "ana"), "[EMAIL_1]", "numbering per category");
	int c = pseudo_category(ps, "HOSPITAL");
	T_OK(c == pseudo_category(ps, "HOSPITAL") && c > PSEUDO_PII + PII_NCAT - 1,
	     "a new category, found again");
	uint32_t p = pseudo_proto(ps, c, "st brigid", 9, NULL);
	uint32_t h = pseudo_proto_entity(ps, p);
	T_OK(pseudo_proto_entity(ps, p) == h, "a proto becomes one entity");
	T_STR(use(ps, h, "St. Brigid"), "[HOSPITAL_1]", "a proto's tag");
	uint32_t f = pseudo_entity(ps, PSEUDO_PERSON, "cy", 2, "S07");
	T_STR(use(ps, f, "Cy"), "[S07]", "a fixed tag");
	pseudo_free(ps);
}

static void
test_key(void)
{
	char path[] = "/tmp/test_pseudonymXXXXXX";
	int fd = mkstemp(path);
	T_OK(fd >= 0 && write(fd, "00112233445566778899aabbccddeeff\n", 33) == 33,
	     "a key file");
	close(fd);
	char tag1[64], tag2[64];
	for (int run = 0; run < 2; run++) {
		qp_pseudo *ps = pseudo_new();
		pseudo_load_key(ps, path);
		if (run == 0)
			use(ps, pseudo_entity(ps, PSEUDO_PERSON, "ben", 3, NULL), "Ben");
		uint32_t a = pseudo_entity(ps, PSEUDO_PERSON, "ana", 3, NULL);
		snprintf(run ? tag2 : tag1, sizeof tag1, "%s", use(ps, a, "Ana"));
		pseudo_free(ps);
	}
	unlink(path);
	T_OK(strncmp(tag1, "[PERSON_", 8) == 0 && strlen(tag1) == 19,
	     "a keyed tag: the category and ten hexadecimal digits");
	T_STR(tag1, tag2, "the same key, the same tag, whatever came first");
}

int
main(void)
{
	qp_init("test_pseudonym");
	test_numbering();
	test_key();
	return t_done();
}
