/*
 * fuzz_archive: archives and .docx files (lib/archive_in.c through
 * libarchive, lib/docx.c), through segment's main().  The first input
 * byte chooses the file's name (bits 0-1: in.zip, in.tar.gz, in.docx,
 * in) and bit 2 --from plain; the rest is the file.
 */
#include <stdio.h>

#define main segment_main
#include "../../filters/segment.c"
#undef main

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "in.zip", "in.tar.gz", "in.docx", "in" };
	char *argv[4];
	int argc = 0;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	char *path = strdup(fuzz_file(names[o & 3], data + 1, size - 1));
	argv[argc++] = "segment";
	if (o & 4)
		argv[argc++] = "--from=plain";
	argv[argc++] = path;
	argv[argc] = NULL;
	memset(&tw, 0, sizeof tw);
	FUZZ_RUN(segment_main(argc, argv));
	free(path);
	return 0;
}
