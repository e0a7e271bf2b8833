#!/usr/bin/env bats
# Inputs the fuzzers of tests/fuzz/ found to crash a filter (or to make a
# sanitizer complain), kept in tests/fuzz/regress/, each run through the
# built filter with the behaviour it should have had.
load helper

setup() {
	R=$BATS_TEST_DIRNAME/fuzz/regress
	hdr=$(printf 'doc\tseg\tstart\tend\tspeaker\ttext')
}

# AFL++ and fuzz_segment: a line starting with ':' made label_line compare
# an empty label with an unused cache slot (memcmp with NULL, UBSan) and
# take it for a label; it is text.
@test "fuzz regress: segment: a colon at a line's start is no empty label" {
	for f in labeled auto; do
		run segment --format "$f" "$R/segment-empty-label.txt"
		[ "$status" -eq 0 ]
		[ "$output" = "$hdr"$'\n'"segment-empty-label	1				: hi"$'\n'"segment-empty-label	2			A	x" ]
	done
}

# libFuzzer and fuzz_codebook (clang's UBSan; gcc's does not flag it): a
# word whose cached list held phrase pairs only was prefetched from the
# matcher's arena before the arena existed (NULL + offset).  The input is
# the harness's (codebook, form feed, text), so it runs through the
# harness; make fuzz-smoke, which .ci/run runs first, builds it.
@test "fuzz regress: codebook: a pairs-only word list is not prefetched from an empty arena" {
	F=$BATS_TEST_DIRNAME/../build/fuzz/fuzz_codebook
	if [ ! -x "$F" ]; then
		[ "${CI:-}" != true ] || { echo "build/fuzz/fuzz_codebook missing under CI" >&2; return 1; }
		skip "build/fuzz/fuzz_codebook not built (make fuzz-build)"
	fi
	run "$F" -runs=1 "$R/codebook-pairs-prefetch.bin"
	[ "$status" -eq 0 ]
	[[ "$output" != *"runtime error"* ]]
}

# libFuzzer and fuzz_archive: a ZIP with no member to read (all of them
# skipped) sorted its empty member list through qsort(NULL, 0) (UBSan);
# it is an archive of no files, which gives no records.
@test "fuzz regress: segment: an archive with no member to read gives no records" {
	run segment "$R/archive-no-members.zip"
	[ "$status" -eq 0 ]
	[ "$output" = "$hdr" ]
}

# libFuzzer and fuzz_segment_json (UBSan): a decimal of more than 15
# digits ("confidence": 0.99666666666666666666) overflowed the fast
# decimal path's integer before it gave up for strtod; the times are
# strtod's, rounded to the millisecond as ever.
@test "fuzz regress: segment: decimals of more than 15 digits are read, not overflowed" {
	run segment "$R/segment-long-decimal.json"
	[ "$status" -eq 0 ]
	[ "$output" = "$hdr"$'\n'"segment-long-decimal	1	00:00:00.000	00:00:02.480		So tell me how you started."$'\n'"segment-long-decimal	2	00:00:02.480	00:00:06.100		I started in 2019." ]
}
