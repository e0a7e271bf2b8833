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
	for m in "$BATS_TEST_DIRNAME"/../man/*.[15]; do
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
