/*
 * fuzz_anonymize: anonymize's --terms and --roster readers and its
 * detectors on the text column of a record stream.  The input is up to
 * three parts separated by form feeds: the --terms file, the --roster
 * file, the stream (or, with bit 0 of the first byte, plain text for
 * --plain); bit 1 adds --columns text,speaker (without --plain), bit 2
 * leaves --terms out, bit 3 --roster, bit 4 adds --audit (a file removed
 * after the run).  The name lists are
 * tests/fuzz/names, short and made up, so that a run is quick; the code
 * that reads them is the same.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

FUZZ_FILTER_SECTIONS
#define main anonymize_main
#include "../../filters/anonymize.c"
#undef main
FUZZ_FILTER_END

#ifndef FUZZ_NAMES
#define FUZZ_NAMES "tests/fuzz/names"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[3] = { "terms.tsv", "roster.tsv", "in.tsv" };
	char *argv[16], *paths[3], audit[4096];
	int argc = 0;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	fuzz_parts(data, size, names, 3, 3, paths);
	argv[argc++] = "anonymize";
	argv[argc++] = "--names-dir=" FUZZ_NAMES;
	if (!(o & 4)) {
		argv[argc++] = "--terms";
		argv[argc++] = paths[0];
	}
	if (o & 8) {
		argv[argc++] = "--roster";
		argv[argc++] = paths[1];
	}
	/* --audit into a fresh file each run (an existing one is an error) */
	audit[0] = '\0';
	if ((o & 16) && snprintf(audit, sizeof audit, "--audit=%s.audit", paths[2]) <
	    (int)sizeof audit)
		argv[argc++] = audit;
	if (o & 1)
		argv[argc++] = "--plain";
	else if (o & 2)
		argv[argc++] = "--columns=text,speaker";
	argv[argc++] = paths[2];
	argv[argc] = NULL;

	fuzz_filter_reset();
	FUZZ_RUN(anonymize_main(argc, argv));
	if (audit[0])
		unlink(audit + strlen("--audit="));
	fuzz_free_paths(paths, 3);
	return 0;
}
