#!/usr/bin/env bats
# segment(1), ARCHIVES: a .zip, .tar or .tar.gz of transcripts is read as
# the files it holds, in name order; archives are built here by
# tests/tools/mkarchive, members in the order given.
load helper
bats_require_minimum_version 1.5.0

setup() {
	F=$FIX/segment
	D=$FIX/segment-docx
	T=$BATS_TEST_TMPDIR
	MK=$QP_OBJ/tests/tools/mkarchive
	"$MK" zip "$T/word.docx" "[Content_Types].xml=@$D/content-types.xml" "word/document.xml=@$D/word.xml"
	gzip -c "$F/teams.vtt" >"$T/teams.vtt.gz"
	mkdir -p "$T/a" "$T/b" "$T/c" "$T/d"
	cp "$F/interview.txt" "$T/a/interview.txt"
	cp "$F/zoom.vtt" "$T/b/zoom.vtt"
	cp "$T/word.docx" "$T/c/word.docx"
	cp "$T/teams.vtt.gz" "$T/d/teams.vtt.gz"
	# what the members give, read as files
	(cd "$T" && segment a/interview.txt b/zoom.vtt c/word.docx d/teams.vtt.gz) >"$T/want"
}

# members out of name order, with what archivers add
members() {
	printf '%s\n' "d/teams.vtt.gz=@$T/teams.vtt.gz" "b/" "b/zoom.vtt=@$F/zoom.vtt" \
		"__MACOSX/b/._zoom.vtt=junk" ".DS_Store=junk" "b/.zoom.vtt.swp=junk" \
		"a/interview.txt=@$F/interview.txt" "c/word.docx=@$T/word.docx"
}

@test "segment archive: zip, tar and tar.gz read as their files, in name order" {
	local fmt
	for fmt in zip tar tgz; do
		mapfile -t m < <(members)
		"$MK" "$fmt" "$T/in.$fmt" "${m[@]}"
		run segment "$T/in.$fmt"
		[ "$status" -eq 0 ] || { echo "$fmt: $output"; false; }
		diff <(printf '%s\n' "$output") "$T/want"
	done
}

@test "segment archive: told by its bytes: any name, standard input, beside other files" {
	mapfile -t m < <(members)
	"$MK" tgz "$T/in.tgz" "${m[@]}"
	cp "$T/in.tgz" "$T/notes.txt"
	run segment "$T/notes.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$T/want"
	run bash -c "segment <'$T/in.tgz'"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$T/want"
	"$MK" zip "$T/in.zip" "${m[@]}"
	run bash -c "cat '$T/in.zip' | segment '$F/plain.txt' - '$F/otter.txt'"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") <(segment "$F/plain.txt"; tail -n +2 "$T/want"; segment "$F/otter.txt" | tail -n +2)
}

@test "segment archive: './' prefixes, the same base name twice, names that are not ASCII" {
	LC_ALL=C.UTF-8 "$MK" tar "$T/in.tar" "./x/int 1.txt=A: one
B: two" "./y/int 1.txt=A: three" "./é.txt=C: four"
	run segment "$T/in.tar"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\tstart\tend\tspeaker\ttext
int 1\t1\t\t\tA\tone
int 1\t2\t\t\tB\ttwo
int 1\t1\t\t\tA\tthree
é\t1\t\t\tC\tfour')" ]
}

@test "segment archive: an empty archive gives no records; --doc is refused for a member" {
	"$MK" zip "$T/empty.zip"
	run segment "$T/empty.zip" "$F/plain.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") <(segment "$F/plain.txt")
	"$MK" tar "$T/one.tar" "a.txt=A: hi"
	run segment -d x "$T/one.tar"
	[ "$status" -eq 2 ]
	[ "$output" = "segment: $T/one.tar:a.txt: --doc names one document, but this is an archive's member" ]
}

@test "segment archive: a bad member is named, exit 2" {
	printf 'WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\nbad --> cue\nx\n' >"$T/bad.vtt"
	"$MK" zip "$T/e.zip" "a.txt=A: hi" "sub/bad.vtt=@$T/bad.vtt"
	run --separate-stderr segment --strict "$T/e.zip"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/e.zip:sub/bad.vtt:6: cue dropped: "* ]]
	# without --strict the cue is dropped, said with the member's name
	run --separate-stderr segment "$T/e.zip"
	[ "$status" -eq 0 ]
	[[ "$stderr" == "segment: $T/e.zip:sub/bad.vtt:6: cue dropped: "* ]]
	"$MK" tgz "$T/e.tgz" "p.pdf=@$F/structured/interview.pdf"
	run segment "$T/e.tgz"
	[ "$status" -eq 2 ]
	[ "$output" = "segment: $T/e.tgz:p.pdf: looks like a PDF document, not text; see segment(1)" ]
	printf '{"foo": [1, 2]}\n' >"$T/unknown.json"
	"$MK" tar "$T/e.tar" "w.json=@$T/unknown.json"
	run segment "$T/e.tar"
	[ "$status" -eq 2 ]
	[ "$output" = "segment: $T/e.tar:w.json:1: JSON of no known transcript shape (top-level keys: foo); see segment(1)" ]
	"$MK" zip "$T/nest.zip" "in.zip=@$T/e.zip"
	run segment "$T/nest.zip"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/nest.zip:in.zip: a ZIP archive inside an archive, not a .docx"* ]]
	"$MK" zip "$T/x.zip" "bad.docx=@$T/e.zip"
	run segment "$T/x.zip"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/x.zip:bad.docx: a ZIP archive inside an archive"* ]]
	printf '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>' >"$T/cut.xml"
	"$MK" zip "$T/cut.docx" "word/document.xml=@$T/cut.xml"
	"$MK" tar "$T/y.tar" "ok.txt=A: hi" "cut.docx=@$T/cut.docx"
	run segment "$T/y.tar"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/y.tar:cut.docx: word/document.xml:1: bad XML: "* ]]
}

@test "segment archive: damaged archives, exit 2" {
	mapfile -t m < <(members)
	local fmt
	for fmt in zip tgz tar; do
		"$MK" "$fmt" "$T/in.$fmt" "${m[@]}"
		head -c $(($(stat -c %s "$T/in.$fmt") / 2)) "$T/in.$fmt" >"$T/cut.$fmt"
		run segment "$T/cut.$fmt"
		[ "$status" -eq 2 ] || { echo "$fmt: $output"; false; }
		[[ "$output" == *"segment: $T/cut.$fmt"*": "* ]]
	done
	run segment "$T/cut.zip"
	[[ "$output" == "segment: $T/cut.zip: bad ZIP archive: "* ]]
	run segment "$T/cut.tgz"
	[[ "$output" == "segment: $T/cut.tgz"*": "*"runcated"* ]]
}

@test "segment archive: a member said to be over 4 GiB is refused before it is read" {
	# a sparse file: 5 GiB of member that take no room
	python3 - "$T/big.tar" <<-'PY'
	import sys, tarfile
	ti = tarfile.TarInfo('big.txt')
	ti.size = 5 << 30
	with open(sys.argv[1], 'wb') as f:
	    f.write(ti.tobuf(tarfile.USTAR_FORMAT) + b'A: hi\n')
	    f.seek(512 + ti.size)
	    f.write(b'\0' * 1024)
	PY
	run segment "$T/big.tar"
	[ "$status" -eq 2 ]
	[ "$output" = "segment: $T/big.tar:big.txt: more than 4294967296 bytes uncompressed (a zip bomb?); not read" ]
}

@test "segment archive: a text file with ustar at byte 257 is text; a gzip'd transcript is still one" {
	{ printf 'A: %0254d' 0; printf 'ustar and more\nB: two\n'; } >"$T/odd.txt"
	run segment "$T/odd.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	run segment "$T/teams.vtt.gz"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") <(segment "$F/teams.vtt")
}

@test "segment archive: only directories and dotfiles: no records" {
	"$MK" tar "$T/dirs.tar" "a/" "a/b/" ".git/config=x" "a/.keep=" "__MACOSX/x=y"
	run segment "$T/dirs.tar"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\tstart\tend\tspeaker\ttext')" ]
}

@test "segment archive: a pipe of text is not held up for the archive test (--line-buffered)" {
	# a turn is written when the next but one begins: A when A's second
	# turn does, before the pause
	run bash -c '{ printf "A: first\nB: second\nA: third\n"; sleep 3; printf "B: fourth\n"; } |
		segment --from labeled --line-buffered | { IFS= read -r h; IFS= read -r a; echo "$SECONDS $a"; cat >/dev/null; }'
	[ "$status" -eq 0 ]
	[[ "$output" == [012]" "*"first" ]]
	# "BZ" might begin bzip2 data ("BZh9"): no longer once ":" follows
	run bash -c '{ printf "BZ: first\nB: second\nBZ: third\n"; sleep 3; printf "B: fourth\n"; } |
		segment --from labeled --line-buffered | { IFS= read -r h; IFS= read -r a; echo "$SECONDS $a"; cat >/dev/null; }'
	[ "$status" -eq 0 ]
	[[ "$output" == [012]" "*"first" ]]
}

# bzip2, xz and zstd: libarchive's filters (linked in Debian's libarchive13)
@test "segment archive: tar.bz2, tar.xz and tar.zst read as their files, in name order, from a pipe too" {
	local fmt
	mapfile -t m < <(members)
	for fmt in tbz2 txz tzst; do
		"$MK" "$fmt" "$T/in.$fmt" "${m[@]}"
		run segment "$T/in.$fmt"
		[ "$status" -eq 0 ] || { echo "$fmt: $output"; false; }
		diff <(printf '%s\n' "$output") "$T/want"
		run bash -c "cat '$T/in.$fmt' | segment"
		[ "$status" -eq 0 ] || { echo "$fmt pipe: $output"; false; }
		diff <(printf '%s\n' "$output") "$T/want"
		# in name order already
		"$MK" "$fmt" "$T/ord.$fmt" "a/interview.txt=@$F/interview.txt" "b/zoom.vtt=@$F/zoom.vtt"
		run segment "$T/ord.$fmt"
		[ "$status" -eq 0 ]
		diff <(printf '%s\n' "$output") <(cd "$T" && segment a/interview.txt b/zoom.vtt)
	done
}

# tar format | data format (mkarchive) | the message's words
packed_rows='tbz2|bz2|bzip2 data
txz|xz|xz data
tzst|zst|zstd data'

@test "segment archive: bzip2, xz or zstd data that is not a tar is refused; a cut one is damaged" {
	local fmt z what
	mapfile -t m < <(members)
	while IFS='|' read -r fmt z what; do
		"$MK" "$z" "$T/teams.$fmt" "teams.vtt=@$F/teams.vtt"
		run segment "$T/teams.$fmt"
		[ "$status" -eq 2 ] || { echo "$fmt: $output"; false; }
		[[ "$output" == "segment: $T/teams.$fmt"*"$what"* ]] || { echo "$fmt: $output"; false; }
		"$MK" "$fmt" "$T/in.$fmt" "${m[@]}"
		head -c $(($(stat -c %s "$T/in.$fmt") * 3 / 4)) "$T/in.$fmt" >"$T/cut.$fmt"
		run segment "$T/cut.$fmt"
		[ "$status" -eq 2 ] || { echo "cut $fmt: $output"; false; }
		[[ "$output" == "segment: $T/cut.$fmt: damaged $what: "* ]] || { echo "cut $fmt: $output"; false; }
	done <<<"$packed_rows"
}
