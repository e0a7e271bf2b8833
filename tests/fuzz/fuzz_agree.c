/*
 * fuzz_agree: agree reading code columns or value columns, from one
 * stream or two joined on their units.  The first byte chooses the
 * options (bit 0 --values, bits 1-2 then the levels: nominal, +ordinal,
 * +interval, all four; bit 3 --no-rollup; bit 4 --with, the second part
 * of the input; bit 5 --unit id; bit 6 --rho with few replicates; bit 7
 * a third coder, column c); the rest is one or two record streams, split
 * at the first form feed.
 */
#include "fuzz.h"

FUZZ_FILTER_SECTIONS
#define main agree_main
#include "../../filters/agree.c"
#undef main
FUZZ_FILTER_END

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[2] = { "a.tsv", "b.tsv" };
	static const char *const levels[] = {
		"--level=nominal", "--level=nominal,ordinal", "--level=ordinal,interval",
		"--level=nominal,ordinal,interval,ratio"
	};
	char *argv[16], *paths[2];
	int argc = 0, nfiles;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	nfiles = fuzz_parts(data, size, names, o & 16 ? 2 : 1, 2, paths);
	argv[argc++] = "agree";
	argv[argc++] = o & 128 ? "-ca,b,c" : "-ca,b";
	if (o & 1) {
		argv[argc++] = "--values";
		argv[argc++] = (char *)levels[(o >> 1) & 3];
	} else {
		if (o & 8)
			argv[argc++] = "--no-rollup";
		if (o & 64) {
			argv[argc++] = "--rho";
			argv[argc++] = "--replicates=5";
		}
	}
	if (o & 32)
		argv[argc++] = "--unit=id";
	if (o & 16) {
		argv[argc++] = "--with";
		argv[argc++] = paths[1];
	}
	argv[argc++] = paths[0];
	argv[argc] = NULL;

	fuzz_filter_reset();
	FUZZ_RUN(agree_main(argc, argv));
	fuzz_free_paths(paths, nfiles);
	return 0;
}
