/*
 * fuzz_pii: anonymize's detectors (lib/pii.h) on arbitrary text: every
 * span found must lie inside the text, after the one before it, and
 * each is normalised; the number-word readers (lib/numword.h) are run
 * at every word start and must stay inside the text too.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fuzz.h"
#include "numword.h"
#include "pii.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static pii_span *sp;
	static size_t cap;
	qp_buf b = QP_BUF_INIT, norm = QP_BUF_INIT;

	/* The filter hands the detectors valid UTF-8 without NUL (lib/input.c
	 * sees to it); give them the same. */
	utf8_replace_invalid((const char *)data, size, &b);
	const char *s = b.s;
	size_t n = b.len;
	size_t k = pii_scan(s, n, &sp, &cap);
	for (size_t i = 0; i < k; i++) {
		if (sp[i].off > n || sp[i].len > n - sp[i].off || sp[i].cat >= PII_NCAT)
			abort();
		if (i > 0 && sp[i].off < sp[i - 1].off + sp[i - 1].len)
			abort();
		buf_reset(&norm);
		pii_norm(sp[i].cat, s + sp[i].off, sp[i].len, &norm);
	}
	for (size_t i = 0; i < n && i < 64; i++)
		pii_month(s + i, n - i < 12 ? n - i : 12);
	for (size_t i = 0; i < n && i < 256; i++) {
		if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '-')
			continue;
		unsigned v;
		nw_run r;
		if (nw_year(s, n, i, &v) > n || nw_ordinal(s, n, i, &v) > n ||
		    nw_digits(s, n, i, 1, &r) > n || r.ndig > NW_MAXDIG ||
		    strlen(r.dig) != (size_t)r.ndig)
			abort();
	}
	buf_free(&b);
	buf_free(&norm);
	return 0;
}
