#!/usr/bin/env bats
# tag-speaker: roster matching, doc roles, labels in text, exclusion,
# roster errors and the filter conventions.
load helper

setup() {
	F=$FIX/tag-speaker
	T=$BATS_TEST_TMPDIR
	R=$F/roster.tsv
}

# The report goes to stderr; most tests look at stdout alone.
out_only() { "$@" 2>/dev/null; }

@test "tag-speaker: every kind of label matches (accents, case, titles, two parts)" {
	run out_only tag-speaker --roster "$R" "$F/labels.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/labels.out")" ]
}

@test "tag-speaker: unmatched and ambiguous labels reported once each, in order of first turn" {
	run bash -c "tag-speaker --roster '$R' '$F/labels.tsv' 2>&1 >/dev/null"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = "tag-speaker: $F/labels.tsv:14: ambiguous speaker 'P3 (Sam)' (1 turn): could be 'José Núñez' or 'Sam Lee'" ]
	[ "${lines[1]}" = "tag-speaker: $F/labels.tsv:15: unmatched speaker 'Unknown Voice' (2 turns)" ]
	[ "${lines[2]}" = "tag-speaker: $F/labels.tsv:17: unmatched speaker 'Mary-Ann' (1 turn)" ]
}

@test "tag-speaker: --strict fails with status 2 after the whole stream and report" {
	run bash -c "tag-speaker --strict --roster '$R' '$F/labels.tsv' 2>'$T/err' >'$T/out'"
	[ "$status" -eq 2 ]
	diff "$T/out" "$F/labels.out"
	grep -q "unmatched speaker 'Unknown Voice' (2 turns)" "$T/err"
	[ "$(tail -n 1 "$T/err")" = "tag-speaker: --strict: 3 speaker labels matched nobody" ]
}

@test "tag-speaker: --strict passes when every label matches" {
	head -n 13 "$F/labels.tsv" >"$T/in"
	run tag-speaker --strict --roster "$R" "$T/in"
	[ "$status" -eq 0 ]
	[ "$output" = "$(head -n 13 "$F/labels.out")" ]
}

@test "tag-speaker: existing role and roster columns are overwritten in place" {
	run out_only tag-speaker --roster "$R" "$F/has-role.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/has-role.out")" ]
}

@test "tag-speaker: --doc-roles gives unmatched speakers their doc's role" {
	run bash -c "tag-speaker --roster '$R' --doc-roles '$F/doc-roles.tsv' '$F/anon.tsv' 2>'$T/err'"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/anon.out")" ]
	# Only the speaker in a doc without a default is reported.
	[ "$(cat "$T/err")" = "tag-speaker: $F/anon.tsv:7: unmatched speaker 'Speaker 2' (1 turn)" ]
}

@test "tag-speaker: --doc-roles errors: missing column, two roles for a doc, no doc column" {
	printf 'doc\tgroup\nfg2\tMS\n' >"$T/dr"
	run tag-speaker --roster "$R" --doc-roles "$T/dr" "$F/anon.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "tag-speaker: $T/dr:1: doc roles file has no column 'role'" ]
	printf 'doc\trole\nfg2\tMS\nfg3\tSGA\nfg2\tMCL\n' >"$T/dr"
	run tag-speaker --roster "$R" --doc-roles "$T/dr" "$F/anon.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "tag-speaker: $T/dr:4: doc 'fg2' given two roles, 'MS' and 'MCL'" ]
	printf 'speaker\ttext\nSam\thi\n' >"$T/in"
	run tag-speaker --roster "$R" --doc-roles "$F/doc-roles.tsv" "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "tag-speaker: $T/in:1: the stream has no column 'doc'" ]
}

@test "tag-speaker: --from-text takes a leading label, not 'for example:', 'Note:' or a time" {
	run out_only tag-speaker --roster "$R" --from-text "$F/unlabeled.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/unlabeled.out")" ]
}

@test "tag-speaker: --from-text, segment and anonymize --plain give every label one answer (lib/label.h)" {
	printf 'name\trole\n' >"$T/empty-roster.tsv"
	while IFS='|' read -r line want; do
		printf 'Zed: first turn\n%s more\n' "$line" >"$T/l.txt"
		seg=$(segment -f labeled "$T/l.txt" | tail -1 | cut -f5)
		[ "$seg" = "${want:-Zed}" ] || { echo "segment: '$line' gave '$seg', want '${want:-Zed}'"; return 1; }
		printf 'doc\ttext\nd\t%s more\n' "$line" >"$T/in"
		tag=$(tag-speaker --roster "$T/empty-roster.tsv" --from-text "$T/in" 2>/dev/null |
		      tail -1 | cut -f3)
		[ "$tag" = "$want" ] || { echo "tag-speaker: '$line' gave '$tag', want '$want'"; return 1; }
		# anonymize --plain: a label naming a roster person becomes the
		# tag, whole; a line without a label keeps its head for the text
		# rules (which may still find a date or a name after it).
		printf 'name\tparticipant\nZed Zedson\tP01\n' >"$T/ar.tsv"
		head=${line%%:*}:
		case $want in
		''|'['*) ;;
		*) printf 'name\tparticipant\n%s\tP01\n' "$want" >"$T/ar.tsv"
		   head='[P01]:' ;;
		esac
		printf '%s more\n' "$line" >"$T/l.txt"
		anon=$(anonymize --plain --roster "$T/ar.tsv" "$T/l.txt")
		[[ "$anon" == "$head "* ]] || { echo "anonymize: '$line' gave '$anon', want '$head ...'"; return 1; }
	done <<'EOF'
Yeah: it was|
Ana do Carmo: we met.|Ana do Carmo
[S01]: a pseudonym|[S01]
[SPEAKER_00]: whisperx|SPEAKER_00
John of Gaunt: this England|John of Gaunt
Jane Doe: hello|Jane Doe
Dr. Okoro: yes|Dr. Okoro
MODERATOR (Jane Doe): welcome|MODERATOR (Jane Doe)
Speaker 1: hi|Speaker 1
Jane's iPad: a device|Jane's iPad
Note: the tape stopped|
Question 3: how was it|
for example: this|
Date: 3 May|
[CROSSTALK]: text|
EOF
}

@test "tag-speaker: abbreviated titles before a name are words.h's (Rev and Capt too)" {
	printf 'name\trole\nSam Lee\tSGA\n' >"$T/r.tsv"
	printf 'doc\tspeaker\nd\tRev. Sam Lee\nd\tCapt Sam Lee\nd\tDr Sam Lee\nd\tCoach Sam Lee\n' >"$T/in"
	run out_only tag-speaker --roster "$T/r.tsv" "$T/in"
	[ "$(printf '%s\n' "$output" | cut -f3 | tr '\n' ,)" = "role,SGA,SGA,SGA,," ]
}

@test "tag-speaker: without --from-text the text is left alone" {
	run out_only tag-speaker --roster "$R" "$F/unlabeled.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'int1\t1\t\t\t\tJane Doe: Welcome, and thank you.\t\t\t')" ]
}

@test "tag-speaker: --from-text adds a speaker column when the stream has none" {
	printf 'doc\ttext\nd\tP4: yes\nd\tno label here\n' >"$T/in"
	run out_only tag-speaker --roster "$R" --from-text "$T/in"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\ttext\tspeaker\trole\tparticipant\tcohort')" ]
	[ "${lines[1]}" = "$(printf 'd\tyes\tP4\tSGA\tp04\t2020')" ]
	[ "${lines[2]}" = "$(printf 'd\tno label here\t\t\t\t')" ]
}

@test "tag-speaker: --exclude-role drops those turns, case-insensitively, with counts" {
	run bash -c "tag-speaker --roster '$R' --exclude-role Moderator,mcl '$F/labels.tsv' 2>'$T/err'"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 12 ]   # header + 16 turns - 2 moderator - 3 MCL
	[[ "$output" != *moderator* ]]
	[[ "$output" != *MCL* ]]
	grep -qx "tag-speaker: excluded 2 turns of role 'Moderator'" "$T/err"
	grep -qx "tag-speaker: excluded 3 turns of role 'mcl'" "$T/err"
}

@test "tag-speaker: --exclude-role applies to doc roles and reports a role never seen" {
	run bash -c "tag-speaker --roster '$R' --doc-roles '$F/doc-roles.tsv' --exclude-role ms --exclude-role nurse '$F/anon.tsv' 2>'$T/err'"
	[ "$status" -eq 0 ]
	[ "$output" = "$(grep -v '	MS	' "$F/anon.out")" ]
	grep -qx "tag-speaker: excluded 2 turns of role 'ms'" "$T/err"
	grep -qx "tag-speaker: excluded 0 turns of role 'nurse'" "$T/err"
}

@test "tag-speaker: bad rosters are errors naming file and line" {
	while IFS='|' read -r f msg; do
		msg=${msg//ROSTER/$F/$f}
		run tag-speaker --roster "$F/$f" "$F/labels.tsv"
		[ "$status" -eq 2 ] || { echo "$f: status $status"; return 1; }
		[ "$output" = "tag-speaker: $F/$f$msg" ] || { echo "$f: $output"; return 1; }
	done <<-'EOF'
	roster-no-role.tsv|:1: roster has no column 'role'
	roster-no-name.tsv|:1: roster has no column 'name'
	roster-dup-alias.tsv|:4: alias 'moderator' is the same label as an alias of 'Jane Doe' (ROSTER:2): a label must lead to one person
	roster-dup-name.tsv|:3: name 'Dr. Jane Doe' is the same label as the name 'Jane Doe' (ROSTER:2): a label must lead to one person
	roster-fields.tsv|:3: expected 3 fields, found 2
	roster-text-col.tsv|:1: roster column 'text' would overwrite the stream's own 'text'; rename it
	EOF
}

@test "tag-speaker: invalid UTF-8 in the roster is an error naming it" {
	run tag-speaker --roster "$F/roster-bad-utf8.tsv" "$F/labels.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "tag-speaker: $F/roster-bad-utf8.tsv:3: invalid UTF-8"* ]]
}

@test "tag-speaker: an alias with no letters or digits, an empty name, an empty roster" {
	printf 'name\taliases\trole\nJane\t--\tMS\n' >"$T/r"
	run tag-speaker --roster "$T/r" "$F/labels.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "tag-speaker: $T/r:2: alias '--' has no letters or digits" ]
	printf 'name\trole\n \tMS\n' >"$T/r"
	run tag-speaker --roster "$T/r" "$F/labels.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "tag-speaker: $T/r:2: empty name" ]
	: >"$T/r"
	run tag-speaker --roster "$T/r" "$F/labels.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "tag-speaker: $T/r:1: roster is empty"* ]]
}

@test "tag-speaker: a header-only roster matches nobody" {
	printf 'name\trole\n' >"$T/r"
	run out_only tag-speaker --roster "$T/r" "$F/has-role.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\tspeaker\trole\ttext\tcohort')" ]
	[ "${lines[1]}" = "$(printf 'fg1\tSam Lee\t\tRole and cohort already there.\told')" ]
}

@test "tag-speaker: two --roster files are read as one roster" {
	head -n 3 "$R" >"$T/r1"
	{ head -n 1 "$R"; tail -n +4 "$R"; } >"$T/r2"
	run out_only tag-speaker --roster "$T/r1" --roster "$T/r2" "$F/labels.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/labels.out")" ]
}

@test "tag-speaker: input without a speaker column is a clear error" {
	printf 'doc\ttext\nd\thello\n' >"$T/in"
	run tag-speaker --roster "$R" "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "tag-speaker: $T/in:1: the stream has no column 'speaker'" ]
}

@test "tag-speaker: usage errors: no --roster, stdin twice, empty --exclude-role" {
	run tag-speaker "$F/labels.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--roster is required"*"usage: tag-speaker"* ]]
	run tag-speaker --roster - </dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"standard input can be read only once"* ]]
	run tag-speaker --roster "$R" --exclude-role 'ms,,x' "$F/labels.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--exclude-role: empty item"* ]]
}

@test "tag-speaker: the roster may come from standard input" {
	run bash -c "tag-speaker --roster - '$F/labels.tsv' <'$R' 2>/dev/null"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/labels.out")" ]
}

@test "tag-speaker: gzip input, several files, a repeated header dropped" {
	gzip -c "$F/labels.tsv" >"$T/a.gz"
	run out_only tag-speaker --roster "$R" "$T/a.gz" "$F/labels.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/labels.out"; tail -n +2 "$F/labels.out")" ]
}

@test "tag-speaker: escapes in labels and values survive; speaker keys are exact" {
	printf 'doc\tspeaker\ttext\nd\tSam Lee\ta\\tb\\\\c\nd\tSam\\\\Lee\tx\n' >"$T/in"
	run out_only tag-speaker --roster "$R" "$T/in"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'd\tSam Lee\ta\\tb\\\\c\tSGA\tp04\t2020')" ]
	# a backslash separates words, like any punctuation
	[ "${lines[2]}" = "$(printf 'd\tSam\\\\Lee\tx\tSGA\tp04\t2020')" ]
}

@test "tag-speaker: a bad escape in the speaker is an error" {
	printf 'doc\tspeaker\ttext\nd\tSam\\x\thi\n' >"$T/in"
	run tag-speaker --roster "$R" "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == "tag-speaker: $T/in:2: bad escape in column 'speaker'"* ]]
}

@test "tag-speaker: empty input stays empty; header-only input gives the header" {
	run tag-speaker --roster "$R" </dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	printf 'doc\tspeaker\ttext\n' >"$T/in"
	run tag-speaker --roster "$R" "$T/in"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tspeaker\ttext\trole\tparticipant\tcohort')" ]
}

@test "tag-speaker: output is the same under another locale and line-buffered" {
	LC_ALL=C tag-speaker --roster "$R" "$F/labels.tsv" >"$T/a" 2>/dev/null
	LC_ALL=C.UTF-8 tag-speaker --line-buffered --roster "$R" "$F/labels.tsv" >"$T/b" 2>/dev/null
	cmp "$T/a" "$F/labels.out"
	cmp "$T/b" "$F/labels.out"
}

@test "tag-speaker: a full disk is an error; a closed pipe is quiet" {
	run bash -c "tag-speaker --roster '$R' '$F/labels.tsv' 2>&1 >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"write error"* ]]
	for i in $(seq 1 3000); do tail -n +2 "$F/labels.tsv"; done >"$T/body"
	cat "$F/labels.tsv" "$T/body" >"$T/big"
	run bash -c "tag-speaker --roster '$R' '$T/big' 2>'$T/err' | head -n 1; echo \${PIPESTATUS[0]}"
	[ "${lines[1]}" = 0 ]
	[ ! -s "$T/err" ]
}

@test "tag-speaker: --help and --version" {
	run tag-speaker --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: tag-speaker --roster FILE"* ]]
	run tag-speaker --version
	[ "$status" -eq 0 ]
	[ "$output" = "tag-speaker (qualpipe) $(cat "$BATS_TEST_DIRNAME/../VERSION")" ]
}

@test "tag-speaker: chained after segment" {
	command -v segment >/dev/null || skip "segment is not built"
	printf 'Jane Doe: Welcome, everyone.\nP3 (Pepe): I will start.\nSpeaker 1: And I follow.\n' >"$T/fg1.txt"
	segment "$T/fg1.txt" | tag-speaker --roster "$R" >"$T/out"
	awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		{ print $c["speaker"] "|" $c["role"] "|" $c["participant"] }' "$T/out" >"$T/got"
	grep -qx 'Jane Doe|moderator|' "$T/got"
	grep -qx 'P3 (Pepe)|MS|p03' "$T/got"
	grep -qx 'Speaker 1|MCL|p07' "$T/got"
}
