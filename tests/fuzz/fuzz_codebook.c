/*
 * fuzz_codebook: the codebook(5) and LIWC .dic parsers (cb_load: a .dic
 * is told by its first line), then the matcher built from what they
 * accepted.  The input is the codebook file, up to the first form feed,
 * then text, one segment a line, coded with and without CB_KEEP_HITS.
 *
 * WordNet (syn, narrower, broader) is opened once, before the first run:
 * libwordnet keeps its files open in globals for the life of the
 * process, and a run that dies has the descriptors it opened closed
 * under it (track.c).  Where WordNet is missing, those directives are
 * refused like any bad line, and the rest is fuzzed as before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "codebook.h"
#include "fuzz.h"
#include "wordnet.h"

static const char sample[] =
	"I never have time to study, the deadline is tomorrow and my family "
	"needs me; it's really hard, we're always working and can't stop.";

static void
code(cb_matcher *m, const char *s, size_t n)
{
	cb_match(m, s, n);
	size_t nh, nr, nf;
	const cb_hit *h = cb_hits(m, &nh);
	cb_results(m, &nr);
	cb_failures(m, &nf);
	for (size_t i = 0; i < nh; i++) {
		size_t a, b;
		if (h[i].start > h[i].end || h[i].end > n)
			abort();
		cb_context(m, &h[i], 3, &a, &b);
		if (a > b || b > n)
			abort();
	}
}

static void
run(const char *path, const uint8_t *text, size_t n)
{
	cb_codebook *cb = cb_load(path);
	for (size_t c = 0; c < cb_ncodes(cb); c++)
		(void)cb_code_path(cb, c);
	for (size_t p = 0; p < cb_npatterns(cb); p++)
		if (!cb_pattern_via(cb, p) || !cb_pattern_term(cb, p)[0])
			abort();
	for (int keep = 0; keep < 2; keep++) {
		cb_matcher *m = cb_matcher_new(cb, keep ? CB_KEEP_HITS : 0);
		code(m, sample, sizeof sample - 1);
		const uint8_t *p = text;
		size_t left = n, len;
		const char *s;
		/* Segments come to the matcher as valid UTF-8. */
		while (fuzz_line(&p, &left, &s, &len))
			code(m, s, len);
		cb_matcher_free(m);
	}
	cb_free(cb);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	qp_buf why = QP_BUF_INIT;
	(void)argc;
	(void)argv;
	if (!qp_wn_open(&why))
		fprintf(stderr, "fuzz_codebook: %s: syn, narrower and broader are "
		        "refused in this run\n", why.s);
	buf_free(&why);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *ff = memchr(data, '\f', size);
	size_t cut = ff ? (size_t)(ff - data) : size;
	char *path = strdup(fuzz_file("codes.cb", data, cut));
	const uint8_t *text = ff ? ff + 1 : NULL;
	size_t n = ff ? size - cut - 1 : 0;

	FUZZ_RUN(run(path, text, n));
	free(path);
	return 0;
}
