/*
 * fuzz_report: report's readers of an analysis's files (lib/study.c,
 * lib/page_quotes.c) and the page made of them.  The input is up to six
 * files split at form feeds: tally.tsv, cooccur.tsv, saturation.tsv,
 * quotes.tsv, agreement.tsv, coded.tsv; an empty part is a file left out
 * (the first, tally's, is always there).  The first byte chooses
 * --max-codes and --max-groups (bits 0-2 and 3-5, 0 for all).
 */
#include <stdio.h>

#include "fuzz.h"

FUZZ_FILTER_SECTIONS
#define main report_main
#include "../../filters/report.c"
#undef main
FUZZ_FILTER_END

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[6] = {
		"tally.tsv", "cooccur.tsv", "saturation.tsv", "quotes.tsv",
		"agreement.tsv", "coded.tsv"
	};
	static const char *const opts[6] = {
		"--tally", "--cooccur", "--saturation", "--quotes", "--agreement", "--coded"
	};
	char *argv[20], *paths[6], mc[32], mg[32];
	int argc = 0, nfiles;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	nfiles = fuzz_parts(data, size, names, 1, 6, paths);
	snprintf(mc, sizeof mc, "--max-codes=%u", o & 7);
	snprintf(mg, sizeof mg, "--max-groups=%u", (o >> 3) & 7);
	argv[argc++] = "report";
	argv[argc++] = "--date=2026-01-01";
	argv[argc++] = mc;
	argv[argc++] = mg;
	for (int i = 0; i < nfiles; i++) {
		FILE *f = i ? fopen(paths[i], "rb") : NULL;
		bool empty = f && fgetc(f) == EOF;
		if (f)
			fclose(f);
		if (empty)
			continue;
		argv[argc++] = (char *)opts[i];
		argv[argc++] = paths[i];
	}
	argv[argc] = NULL;

	fuzz_filter_reset();
	FUZZ_RUN(report_main(argc, argv));
	fuzz_free_paths(paths, nfiles);
	return 0;
}
