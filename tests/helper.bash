# Loaded by every tests/*.bats: puts the programs under test on PATH.
# QP_BIN is set by tests/run (bin/ or the sanitizer build's bin/).
QP_BIN=${QP_BIN:-$BATS_TEST_DIRNAME/../bin}
PATH=$QP_BIN:$PATH
export PATH
FIX=$BATS_TEST_DIRNAME/fixtures
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# run_stdin INPUT CMD...: like run, with INPUT (printf %b escapes
# expanded, no newline added) as standard input.
run_stdin() {
	local input=$1
	shift
	run bash -c 'printf "%b" "$0" | "$@"' "$input" "$@"
}

# ---- anonymize ----
# one TEXT through anonymize [ARGS]: the text column of the result
anon_text() {
	local text=$1
	shift
	printf 'doc\ttext\nd\t%s\n' "$text" | anonymize "$@" | sed -n '2p' | cut -f2
}

# anon_table ARGS...: lines "input|expected" on standard input, each
# through anonymize ARGS; every mismatch is printed, and counted
anon_table() {
	local bad=0 n=0 in want got
	while IFS='|' read -r in want; do
		[ -n "$in" ] || continue
		n=$((n + 1))
		got=$(anon_text "$in" "$@")
		if [ "$got" != "$want" ]; then
			printf 'in:   %s\ngot:  %s\nwant: %s\n' "$in" "$got" "$want"
			bad=$((bad + 1))
		fi
	done
	echo "$bad of $n wrong"
	[ "$bad" -eq 0 ]
}
