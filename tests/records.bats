#!/usr/bin/env bats
# The record contract (qualpipe-records(5)) as lib/
# implements it, driven through tests/tools/rdcat.c.  The filters'
# own tests repeat the parts each filter must show on its own.
load helper

setup() {
	RDCAT=$QP_OBJ/tests/tools/rdcat
	T=$BATS_TEST_TMPDIR
}

@test "records: fields pass through byte for byte, escapes untouched" {
	printf 'doc\ttext\nd1\ta\\\\b\\tc\\nd\\re\n' >"$T/in"
	run "$RDCAT" "$T/in"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$T/in")" ]
}

@test "records: an added column is appended, an existing one overwritten in place" {
	printf 'doc\tcodes\ttext\nd1\told\thi\n' >"$T/in"
	run "$RDCAT" -a codes=new -a hits=3 "$T/in"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\tcodes\ttext\thits')" ]
	[ "${lines[1]}" = "$(printf 'd1\tnew\thi\t3')" ]
}

@test "records: values written are escaped (TAB, newline, backslash)" {
	printf 'doc\nd1\n' >"$T/in"
	run "$RDCAT" -a 'text=a\tb\nc\\d' "$T/in"
	[ "${lines[1]}" = "$(printf 'd1\ta\\tb\\nc\\\\d')" ]
}

@test "records: a repeated identical header is dropped (cat a b)" {
	printf 'doc\ttext\na\t1\n' >"$T/a"
	printf 'doc\ttext\nb\t2\n' >"$T/b"
	run "$RDCAT" "$T/a" "$T/b"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\ttext\na\t1\nb\t2')" ]
	cat "$T/a" "$T/b" | "$RDCAT" >"$T/out"
	[ "$(cat "$T/out")" = "$output" ]
}

@test "records: a different header in a later file is an error naming it" {
	printf 'doc\ttext\na\t1\n' >"$T/a"
	printf 'doc\tbody\nb\t2\n' >"$T/b"
	run "$RDCAT" "$T/a" "$T/b"
	[ "$status" -eq 2 ]
	[[ "$output" == *"rdcat: $T/b:1: header differs"* ]]
}

@test "records: wrong field count is an error with file and line" {
	printf 'doc\ttext\na\t1\nb\t2\textra\n' >"$T/in"
	run "$RDCAT" "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$T/in:3: expected 2 fields, found 3"* ]]
	printf 'doc\ttext\nb\n' >"$T/in"
	run "$RDCAT" "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$T/in:2: expected 2 fields, found 1"* ]]
}

@test "records: a bad escape is an error naming the column" {
	printf 'doc\ttext\na\tbad \\x escape\n' >"$T/in"
	run "$RDCAT" "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$T/in:2: bad escape in column 'text'"* ]]
}

@test "records: bad column names in the header are an error" {
	for h in 'Doc\ttext' 'doc\t\ttext' '1doc' 'doc\tdoc' 'doc-id'; do
		printf "$h\\n" >"$T/in"
		run "$RDCAT" "$T/in"
		[ "$status" -eq 2 ]
		[[ "$output" == *"$T/in:1:"* ]]
	done
}

@test "records: empty input gives empty output; header-only gives the header" {
	: >"$T/empty"
	run "$RDCAT" "$T/empty"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	printf 'doc\ttext\n' >"$T/hdr"
	run "$RDCAT" -a codes=x "$T/hdr"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\ttext\tcodes')" ]
}

@test "records: CRLF input is accepted and never written; a BOM is dropped" {
	printf '\xef\xbb\xbfdoc\ttext\r\na\tb\r\n' >"$T/in"
	"$RDCAT" "$T/in" >"$T/out"
	[ "$(od -An -c "$T/out" | tr -d ' \n')" = 'doc\ttext\na\tb\n' ]
}

@test "records: gzip input, multi-member, read transparently; - is stdin" {
	printf 'doc\ttext\na\t1\n' | gzip >"$T/a.gz"
	printf 'b\t2\n' | gzip >>"$T/a.gz"
	printf 'doc\ttext\nc\t3\n' >"$T/c"
	run bash -c "'$RDCAT' '$T/a.gz' - <'$T/c'"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\ttext\na\t1\nb\t2\nc\t3')" ]
}

@test "records: a truncated gzip file is an error, not a short stream" {
	seq 1 200000 | sed 's/^/x\t/' | { printf 'doc\ttext\n'; cat; } | gzip >"$T/full.gz"
	head -c 20000 "$T/full.gz" >"$T/cut.gz"
	run "$RDCAT" "$T/cut.gz"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$T/cut.gz:"*"read error"* ]]
}

@test "records: invalid UTF-8 is an error naming file, line and byte" {
	printf 'doc\ttext\na\tok\nb\tbad \xff here\n' >"$T/in"
	run "$RDCAT" "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$T/in:3: invalid UTF-8 at byte 7"* ]]
}

@test "records: --replace-invalid turns bad bytes into U+FFFD" {
	printf 'doc\ttext\nb\tbad \xff here\n' >"$T/in"
	run "$RDCAT" --replace-invalid "$T/in"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'b\tbad \xef\xbf\xbd here')" ]
}

@test "records: a NUL byte is an error" {
	printf 'doc\ttext\nb\tnul\0here\n' >"$T/in"
	run "$RDCAT" "$T/in"
	[ "$status" -eq 2 ]
	[[ "$output" == *"$T/in:2: NUL byte at byte 6"* ]]
}

@test "records: a 50 MB field passes through whole" {
	{ printf 'doc\ttext\nd\t'; head -c 50000000 /dev/zero | tr '\0' 'a'; printf '\n'; } >"$T/big"
	"$RDCAT" "$T/big" >"$T/out"
	cmp "$T/big" "$T/out"
}

@test "records: a missing file is an error naming it" {
	run "$RDCAT" "$T/nope"
	[ "$status" -eq 2 ]
	[[ "$output" == "rdcat: $T/nope: No such file or directory" ]]
}

@test "records: a write error (/dev/full) is reported with exit 2" {
	printf 'doc\ttext\na\t1\n' >"$T/in"
	run bash -c "'$RDCAT' '$T/in' >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"write error"*"No space left on device"* ]]
}

@test "records: a closed pipe ends the filter quietly with status 0" {
	{ printf 'doc\ttext\n'; seq 1 300000 | sed 's/^/d\t/'; } >"$T/in"
	run bash -c "'$RDCAT' '$T/in' 2>'$T/err' | head -1; echo \"status=\${PIPESTATUS[0]}\""
	[ "${lines[0]}" = "$(printf 'doc\ttext')" ]
	[ "${lines[1]}" = "status=0" ]
	[ ! -s "$T/err" ]
}

@test "records: --line-buffered flushes each record, the default does not" {
	printf 'doc\ttext\na\t1\n' >"$T/in"
	( { cat "$T/in"; sleep 3; printf 'b\t2\n'; } | "$RDCAT" --line-buffered >"$T/lb" ) &
	( { cat "$T/in"; sleep 3; printf 'b\t2\n'; } | "$RDCAT" >"$T/bb" ) &
	sleep 1.5
	lb=$(cat "$T/lb")
	bb=$(cat "$T/bb")
	wait
	[ "$lb" = "$(printf 'doc\ttext\na\t1')" ]
	[ -z "$bb" ]
	[ "$(cat "$T/bb")" = "$(printf 'doc\ttext\na\t1\nb\t2')" ]
}
