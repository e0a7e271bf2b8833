/*
 * fuzz_segment_json: segment's JSON readers (lib/jsonstream, lib/tr_json
 * and its vendors) and the Whisper tables, through segment's own main().
 * The first input byte chooses the options: bits 0-3 the format (auto,
 * json, then each vendor and table by name), bit 4 --unit sentence, bit
 * 5 --rttm with the input after the first form feed as the RTTM file,
 * bit 6 a .json name.  The rest is the transcript.
 */
#include <stdio.h>

#define main segment_main
#include "../../filters/segment.c"
#undef main

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fmts[] = {
		"auto", "json", "whisper-json", "whisper-cpp-json", "aws-transcribe",
		"deepgram", "assemblyai", "azure", "google-stt", "whisper-tsv",
		"whisper-cpp-csv",
	};
	const char *names[2] = { "in", "turns.rttm" };
	char fmt[40], *paths[2];
	char *argv[8];
	int argc = 0, np;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	if (o & 0x40)
		names[0] = "in.json";
	np = fuzz_parts(data + 1, size - 1, names, 1, o & 0x20 ? 2 : 1, paths);
	argv[argc++] = "segment";
	snprintf(fmt, sizeof fmt, "--from=%s", fmts[(o & 15) % (sizeof fmts / sizeof fmts[0])]);
	argv[argc++] = fmt;
	if (o & 0x10)
		argv[argc++] = "--unit=sentence";
	if (np > 1) {
		argv[argc++] = "--rttm";
		argv[argc++] = paths[1];
	}
	argv[argc++] = paths[0];
	argv[argc] = NULL;

	memset(&tw, 0, sizeof tw);
	FUZZ_RUN(segment_main(argc, argv));
	fuzz_free_paths(paths, np);
	return 0;
}
