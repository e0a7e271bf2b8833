#!/usr/bin/env bats
# tally: counts, speakers, rollup, groups, matrices, co-occurrence,
# saturation (Guest, Namey & Chen 2020), partial counts and exact merging
# over shards, errors.
load helper

setup_file() {
	# A generated coded stream (deterministic), then records with escapes,
	# so that shards split docs and escaped values cross the partial format.
	"$BATS_TEST_DIRNAME/../bench/gen-coded.sh" -s 3 -m 0.25 >"$BATS_FILE_TMPDIR/gen.tsv"
	tail -n +2 "$BATS_TEST_DIRNAME/fixtures/tally/escapes.tsv" >>"$BATS_FILE_TMPDIR/gen.tsv"
}

setup() {
	F=$FIX/tally
	T=$BATS_TEST_TMPDIR
	G=$BATS_FILE_TMPDIR/gen.tsv
}

H='doc\tseg\tspeaker\trole\tparticipant\tcodes\thits\n'

# --- counting ---------------------------------------------------------

@test "tally: codes with segments, speakers, docs and the shares of the whole stream" {
	run tally "$F/coded.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/plain.out")" ]
}

@test "tally: --by role counts per group against the group's own totals" {
	run tally --by role "$F/coded.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/by-role.out")" ]
	# The moderators coded nothing, so they have no rows of their own.
	! grep -q moderator <<<"$output"
}

@test "tally: a participant is one speaker across docs, a bare label one per doc" {
	run_stdin "${H}d1\t1\tSpeaker 1\tMS\tP1\ta\t1\nd2\t1\tSpeaker 9\tMS\tP1\ta\t1\nd1\t2\tSpeaker 2\tMS\t\ta\t1\nd2\t2\tSpeaker 2\tMS\t\ta\t1\n" tally
	[ "$status" -eq 0 ]
	# P1 once, Speaker 2 of d1 and of d2 twice: 3 speakers in 2 docs.
	[ "${lines[1]}" = "$(printf 'a\t4\t3\t2\t4\t3\t2\t1.0000\t1.0000\t1.0000')" ]
}

@test "tally: without participant column, speakers are (doc, speaker); without either, none" {
	run_stdin 'doc\tspeaker\tcodes\nd1\tA\tx\nd2\tA\tx\nd2\tA\tx\n' tally
	[ "${lines[1]}" = "$(printf 'x\t3\t2\t2\t3\t2\t2\t1.0000\t1.0000\t1.0000')" ]
	run_stdin 'codes\nx\n\n' tally
	[ "$status" -eq 0 ]
	# No doc and no speaker: counts are 0 and the shares unknown (empty).
	[ "${lines[1]}" = "$(printf 'x\t1\t0\t0\t2\t0\t0\t0.5000\t\t')" ]
}

@test "tally: parents roll up once per segment; --no-rollup leaves them out" {
	run_stdin 'doc\tcodes\nd\ta/b;a/c;a/b/x\nd\ta/c\nd\tb\n' tally
	[ "$status" -eq 0 ]
	[ "$(cut -f1,2 <<<"$output" | tr '\t\n' ' ,')" = "code segments,a 2,a/b 1,a/b/x 1,a/c 2,b 1," ]
	run_stdin 'doc\tcodes\nd\ta/b;a/c;a/b/x\nd\ta/c\nd\tb\n' tally --no-rollup
	[ "$(cut -f1,2 <<<"$output" | tr '\t\n' ' ,')" = "code segments,a/b 1,a/b/x 1,a/c 2,b 1," ]
}

@test "tally: --depth cuts paths and still counts a segment once" {
	run_stdin 'doc\tcodes\nd\ta/b/x;a/b/y;a/c\nd\ta/b/z\n' tally --depth 2
	[ "$(cut -f1,2 <<<"$output" | tr '\t\n' ' ,')" = "code segments,a 2,a/b 2,a/c 1," ]
	run_stdin 'doc\tcodes\nd\ta/b/x;a/b/y;a/c\nd\ta/b/z\n' tally --depth 1 --no-rollup
	[ "$(cut -f1,2 <<<"$output" | tr '\t\n' ' ,')" = "code segments,a 2," ]
}

@test "tally: a code listed twice in one segment counts once" {
	run_stdin 'doc\tcodes\thits\nd\tx;x\t1;2\n' tally
	[ "$(cut -f1,2 <<<"${lines[1]}")" = "$(printf 'x\t1')" ]
}

@test "tally: tree order puts a code right before its descendants" {
	run_stdin 'doc\tcodes\nd\ta-b\nd\ta/x\nd\ta\nd\tB\nd\ta0\n' tally --no-rollup
	[ "$(cut -f1 <<<"$output" | tr '\n' ' ')" = "code B a a/x a-b a0 " ]
}

@test "tally: shares have four decimals, rounded half up, in any locale" {
	# 1 of 32 segments is 0.03125: half up gives 0.0313.
	{ printf 'doc\tcodes\n'; printf 'd\tx\n'; for i in $(seq 31); do printf 'd\t\n'; done; } >"$T/in"
	run env LC_ALL=C.utf8 LC_NUMERIC=de_DE.UTF-8 tally "$T/in"
	[ "$(cut -f8 <<<"${lines[1]}")" = "0.0313" ]
	run_stdin 'doc\tcodes\nd\tx\nd\t\nd\t\n' tally
	[ "$(cut -f8 <<<"${lines[1]}")" = "0.3333" ]
}

@test "tally: input order does not change the output" {
	{ head -n 1 "$F/coded.tsv"; tail -n +2 "$F/coded.tsv" | tac; } >"$T/rev"
	for o in "" "--by role" "--cooccur" "--format matrix --by doc"; do
		diff <(tally $o "$F/coded.tsv") <(tally $o "$T/rev")
	done
}

@test "tally: an empty stream gives the header alone" {
	run tally </dev/null
	[ "$status" -eq 0 ]
	[ "$output" = "$(head -n 1 "$F/plain.out")" ]
}

@test "tally: gzip input and repeated headers (cat a b) are one stream" {
	gzip -c "$F/coded.tsv" >"$T/c.gz"
	run tally "$T/c.gz"
	[ "$output" = "$(cat "$F/plain.out")" ]
	run bash -c "cat '$F/coded.tsv' '$F/coded.tsv' | tally"
	[ "$(cut -f1-4 <<<"${lines[1]}")" = "$(printf 'barriers\t10\t4\t2')" ]
}

# --- matrices ---------------------------------------------------------

@test "tally: --format matrix has a column per group, total, and an (all) row" {
	run tally --by role --format matrix "$F/coded.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/matrix-role.out")" ]
}

@test "tally: --format md with --measure share, values as headers" {
	run tally --by role --format md --measure share "$F/coded.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/md-share.out")" ]
}

@test "tally: --measure speakers and docs fill the cells and the (all) row" {
	run tally --by role --format matrix --measure speakers "$F/coded.tsv"
	[ "${lines[1]}" = "$(printf 'barriers\t2\t2\t0\t4')" ]
	[ "${lines[11]}" = "$(printf '(all)\t3\t3\t2\t8')" ]
	run tally --format matrix --measure docs "$F/coded.tsv"
	[ "${lines[0]}" = "$(printf 'code\ttotal')" ]
	[ "${lines[3]}" = "$(printf 'barriers/culture\t1')" ]
	[ "${lines[11]}" = "$(printf '(all)\t2')" ]
}

@test "tally: matrix column names are made from values; escapes survive" {
	run tally --by role --format matrix "$F/escapes.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'code\tms\tsga_lead\ttotal')" ]
	[ "${lines[4]}" = "$(printf 'emotion\\\\raw\t1\t1\t2')" ]
	run tally --by doc --format md "$F/escapes.tsv"
	[ "${lines[0]}" = '| code                      | fg\\x | fg\|y | total |' ]
	run_stdin 'doc\trole\tcodes\n1\t\tx\n1\tA b\tx\n' tally --by doc,role --format matrix
	[ "${lines[0]}" = "$(printf 'code\tg_1__\tg_1__a_b\ttotal')" ]
}

@test "tally: matrix names that meet are an error, md is not" {
	run_stdin 'doc\trole\tcodes\nd\tMS\tx\nd\tms\tx\n' tally --by role --format matrix
	[ "$status" -eq 2 ]
	[[ "$output" == *"groups 'MS' and 'ms' both become the column name 'ms'"* ]]
	run_stdin 'doc\trole\tcodes\nd\tTotal\tx\n' tally --by role --format matrix
	[ "$status" -eq 2 ]
	run_stdin 'doc\trole\tcodes\nd\tMS\tx\nd\tms\tx\n' tally --by role --format md
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"| MS  | ms  |"* ]]
}

@test "tally: a Markdown cell shows a line break, CR or TAB as a space, as pick-quotes does" {
	# One escaping rule for Markdown cells (lib/table.h): a table row is one
	# line and Markdown has no escape for a line break, so a `\n` would show
	# as those two characters.  Backslash and | stay escaped.
	run_stdin 'doc\trole\tcodes\nd\tline\\none\tx\nd\ttab\\tcr\\r|\\\\\tx\n' tally --by role --format md
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '| code  | line one | tab cr \|\\ | total |' ]
	[ "${lines[2]}" = '| x     |        1 |           1 |     2 |' ]
	run_stdin 'doc\tcodes\nd\ta\\nb\n' tally --cooccur --format md
	[ "${lines[0]}" = '| code | a b |' ]
	[ "${lines[2]}" = '| a b  |   1 |' ]
	# The record streams keep the escapes.
	run_stdin 'doc\trole\tcodes\nd\tline\\none\tx\n' tally --by role
	[ "$(cut -f 2 <<<"${lines[1]}")" = 'line\none' ]
}

@test "tally: --rollup is the default, and the last of --rollup and --no-rollup wins" {
	diff <(tally --rollup "$F/coded.tsv") "$F/plain.out"
	diff <(tally --no-rollup --rollup "$F/coded.tsv") "$F/plain.out"
	run tally --rollup --no-rollup "$F/coded.tsv"
	[ "$output" = "$(tally --no-rollup "$F/coded.tsv")" ]
	[ "$output" != "$(cat "$F/plain.out")" ]
}

@test "tally: --by adds up when repeated, with blanks around items dropped" {
	diff <(tally --by role --by doc "$F/coded.tsv") <(tally --by role,doc "$F/coded.tsv")
	diff <(tally --by 'role, doc' "$F/coded.tsv") <(tally --by role,doc "$F/coded.tsv")
	run tally --by role --by role "$F/coded.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--by: 'role' given twice"* ]]
}

@test "tally: --help has the common layout, in the man page's order" {
	run tally --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: tally [--by COL[,COL...]] [--rollup | --no-rollup] [--depth N]" ]
	[[ "$output" == *"       tally --help | --version"* ]]
	[[ "$output" == *"  --version          print the version and exit" ]]
	# The options in the order of the man page's OPTIONS.
	got=$(awk '/^  --/ { print $1 }' <<<"$output" | paste -sd ' ')
	want=$(grep '^\.It Fl -' "$BATS_TEST_DIRNAME/../man/tally.1" | awk '{ print "-" $3 }' | paste -sd ' ')
	[ "$got" = "$want" ]
}

# --- co-occurrence ----------------------------------------------------

@test "tally: --cooccur counts pairs, leaving out a code with its own ancestor" {
	run tally --cooccur "$F/coded.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/cooccur.out")" ]
	! grep -q "^barriers	barriers/" <<<"$output"
}

@test "tally: --cooccur --by role --no-rollup" {
	run tally --cooccur --by role --no-rollup "$F/coded.tsv"
	[ "${#lines[@]}" -eq 5 ]
	[ "${lines[0]}" = "$(printf 'code_a\tcode_b\trole\tsegments')" ]
	[ "${lines[1]}" = "$(printf 'barriers/burnout\tbarriers/culture\tMS\t1')" ]
	[ "${lines[4]}" = "$(printf 'barriers/time-constraints\tfacilitators/self-care\tMS\t1')" ]
}

@test "tally: --cooccur --format matrix: codes by codes, own segments on the diagonal" {
	run tally --cooccur --format matrix --depth 1 "$F/coded.tsv"
	[ "$output" = "$(cat "$F/cooccur-matrix.out")" ]
	run tally --cooccur --format matrix "$F/coded.tsv"
	[ "${lines[0]}" = "$(printf 'code\tbarriers\tbarriers_burnout\tbarriers_culture\tbarriers_time_constraints\tdefinition\tdefinition_cultivated\tdefinition_more_than_empathy\tfacilitators\tfacilitators_role_models\tfacilitators_self_care')" ]
	# barriers: itself 5, its children empty, facilitators 1.
	[ "${lines[1]}" = "$(printf 'barriers\t5\t\t\t\t0\t0\t0\t1\t0\t1')" ]
}

# --- saturation -------------------------------------------------------

@test "tally: --saturation reproduces the worked example of tally(1): 6+2" {
	run tally --saturation "$F/saturation.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/saturation.out")" ]
	[ "${lines[-1]}" = "$(printf 'result\t1\t6\t\t1\t23\t0.0500\tyes\t6+2\t')" ]
}

@test "tally: --saturation with run 3 gives 7+3, threshold 0 gives 9+2" {
	run tally --saturation --run 3 "$F/saturation.tsv"
	[ "$(cut -f1,9 <<<"${lines[-1]}")" = "$(printf 'result\t7+3')" ]
	[ "$(grep -c '^run' <<<"$output")" -eq 5 ]
	run tally --saturation --threshold 0 "$F/saturation.tsv"
	[ "$(cut -f1,9 <<<"${lines[-1]}")" = "$(printf 'result\t9+2')" ]
}

@test "tally: --saturation threshold is 'at most': 5% meets 1/20, 4.99% does not" {
	run tally --saturation --threshold 5% "$F/saturation.tsv"
	[ "$(cut -f9 <<<"${lines[-1]}")" = "6+2" ]
	run tally --saturation --threshold 4.99 "$F/saturation.tsv"
	[ "$(cut -f9 <<<"${lines[-1]}")" = "9+2" ]
}

@test "tally: --saturation with a larger base, and with too few docs" {
	run tally --saturation --base 6 --run 1 "$F/saturation.tsv"
	# Base i01..i06 holds 23 codes; i07 brings 1 (0.0435 <= 5%): 6+1.
	[ "$(grep '^base' <<<"$output" | cut -f2,3,5)" = "$(printf '1\t6\t23')" ]
	[ "${lines[-1]}" = "$(printf 'result\t1\t6\t\t1\t23\t0.0435\tyes\t6+1\t')" ]
	run tally --saturation --base 12 "$F/saturation.tsv"
	[ "$(grep -c '^run' <<<"$output")" -eq 0 ]
	[ "${lines[-1]}" = "$(printf 'result\t\t\t\t\t\t\tno\t\t')" ]
}

@test "tally: --saturation --by assesses each group over its own docs" {
	run_stdin 'doc\trole\tcodes\nd1\tA\tx\nd1\tB\ty\nd2\tA\tx\nd3\tB\tz\n' tally --saturation --by role --base 1 --run 1
	[ "$status" -eq 0 ]
	[ "$(grep -c '^doc	A' <<<"$output")" -eq 2 ]
	[ "$(grep '^result	A' <<<"$output" | cut -f10)" = "1+1" ]
	[ "$(grep '^run	B' <<<"$output" | cut -f3-7)" = "$(printf '2\t2\td3\t1\t2')" ]
	[ "$(grep '^result	B' <<<"$output" | cut -f9)" = "no" ]
}

@test "tally: --saturation needs a doc on every record" {
	run_stdin 'doc\tcodes\nd1\tx\n\ty\n' tally --saturation
	[ "$status" -eq 2 ]
	[ "$output" = "tally: <stdin>:3: --saturation: a record without a doc" ]
	run_stdin 'codes\nx\n' tally --saturation
	[ "$status" -eq 2 ]
	[[ "$output" == *"no column 'doc'"* ]]
}

# --- partial counts and merging --------------------------------------

# scale_out OPTS...: one process must give the bytes of partial counts over
# shards, merged: three files each with the header; GNU parallel shards of
# 50 records on one merge's standard input; and a tree of merges.
scale_out() {
	local n
	tally "$@" "$G" >"$T/one" || return 1
	[ -s "$T/one" ] || return 1
	n=$(( ($(wc -l <"$G") - 1) / 3 + 1 ))
	tail -n +2 "$G" | split -l "$n" - "$T/body."
	for s in aa ab ac; do
		{ head -n 1 "$G"; cat "$T/body.$s"; } >"$T/shard.$s"
		tally --partial "$@" "$T/shard.$s" >"$T/part.$s" || return 1
	done
	tally --merge "$@" "$T/part.aa" "$T/part.ab" "$T/part.ac" >"$T/three"
	cmp "$T/one" "$T/three" || { echo "three files differ for: $*"; return 1; }
	parallel --pipe --header : -k -N 50 tally --partial "$@" <"$G" |
		tally --merge "$@" >"$T/par"
	cmp "$T/one" "$T/par" || { echo "parallel differs for: $*"; return 1; }
	tally --merge --partial "$@" "$T/part.aa" "$T/part.ab" >"$T/part.left"
	tally --merge "$@" "$T/part.left" "$T/part.ac" >"$T/tree"
	cmp "$T/one" "$T/tree" || { echo "tree differs for: $*"; return 1; }
}

@test "tally: shards merge to the one-process bytes: plain, --by, rollup, depth" {
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	scale_out
	scale_out --by role
	scale_out --by doc,role
	scale_out --no-rollup
	scale_out --depth 1
	scale_out --depth 2 --by role --no-rollup
}

@test "tally: shards merge to the one-process bytes: matrix, md, every measure" {
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	scale_out --format matrix --by role
	scale_out --format md --by role --measure speakers
	scale_out --format matrix --measure docs
	scale_out --format md --by doc --measure share --depth 1
}

@test "tally: shards merge to the one-process bytes: co-occurrence" {
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	scale_out --cooccur
	scale_out --cooccur --by role --no-rollup
	scale_out --cooccur --format matrix --depth 2
	scale_out --cooccur --format md
}

@test "tally: shards merge to the one-process bytes: saturation, docs split across shards" {
	command -v parallel >/dev/null || skip "GNU parallel is not installed"
	scale_out --saturation
	scale_out --saturation --by role --base 3 --run 3
	scale_out --saturation --no-rollup --threshold 2.5
	scale_out --saturation --depth 1 --base 1 --run 1 --threshold 0
}

@test "tally: one set of partial counts serves every report" {
	tally --partial --by role "$F/coded.tsv" >"$T/p"
	diff <(tally --merge --by role --format md --measure share "$T/p") "$F/md-share.out"
	diff <(tally --merge --by role "$T/p") "$F/by-role.out"
	tally --partial "$F/saturation.tsv" >"$T/s"
	diff <(tally --merge --saturation "$T/s") "$F/saturation.out"
}

@test "tally: partial counts sorted bytewise (Hadoop's shuffle) still merge" {
	for o in "--by role" "--cooccur"; do
		tally --partial $o "$G" | LC_ALL=C sort >"$T/sorted"
		[ "$(head -c 4 "$T/sorted")" = "agg	" ]
		diff <(tally --merge $o "$T/sorted") <(tally $o "$G")
	done
}

@test "tally: the Hadoop Streaming recipe of tally(1), with the shuffle simulated" {
	# map.sh as the manual gives it; splits after the first lack the header.
	cat >"$T/map.sh" <<-'EOF'
	h='doc\tseg\tstart\tend\tspeaker\trole\tparticipant\ttext\tcodes\thits'
	{ IFS= read -r l || exit 0
	  [ "$l" = "$(printf "$h")" ] || printf "$h\n"
	  printf '%s\n' "$l"; cat; } | tally --partial --by role
	EOF
	split -n l/3 "$G" "$T/split."
	: >"$T/empty"
	shuffle() { LC_ALL=C sort -s -t "$(printf '\t')" -k1,1; }
	for s in "$T"/split.* "$T/empty"; do
		sh "$T/map.sh" <"$s" | shuffle | tally --merge --partial --by role
	done | shuffle | tally --merge --by role >"$T/reduced"
	diff "$T/reduced" <(tally --by role "$G")
}

@test "tally: the partial format: header, options, kinds" {
	run tally --partial --by role "$F/coded.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'agg\tcode\tcode_b\tby_role\tdoc\tspeaker\tparticipant\tn')" ]
	[ "${lines[2]}" = "$(printf 'option\tdepth\t\t\t\t\t\t0')" ]
	grep -qx "$(printf 'group_speaker\t\t\tMS\tms1\tSpeaker 3\t\t')" <<<"$output"
	grep -qx "$(printf 'cell_speaker\tbarriers\t\tSGA\t\t\tP12\t')" <<<"$output"
	grep -qx "$(printf 'cell\tbarriers\t\tMS\t\t\t\t3')" <<<"$output"
}

@test "tally: --merge refuses other streams and other options" {
	run tally --merge "$F/coded.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "tally: $F/coded.tsv:1: not tally --partial output"* ]]
	tally --partial --depth 2 "$F/coded.tsv" >"$T/p"
	run tally --merge "$T/p"
	[ "$status" -eq 2 ]
	[[ "$output" == *"made with depth 2, this merge has 0"* ]]
	run tally --merge --cooccur "$T/p"
	[ "$status" -eq 2 ]
	run tally --merge --by role --depth 2 "$T/p"
	[ "$status" -eq 2 ]
	[[ "$output" == *"made with no --by, this merge has --by role"* ]]
	printf 'agg\tcode\tcode_b\tdoc\tspeaker\tparticipant\tn\nbogus\t\t\t\t\t\t\n' >"$T/b"
	run tally --merge "$T/b"
	[ "$status" -eq 2 ]
	[ "$output" = "tally: $T/b:2: not tally --partial output: unknown kind 'bogus'" ]
	printf 'agg\tcode\tcode_b\tdoc\tspeaker\tparticipant\tn\ncell\tx\t\t\t\t\tmany\n' >"$T/b"
	run tally --merge "$T/b"
	[ "$status" -eq 2 ]
	# Partial counts fed to tally without --merge get a hint.
	run tally "$T/p"
	[ "$status" -eq 2 ]
	[[ "$output" == *"this is tally --partial output: read it with --merge"* ]]
}

# --- agreement with other tools ---------------------------------------

@test "tally: agrees with Miller on segments, distinct speakers and docs per code and role" {
	command -v mlr >/dev/null || skip "Miller is not installed"
	head -n -4 "$G" >"$T/g"     # Miller would unescape the escapes records differently
	mlr --tsv filter '$codes != ""' \
		then put '$who = $participant != "" ? $participant : $doc . ":" . $speaker' \
		then nest --explode --values --across-records -f codes --nested-fs ';' \
		then stats1 -a count,distinct_count -f seg,who,doc -g codes,role \
		then cut -o -f codes,role,seg_count,who_distinct_count,doc_distinct_count \
		"$T/g" | tail -n +2 | LC_ALL=C sort >"$T/mlr"
	tally --no-rollup --by role "$T/g" | tail -n +2 | cut -f1-5 | LC_ALL=C sort >"$T/tally"
	[ -s "$T/mlr" ]
	diff "$T/mlr" "$T/tally"
}

# --- errors and usage -------------------------------------------------

@test "tally: a stream without codes is an error" {
	run_stdin 'doc\ttext\nd\thello\n' tally
	[ "$status" -eq 2 ]
	[ "$output" = "tally: <stdin>:1: the stream has no column 'codes'" ]
}

@test "tally: --by a column the stream lacks is an error" {
	run tally --by group "$F/coded.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "tally: $F/coded.tsv:1: --by: the stream has no column 'group'" ]
}

@test "tally: codes and hits of different lengths are an error at file:line" {
	printf 'doc\tcodes\thits\nd\ta;b\t1;2\nd\ta;b\t3\n' >"$T/in"
	run tally "$T/in"
	[ "$status" -eq 2 ]
	[ "$output" = "tally: $T/in:3: codes has 2 values but hits has 1" ]
	run_stdin 'doc\tcodes\thits\nd\t\t1\n' tally
	[ "$status" -eq 2 ]
	[ "$output" = "tally: <stdin>:2: codes has 0 values but hits has 1" ]
}

@test "tally: bad code paths and bad escapes are errors at file:line" {
	run_stdin 'doc\tcodes\nd\ta;;b\n' tally
	[ "$status" -eq 2 ]
	[ "$output" = "tally: <stdin>:2: empty value in codes" ]
	run_stdin 'doc\tcodes\nd\tx\nd\ta//b\n' tally
	[ "$output" = "tally: <stdin>:3: bad code path 'a//b' in codes" ]
	run_stdin 'doc\trole\tcodes\nd\tM\\qS\tx\n' tally --by role
	[ "$status" -eq 2 ]
	[[ "$output" == "tally: <stdin>:2: bad escape in role"* ]]
}

@test "tally: usage errors exit 2" {
	for args in "--measure docs" "--cooccur --saturation" "--depth 0" \
	    "--threshold 101" "--threshold 5x" "--base 0" "--run 3" \
	    "--by Role" "--by role,role" "--by segments" "--format wide" \
	    "--cooccur --by role --format matrix" "--cooccur --format md --measure docs" \
	    "--saturation --format matrix"; do
		run bash -c "tally $args </dev/null 2>&1 >/dev/null"
		[ "$status" -eq 2 ] || { echo "$args: $status"; return 1; }
		[[ "$output" == *"usage: tally"* ]] || { echo "$args: $output"; return 1; }
	done
}

@test "tally: a write error is an error; a closed pipe is not" {
	run bash -c "tally '$G' >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"write error"* ]]
	run bash -c "set -o pipefail; tally --by doc '$G' | head -n 1"
	[ "$status" -eq 0 ]
	[ "$output" = "$(head -n 1 "$F/plain.out" | sed 's/^code/code\tdoc/')" ]
}
