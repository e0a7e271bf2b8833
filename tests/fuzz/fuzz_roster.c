/*
 * fuzz_roster: the roster reader (lib/roster.h) and its matchers.  The
 * input is the roster file, up to the first form feed, then labels, one
 * a line, matched against it whole (qp_roster_match) and as the start of
 * a text (qp_roster_text_label).  A first label starting with R makes
 * the column role required.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "roster.h"

static void
run(char *path, const uint8_t *lab, size_t n)
{
	static const char *const need[] = { "role", NULL };
	char *files[1] = { path };
	qp_roster *r = qp_roster_load(1, files, (n && lab[0] == 'R') ? need : NULL);
	qp_buf scratch = QP_BUF_INIT, norm = QP_BUF_INIT;

	const char *s;
	size_t ok;
	/* Labels come to the matchers as valid UTF-8, as qp_input hands
	 * them out. */
	while (fuzz_line(&lab, &n, &s, &ok)) {
		qp_roster_hit h = qp_roster_match(r, s, ok, &scratch);
		(void)h;
		size_t lo, ll, rest;
		qp_roster_text_label(r, s, ok, &lo, &ll, &rest, &scratch);
		buf_reset(&norm);
		qp_roster_norm(s, ok, &norm);
		bool is_name;
		qp_roster_lookup(r, norm.s, norm.len, &is_name);
	}
	for (size_t i = 0; i < qp_roster_count(r); i++)
		(void)qp_roster_at(r, i)->name;
	buf_free(&scratch);
	buf_free(&norm);
	qp_roster_free(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *ff = memchr(data, '\f', size);
	size_t cut = ff ? (size_t)(ff - data) : size;
	char *path = strdup(fuzz_file("roster.tsv", data, cut));
	const uint8_t *lab = ff ? ff + 1 : NULL;
	size_t n = ff ? size - cut - 1 : 0;

	FUZZ_RUN(run(path, lab, n));
	free(path);
	return 0;
}
