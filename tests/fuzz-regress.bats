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
