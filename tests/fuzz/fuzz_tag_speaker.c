/*
 * fuzz_tag_speaker: tag-speaker's readers, the roster (lib/roster.h) and
 * --doc-roles, and the matching of labels against them.  The input is
 * up to three parts separated by form feeds: the roster, the doc-roles
 * file, the record stream; the first byte chooses the options (bit 0
 * --from-text, bit 1 --strict, bit 2 --exclude-role moderator, bit 3 no
 * --doc-roles).
 */
#include "fuzz.h"

FUZZ_FILTER_SECTIONS
#define main tag_speaker_main
#include "../../filters/tag-speaker.c"
#undef main
FUZZ_FILTER_END

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[3] = { "roster.tsv", "roles.tsv", "in.tsv" };
	char *argv[12], *paths[3];
	int argc = 0;

	if (size < 1)
		return 0;
	unsigned o = data[0];
	data++, size--;
	fuzz_parts(data, size, names, 3, 3, paths);
	argv[argc++] = "tag-speaker";
	argv[argc++] = "--roster";
	argv[argc++] = paths[0];
	if (!(o & 8)) {
		argv[argc++] = "--doc-roles";
		argv[argc++] = paths[1];
	}
	if (o & 1)
		argv[argc++] = "--from-text";
	if (o & 2)
		argv[argc++] = "--strict";
	if (o & 4)
		argv[argc++] = "--exclude-role=moderator";
	argv[argc++] = paths[2];
	argv[argc] = NULL;

	fuzz_filter_reset();
	FUZZ_RUN(tag_speaker_main(argc, argv));
	fuzz_free_paths(paths, 3);
	return 0;
}
