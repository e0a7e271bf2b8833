/*
 * fuzz_tally: tally --merge, the reader of --partial output.  The first
 * byte chooses the options the partials were written with (bits 0-1:
 * the mode, tally, --cooccur, --saturation; bit 2 --by role; bit 3
 * --no-rollup; bit 6 --format matrix, bits 4-5 then its --measure); the rest is one
 * or two partial files, split at the first form feed.
 */
#include "fuzz.h"

FUZZ_FILTER_SECTIONS
#define main tally_main
#include "../../filters/tally.c"
#undef main
FUZZ_FILTER_END

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const modes[] = { NULL, "--cooccur", "--saturation", NULL };
	static const char *const measures[] = {
		"--measure=segments", "--measure=speakers", "--measure=docs", "--measure=share"
	};
	static const char *const names[2] = { "a.tsv", "b.tsv" };
	char *argv[12], *paths[2];
	int argc = 0, nfiles;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	nfiles = fuzz_parts(data, size, names, 1, 2, paths);
	argv[argc++] = "tally";
	argv[argc++] = "--merge";
	if (modes[o & 3])
		argv[argc++] = (char *)modes[o & 3];
	if (o & 4)
		argv[argc++] = "--by=role";
	if (o & 8)
		argv[argc++] = "--no-rollup";
	if (o & 64) {
		argv[argc++] = "--format=matrix";
		if ((o & 3) == 0)
			argv[argc++] = (char *)measures[(o >> 4) & 3];
	}
	for (int i = 0; i < nfiles; i++)
		argv[argc++] = paths[i];
	argv[argc] = NULL;

	fuzz_filter_reset();
	FUZZ_RUN(tally_main(argc, argv));
	fuzz_free_paths(paths, nfiles);
	return 0;
}
