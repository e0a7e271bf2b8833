#!/usr/bin/env bats
# What every filter owes the user, checked for all of filters/*.c at once:
# a clean manual page, --help and --version on stdout with status 0, and a
# usage error (status 2, usage on stderr) for an unknown option.
load helper

filters() {
	for f in "$BATS_TEST_DIRNAME"/../filters/*.c; do
		[ -e "$f" ] && basename "$f" .c
	done
}

@test "conventions: every manual page is mandoc -Tlint clean" {
	for m in "$BATS_TEST_DIRNAME"/../man/*.[157]; do
		run mandoc -Tlint -W warning "$m"
		[ "$status" -eq 0 ] || { echo "$m: $output"; return 1; }
		[ -z "$output" ] || { echo "$m: $output"; return 1; }
	done
}

@test "conventions: every filter has a manual page that names it" {
	for p in $(filters); do
		[ -f "$BATS_TEST_DIRNAME/../man/$p.1" ] || { echo "no man/$p.1"; return 1; }
		grep -q "^\.Nm $p" "$BATS_TEST_DIRNAME/../man/$p.1"
	done
}

@test "conventions: --help prints usage on stdout and exits 0" {
	for p in $(filters); do
		run "$p" --help
		[ "$status" -eq 0 ] || { echo "$p --help: $status"; return 1; }
		[[ "$output" == *"usage: $p"* ]] || { echo "$p --help: $output"; return 1; }
	done
}

@test "conventions: --version names the program and the version" {
	v=$(cat "$BATS_TEST_DIRNAME/../VERSION")
	for p in $(filters); do
		run "$p" --version
		[ "$status" -eq 0 ]
		[ "$output" = "$p (qualpipe) $v" ] || { echo "$p: $output"; return 1; }
	done
}

@test "conventions: an unknown option is a usage error with status 2" {
	for p in $(filters); do
		run bash -c "'$p' --no-such-option </dev/null 2>&1 >/dev/null"
		[ "$status" -eq 2 ] || { echo "$p: status $status"; return 1; }
		[[ "$output" == *"usage: $p"* ]] || { echo "$p: $output"; return 1; }
	done
}

@test "conventions: --help output cannot be lost to a full disk" {
	for p in $(filters); do
		run bash -c "'$p' --help >/dev/full"
		[ "$status" -eq 2 ] || { echo "$p: status $status"; return 1; }
	done
}

# Lines whose first token is `!` and whose next line (blank lines and
# comments aside) is not the closing `}` of their test or function: bats
# runs tests under errexit, which ignores a negated command, so such a line
# can never fail its test.  Prints FILE:LINE: the line.
negated_not_last() {
	awk '
		FNR == 1 && pend != "" { print pend; pend = "" }
		pend != "" && $0 !~ /^[ \t]*(#.*)?$/ {
			if ($0 !~ /^}[ \t]*$/) print pend
			pend = ""
		}
		/^[ \t]*![ \t]/ {
			f = FILENAME; sub(/^.*\/tests\//, "tests/", f)
			t = $0; sub(/^[ \t]+/, "", t)
			pend = f ":" FNR ": " t
		}
		END { if (pend != "") print pend }' "$@"
}

@test "conventions: the negated-command check finds what errexit ignores" {
	d=$BATS_TEST_TMPDIR/tests
	mkdir -p "$d"
	printf '%s\n' '@test "a" {' '	! grep -q x y' '	true' '}' \
		'@test "b" {' '	for f in 1 2; do' '		! grep -q "$f" y' '	done' '}' \
		'@test "c" {' '	[ ! -s y ]' '	if ! grep -q x y; then :; fi' '	run ! false' \
		'	! grep -q x y' '	# last' '' '}' >"$d/t.bats"
	run negated_not_last "$d/t.bats"
	[ "$status" -eq 0 ]
	[ "$output" = "tests/t.bats:2: ! grep -q x y
tests/t.bats:7: ! grep -q \"\$f\" y" ]
}

@test "conventions: a test negates a command with ! only as its last line" {
	run negated_not_last "$BATS_TEST_DIRNAME"/*.bats "$BATS_TEST_DIRNAME"/*.bash
	[ "$status" -eq 0 ]
	[ -z "$output" ] || {
		echo "errexit ignores these; use run and check \$status, or [ \"\$(grep -c ...)\" -eq 0 ]:"
		echo "$output"
		return 1
	}
}
