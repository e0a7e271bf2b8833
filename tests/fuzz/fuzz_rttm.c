/*
 * fuzz_rttm: lib/rttm, an RTTM file read and asked for speakers.  The
 * input is the RTTM file; after it is read, spans made from its bytes
 * are asked for (each of the first 64 bytes a start in tenths of a
 * second, the next a length, 0 for a point).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rttm.h"

static qp_rttm *r;

static void
ask(const uint8_t *data, size_t size)
{
	size_t n;

	r = rttm_load(fuzz_file("in.rttm", data, size));
	for (size_t i = 0; i + 1 < size && i < 128; i += 2) {
		tr_msec s = (tr_msec)data[i] * 100, e = data[i + 1] ? s + (tr_msec)data[i + 1] * 100 : TR_NOTIME;
		const char *l = rttm_speaker(r, s, e, &n);
		if (l && strlen(l) != n)
			abort();
	}
	rttm_free(r);
	r = NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_RUN(ask(data, size));
	return 0;
}
