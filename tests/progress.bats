#!/usr/bin/env bats
# The progress display every filter shows on a long run (lib/progress.h,
# qualpipe(7)): on a terminal only (script(1) gives the filter a
# pseudo-terminal, as tests/pipelines.bats does), off with --quiet,
# QP_QUIET or when standard output is the terminal too, never on
# standard output, and erased before a diagnostic.
load helper

setup() {
	T=$BATS_TEST_TMPDIR
	command -v script >/dev/null || skip "script(1) is not installed"
	# a coded stream of some 2 MB
	"$BATS_TEST_DIRNAME/../bench/gen-coded.sh" -m 2 >"$T/in.tsv"
}

# on_tty CMD: CMD run with its standard error (and standard input) on a
# pseudo-terminal; its standard output goes where CMD says.
on_tty() {
	script -qec "$1" /dev/null
}

@test "progress: a file on a terminal: records, MB of the total, rate and ETA, then erased" {
	run on_tty "QP_PROGRESS_AFTER=0 tally --by role '$T/in.tsv' >'$T/out.tsv'"
	[ "$status" -eq 0 ]
	[[ "$output" == $'\r'"tally: "*" records, "*" of 2.1 MB, "*" MB/s, ETA "*:*$'\e[K'* ]]
	# erased at the end
	[[ "$output" == *$'\r\e[K' ]]
	# nothing of it on standard output
	tally --by role "$T/in.tsv" | cmp - "$T/out.tsv"
}

@test "progress: a pipe whose size is unknown: records and MB, no total and no ETA" {
	run on_tty "{ head -n 2000 '$T/in.tsv'; sleep 1.2; tail -n +2001 '$T/in.tsv'; } | pick-quotes --by role >'$T/q.tsv'"
	[ "$status" -eq 0 ]
	[[ "$output" == $'\r'"pick-quotes: "[0-9]*" records, "*" MB, "*" MB/s"$'\e[K'* ]]
	[[ "$output" != *ETA* ]]
	[[ "$output" != *" of "* ]]
	pick-quotes --by role "$T/in.tsv" | cmp - "$T/q.tsv"
}

@test "progress: a short run shows nothing; neither does --quiet, QP_QUIET, a stderr that is no terminal, nor a stdout that is one" {
	run on_tty "tally '$T/in.tsv' >/dev/null"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	for how in "QP_PROGRESS_AFTER=0 tally --quiet" "QP_QUIET=1 QP_PROGRESS_AFTER=0 tally"; do
		run on_tty "$how '$T/in.tsv' >/dev/null"
		[ "$status" -eq 0 ]
		[ -z "$output" ] || { echo "$how: $output"; return 1; }
	done
	run on_tty "QP_PROGRESS_AFTER=0 tally '$T/in.tsv' >/dev/null 2>'$T/err'"
	[ ! -s "$T/err" ]
	# standard output on the terminal too: the records alone
	run on_tty "QP_PROGRESS_AFTER=0 tally --depth 1 '$T/in.tsv'"
	[[ "$output" != *MB/s* ]]
}

@test "progress: erased before a diagnostic, which stands on a line of its own" {
	printf 'codes\tx\nbad path//\t1\n' >"$T/bad.tsv"
	run on_tty "QP_PROGRESS_AFTER=0 tally '$T/in.tsv' '$T/bad.tsv' >/dev/null"
	[ "$status" -eq 2 ]
	[[ "$output" == *$'\r\e[K'"tally: $T/bad.tsv:"* ]]
}

@test "progress: every filter has --quiet" {
	for p in segment tag-speaker anonymize match-theme learn tally pick-quotes agree report; do
		"$p" --help | grep -q '^  --quiet  ' || { echo "$p"; return 1; }
	done
}
