/*
 * fuzz_pick_quotes: pick-quotes --merge, the reader of --partial output.
 * The first byte chooses the options the partials were written with
 * (bit 0 --by role, bit 1 --rollup, bit 2 -n 2, bit 3 --format md, bit 4
 * --codes definition); the rest is one or two partial files, split at
 * the first form feed.
 */
#include "fuzz.h"

FUZZ_FILTER_SECTIONS
#define main pick_quotes_main
#include "../../filters/pick-quotes.c"
#undef main
FUZZ_FILTER_END

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[2] = { "a.tsv", "b.tsv" };
	char *argv[12], *paths[2];
	int argc = 0, nfiles;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	nfiles = fuzz_parts(data, size, names, 1, 2, paths);
	argv[argc++] = "pick-quotes";
	argv[argc++] = "--merge";
	if (o & 1)
		argv[argc++] = "--by=role";
	if (o & 2)
		argv[argc++] = "--rollup";
	if (o & 4)
		argv[argc++] = "-n2";
	if (o & 8)
		argv[argc++] = "--format=md";
	if (o & 16)
		argv[argc++] = "--codes=definition";
	for (int i = 0; i < nfiles; i++)
		argv[argc++] = paths[i];
	argv[argc] = NULL;

	fuzz_filter_reset();
	FUZZ_RUN(pick_quotes_main(argc, argv));
	fuzz_free_paths(paths, nfiles);
	return 0;
}
