/*
 * fuzz_segment: segment's transcript readers, through its own main().
 * The first input byte chooses the options: bits 0-2 the format (7 is
 * auto), bit 3 --unit sentence, bit 4 --no-merge, bits 5-6 the file
 * name's extension (detection looks at it; none also gives --roles), bit
 * 7 two input files, split at the first form feed.  The rest is the
 * transcript.
 */
#include <stdio.h>

#define main segment_main
#include "../../filters/segment.c"
#undef main

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const exts[] = { "vtt", "srt", "txt", "" };
	char name[2][16], *paths[2], fmt[32];
	char *argv[9];
	int argc = 0;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	size_t cut = size;
	int nfiles = 1;
	if (o & 0x80) {
		const uint8_t *ff = memchr(data, '\f', size);
		if (ff) {
			cut = (size_t)(ff - data);
			nfiles = 2;
		}
	}
	for (int i = 0; i < nfiles; i++) {
		const char *e = exts[(o >> 5) & 3];
		snprintf(name[i], sizeof name[i], "in%d%s%s", i, *e ? "." : "", e);
		const uint8_t *p = i ? data + cut + 1 : data;
		size_t n = i ? size - cut - 1 : cut;
		paths[i] = strdup(fuzz_file(name[i], p, n));
	}
	argv[argc++] = "segment";
	if ((o & 7) != 7) {
		/* by name: tr_formats grows (the .docx readers have fuzz_docx) */
		static const char *const from[] = {
			"auto", "vtt", "srt", "otter", "timestamped", "labeled", "plain"
		};
		snprintf(fmt, sizeof fmt, "--from=%s", from[o & 7]);
		argv[argc++] = fmt;
	}
	if (o & 8)
		argv[argc++] = "--unit=sentence";
	if (o & 16)
		argv[argc++] = "--no-merge";
	if (((o >> 5) & 3) == 3)
		argv[argc++] = "--roles";
	for (int i = 0; i < nfiles; i++)
		argv[argc++] = paths[i];
	argv[argc] = NULL;

	memset(&tw, 0, sizeof tw);
	FUZZ_RUN(segment_main(argc, argv));
	for (int i = 0; i < nfiles; i++)
		free(paths[i]);
	return 0;
}
