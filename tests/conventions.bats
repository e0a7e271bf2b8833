#!/usr/bin/env bats
# What every filter owes the user, checked for all of filters/*.c (the
# programs in bin/) at once: a clean manual page, --help and --version on
# stdout with status 0, --help in the one layout of qualpipe(7) with the
# options of the man page's SYNOPSIS, and a usage error (status 2, usage
# on stderr) for an unknown option.
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

# The --help layout of qualpipe(7) (cli.h, above QP_COMMON_HELP), checked
# for one filter: help_problems NAME MANPAGE HELPFILE prints what is wrong,
# one line each, and nothing when all is well.  The options of the
# man page's SYNOPSIS must be those of the help's usage lines and those of
# its option lines (the option part of a line "  -x, --opt ARG   text",
# where the short letter stands for both, as it does in a synopsis).
common_help='  --line-buffered    flush the output after every record
  --replace-invalid  read invalid UTF-8 as U+FFFD instead of failing
  --quiet            no progress display on standard error
  --help             print this help and exit
  --version          print the version and exit'

# The options named on standard input: "-d" and "--doc" alike, where an
# option starts a word or follows "[" or "|".
long_opts() {
	grep -oE -- '(^|[[ |])--?[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[[ |]//' |
		sort -u | tr '\n' ' '
}

help_problems() {
	local p=$1 man=$2 help=$3 syn usage opts
	[[ "$(head -n 1 "$help")" == "usage: $p "* ]] ||
		echo "$p: the first line is not \"usage: $p ...\""
	grep -qxF "       $p --help | --version" "$help" ||
		echo "$p: no line \"       $p --help | --version\""
	[ "$(tail -n 5 "$help")" = "$common_help" ] ||
		echo "$p: does not end with the five QP_COMMON_HELP lines"
	syn=$(mandoc -Tascii "$man" | col -b |
		awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' | long_opts)
	usage=$(awk 'NR > 1 && !/^ / { exit } { print }' "$help" | long_opts)
	# an option line's name as the synopsis gives it: "-d, --doc NAME" is -d
	opts=$(grep '^  -' "$help" | sed -E 's/^  //; s/  .*//; s/^(-[a-zA-Z]), --.*/\1/' | long_opts)
	[ "$usage" = "$syn" ] ||
		echo "$p: usage lines have [$usage], the man page SYNOPSIS [$syn]"
	[ "$opts" = "$syn" ] ||
		echo "$p: option lines have [$opts], the man page SYNOPSIS [$syn]"
}

@test "conventions: the --help layout check finds what is wrong" {
	d=$BATS_TEST_TMPDIR
	printf '%s\n' .Dd '.Dt FOO 1' .Os '.Sh NAME' '.Nm foo' '.Nd a' '.Sh SYNOPSIS' .Nm \
		'.Op Fl -long Ar n' '.Op Fl \-two\-words' \
		'.Op Fl -line-buffered' '.Op Fl -replace-invalid' '.Op Fl -quiet' '.Op Ar' .Nm '.Fl -help | -version' \
		'.Sh DESCRIPTION' x >"$d/foo.1"
	printf '%s\n' 'usage: foo [--long N] [--two-words] [--line-buffered]' \
		'           [--replace-invalid] [--quiet] [FILE ...]' '       foo --help | --version' 'Does foo.' \
		'  --long N           long' '  --two-words        two' "$common_help" >"$d/good"
	run help_problems foo "$d/foo.1" "$d/good"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	printf '%s\n' 'Usage: foo [OPTIONS] [FILE...]' 'Does foo, see --long.' \
		'  --long N           long' '  --other            other' \
		'  --help             print this help and exit' >"$d/bad"
	run help_problems foo "$d/foo.1" "$d/bad"
	[ "$output" = 'foo: the first line is not "usage: foo ..."
foo: no line "       foo --help | --version"
foo: does not end with the five QP_COMMON_HELP lines
foo: usage lines have [], the man page SYNOPSIS [--help --line-buffered --long --quiet --replace-invalid --two-words --version ]
foo: option lines have [--help --long --other ], the man page SYNOPSIS [--help --line-buffered --long --quiet --replace-invalid --two-words --version ]' ]
}

@test "conventions: every --help has the one layout and the man page's options" {
	problems=
	for p in $(filters); do
		"$p" --help >"$BATS_TEST_TMPDIR/help" || { problems+="$p: --help failed"$'\n'; continue; }
		out=$(help_problems "$p" "$BATS_TEST_DIRNAME/../man/$p.1" "$BATS_TEST_TMPDIR/help")
		[ -z "$out" ] || problems+="$out"$'\n'
	done
	[ -z "$problems" ] || { printf '%s' "$problems"; return 1; }
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
