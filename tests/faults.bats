#!/usr/bin/env bats
# The fault table: every filter under a full disk, a reader that goes
# away, input files that cannot be read, and an interrupted run.
load helper

# filter | its options before the input files ($FIX expanded) | input:
# txt (a transcript) or tsv (a record stream); each gives far more output
# than a pipe holds, so that `| head -n 1` really closes the pipe early.
rows='segment||txt
tag-speaker|--roster $FIX/tag-speaker/roster.tsv|tsv
anonymize|--roster $FIX/anonymize/roster.tsv|tsv
match-theme|$FIX/match-theme/themes.cb|tsv
tally|--by doc|tsv
pick-quotes|--by doc|tsv
agree|-c text,speaker|tsv
learn|--codes codes|tsv
to-qdpx|-o -|tsv'

setup_file() {
	D=$BATS_FILE_TMPDIR
	awk 'BEGIN { for (i = 1; i <= 20000; i++)
		printf "%s: line %d of the interview, with some words to fill it out.\n\n",
		       i % 2 ? "P1" : "P2", i }' >"$D/big.txt"
	awk 'BEGIN { OFS = "\t"
		print "doc", "seg", "start", "end", "speaker", "role", "participant", "text", "codes", "hits"
		for (i = 1; i <= 20000; i++)
			print "d" int((i - 1) / 10), i, "", "", i % 2 ? "Jane Doe" : "P3", "MS", "P01",
			      "Honestly there is just no time for me, between lectures and rotations, said Will Carter " i ".",
			      i % 3 ? "barriers/time-constraints;wellbeing" : "growth", i % 3 ? "1;2" : "1" }' >"$D/big.tsv"
	# small valid inputs, for the runs that fail on a later file
	head -n 6 "$D/big.txt" >"$D/small.txt"
	head -n 4 "$D/big.tsv" >"$D/small.tsv"
}

setup() {
	D=$BATS_FILE_TMPDIR
	T=$BATS_TEST_TMPDIR
}

# each_row BODY: runs the function BODY once per row, with prog, the
# options as "$@" and in (big input) and small (small input) set.
each_row() {
	local body=$1 opts kind
	while IFS='|' read -r prog opts kind; do
		echo "row: $prog $opts ($kind)"
		in=$D/big.$kind
		small=$D/small.$kind
		eval "set -- $opts"
		"$body" "$@"
	done <<<"$rows"
}

# Filters whose input is no stream of FILEs, with the tests that put
# them through the same faults.
apart='report|tests/report.bats: "faults as for every filter"
from-qdpx|tests/qdpx.bats: "from-qdpx: faults as for every filter"'

@test "faults: every filter is in the table" {
	local p n=0
	for p in "$BATS_TEST_DIRNAME"/../filters/*.c; do
		p=$(basename "$p" .c)
		echo "filter: $p"
		grep -q "^$p|" <<<"$rows" || grep -q "^$p|" <<<"$apart"
		n=$((n + 1))
	done
	[ "$n" -eq 11 ]
}

full_disk() {
	local f
	# a write error while the output grows, and at the last flush
	for f in "$in" "$small"; do
		run --separate-stderr bash -c '"$@" >/dev/full' _ "$prog" "$@" "$f"
		[ "$status" -eq 2 ]
		[ "$stderr" = "$prog: write error on standard output: No space left on device" ]
	done
}

@test "faults: output to /dev/full is a write error with status 2, for every filter" {
	each_row full_disk
}

head_closes() {
	# the whole output is far more than a pipe holds
	[ "$("$prog" "$@" "$in" | wc -c)" -gt 300000 ]
	run bash -c 'set -o pipefail; "$@" 2>"$0" | head -n 1' "$T/err" "$prog" "$@" "$in"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ ! -s "$T/err" ]
}

@test "faults: | head -n 1 ends every filter quietly with status 0" {
	each_row head_closes
}

# bad_input PATH REASON: a good file, then PATH, is an error naming PATH
bad_input() {
	local path=$1 reason=$2
	shift 2
	run --separate-stderr "$prog" "$@" "$small" "$path"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$prog: $path: $reason" ]
}

missing_file() { bad_input "$T/no-such-file" "No such file or directory" "$@"; }
dir_as_file() { mkdir -p "$T/dir"; bad_input "$T/dir" "Is a directory" "$@"; }
file_as_dir() { bad_input "$small/x" "Not a directory" "$@"; }

@test "faults: a file that does not exist is an error naming it, for every filter" {
	each_row missing_file
}

@test "faults: a directory given as a file is an error naming it, for every filter" {
	each_row dir_as_file
}

@test "faults: a path through a file is an error naming it, for every filter" {
	each_row file_as_dir
}

unreadable() {
	cp "$small" "$U/small"
	cp "$small" "$U/locked"
	chmod 644 "$U/small"
	chmod 000 "$U/locked"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
		"$QP_BIN/$prog" "$@" "$U/small" "$U/locked"
	echo "stderr: $stderr"
	[ "$status" -eq 2 ]
	[ "$stderr" = "$prog: $U/locked: Permission denied" ]
}

@test "faults: a file without read permission is an error naming it, for every filter" {
	# As root, mode 000 does not stop reading: run as nobody when we can.
	if [ "$(id -u)" -ne 0 ]; then
		skip "needs root to switch to an unprivileged user"
	fi
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	setpriv --reuid=nobody --regid=nogroup --clear-groups -- test -x "$QP_BIN/segment" ||
		skip "the build is not reachable by nobody"
	setpriv --reuid=nobody --regid=nogroup --clear-groups -- test -r "$FIX/tag-speaker/roster.tsv" ||
		skip "the fixtures are not readable by nobody"
	# a folder nobody can reach (the test's own may not be)
	U=$(mktemp -d /tmp/qp-faults.XXXXXX)
	chmod 755 "$U"
	each_row unreadable
	rm -rf "$U"
}

# removed_midway: the first input is a FIFO this test writes; the second
# file is removed before the filter can reach it.
removed_midway() {
	local pid st
	rm -f "$T/fifo" "$T/gone"
	mkfifo "$T/fifo"
	cp "$small" "$T/gone"
	"$prog" "$@" "$T/fifo" "$T/gone" >"$T/out" 2>"$T/err" &
	pid=$!
	exec 3>"$T/fifo"
	cat "$small" >&3
	rm "$T/gone"
	exec 3>&-
	st=0
	wait "$pid" || st=$?
	echo "status $st: $(cat "$T/err")"
	[ "$st" -eq 2 ]
	[ "$(cat "$T/err")" = "$prog: $T/gone: No such file or directory" ]
}

@test "faults: a file removed while the files before it are read is an error naming it" {
	each_row removed_midway
}

# ---- side files: the map of anonymize ----

# start_slow FILE ARGS...: anonymize ARGS reading the FIFO $T/fifo, kept
# open on fd 3 with some records written; waits until FILE's temporary
# file exists.
start_slow() {
	local map=$1 i
	shift
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	# a command started with & ignores SIGINT unless told otherwise;
	# timeout: a filter that ignores the signal still ends the test
	timeout -s KILL 20 env --default-signal=INT \
		anonymize --roster "$FIX/anonymize/roster.tsv" "$@" "$T/fifo" >"$T/out" 2>"$T/err" &
	pid=$!
	exec 3>"$T/fifo"
	head -n 200 "$D/big.tsv" >&3
	for i in $(seq 100); do
		compgen -G "$(dirname "$map")/.$(basename "$map").*" >/dev/null && break
		sleep 0.05
	done
	compgen -G "$(dirname "$map")/.$(basename "$map").*" >/dev/null
}

# interrupt SIG STATUS: SIG to the filter start_slow started, mid-input;
# it dies of the signal (STATUS) and leaves no temporary map behind.
interrupt() {
	local st=0
	sleep 0.2
	kill -"$1" "$pid"
	wait "$pid" || st=$?
	exec 3>&-
	[ "$st" -eq "$2" ]
	run compgen -G "$T/.key.tsv.*"
	[ "$status" -ne 0 ]
}

@test "faults: anonymize --map interrupted by SIGINT leaves neither the map nor a temporary file" {
	start_slow "$T/key.tsv" --map "$T/key.tsv"
	interrupt INT 130
	[ ! -e "$T/key.tsv" ]
	start_slow "$T/key.tsv" --map "$T/key.tsv"
	interrupt TERM 143
	[ ! -e "$T/key.tsv" ]
}

@test "faults: anonymize --map --force or --map-append interrupted leaves the old map untouched" {
	local opt sig ino
	anonymize --roster "$FIX/anonymize/roster.tsv" --map "$T/key.tsv" "$D/small.tsv" >/dev/null
	[ -s "$T/key.tsv" ]
	cp "$T/key.tsv" "$T/key.before"
	ino=$(stat -c %i "$T/key.tsv")
	for opt in --force --map-append; do
		for sig in INT:130 TERM:143; do
			echo "row: $opt $sig"
			start_slow "$T/key.tsv" --map "$T/key.tsv" "$opt"
			interrupt "${sig%:*}" "${sig#*:}"
			cmp "$T/key.tsv" "$T/key.before"
			# the same file, not a replacement
			[ "$(stat -c %i "$T/key.tsv")" = "$ino" ]
		done
	done
}

@test "faults: anonymize --map, a run that fails on its input leaves no map and no temporary file" {
	run --separate-stderr anonymize --roster "$FIX/anonymize/roster.tsv" --map "$T/key.tsv" \
		"$D/small.tsv" "$T/no-such-file"
	[ "$status" -eq 2 ]
	[ "$stderr" = "anonymize: $T/no-such-file: No such file or directory" ]
	[ ! -e "$T/key.tsv" ]
	run compgen -G "$T/.key.tsv.*"
	[ "$status" -ne 0 ]
}

@test "faults: anonymize --map to a full disk is a write error naming the map, status 2" {
	run --separate-stderr anonymize --roster "$FIX/anonymize/roster.tsv" --map /dev/full "$D/big.tsv"
	[ "$status" -eq 2 ]
	[ "$stderr" = "anonymize: write error on /dev/full: No space left on device" ]
}

@test "faults: anonymize --map in a folder that does not exist is an error before any output" {
	run --separate-stderr anonymize --roster "$FIX/anonymize/roster.tsv" --map "$T/no/key.tsv" "$D/small.tsv"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "anonymize: $T/no/key.tsv: cannot create a file beside it: No such file or directory" ]
}

@test "faults: tally and pick-quotes --partial write to standard output only" {
	local p
	for p in tally pick-quotes; do
		echo "filter: $p"
		mkdir -p "$T/$p" && cd "$T/$p"
		run --separate-stderr bash -c '"$0" --partial "$1" >/dev/full' "$p" "$D/small.tsv"
		[ "$status" -eq 2 ]
		[ "$stderr" = "$p: write error on standard output: No space left on device" ]
		[ -z "$(ls -A)" ]
	done
}
