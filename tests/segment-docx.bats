#!/usr/bin/env bats
# segment(1), DOCX: .docx transcripts, built here from their XML parts
# (tests/fixtures/segment-docx/*.xml, WordprocessingML as each writer
# lays it out) by tests/tools/mkarchive.
load helper

setup() {
	F=$FIX/segment-docx
	T=$BATS_TEST_TMPDIR
	MK=$QP_OBJ/tests/tools/mkarchive
}

# mkdocx OUT DOCUMENT.XML [MEMBER...]: a .docx of the document part
mkdocx() {
	local out=$1 doc=$2
	shift 2
	"$MK" zip "$out" "[Content_Types].xml=@$F/content-types.xml" \
		"_rels/.rels=@$F/rels.xml" "word/document.xml=@$doc" "$@"
}

# ---- layouts, recognised from the text ----

@test "segment docx: layouts read exactly (Teams, Meet with Gemini notes, Word, labelled, timestamped, plain)" {
	for x in teams meet word labeled stamped plain; do
		mkdocx "$T/$x.docx" "$F/$x.xml" "word/header1.xml=@$F/header.xml"
		run segment "$T/$x.docx"
		[ "$status" -eq 0 ] || { echo "$x: $output"; false; }
		diff <(printf '%s\n' "$output") "$F/$x.tsv"
	done
}

@test "segment docx: Gemini's notes never become speech" {
	mkdocx "$T/meet.docx" "$F/meet.xml"
	run segment --no-merge "$T/meet.docx"
	[ "$status" -eq 0 ]
	[[ "$output" != *"Opening hours"* ]]
	[[ "$output" != *"discussed"* ]]
	[[ "$output" != *"Survey"* ]]
	[[ "$output" != *"editable transcript"* ]]
	[[ "$output" != *"Transcription ended"* ]]
}

@test "segment docx: Meet notes without their transcript are an error, not speech" {
	sed 's|<w:t>📖 Transcript</w:t>|<w:t>Appendix</w:t>|; s|Library study - Transcript|Library study|' \
		"$F/meet.xml" >"$T/notes.xml"
	mkdocx "$T/notes.docx" "$T/notes.xml"
	run segment "$T/notes.docx"
	[ "$status" -eq 2 ]
	[[ "$output" == *"segment: $T/notes.docx:"*"without its transcript"* ]]
}

@test "segment docx: started/stopped transcription and the preamble are not speech" {
	mkdocx "$T/teams.docx" "$F/teams.xml"
	run segment "$T/teams.docx"
	[ "$status" -eq 0 ]
	[[ "$output" != *"transcription"* ]]
	[[ "$output" != *"41m 7s"* ]]
	[[ "$output" != *"Meeting Transcript"* ]]
}

@test "segment docx: the same text as a .txt file reads the same" {
	for x in teams meet labeled; do
		mkdocx "$T/$x.docx" "$F/$x.xml"
		run segment "$T/$x.docx"
		a=$output
		# the text segment extracts: paragraphs' lines, a blank line after each
		python3 - "$F/$x.xml" >"$T/$x.txt" <<-'PY'
		import re, sys, xml.etree.ElementTree as ET
		W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
		MC = '{http://schemas.openxmlformats.org/markup-compatibility/2006}'
		skip = {W + n for n in ('del', 'instrText', 'delText', 'txbxContent', 'pPr', 'rPr', 'sectPr', 'tblPr', 'tblGrid', 'tcPr')} | {MC + 'Fallback'}
		def text(e, out):
		    if e.tag in skip:
		        return
		    if e.tag == W + 't':
		        t = e.text or ''
		        if e.get('{http://www.w3.org/XML/1998/namespace}space') != 'preserve':
		            t = t.strip()
		        out.append(t)
		    elif e.tag == W + 'tab':
		        out.append('\t')
		    elif e.tag in (W + 'br', W + 'cr'):
		        out.append('\n')
		    for c in e:
		        text(c, out)
		def paras(e):
		    if e.tag in skip:
		        return
		    if e.tag == W + 'p':
		        out = []
		        text(e, out)
		        s = ''.join(out)
		        if s.strip():
		            print(s + '\n')
		        return
		    for c in e:
		        paras(c)
		paras(ET.parse(sys.argv[1]).getroot())
		PY
		run segment "$T/$x.txt"
		[ "$output" = "$a" ] || { echo "$x"; diff <(echo "$a") <(echo "$output"); false; }
	done
}

@test "segment docx: --from names the reader; --doc names the document" {
	mkdocx "$T/teams.docx" "$F/teams.xml"
	run segment --from teams -d interview7 "$T/teams.docx"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'interview7\t1\t00:00:04.000\t\tPriya Raman\tThanks for joining. Can you hear me all right?')" ]
	run segment --from plain "$T/teams.docx"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 9 ]
	[[ "${lines[4]}" == *"Priya Raman started transcription" ]]
}

@test "segment docx: from a pipe, and with other files" {
	mkdocx "$T/word.docx" "$F/word.xml"
	printf 'Jane: hello\nJohn: hi\n' >"$T/chat.txt"
	run bash -c "cat '$T/word.docx' | segment - '$T/chat.txt'"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'stdin\t1\t00:00:05.000\t\tSpeaker 1\tSo when did you first come to the library?')" ]
	[ "${lines[3]}" = "$(printf 'chat\t1\t\t\tJane\thello')" ]
}

@test "segment docx: Strict OOXML namespace and a document with a BOM-less UTF-16 declaration" {
	sed 's|http://schemas.openxmlformats.org/wordprocessingml/2006/main|http://purl.oclc.org/ooxml/wordprocessingml/main|' \
		"$F/word.xml" >"$T/strict.xml"
	mkdocx "$T/word.docx" "$T/strict.xml"
	run segment "$T/word.docx"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/word.tsv"
	iconv -f UTF-8 -t UTF-16 "$F/word.xml" | sed '1s/UTF-8/UTF-16/' >"$T/u16.xml"
	mkdocx "$T/word.docx" "$T/u16.xml"
	run segment "$T/word.docx"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/word.tsv"
}

# ---- errors ----

@test "segment docx: errors name the file, exit 2" {
	# no word/document.xml
	"$MK" zip "$T/empty.docx" "[Content_Types].xml=@$F/content-types.xml" "_rels/.rels=@$F/rels.xml"
	run segment "$T/empty.docx"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/empty.docx: a .docx without word/document.xml"* ]]
	# bad XML: a tag not closed
	printf '<?xml version="1.0"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\n<w:body><w:p><w:r><w:t>hi</w:r></w:p>\n' >"$T/bad.xml"
	mkdocx "$T/bad.docx" "$T/bad.xml"
	run segment "$T/bad.docx"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/bad.docx: word/document.xml:3: bad XML: "* ]]
	# a DOCTYPE with entities (billion laughs) is refused before any expansion
	printf '<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>\n' >"$T/dtd.xml"
	mkdocx "$T/dtd.docx" "$T/dtd.xml"
	run segment "$T/dtd.docx"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/dtd.docx: word/document.xml: bad XML: a DOCTYPE"* ]]
	# an external entity is never fetched
	printf '<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>\n' >"$T/xxe.xml"
	mkdocx "$T/xxe.docx" "$T/xxe.xml"
	run segment "$T/xxe.docx"
	[ "$status" -eq 2 ]
	[[ "$output" != *root:* ]]
	# a damaged zip: cut in the middle
	mkdocx "$T/word.docx" "$F/word.xml"
	head -c 300 "$T/word.docx" >"$T/cut.docx"
	run segment "$T/cut.docx"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/cut.docx: bad ZIP archive: "* ]]
	# another Office file
	"$MK" zip "$T/sheet.xlsx" "[Content_Types].xml=@$F/content-types.xml" "xl/workbook.xml=<workbook/>"
	run segment "$T/sheet.xlsx"
	[ "$status" -eq 2 ]
	[[ "$output" == *"(or another Office file)"* ]]
	# OpenDocument
	"$MK" zip "$T/notes.odt" "mimetype=application/vnd.oasis.opendocument.text" "content.xml=<x/>"
	run segment "$T/notes.odt"
	[ "$status" -eq 2 ]
	[[ "$output" == *"looks like an OpenDocument"* ]]
}

@test "segment docx: a word/document.xml past 256 MiB uncompressed is refused (zip bomb)" {
	"$MK" zip "$T/bomb.docx" "[Content_Types].xml=@$F/content-types.xml" \
		"word/document.xml=%spaces:268435500"
	[ "$(stat -c %s "$T/bomb.docx")" -lt 2000000 ]
	run segment "$T/bomb.docx"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/bomb.docx: word/document.xml: "* ]]
}

@test "segment docx: a .docx that was refused before is read; a gzip'd one is still refused" {
	run segment "$FIX/segment/structured/interview.docx"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\tstart\tend\tspeaker\ttext\ninterview\t1\t\t\tInterviewer\tThanks for joining us today.\ninterview\t2\t\t\tParticipant\tHappy to be here.')" ]
	gzip -c "$FIX/segment/structured/interview.docx" >"$T/in.docx.gz"
	run segment "$T/in.docx.gz"
	[ "$status" -eq 2 ]
	[ "$output" = "segment: $T/in.docx.gz: looks like a ZIP archive (.docx?), not text; see segment(1)" ]
}

@test "segment docx: a Teams transcript copied out as text, no blank lines between turns" {
	printf '%s\n' 'Library study-20261103_101500-Meeting Transcript' '3 November 2026, 10:15am' \
		'41m 7s' 'Priya Raman started transcription' 'Priya Raman   0:04' \
		'Thanks for joining. Can you hear me all right?' 'Okafor, Daniel   0:09' \
		'Yes, loud and clear.' 'Sorry, one moment.' 'Priya Raman   1:02:13' \
		'So, the reading room on Fridays.' 'Priya Raman stopped transcription' >"$T/teams.txt"
	run segment "$T/teams.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/teams.tsv"
	# a preamble longer than title, date and duration is not Teams
	printf '%s\n' 'a' 'b' 'c' 'd' 'Priya Raman started transcription' 'Priya Raman   0:04' 'hi' >"$T/long.txt"
	run segment --from teams "$T/long.txt"
	[ "$status" -eq 2 ]
	[[ "$output" == "segment: $T/long.txt:4: not a Teams transcript: expected a speaker line"* ]]
}

@test "segment docx: Teams with the speech in paragraphs of its own, not after a line break" {
	sed 's|<w:r><w:br/>|</w:p><w:p><w:r>|g' "$F/teams.xml" >"$T/teams.xml"
	run grep -c '<w:br/>' "$T/teams.xml"
	[ "$output" = 0 ]
	mkdocx "$T/teams.docx" "$T/teams.xml"
	run segment "$T/teams.docx"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/teams.tsv"
}

@test "segment docx: an external parameter entity is never loaded" {
	printf '<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY %% p SYSTEM "file://%s/secret"> %%p;]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>\n' "$T" >"$T/pe.xml"
	printf 'Spy: the secret\n' >"$T/secret"
	mkdocx "$T/pe.docx" "$T/pe.xml"
	run segment "$T/pe.docx"
	[ "$status" -eq 2 ]
	[[ "$output" != *secret* ]]
}

@test "segment docx: Gemini's notes longer than detection's window are still not speech" {
	details=$(for i in $(seq 1 80); do printf '<w:p><w:r><w:t>Topic %d: Daniel Okafor said something (00:00:%02d).</w:t></w:r></w:p>' "$i" $((i % 60)); done)
	awk -v d="$details" '{ sub(/<w:p><w:pPr><w:pStyle w:val="Heading2"\/><\/w:pPr><w:r><w:t>Suggested next steps/, d "&"); print }' \
		"$F/meet.xml" >"$T/long.xml"
	[ "$(grep -o 'Topic 80' "$T/long.xml")" = "Topic 80" ]
	mkdocx "$T/long.docx" "$T/long.xml"
	run segment "$T/long.docx"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output" | sed 's/^long\t/meet\t/') "$F/meet.tsv"
}
