#!/usr/bin/env bats
# to-qdpx and from-qdpx: REFI-QDA projects (.qdpx, .qde) and codebooks
# (.qdc).  Every export is validated against the REFI-QDA schemas of
# 18 March 2019 (tests/data/refi-qda); the importer reads hand-written
# projects in the layouts of MAXQDA 24, QualCoder and NVivo
# (tests/fixtures/qdpx), refuses bad archives, XML bombs, missing sources
# and positions past the end; and a study exported and imported back
# gives the same codes on the same segments, byte for byte.
load helper

setup() {
	F=$FIX/qdpx
	T=$BATS_TEST_TMPDIR
	XSD=$BATS_TEST_DIRNAME/data/refi-qda
}

# valid_project QDPX: project.qde of the zip against Project.xsd.
valid_project() {
	unzip -p "$1" project.qde >"$T/v.qde"
	xmllint --noout --schema "$XSD/Project.xsd" "$T/v.qde"
}

export_fixture() {
	to-qdpx -o "$T/f.qdpx" --codebook "$F/codebook.cb" "$F/coded.tsv"
}

# --- to-qdpx ------------------------------------------------------------

@test "to-qdpx: the project is valid against the REFI-QDA Project.xsd" {
	run export_fixture
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run valid_project "$T/f.qdpx"
	[ "$status" -eq 0 ]
}

@test "to-qdpx: a zip of project.qde and one sources/<guid>.txt per doc, lower-case sources" {
	export_fixture
	run bash -c "unzip -Z1 '$T/f.qdpx'"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = project.qde ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[1]}" =~ ^sources/[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.txt$ ]]
	[[ "${lines[2]}" =~ ^sources/ ]]
}

@test "to-qdpx: a source's text is its doc's turns, one a line, after the speaker's label" {
	export_fixture
	g1=$(unzip -p "$T/f.qdpx" project.qde | sed -n 's/.*<TextSource guid="\([^"]*\)" name="g1".*/\1/p')
	unzip -p "$T/f.qdpx" "sources/$g1.txt" >"$T/g1.txt"
	printf '%s\n' '[M01]: What helps you keep going?' \
		'[S01]: Sleep. Real sleep, not café naps — honestly. And time with friends 😊.' \
		"[S02]: There is no time.	None." 'At all.' '(crosstalk)' >"$T/want"
	cmp "$T/want" "$T/g1.txt"
}

@test "to-qdpx: selections are the coded segments' words, in code points of the text" {
	export_fixture
	run from-qdpx "$T/f.qdpx"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\tsel\tstart_pos\tend_pos\ttext\tcodes\tcoder')" ]
	[ "${lines[1]}" = "$(printf 'g1\t1\t41\t85\tSleep. Real sleep, not café naps — honestly.\tfacilitators/self-care\tqualpipe')" ]
	[ "${lines[2]}" = "$(printf 'g1\t2\t86\t110\tAnd time with friends 😊.\tfacilitators/self-care;facilitators/peer-support\tqualpipe')" ]
	[ "${lines[3]}" = "$(printf 'g1\t3\t118\t149\tThere is no time.\\tNone.\\nAt all.\tbarriers/time-constraints\tqualpipe')" ]
	[ "${lines[4]}" = "$(printf "g2\t1\t7\t41\tWe model it, <or> we & they don't.\tbarriers/culture-content-pedagogy\tqualpipe")" ]
	[ "${#lines[@]}" -eq 5 ]
}

@test "to-qdpx: the code tree from the code paths, with the codebook's descriptions" {
	export_fixture
	unzip -p "$T/f.qdpx" project.qde >"$T/p.qde"
	x() { xmllint --xpath "$1" "$T/p.qde"; }
	ns='local-name()="Code"'
	[ "$(x "count(//*[$ns])")" -eq 6 ]
	[ "$(x "string(//*[$ns and @name=\"time-constraints\"]/../@name)")" = barriers ]
	[ "$(x "string(//*[$ns and @name=\"peer-support\"]/../@name)")" = facilitators ]
	[ "$(x "string(//*[$ns and @name=\"culture-content-pedagogy\"]/../@name)")" = barriers ]
	[ "$(x "string(//*[$ns and @name=\"time-constraints\"]/*[local-name()=\"Description\"])")" = \
		'No time: "we are always running" & so on.' ]
	# codebook order first, then the records' codes
	[ "$(x "string((//*[$ns and @name=\"barriers\"]/*[$ns])[last()]/@name)")" = culture-content-pedagogy ]
}

@test "to-qdpx: a case per participant with the role variable and their selections" {
	export_fixture
	unzip -p "$T/f.qdpx" project.qde >"$T/p.qde"
	x() { xmllint --xpath "$1" "$T/p.qde"; }
	[ "$(x 'count(//*[local-name()="Case"])')" -eq 4 ]
	[ "$(x 'string(//*[local-name()="Case" and @name="S01"]//*[local-name()="TextValue"])')" = MS ]
	[ "$(x 'count(//*[local-name()="Case" and @name="S01"]/*[local-name()="SelectionRef"])')" -eq 2 ]
	[ "$(x 'string(//*[local-name()="Variable"]/@name)')" = role ]
}

@test "to-qdpx: the same input gives the same bytes, whatever the time zone and locale" {
	mkdir "$T/a" "$T/b"
	to-qdpx -o "$T/a/s.qdpx" --codebook "$F/codebook.cb" "$F/coded.tsv"
	sleep 1
	TZ=Pacific/Auckland LC_ALL=C.UTF-8 to-qdpx -o "$T/b/s.qdpx" --codebook "$F/codebook.cb" "$F/coded.tsv"
	cmp "$T/a/s.qdpx" "$T/b/s.qdpx"
}

@test "to-qdpx: GUIDs are name-based: a code has one GUID in every study, a doc one in every export" {
	to-qdpx -o "$T/a.qdpx" "$F/coded.tsv"
	printf 'doc\ttext\tcodes\nother\tx\tbarriers/time-constraints\n' | to-qdpx -o "$T/b.qdpx"
	g() { unzip -p "$1" project.qde | sed -n 's/.*<Code guid="\([^"]*\)" name="time-constraints".*/\1/p'; }
	[ -n "$(g "$T/a.qdpx")" ]
	[ "$(g "$T/a.qdpx")" = "$(g "$T/b.qdpx")" ]
}

@test "to-qdpx: --date sets every creationDateTime; a bad one is a usage error" {
	to-qdpx -o "$T/d.qdpx" --date 2026-12-03T10:00:00Z "$F/coded.tsv"
	unzip -p "$T/d.qdpx" project.qde >"$T/p.qde"
	[ "$(grep -o 'creationDateTime="[^"]*"' "$T/p.qde" | sort -u)" = 'creationDateTime="2026-12-03T10:00:00Z"' ]
	run to-qdpx -o "$T/e.qdpx" --date 'yesterday' "$F/coded.tsv"
	[ "$status" -eq 2 ]
	[ ! -e "$T/e.qdpx" ]
}

@test "to-qdpx: --codes exports another column; --name names the project" {
	cut -f 1,2,8,9 "$F/coded.tsv" | sed '1s/codes/human/' >"$T/h.tsv"
	to-qdpx -o "$T/h.qdpx" --codes human --name 'Hand coding' "$T/h.tsv"
	run valid_project "$T/h.qdpx"
	[ "$status" -eq 0 ]
	grep -q 'name="Hand coding"' "$T/v.qde"
	[ "$(from-qdpx "$T/h.qdpx" | wc -l)" -eq 5 ]
}

@test "to-qdpx --qdc: the codebook alone, valid against Codebook.xsd" {
	run to-qdpx --qdc -o "$T/c.qdc" --codebook "$F/codebook.cb" /dev/null
	[ "$status" -eq 0 ]
	run xmllint --noout --schema "$XSD/Codebook.xsd" "$T/c.qdc"
	[ "$status" -eq 0 ]
	[ "$(grep -c '<Code ' "$T/c.qdc")" -eq 5 ]
}

@test "to-qdpx: a Set per theme with sub-codes, in the .qdc and the project, valid and the same GUIDs" {
	to-qdpx --qdc -o "$T/c.qdc" --codebook "$F/codebook.cb" /dev/null
	run xmllint --noout --schema "$XSD/Codebook.xsd" "$T/c.qdc"
	[ "$status" -eq 0 ]
	# the theme and every code below it, by guid, in the tree's order
	run awk '/<Set /{ if (n) printf "%s:%d ", n, m; n = $3; m = 0 } /<MemberCode/{ m++ } END { printf "%s:%d", n, m }' "$T/c.qdc"
	[ "$output" = 'name="barriers">:2 name="facilitators">:3' ]
	grep -q '<Set guid="[0-9a-f-]*" name="barriers">' "$T/c.qdc"
	[ "$(grep -c '<MemberCode guid=' "$T/c.qdc")" -eq 5 ]
	# the theme's description is the set's
	grep -A1 'name="barriers">' "$T/c.qdc" | grep -q '<Description>What stands in the way.</Description>'
	# every member is a code of the codebook
	for g in $(sed -n 's/.*<MemberCode guid="\([^"]*\)".*/\1/p' "$T/c.qdc"); do
		grep -q "<Code guid=\"$g\"" "$T/c.qdc"
	done
	export_fixture
	valid_project "$T/f.qdpx"
	unzip -p "$T/f.qdpx" project.qde >"$T/p.qde"
	[ "$(grep -c '<Set ' "$T/p.qde")" -eq 2 ]
	# the project's MemberCode is a CodeRef (targetGUID), and its sets
	# have the .qdc's GUIDs
	grep -q '<MemberCode targetGUID=' "$T/p.qde"
	[ "$(grep -o '<Set guid="[^"]*"' "$T/p.qde")" = "$(grep -o '<Set guid="[^"]*"' "$T/c.qdc")" ]
}

@test "to-qdpx: a flat codebook has no Sets, and is still valid" {
	printf 'code alpha\n\tword a\ncode beta\n\tword b\n' >"$T/flat.cb"
	to-qdpx --qdc -o "$T/flat.qdc" --codebook "$T/flat.cb" /dev/null
	run xmllint --noout --schema "$XSD/Codebook.xsd" "$T/flat.qdc"
	[ "$status" -eq 0 ]
	run grep -c '<Sets' "$T/flat.qdc"
	[ "$output" = 0 ]
}

@test "to-qdpx: an existing file is never replaced, and nothing is left beside it" {
	echo keep >"$T/s.qdpx"
	run to-qdpx -o "$T/s.qdpx" "$F/coded.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"file exists; not overwritten"* ]]
	[ "$(cat "$T/s.qdpx")" = keep ]
	[ "$(ls "$T")" = s.qdpx ]
}

@test "to-qdpx: bad input and a full disk are errors, and no file is written" {
	printf 'doc\ttext\tcodes\nd\tx\ta//b\n' >"$T/bad.tsv"
	run to-qdpx -o "$T/x.qdpx" "$T/bad.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"bad.tsv:2: codes: bad code path 'a//b'"* ]]
	[ ! -e "$T/x.qdpx" ]
	printf 'doc\tcodes\nd\ta\n' >"$T/notext.tsv"
	run to-qdpx -o "$T/x.qdpx" "$T/notext.tsv"
	[ "$status" -eq 2 ]
	[ ! -e "$T/x.qdpx" ]
	run to-qdpx -o /dev/full "$F/coded.tsv"
	[ "$status" -eq 2 ]
	run to-qdpx "$F/coded.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: to-qdpx"* ]]
}

# --- from-qdpx: the layouts of other programs ------------------------------

# Each layout as a bare project.qde beside its folder and as a zip (the
# .qdpx's name does not matter): the expected records are LAYOUT.out.
@test "from-qdpx: MAXQDA 24, QualCoder (BOM, lower-case GUIDs), NVivo (Sources/, CR LF as two)" {
	for l in maxqda:sources qualcoder:sources nvivo:Sources; do
		d=${l%%:*}
		run from-qdpx "$F/$d/project.qde"
		[ "$status" -eq 0 ] || { echo "$d: $output"; return 1; }
		[ "$output" = "$(cat "$F/$d.out")" ] || { echo "$d: $output"; return 1; }
		(cd "$F/$d" && zip -q -r -X "$T/$d.zip" project.qde "${l#*:}")
		run from-qdpx "$T/$d.zip"
		[ "$output" = "$(cat "$F/$d.out")" ] || { echo "$d.zip: $output"; return 1; }
	done
}

@test "from-qdpx --coder: one user's codings" {
	run from-qdpx --coder jd "$F/maxqda/project.qde"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == *"emotions-stress	jd" ]]
	run from-qdpx --coder nobody "$F/maxqda/project.qde"
	[ "$status" -eq 2 ]
	[[ "$output" == *"no user is named 'nobody'"* ]]
}

@test "from-qdpx --codebook: MAXQDA's code tree as a codebook(5) skeleton that match-theme reads" {
	run from-qdpx --codebook "$F/maxqda/project.qde"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep '^code ' | tr '\n' ' ')" = \
		"code barriers code barriers/time-constraints code barriers/culture code emotions-stress " ]
	[[ "$output" == *$'code emotions-stress\n\t# Émotions & Stress\n\tdescription Feelings named by the speaker.'* ]]
	[[ "$output" == *$'\tdescription The hidden curriculum & the ward\'s culture.\n\tdescription Looking away, learned from others.'* ]]
	printf '%s\n' "$output" >"$T/skel.cb"
	run_stdin 'doc\ttext\nd\tno time\n' match-theme "$T/skel.cb"
	[ "$status" -eq 0 ]
}

@test "from-qdpx --crlf one: NVivo's positions no longer fit" {
	run from-qdpx --crlf one "$F/nvivo/project.qde"
	[ "$status" -eq 2 ]
	[[ "$output" == *"past the end of its text (83 code points)"* ]]
}

@test "from-qdpx: CR LF as one position for the others (ATLAS.ti, MAXQDA)" {
	mkdir -p "$T/a/sources"
	printf 'A: one\r\nB: two\r\n' >"$T/a/sources/x.txt"
	cat >"$T/a/project.qde" <<-'QDE'
	<Project xmlns="urn:QDA-XML:project:1.0" name="a" origin="ATLAS.ti 24">
	<CodeBook><Codes><Code guid="00000000-0000-4000-8000-000000000001" name="c" isCodable="true"/></Codes></CodeBook>
	<Sources><TextSource guid="00000000-0000-4000-8000-000000000002" name="x" plainTextPath="internal://x.txt">
	<PlainTextSelection guid="00000000-0000-4000-8000-000000000003" startPosition="10" endPosition="13">
	<Coding guid="00000000-0000-4000-8000-000000000004"><CodeRef targetGUID="{00000000-0000-4000-8000-000000000001}"/></Coding>
	</PlainTextSelection></TextSource></Sources></Project>
	QDE
	run from-qdpx "$T/a/project.qde"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'x\t1\t10\t13\ttwo\tc\t')" ]
	run from-qdpx --crlf two "$T/a/project.qde"
	[ "${lines[1]}" = "$(printf 'x\t1\t10\t13\t tw\tc\t')" ]
}

@test "from-qdpx: sources by PlainTextContent, relative:// (basePath or the folder) and absolute://" {
	mkdir -p "$T/r/docs"
	printf 'hello world\n' >"$T/r/docs/h.txt"
	cat >"$T/r/project.qde" <<-QDE
	<Project xmlns="urn:QDA-XML:project:1.0" name="r">
	<CodeBook><Codes><Code guid="00000000-0000-4000-8000-000000000001" name="c" isCodable="true"/></Codes></CodeBook>
	<Sources>
	<TextSource guid="00000000-0000-4000-8000-000000000002" name="inline"><PlainTextContent>inline text &amp; more</PlainTextContent>
	<PlainTextSelection guid="00000000-0000-4000-8000-000000000003" startPosition="0" endPosition="6"><Coding guid="00000000-0000-4000-8000-000000000004"><CodeRef targetGUID="00000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource>
	<TextSource guid="00000000-0000-4000-8000-000000000005" name="rel" plainTextPath="relative://docs/h.txt">
	<PlainTextSelection guid="00000000-0000-4000-8000-000000000006" startPosition="6" endPosition="11"><Coding guid="00000000-0000-4000-8000-000000000007"><CodeRef targetGUID="00000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource>
	<TextSource guid="00000000-0000-4000-8000-000000000008" name="abs" plainTextPath="absolute://$T/r/docs/h.txt">
	<PlainTextSelection guid="00000000-0000-4000-8000-000000000009" startPosition="0" endPosition="5"><Coding guid="00000000-0000-4000-8000-00000000000a"><CodeRef targetGUID="00000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection></TextSource>
	</Sources></Project>
	QDE
	run from-qdpx "$T/r/project.qde"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | cut -f 1,5 | tail -n +2 | tr '\t\n' ':,')" = "inline:inline,rel:world,abs:hello," ]
	sed -i "s|<Project |<Project basePath=\"$T/r/docs\" |; s|relative://docs/h.txt|relative://h.txt|" "$T/r/project.qde"
	run from-qdpx "$T/r/project.qde"
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == *"	world	"* ]]
}

@test "from-qdpx: a .qdc codebook (as to-qdpx --qdc writes it) to a skeleton with the same codes" {
	to-qdpx --qdc -o "$T/c.qdc" --codebook "$F/codebook.cb" /dev/null
	run from-qdpx "$T/c.qdc"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep '^code ' | cut -d ' ' -f 2 | tr '\n' ' ')" = \
		"barriers barriers/time-constraints facilitators facilitators/self-care facilitators/peer-support " ]
	[[ "$output" == *$'code barriers/time-constraints\n\tdescription No time: "we are always running" & so on.'* ]]
}

# --- from-qdpx: bad input ------------------------------------------------------

@test "from-qdpx: bad input is 'from-qdpx: FILE: ...', status 2, and nothing on standard output" {
	mkdir -p "$T/d/sources"
	(cd "$F/maxqda" && zip -q -r -X "$T/good.qdpx" project.qde sources)
	head -c 300 "$T/good.qdpx" >"$T/cut.qdpx"
	(cd "$F/maxqda" && zip -q -X "$T/nosrc.qdpx" project.qde)
	printf 'PK\003\004 not a zip at all' >"$T/fake.qdpx"
	printf 'doc\ttext\n' >"$T/tsv.qdpx"
	printf '<Other/>' >"$T/other.qde"
	: >"$T/empty.qde"
	sed 's/endPosition="191"/endPosition="400"/' "$F/maxqda/project.qde" >"$T/d/project.qde"
	cp "$F"/maxqda/sources/* "$T/d/sources/"
	sed 's/targetGUID="2C3D4E5F-6071-4283-9495-B6C7D8E9FA0B"/targetGUID="FFFFFFFF-6071-4283-9495-B6C7D8E9FA0B"/' \
		"$F/maxqda/project.qde" >"$T/d/badref.qde"
	sed 's/startPosition="149"/startPosition="-3"/' "$F/maxqda/project.qde" >"$T/d/neg.qde"
	printf '\377\376bad' >"$T/d/sources/1B2C3D4E-5F60-4718-8293-A4B5C6D7E8F9.txt"
	cp "$F/maxqda/project.qde" "$T/d/latin1.qde"
	# libFuzzer: a guid longer than a GUID was cut to length inside a
	# UTF-8 sequence, and the writer read past its end.
	sed 's/guid="2C3D4E5F-6071-4283-9495-B6C7D8E9FA0B"/guid="2C3D4E5F-6071-4283-9495-B6C7D8E9FA0\xc3\xa9B"/' \
		"$F/maxqda/project.qde" >"$T/d/longguid.qde"
	sed 's/guid="2C3D4E5F-6071-4283-9495-B6C7D8E9FA0B"/guid="code-1"/' \
		"$F/maxqda/project.qde" >"$T/d/notguid.qde"
	while IFS='|' read -r file want; do
		run bash -c "from-qdpx '$T/$file' 2>&1 >'$T/out'"
		[ "$status" -eq 2 ] || { echo "$file: status $status: $output"; return 1; }
		[[ "$output" == "from-qdpx: $T/$file: "*"$want"* ]] || { echo "$file: $output"; return 1; }
		[ ! -s "$T/out" ] || { echo "$file: wrote output"; return 1; }
	done <<-'CASES'
	cut.qdpx|zip
	nosrc.qdpx|the source 'internal://8A1F3C52-7D4E-4B8A-9C11-2E5F6A7B8C90.txt' is missing
	fake.qdpx|zip
	tsv.qdpx|not well-formed XML
	other.qde|neither a REFI-QDA Project nor a CodeBook (root element <Other>)
	empty.qde|an empty file
	d/project.qde|source 'ward-1': a selection ends at position 400, past the end of its text (216 code points)
	d/badref.qde|CodeRef: no code has the guid 'FFFFFFFF-6071-4283-9495-B6C7D8E9FA0B'
	d/neg.qde|startPosition is not a position
	d/latin1.qde|the text of source 'ward-2' is not UTF-8
	d/longguid.qde|guid '2C3D4E5F-6071-4283-9495-B6C7D8E9FA0éB' is not a GUID
	d/notguid.qde|guid 'code-1' is not a GUID
	CASES
}

@test "from-qdpx: an XML bomb (billion laughs) and an external entity are refused at once" {
	{
		echo '<?xml version="1.0"?>'
		echo '<!DOCTYPE Project ['
		echo ' <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
		prev=a
		for e in b c d e f g h i j k; do
			echo " <!ENTITY $e \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
			prev=$e
		done
		echo ']>'
		echo '<Project xmlns="urn:QDA-XML:project:1.0" name="&k;"/>'
	} >"$T/bomb.qde"
	run timeout 10 from-qdpx "$T/bomb.qde"
	[ "$status" -eq 2 ]
	[[ "$output" == *"bomb.qde: the XML has a DOCTYPE declaration; refused"* ]]
	printf '<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>\n' >"$T/xxe.qde"
	run from-qdpx "$T/xxe.qde"
	[ "$status" -eq 2 ]
	[[ "$output" == *"DOCTYPE"* ]]
	(cd "$T" && cp bomb.qde project.qde && zip -q bomb.qdpx project.qde)
	run timeout 10 from-qdpx "$T/bomb.qdpx"
	[ "$status" -eq 2 ]
	[[ "$output" == *"DOCTYPE"* ]]
}

@test "from-qdpx: a zip bomb is refused; entries it does not need are not inflated" {
	head -c 300000000 /dev/zero >"$T/project.qde"
	(cd "$T" && zip -q -1 big.qdpx project.qde && rm project.qde)
	[ "$(stat -c %s "$T/big.qdpx")" -lt 3000000 ]
	run from-qdpx "$T/big.qdpx"
	[ "$status" -eq 2 ]
	[[ "$output" == *"the project and its texts inflate to more than 256 MiB; refused"* ]]
	# 300 MB of "video" beside the project costs nothing
	mkdir -p "$T/m/sources"
	cp -r "$F/maxqda/." "$T/m/"
	head -c 300000000 /dev/zero >"$T/m/sources/clip.mp4"
	(cd "$T/m" && zip -q -1 -r ../v.qdpx project.qde sources && rm sources/clip.mp4)
	run from-qdpx "$T/v.qdpx"
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$F/maxqda.out")" ]
}

@test "from-qdpx: faults as for every filter (tests/faults.bats): a full disk, a reader that goes away, paths that cannot be read" {
	awk 'BEGIN { OFS = "\t"
		print "doc", "seg", "start", "end", "speaker", "role", "participant", "text", "codes", "hits"
		for (i = 1; i <= 20000; i++)
			print "d" int((i - 1) / 10), i, "", "", i % 2 ? "Jane Doe" : "P3", "MS", "P01",
			      "no time for me " i ".", i % 3 ? "barriers;wellbeing" : "growth", i % 3 ? "1;2" : "1" }' >"$T/big.tsv"
	to-qdpx -o "$T/big.qdpx" "$T/big.tsv"
	run --separate-stderr bash -c 'from-qdpx "$0" >/dev/full' "$T/big.qdpx"
	[ "$status" -eq 2 ]
	[ "$stderr" = "from-qdpx: write error on standard output: No space left on device" ]
	run bash -c 'set -o pipefail; from-qdpx --segments "$0" "$1" 2>"$2" | head -n 1' \
		"$T/big.tsv" "$T/big.qdpx" "$T/err"
	[ "$status" -eq 0 ]
	[ "$output" = "$(head -n 1 "$T/big.tsv")	human" ]
	[ ! -s "$T/err" ]
	mkdir "$T/dir"
	run --separate-stderr from-qdpx "$T/dir"
	[ "$status" -eq 2 ]
	[ "$stderr" = "from-qdpx: $T/dir: Is a directory" ]
	run --separate-stderr from-qdpx "$T/no-such.qdpx"
	[ "$status" -eq 2 ]
	[ "$stderr" = "from-qdpx: $T/no-such.qdpx: No such file or directory" ]
	[ -z "$output" ]
}

@test "from-qdpx: usage errors" {
	run from-qdpx
	[ "$status" -eq 2 ]
	run from-qdpx --crlf three "$F/maxqda/project.qde"
	[ "$status" -eq 2 ]
	run from-qdpx --segments - "$F/maxqda/project.qde"
	[ "$status" -eq 2 ]
	run from-qdpx --segments "$F/coded.tsv" --codebook "$F/maxqda/project.qde"
	[ "$status" -eq 2 ]
}

# --- the round trip ------------------------------------------------------------

@test "from-qdpx --segments: human codes by overlap of positions, ready for agree" {
	export_fixture
	run from-qdpx --segments "$F/coded.tsv" "$T/f.qdpx"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(head -n 1 "$F/coded.tsv")	human" ]
	printf '%s\n' "${lines[@]}" >"$T/back.tsv"
	cmp <(cut -f 9 "$F/coded.tsv" | tail -n +2) <(cut -f 11 "$T/back.tsv" | tail -n +2)
	run agree -c human,codes "$T/back.tsv"
	[ "$status" -eq 0 ]
}

@test "from-qdpx --segments: a selection the researcher widened reaches the segments it overlaps" {
	export_fixture
	rm -rf "$T/x" && mkdir "$T/x" && (cd "$T/x" && unzip -q "$T/f.qdpx")
	# the selection of g1 seg 4 (118..149) now starts inside seg 3 (86..110)
	sed -i 's/startPosition="118"/startPosition="100"/' "$T/x/project.qde"
	run from-qdpx --segments "$F/coded.tsv" "$T/x/project.qde"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | cut -f 2,11 | sed -n 4p)" = \
		"$(printf '3\tfacilitators/self-care;facilitators/peer-support;barriers/time-constraints')" ]
}

@test "from-qdpx --segments: other segments than the project's are an error" {
	export_fixture
	sed 's/What helps you keep going?/What helps?/' "$F/coded.tsv" >"$T/other.tsv"
	run from-qdpx --segments "$T/other.tsv" "$T/f.qdpx"
	[ "$status" -eq 2 ]
	[[ "$output" == *"the text of 'g1' is not the one its segments make (they differ from code point 17 on)"* ]]
}

@test "round trip: examples/compassion coded, exported, imported back: the same codes on the same segments" {
	d=$BATS_TEST_DIRNAME/..
	"$d/pipelines/thematic-analysis.sh" -q -r "$d/examples/compassion/roster.tsv" \
		-t "$d/examples/compassion/terms.tsv" -c "$d/codebooks/compassion.cb" \
		-s '--base 2 --run 1' -o "$T/out" "$d/examples/compassion"
	gzip -dc "$T/out/coded.tsv.gz" >"$T/coded.tsv"
	to-qdpx -o "$T/s.qdpx" --codebook "$d/codebooks/compassion.cb" "$T/coded.tsv"
	run valid_project "$T/s.qdpx"
	[ "$status" -eq 0 ]
	from-qdpx --segments "$T/coded.tsv" "$T/s.qdpx" >"$T/back.tsv"
	# the stream comes back whole, with human = codes, byte for byte
	awk -F '\t' 'BEGIN { OFS = "\t" } { print $0, (NR == 1 ? "human" : $9) }' "$T/coded.tsv" >"$T/want.tsv"
	cmp "$T/want.tsv" "$T/back.tsv"
	[ "$(grep -c . "$T/coded.tsv")" -gt 500 ]
	run bash -c "agree -c human,codes '$T/back.tsv' | awk -F '\t' '\$1 == \"(all)\" { print \$7 }'"
	[ "$output" = 1.000000 ]
}

@test "from-qdpx --codebook: names made paths; two siblings of one path get -2, -3" {
	cat >"$T/c.qdc" <<-'QDC'
	<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x">
	<Codes>
	<Code guid="00000000-0000-4000-8000-000000000001" name="Zeit / Druck" isCodable="true">
	<Code guid="00000000-0000-4000-8000-000000000002" name="Time" isCodable="true"/>
	<Code guid="00000000-0000-4000-8000-000000000003" name="time" isCodable="true"/>
	<Code guid="00000000-0000-4000-8000-000000000004" name="TIME!" isCodable="true"/>
	<Code guid="00000000-0000-4000-8000-000000000005" name="???" isCodable="true"/>
	</Code>
	</Codes>
	</CodeBook>
	QDC
	run from-qdpx "$T/c.qdc"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep '^code ' | cut -d ' ' -f 2 | tr '\n' ' ')" = \
		"zeit-druck zeit-druck/time zeit-druck/time-2 zeit-druck/time-3 zeit-druck/code " ]
	printf '%s\n' "$output" >"$T/c.cb"
	run_stdin 'doc\ttext\nd\tx\n' match-theme "$T/c.cb"
	[ "$status" -eq 0 ]
}

@test "to-qdpx --case-vars: several columns, each a variable; a .dic as the codebook" {
	awk -F '\t' 'BEGIN { OFS = "\t" } { print $0, (NR == 1 ? "cohort" : ($7 == "" ? "" : "2026")) }' \
		"$F/coded.tsv" >"$T/c.tsv"
	to-qdpx -o "$T/c.qdpx" --case-vars role --case-vars cohort,site "$T/c.tsv"
	run valid_project "$T/c.qdpx"
	[ "$status" -eq 0 ]
	x() { xmllint --xpath "$1" "$T/v.qde"; }
	[ "$(x 'count(//*[local-name()="Variable"])')" -eq 3 ]
	[ "$(x 'count(//*[local-name()="Case" and @name="S02"]/*[local-name()="VariableValue"])')" -eq 2 ]
	printf '%%\n1\tfacilitators\n2\tbarriers\n%%\nsleep*\t1\ntime\t2\n' >"$T/d.dic"
	to-qdpx --qdc -o "$T/d.qdc" --codebook "$T/d.dic" /dev/null
	run xmllint --noout --schema "$XSD/Codebook.xsd" "$T/d.qdc"
	[ "$status" -eq 0 ]
	[ "$(grep -c '<Code ' "$T/d.qdc")" -eq 2 ]
}
