#!/usr/bin/env bats
# segment(1): the WebVTT of meeting tools, generation by generation:
# Teams 2022 (unpadded timings), Teams Premium (fragments by utterance
# id), OneDrive (GUID-N ids, text cut mid-sentence), Teams role
# suffixes.  Fixtures in fixtures/segment-meeting/, written by hand in
# each writer's layout (BOM and CRLF where the writer has them).
load helper

setup() {
	F=$FIX/segment-meeting
	T=$BATS_TEST_TMPDIR
}

# fixture | options | expected output | what stderr says ("" for nothing)
cases=(
	'teams-2022.vtt||teams-2022.tsv|'
	"teams-2022-negative.vtt||teams-2022-negative.tsv|teams-2022-negative.vtt:3: negative time in Teams cue timings '0:0:-6.-820 --> 0:0:1.300', read as 0"
	'teams-premium.vtt||teams-premium.tsv|'
	'onedrive.vtt||onedrive.tsv|'
	'teams-roles.vtt||teams-roles.tsv|'
	'teams-roles.vtt|--roles|teams-roles-roles.tsv|'
)

@test "segment-meeting: each generation's fixture, exact output" {
	for row in "${cases[@]}"; do
		IFS='|' read -r f opt want err <<<"$row"
		run --separate-stderr segment $opt "$F/$f"
		[ "$status" -eq 0 ] || { echo "$f: $stderr"; return 1; }
		diff <(printf '%s\n' "$output") "$F/$want" || { echo "$f $opt"; return 1; }
		if [ -n "$err" ]; then
			[ "$stderr" = "segment: $F/$err" ] || { echo "$f: $stderr"; return 1; }
		else
			[ -z "$stderr" ] || { echo "$f: $stderr"; return 1; }
		fi
	done
}

@test "segment-meeting: Teams milliseconds are an integer: 10.20 is 10.020 s, 1:2.7 is 1:02.007" {
	run segment "$F/teams-2022.vtt"
	[ "$(printf '%s\n' "${lines[1]}" | cut -f4)" = 00:00:10.020 ]
	[ "$(printf '%s\n' "${lines[3]}" | cut -f3)" = 00:01:02.007 ]
}

@test "segment-meeting: a negative Teams time is an error with --strict" {
	run --separate-stderr segment --strict "$F/teams-2022-negative.vtt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"negative time in Teams cue timings"*"(--strict)" ]]
}

# the first cue's timing line | the starts (ms) of the cues read, when the
# second cue is Teams' unpadded "0:0:3.5 --> 0:0:4.0"
teams=(
	'0:0:0.0 --> 0:0:1.5|0 3005'
	'0:12:34.560 --> 0:12:35.0|754560 3005'
	'0:12:34.560 --> 0:12:35.000|754560 3005'
	'00:00:01.000 --> 00:00:02.000|1000'
	'00:01.000 --> 00:02.000|1000'
	'0:0:1.000 --> 0:0:2.000 align:start|'
	'00:0:1.0 --> 00:0:2.0|'
)

@test "segment-meeting: Teams timings are read only in a file that is recognisably Teams" {
	for row in "${teams[@]}"; do
		IFS='|' read -r line want <<<"$row"
		printf 'WEBVTT\n\n%s\n<v A>one</v>\n\n0:0:3.5 --> 0:0:4.0\n<v B>two</v>\n' "$line" >"$T/t.vtt"
		got=$("$QP_OBJ/tests/tools/vttcues" "$T/t.vtt" 2>/dev/null | cut -f3 | paste -sd' ')
		[ "$got" = "$want" ] || { echo "$line: '$got', not '$want'"; return 1; }
	done
}

@test "segment-meeting: in a Teams file a timing in the spec's form is still read" {
	printf 'WEBVTT\n\n0:0:0.0 --> 0:0:1.5\n<v A>one</v>\n\n00:00:03.000 --> 00:00:04.000\n<v B>two</v>\n\n0:0:5.5 --> 0:0:6.0\n<v A>three</v>\n' >"$T/m.vtt"
	[ "$("$QP_OBJ/tests/tools/vttcues" "$T/m.vtt" | cut -f3,4 | paste -sd' ')" = "$(printf '0\t1005 3000\t4000 5005\t6000')" ]
}

@test "segment-meeting: a spec file's unpadded timing is a dropped cue, not Teams" {
	printf 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: one\n\n0:0:3.5 --> 0:0:4.0\nB: two\n' >"$T/s.vtt"
	run --separate-stderr segment "$T/s.vtt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "$stderr" == *"s.vtt:6: cue dropped: bad cue timings '0:0:3.5 --> 0:0:4.0'"* ]]
}

# g/1-0, then utterances g/2 .. g/LAST of others, then g/1-1
premium() {
	printf 'WEBVTT\n\ng/1-0\n00:00:00.000 --> 00:00:01.000\n<v A>start of it</v>\n\n'
	for i in $(seq 2 "$1"); do
		printf 'g/%d-0\n00:00:0%d.000 --> 00:00:0%d.500\n<v S%d>x%d</v>\n\n' "$i" "$i" "$i" "$i" "$i"
	done
	printf 'g/1-1\n00:00:09.600 --> 00:00:09.900\n<v A>rest of it</v>\n'
}

@test "segment-meeting: Teams Premium fragments join their utterance only within 8 utterances" {
	premium 8 >"$T/p.vtt"
	run segment "$T/p.vtt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 9 ]
	[ "${lines[1]}" = "$(printf 'p\t1\t00:00:00.000\t00:00:09.900\tA\tstart of it rest of it')" ]
	premium 9 >"$T/p.vtt"
	run segment "$T/p.vtt"
	[ "${#lines[@]}" -eq 11 ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f6)" = "start of it" ]
	[ "$(printf '%s\n' "${lines[10]}" | cut -f6)" = "rest of it" ]
}

@test "segment-meeting: OneDrive cues join only while a sentence runs on" {
	run segment "$F/onedrive.vtt"
	[ "${#lines[@]}" -eq 4 ]
	[ "$(printf '%s\n' "${lines[2]}" | cut -f6)" = "Why do you think that was?" ]
	# the same text with ids that are not OneDrive's: one record a cue
	sed 's/^5c1ad84b-9e2f-4f0a-b7d3-2e61c0a9f417-/cue-/' "$F/onedrive.vtt" >"$T/o.vtt"
	run segment "$T/o.vtt"
	[ "${#lines[@]}" -eq 6 ]
}

@test "segment-meeting: --roles splits only a parenthesised role at the end of a <v> name" {
	printf 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Haddad, Layla (Student)>a</v>\n\n00:01.000 --> 00:02.000\n<v (Host)>b</v>\n\n00:02.000 --> 00:03.000\n<v Ana (she/her) Diaz>c</v>\n\n00:03.000 --> 00:04.000\nBen (Guest): d\n' >"$T/r.vtt"
	run segment --roles --no-merge "$T/r.vtt"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\tseg\tstart\tend\tspeaker\ttext\trole')" ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f5-)" = "$(printf 'Haddad, Layla\ta\tStudent')" ]
	[ "$(printf '%s\n' "${lines[2]}" | cut -f5-)" = "$(printf '(Host)\tb\t')" ]
	[ "$(printf '%s\n' "${lines[3]}" | cut -f5-)" = "$(printf 'Ana (she/her) Diaz\tc\t')" ]
	[ "$(printf '%s\n' "${lines[4]}" | cut -f7)" = "" ]
}
