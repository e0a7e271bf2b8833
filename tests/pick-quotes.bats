#!/usr/bin/env bats
# pick-quotes: scoring, length limits, speaker/doc diversity, near-duplicates,
# ties, groups, code selection, roll-up, Markdown, shards and errors.
load helper

setup() {
	F=$FIX/pick-quotes
	C=$F/coded.tsv
	T=$BATS_TEST_TMPDIR
}

# A record from its fields, TAB-separated.
row() { local IFS=$'\t'; printf '%s\n' "$*"; }
hdr() { row doc seg start end speaker role participant text codes hits; }
# q DOC SEG SPEAKER ROLE PARTICIPANT TEXT CODES HITS: a record in
# match-theme's layout, without times.
q() { row "$1" "$2" "" "" "$3" "$4" "$5" "$6" "$7" "$8"; }
# words PREFIX N: N distinct words, so that texts share no shingles.
words() { local i s=; for ((i = 1; i <= $2; i++)); do s+="${s:+ }$1$i"; done; printf '%s' "$s"; }
# The records without the header and text: code rank score speaker
# participant role doc seg.
brief() { tail -n +2 | cut -f 1-8; }

@test "pick-quotes: the densest segments win, not the ones with most hits" {
	{ hdr
	  q d1 1 A MS PA "$(words a 30)" x 3      # 0.1
	  q d2 1 B MS PB "$(words b 10)" x 2      # 0.2
	  q d3 1 C MS PC "$(words c 8)" x 1       # 0.125
	} >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(row code rank score speaker participant role doc seg text)" ]
	[ "${lines[1]}" = "$(row x 1 0.2000 B PB MS d2 1 "$(words b 10)")" ]
	[ "${lines[2]}" = "$(row x 2 0.1250 C PC MS d3 1 "$(words c 8)")" ]
	[ "${lines[3]}" = "$(row x 3 0.1000 A PA MS d1 1 "$(words a 30)")" ]
	[ "${#lines[@]}" -eq 4 ]
	# -n 1 keeps the best only.
	run pick-quotes -n 1 "$T/in"
	[ "${#lines[@]}" -eq 2 ]
	[ "$(cut -f 4 <<<"${lines[1]}")" = B ]
}

@test "pick-quotes: the study fixture, three quotes per code" {
	run pick-quotes "$C"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | brief | cut -f 1-4)" = "$(cat <<-'EOF'
		barriers/cost	1	0.1765	Gus
		barriers/cost	2	0.1250	Dana
		barriers/time-constraints	1	0.2500	Fay
		barriers/time-constraints	2	0.2308	Alex
		barriers/time-constraints	3	0.1250	Dana
		support/peer	1	0.1765	Eli
		support/peer	2	0.1429	Chen
		support/peer	3	0.0625	Hal
		support/practice	1	0.1111	Bea
		wellbeing	1	0.0769	Moderator
		wellbeing	2	0.0588	Fay
		EOF
	)" ]
}

@test "pick-quotes: --min-words and --max-words bound the quote length" {
	# "Yes." (1 word, the densest wellbeing segment) is too short by default.
	run pick-quotes --codes wellbeing -n 1 "$C"
	[ "$(cut -f 4,9 <<<"${lines[1]}")" = "$(row Moderator 'Thanks for coming. Let'"'"'s start with what makes self-compassion hard for you.')" ]
	run pick-quotes --codes wellbeing -n 1 --min-words 1 "$C"
	[ "$(cut -f 3,4,9 <<<"${lines[1]}")" = "$(row 1.0000 Bea Yes.)" ]
	# The moderator's turn has 13 words, Fay's 17.
	run pick-quotes --codes wellbeing --max-words 13 "$C"
	[ "${#lines[@]}" -eq 2 ]
	[ "$(cut -f 4 <<<"${lines[1]}")" = Moderator ]
	run pick-quotes --codes wellbeing --max-words 12 "$C"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	run pick-quotes --min-words 9 --max-words 8 "$C"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--min-words 9 is above --max-words 8"* ]]
}

@test "pick-quotes: a new speaker and doc first, then a new speaker, then anyone" {
	{ hdr
	  q d1 1 A MS PA "$(words a 10)" x 5     # 0.5
	  q d1 2 A MS PA "$(words b 10)" x 4     # 0.4
	  q d1 3 B MS PB "$(words c 10)" x 3     # 0.3
	  q d2 1 C MS PC "$(words d 10)" x 1     # 0.1
	} >"$T/in"
	run pick-quotes -n 4 "$T/in"
	[ "$status" -eq 0 ]
	# C (new speaker, new doc) before B (new speaker, doc d1 again)
	# before A's second turn.
	[ "$(printf '%s\n' "$output" | brief | cut -f 2-4,7,8)" = "$(cat <<-'EOF'
		1	0.5000	A	d1	1
		2	0.1000	C	d2	1
		3	0.3000	B	d1	3
		4	0.4000	A	d1	2
		EOF
	)" ]
}

@test "pick-quotes: the participant identifies a speaker; without it the label in its doc" {
	# Two labels for one participant are one speaker, in any doc; without
	# a participant, one label in one doc is one speaker.
	{ hdr
	  q d1 1 Ann MS P1 "$(words a 10)" x 5
	  q d2 1 "Ann K." MS P1 "$(words b 10)" x 4
	  q d3 1 Bob MS "" "$(words c 10)" x 3
	  q d3 2 Bob MS "" "$(words d 10)" x 2
	  q d5 1 Cy MS "" "$(words e 10)" x 1
	} >"$T/in"
	run pick-quotes -n 3 "$T/in"
	[ "$(printf '%s\n' "$output" | brief | cut -f 4)" = "$(printf 'Ann\nBob\nCy')" ]
	# "Speaker 1" of two transcripts is two people.
	{ hdr
	  q d1 1 "Speaker 1" MS "" "$(words a 10)" x 5
	  q d2 1 "Speaker 1" MS "" "$(words b 10)" x 4
	  q d3 1 "Speaker 2" MS "" "$(words c 10)" x 1
	} >"$T/in"
	run pick-quotes -n 2 "$T/in"
	[ "$(printf '%s\n' "$output" | brief | cut -f 4,7 | paste -sd ' ')" = "$(printf 'Speaker 1\td1 Speaker 1\td2')" ]
	# Unknown speakers never block one another; docs still do.
	{ row doc seg text codes hits
	  row d1 1 "$(words a 10)" x 5
	  row d1 2 "$(words b 10)" x 4
	  row d2 1 "$(words c 10)" x 1
	} >"$T/anon"
	run pick-quotes -n 3 "$T/anon"
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 2,4,5)" = "$(printf '1\td1\t1\n2\td2\t1\n3\td1\t2')" ]
	[ "${lines[0]}" = "$(row code rank score doc seg text)" ]
}

@test "pick-quotes: near-duplicates are never both chosen; --max-overlap sets the bar" {
	t='We never have the time to look after ourselves here'
	{ hdr
	  q d1 1 A MS PA "$t" x 5
	  q d2 1 B MS PB "WE NEVER have the time to look after ourselves, here!" x 4
	  q d3 1 C MS PC "$(words c 10)" x 1
	} >"$T/in"
	run pick-quotes -n 2 "$T/in"
	[ "$(printf '%s\n' "$output" | brief | cut -f 4)" = "$(printf 'A\nC')" ]
	run pick-quotes -n 2 --max-overlap 1 "$T/in"
	[ "$(printf '%s\n' "$output" | brief | cut -f 4)" = "$(printf 'A\nB')" ]
}

@test "pick-quotes: near-duplicate means overlap above the bar, exactly" {
	# 6 shingles each, 4 shared: Jaccard 4/8 = 0.5.
	{ hdr
	  q d1 1 A MS PA "w1 w2 w3 w4 w5 w6 w7 w8" x 2
	  q d2 1 B MS PB "w1 w2 w3 w4 w5 w6 z7 z8" x 1
	} >"$T/in"
	run pick-quotes --max-overlap 0.5 "$T/in"
	[ "${#lines[@]}" -eq 3 ]
	run pick-quotes --max-overlap .499999999 "$T/in"
	[ "${#lines[@]}" -eq 2 ]
	run pick-quotes --max-overlap 0 "$T/in"
	[ "${#lines[@]}" -eq 2 ]
	for bad in 1.5 -0.1 abc "" 0.1234567891 . 1e-1; do
		run pick-quotes --max-overlap "$bad" "$T/in"
		[ "$status" -eq 2 ] || { echo "accepted '$bad'"; return 1; }
		[[ "$output" == *"--max-overlap: not a number from 0 to 1"* ]]
	done
}

@test "pick-quotes: ties go to doc bytewise, then seg numerically, in any input order" {
	{ hdr
	  q d1 10 A MS PA "$(words a 10)" x 1
	  q d1 9 B MS PB "$(words b 10)" x 1
	  q d1 2 C MS PC "$(words c 10)" x 1
	  q d1 100 D MS PD "$(words d 10)" x 1
	} >"$T/in"
	run pick-quotes -n 4 "$T/in"
	[ "$(printf '%s\n' "$output" | brief | cut -f 8 | paste -sd ' ')" = "2 9 10 100" ]
	{ head -n 1 "$T/in"; tail -n +2 "$T/in" | sort -r; } >"$T/rev"
	pick-quotes -n 4 "$T/in" >"$T/a"
	pick-quotes -n 4 "$T/rev" >"$T/b"
	cmp "$T/a" "$T/b"
	# Equal scores in different docs: doc "B" < "a" bytewise.
	{ hdr
	  q a 1 A MS PA "$(words a 10)" x 1
	  q B 1 B MS PB "$(words b 10)" x 1
	} >"$T/docs"
	run pick-quotes -n 1 "$T/docs"
	[ "$(cut -f 7 <<<"${lines[1]}")" = B ]
}

@test "pick-quotes: --by role picks per role, groups sorted bytewise" {
	run pick-quotes --by role "$C"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/coded-by-role.out")" ]
	# role is not repeated after the group column.
	[ "${lines[0]}" = "$(row code role rank score speaker participant doc seg text)" ]
	# Bea's lower-scoring turn is chosen before Alex's second (diversity).
	[ "$(grep -c $'^barriers/time-constraints\tMS\t' <<<"$output")" -eq 3 ]
	[ "$(grep $'^barriers/time-constraints\tMS\t3\t' <<<"$output" | cut -f 5)" = Bea ]
}

@test "pick-quotes: --by with two columns, and errors" {
	run pick-quotes --by role,doc --codes barriers/cost "$C"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(row code role doc rank score speaker participant seg text)" ]
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 1-6)" = "$(printf 'barriers/cost\tMS\tms-group2\t1\t0.1250\tDana\nbarriers/cost\tSGA\tsga-group\t1\t0.1765\tGus')" ]
	run pick-quotes --by cohort "$C"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $C:1: the stream has no column 'cohort'" ]
	run pick-quotes --by text "$C"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--by: cannot group by 'text'"* ]]
	run pick-quotes --by role,role "$C"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--by: 'role' given twice"* ]]
	run pick-quotes --by role, "$C"
	[ "$status" -eq 2 ]
}

@test "pick-quotes: --by and --codes add up when repeated" {
	# Before, a second --by replaced the first: --by role --by doc grouped
	# by doc alone.
	pick-quotes --by role,doc --codes barriers/cost "$C" >"$T/want"
	run pick-quotes --by role --by doc --codes barriers/cost "$C"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(row code role doc rank score speaker participant seg text)" ]
	[ "$output" = "$(cat "$T/want")" ]
	run pick-quotes --by 'role , doc' --codes barriers/cost "$C"
	[ "$output" = "$(cat "$T/want")" ]
	pick-quotes --codes support/peer,wellbeing "$C" >"$T/want"
	run pick-quotes --codes support/peer --codes wellbeing "$C"
	[ "$output" = "$(cat "$T/want")" ]
	run pick-quotes --by role --by role "$C"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--by: 'role' given twice"* ]]
}

@test "pick-quotes: -n and --count, --rollup and --no-rollup (the default; the last wins)" {
	pick-quotes -n 1 "$C" >"$T/want"
	run pick-quotes --count 1 "$C"
	[ "$output" = "$(cat "$T/want")" ]
	run pick-quotes --count=1 "$C"
	[ "$output" = "$(cat "$T/want")" ]
	diff <(pick-quotes --no-rollup "$C") <(pick-quotes "$C")
	diff <(pick-quotes --rollup --no-rollup "$C") <(pick-quotes "$C")
	diff <(pick-quotes --no-rollup --rollup "$C") <(pick-quotes --rollup "$C")
	run pick-quotes --count 0 "$C"
	[ "$status" -eq 2 ]
}

@test "pick-quotes: --help has the common layout, in the man page's order" {
	run pick-quotes --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"       pick-quotes --help | --version"* ]]
	[[ "$output" == *"  -n, --count N      quotes per code and group (default 3)"* ]]
	[[ "$output" == *"  --version          print the version and exit" ]]
	got=$(awk '/^  --/ { print $1 }' <<<"$output" | paste -sd ' ')
	want=$(grep '^\.It Fl -' "$BATS_TEST_DIRNAME/../man/pick-quotes.1" | awk '{ print "-" $3 }' | paste -sd ' ')
	[ "$got" = "$want" ]
}

@test "pick-quotes: --codes selects codes and their descendants, by whole segments" {
	run pick-quotes --codes barriers "$C"
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 1 | uniq | paste -sd ' ')" = "barriers/cost barriers/time-constraints" ]
	run pick-quotes --codes support/peer,wellbeing "$C"
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 1 | uniq | paste -sd ' ')" = "support/peer wellbeing" ]
	run pick-quotes --codes barr "$C"
	[ "$status" -eq 0 ]
	[ "$output" = "$(row code rank score speaker participant role doc seg text)" ]
	run pick-quotes --codes 'a//b' "$C"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--codes: 'a//b' is not a code path"* ]]
}

@test "pick-quotes: --rollup makes a segment a candidate for its ancestors, hits summed" {
	{ hdr
	  q d1 1 A MS PA "$(words a 10)" "a/x;a/y;b" "1;2;4"
	  q d2 1 B MS PB "$(words b 10)" "a/x/deep" "2"
	  q d3 1 C MS PC "$(words c 10)" "a;a/x" "1;1"
	  q d4 1 D MS PD "$(words d 10)" "c;c" "1;2"
	} >"$T/in"
	run pick-quotes "$T/in"
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 1-4 | paste -sd ' ')" = \
	  "$(printf 'a\t1\t0.1000\tC a/x\t1\t0.1000\tA a/x\t2\t0.1000\tC a/x/deep\t1\t0.2000\tB a/y\t1\t0.2000\tA b\t1\t0.4000\tA c\t1\t0.3000\tD')" ]
	run pick-quotes --rollup --codes a "$T/in"
	# a: A 3/10, B 2/10, C 2/10;  a/x: B 2/10 (via a/x/deep), A 1/10, C 1/10.
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f 1-4 | paste -sd ' ')" = \
	  "$(printf 'a\t1\t0.3000\tA a\t2\t0.2000\tB a\t3\t0.2000\tC a/x\t1\t0.2000\tB a/x\t2\t0.1000\tA a/x\t3\t0.1000\tC a/x/deep\t1\t0.2000\tB a/y\t1\t0.2000\tA')" ]
}

@test "pick-quotes: --format md writes the quote tables exactly" {
	run pick-quotes -n 2 --format md "$C"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/coded-n2.md")" ]
	[ "${lines[0]}" = "## barriers/cost" ]
	[ "${lines[1]}" = "| Theme | Quote |" ]
	[ "${lines[3]}" = '| barriers/cost | "Cost is a real barrier, the counselling fees and the travel costs add up quickly for students." (SGA) |' ]
}

@test "pick-quotes: --format md with groups, escapes | and \\, flattens line breaks" {
	{ hdr
	  q d1 1 A "MS" PA 'Either you do it | or you do not\nthere is no middle path here' x 1
	  q d2 1 B "" PB 'A backslash \\ in the notes, and a tab\tin here too' x 1
	} >"$T/in"
	run pick-quotes --format md --by role "$T/in"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat <<-'EOF'
		## x

		### role: (none)

		| Theme | Quote |
		| --- | --- |
		| x | "A backslash \\ in the notes, and a tab in here too" |

		### role: MS

		| Theme | Quote |
		| --- | --- |
		| x | "Either you do it \| or you do not there is no middle path here" (MS) |
		EOF
	)" ]
	# The record stream keeps the fields as they came.
	run pick-quotes "$T/in"
	[[ "$output" == *'do not\nthere is'* ]]
}

@test "pick-quotes: empty input, header only, and records without codes" {
	run pick-quotes </dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	hdr >"$T/h"
	run pick-quotes "$T/h"
	[ "$status" -eq 0 ]
	[ "$output" = "$(row code rank score speaker participant role doc seg text)" ]
	{ hdr; q d1 1 A MS PA "$(words a 10)" "" ""; } >"$T/nocodes"
	run pick-quotes "$T/nocodes"
	[ "$status" -eq 0 ]
	[ "$output" = "$(row code rank score speaker participant role doc seg text)" ]
	run pick-quotes --format md "$T/nocodes"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "pick-quotes: a stream without hits counts one hit per code" {
	cut -f 1-9 "$C" >"$T/in"
	run pick-quotes -n 1 --codes barriers/cost "$T/in"
	[ "$status" -eq 0 ]
	# Dana's 16 words beat Gus's 17 once both have one hit.
	[ "$(cut -f 3,4 <<<"${lines[1]}")" = "$(row 0.0625 Dana)" ]
}

@test "pick-quotes: missing codes or text is an error naming the column" {
	cut -f 1-8,10 "$C" >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/in:1: the stream has no column 'codes'" ]
	cut -f 1-7,9,10 "$C" >"$T/in"
	run pick-quotes <"$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: <stdin>:1: the stream has no column 'text'" ]
}

@test "pick-quotes: bad codes and hits fields are errors at their line" {
	{ hdr; q d1 1 A MS PA "$(words a 10)" x 1; q d1 2 A MS PA "$(words b 10)" "x;y" 1; } >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/in:3: codes has 2 values but hits has 1" ]
	{ hdr; q d1 1 A MS PA "$(words a 10)" "x" "two"; } >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/in:2: hits value 'two' is not a count (0 to 4294967295)" ]
	{ hdr; q d1 1 A MS PA "$(words a 10)" "" "1"; } >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/in:2: codes has 0 values but hits has 1" ]
	{ hdr; q d1 1 A MS PA "$(words a 10)" "x;x" "4294967295;1"; } >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/in:2: hits of code 'x' add up to more than 4294967295" ]
	{ hdr; q d1 1 A MS PA "$(words a 10)" "x;;y" "1;1;1"; } >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/in:2: bad code path '' in codes" ]
	{ hdr; q d1 1 A MS PA 'bad \q escape here and more words' "x" "1"; } >"$T/in"
	run pick-quotes "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == "pick-quotes: $T/in:2: bad escape in column 'text'"* ]]
}

@test "pick-quotes: three shards, --partial each, --merge: the one-process bytes" {
	head -n 1 "$C" >"$T/h"
	{ cat "$T/h"; sed -n 2,6p "$C"; } >"$T/s1"
	{ cat "$T/h"; sed -n 7,12p "$C"; } >"$T/s2"
	{ cat "$T/h"; sed -n '13,$p' "$C"; } >"$T/s3"
	for opts in "" "-n 1" "--by role" "-n 2 --by role,doc --rollup" "--codes barriers --rollup --min-words 1"; do
		for s in 1 2 3; do
			pick-quotes --partial $opts "$T/s$s" >"$T/p$s"
		done
		pick-quotes $opts "$C" >"$T/one"
		pick-quotes --merge $opts "$T/p1" "$T/p2" "$T/p3" >"$T/merged"
		cmp "$T/one" "$T/merged" || { echo "differs with '$opts'"; return 1; }
		# Shard order does not matter; nor does a merge of merges.
		pick-quotes --merge $opts "$T/p3" "$T/p1" "$T/p2" >"$T/merged"
		cmp "$T/one" "$T/merged"
		pick-quotes --merge --partial $opts "$T/p2" "$T/p3" >"$T/p23"
		pick-quotes --merge $opts "$T/p23" "$T/p1" >"$T/merged"
		cmp "$T/one" "$T/merged"
		pick-quotes --format md $opts "$C" >"$T/one"
		pick-quotes --format md --merge $opts "$T/p1" "$T/p2" "$T/p3" >"$T/merged"
		cmp "$T/one" "$T/merged"
	done
}

@test "pick-quotes: merge is exact on a larger stream, any split, with GNU parallel" {
	awk -v n=1500 -v seed=7 -f "$F/gen.awk" >"$T/g"
	for opts in "" "-n 2 --by role" "-n 1 --rollup --min-words 3 --max-overlap 0.2" "-n 5 --by role,doc --codes a,c"; do
		pick-quotes $opts "$T/g" >"$T/one"
		# Round-robin shards: every shard sees every code and group.
		for i in 0 1 2; do
			{ head -n 1 "$T/g"; tail -n +2 "$T/g" | awk -v i=$i 'NR % 3 == i'; } |
				pick-quotes --partial $opts >"$T/p$i"
		done
		pick-quotes --merge $opts "$T/p2" "$T/p0" "$T/p1" >"$T/merged"
		cmp "$T/one" "$T/merged" || { echo "split: '$opts'"; return 1; }
		if command -v parallel >/dev/null; then
			parallel --pipe --header : -N 7 pick-quotes --partial $opts <"$T/g" |
				pick-quotes --merge $opts >"$T/merged"
			cmp "$T/one" "$T/merged" || { echo "parallel: '$opts'"; return 1; }
		fi
	done
}

@test "pick-quotes: --partial writes the pools, K = max(4N, N+16) per code" {
	awk -v n=1500 -v seed=7 -f "$F/gen.awk" >"$T/g"
	# The header, then the option records (empty code), then the pool.
	run pick-quotes --partial -n 2 --codes b/z "$T/g"
	[ "${lines[0]}" = "$(row code hits words speaker participant role doc seg text)" ]
	[ "$(grep -c -v $'^\t' <<<"$output")" -eq 19 ]
	run pick-quotes --partial -n 6 --codes b/z "$T/g"
	[ "$(grep -c -v $'^\t' <<<"$output")" -eq 25 ]
}

@test "pick-quotes: --merge refuses what is not --partial output" {
	run pick-quotes --merge "$C"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $C:1: not --partial output of pick-quotes with these --by columns (expected the columns: code hits words speaker participant role doc seg text)" ]
	pick-quotes --partial --by role "$C" >"$T/p"
	run pick-quotes --merge "$T/p"
	[ "$status" -eq 2 ]
	[[ "$output" == *"not --partial output of pick-quotes"* ]]
	run pick-quotes "$T/p"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/p:1: the stream has no column 'codes' (it looks like --partial output: use --merge)" ]
	# A hand-edited pool: words must match the text.
	# (line 7: the first candidate, after the five option records)
	pick-quotes --partial "$C" | awk -F '\t' -v OFS='\t' 'NR == 7 { $3 = 99 } 1' >"$T/p"
	run pick-quotes --merge "$T/p"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/p:7: words is 99 but the text has 17" ]
	run pick-quotes --partial --format md "$C"
	[ "$status" -eq 2 ]
}

@test "pick-quotes: --merge with other options than the shards had is an error naming the option" {
	# SHARD OPTIONS|MERGE OPTIONS|LINE|MESSAGE (the option records are
	# lines 2-6: count, codes, rollup, min-words, max-words).
	local same='(give --merge the options the shards had)'
	while IFS='|' read -r sopts mopts line want; do
		pick-quotes --partial $sopts "$C" >"$T/p"
		run pick-quotes --merge $mopts "$T/p"
		[ "$status" -eq 2 ] || { echo "merged '$sopts' with '$mopts'"; return 1; }
		[ "$output" = "pick-quotes: $T/p:$line: the partial output was made with $want $same" ] ||
			{ echo "'$sopts' / '$mopts': $output"; return 1; }
	done <<'TABLE'
-n 3|-n 5|2|count 3, this merge has 5
--count 2||2|count 2, this merge has 3
--codes barriers||3|--codes barriers, this merge has no --codes
|--codes barriers|3|no --codes, this merge has --codes barriers
--codes b,a|--codes a,c|3|--codes a,b, this merge has --codes a,c
--codes a|--codes a/x|3|--codes a, this merge has --codes a/x
--rollup||4|rollup 1, this merge has 0
--no-rollup|--rollup|4|rollup 0, this merge has 1
--min-words 1||5|min-words 1, this merge has 8
--max-words 40|--max-words 41|6|max-words 40, this merge has 41
TABLE
}

@test "pick-quotes: the same options, however written, merge to the one-process bytes" {
	awk -v n=600 -v seed=3 -f "$F/gen.awk" >"$T/g"
	for i in 0 1; do
		{ head -n 1 "$T/g"; tail -n +2 "$T/g" | awk -v i=$i 'NR % 2 == i'; } >"$T/s$i"
	done
	# SHARD OPTIONS|MERGE OPTIONS (the unsharded run has the merge's)
	while IFS='|' read -r sopts mopts; do
		pick-quotes $mopts "$T/g" >"$T/one"
		pick-quotes --partial $sopts "$T/s0" >"$T/p0"
		pick-quotes --partial $sopts "$T/s1" >"$T/p1"
		pick-quotes --merge $mopts "$T/p0" "$T/p1" >"$T/merged"
		cmp "$T/one" "$T/merged" || { echo "'$sopts' / '$mopts'"; return 1; }
	done <<'TABLE'
|
-n 2|--count 2
--codes c,a|--codes a --codes c
--codes a,b/z --rollup|--rollup --codes b/z,a
--rollup --no-rollup|
--min-words 3 --max-words 30|--max-words 30 --min-words 3
|--max-overlap 0.2
-n 1 --by role|-n 1 --by role --max-overlap 0 --format md
TABLE
	# --max-overlap acts on the merged pools alone: a merge may set it
	# (texts of Jaccard 0.5, one a shard, both quoted only above 0.5).
	for s in 1 2; do
		{ hdr; q d$s 1 S$s MS P$s "w1 w2 w3 w4 w5 w6 ${s}7 ${s}8" x $((3 - s)); } |
			pick-quotes --partial >"$T/p$s"
	done
	for x in 0.5 .4; do
		{ hdr; q d1 1 S1 MS P1 "w1 w2 w3 w4 w5 w6 17 18" x 2
		  q d2 1 S2 MS P2 "w1 w2 w3 w4 w5 w6 27 28" x 1; } | pick-quotes --max-overlap $x >"$T/one"
		pick-quotes --merge --max-overlap $x "$T/p1" "$T/p2" >"$T/merged"
		cmp "$T/one" "$T/merged"
		[ "$(wc -l <"$T/merged")" -eq $([ $x = 0.5 ] && echo 3 || echo 2) ]
	done
}

@test "pick-quotes: --merge wants the option records, known and well formed, in every file" {
	local older="no option record for 'count' before this line (made by an older pick-quotes? run the shards again)"
	pick-quotes --partial "$C" >"$T/p"
	# A partial of before the option records: the header, then candidates.
	grep -v $'^\t' "$T/p" >"$T/old"
	run pick-quotes --merge "$T/old"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/old:2: not pick-quotes --partial output: $older" ]
	# Each file needs its own, even after one that has them.
	run pick-quotes --merge "$T/p" "$T/old"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: $T/old:2: not pick-quotes --partial output: $older" ]
	# One option missing.
	grep -v $'^\t.*\tmax-words\t' "$T/p" >"$T/p4"
	run pick-quotes --merge "$T/p4"
	[ "$status" -eq 2 ]
	[[ "$output" == "pick-quotes: $T/p4:6: not pick-quotes --partial output: no option record for 'max-words' before"* ]]
	# An empty shard is its header and option records, and merges.
	head -n 1 "$C" | pick-quotes --partial >"$T/empty"
	[ "$(wc -l <"$T/empty")" -eq 6 ]
	pick-quotes --merge "$T/empty" "$T/p" >"$T/a"
	pick-quotes "$C" >"$T/b"
	cmp "$T/a" "$T/b"
	# FIELD SUBSTITUTION (sed, on the partial)|LINE|MESSAGE
	while IFS='|' read -r sub line want; do
		sed "$sub" "$T/p" >"$T/bad"
		run pick-quotes --merge "$T/bad"
		[ "$status" -eq 2 ] || { echo "accepted '$sub'"; return 1; }
		[ "$output" = "pick-quotes: $T/bad:$line: $want" ] || { echo "$sub: $output"; return 1; }
	done <<'TABLE'
s/\tcount\t3$/\tdepth\t3/|2|not pick-quotes --partial output: unknown option 'depth'
s/\tcount\t3$/\tcount\tx/|2|not pick-quotes --partial output: option 'count' has the value 'x', not a number
s/\tcount\t3$/\tcount\t/|2|not pick-quotes --partial output: option 'count' has the value '', not a number
s/\tcount\t3$/\tcount\t18446744073709551616/|2|not pick-quotes --partial output: option 'count' has the value '18446744073709551616', not a number
7s/^barriers\/cost\t/a\/\/b\t/|7|bad code path 'a//b' in code
7s/^barriers\/cost\t/a;b\t/|7|bad code path 'a;b' in code
7s/^barriers\/cost\t/a\\\\tb\t/|7|bad code path 'a\\tb' in code
TABLE
}

@test "pick-quotes: gzip input reads as plain" {
	gzip -c "$C" >"$T/c.gz"
	pick-quotes --by role "$C" >"$T/a"
	pick-quotes --by role "$T/c.gz" >"$T/b"
	cmp "$T/a" "$T/b"
	pick-quotes --by role <"$T/c.gz" >"$T/b"
	cmp "$T/a" "$T/b"
}

@test "pick-quotes: a full disk is an error, a closed pipe is not" {
	run bash -c "pick-quotes '$C' >/dev/full"
	[ "$status" -eq 2 ]
	[ "$output" = "pick-quotes: write error on standard output: No space left on device" ]
	run bash -c "pick-quotes --format md '$C' | head -n 1; exit \${PIPESTATUS[0]}"
	[ "$status" -eq 0 ]
	[ "$output" = "## barriers/cost" ]
}

@test "pick-quotes: --help, --version and usage errors" {
	run pick-quotes --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: pick-quotes [-n N] [--by COL[,COL...]]"* ]]
	run pick-quotes --version
	[ "$status" -eq 0 ]
	[ "$output" = "pick-quotes (qualpipe) $(cat "$BATS_TEST_DIRNAME/../VERSION")" ]
	for args in "-n 0" "-n x" "-n 10001" "--format html" "--min-words -1" "--codes ,a"; do
		run pick-quotes $args "$C"
		[ "$status" -eq 2 ] || { echo "accepted $args"; return 1; }
		[[ "$output" == *"usage: pick-quotes"* ]]
	done
}

@test "pick-quotes: tally and pick-quotes say the same of the same bad codes and hits (lib/coded.h)" {
	while IFS='|' read -r codes hits want; do
		printf 'doc\tseg\ttext\tcodes\thits\nd1\t1\t%s\t%s\t%s\n' "$(words a 10)" "$codes" "$hits" >"$T/in"
		for p in tally pick-quotes; do
			run "$p" "$T/in"
			[ "$status" -eq 2 ] || { echo "$p: status $status on '$codes' '$hits'"; return 1; }
			[ "$output" = "$p: $T/in:2: $want" ] || { echo "$p: '$output'"; return 1; }
		done
	done <<'TABLE'
x;y|1|codes has 2 values but hits has 1
x|1;2|codes has 1 value but hits has 2
a//b|1|bad code path 'a//b' in codes
a/|1|bad code path 'a/' in codes
TABLE
}
