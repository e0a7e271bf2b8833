#!/usr/bin/env bats
# segment(1): transcripts in, turn records out.
load helper

setup() {
	F=$FIX/segment
	T=$BATS_TEST_TMPDIR
}

# same FILE...: segment's output for the files equals EXPECTED (last arg)
hdr=$(printf 'doc\tseg\tstart\tend\tspeaker\ttext')

# ---- each format, recognised without --format, exact output ----

@test "segment: Zoom WebVTT (Name: in cues, a turn over three cues)" {
	run segment "$F/zoom.vtt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/zoom.tsv"
}

@test "segment: Teams WebVTT (BOM, CRLF, <v> spans, a missing </v>, entities)" {
	run segment "$F/teams.vtt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/teams.tsv"
}

@test "segment: WebVTT spec features (header, STYLE, REGION, NOTE, settings, tags, references)" {
	run segment "$F/spec.vtt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/spec.tsv"
}

@test "segment: SubRip with tags, override blocks and Name: lines" {
	run segment "$F/subtitles.srt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/subtitles.tsv"
}

@test "segment: Otter export past the hour, with its footer" {
	run segment "$F/otter.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/otter.tsv"
}

@test "segment: timestamped, Name (hh:mm:ss): heads" {
	run segment "$F/rev.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/rev.tsv"
}

@test "segment: timestamped, [hh:mm:ss] Name: heads after a metadata block" {
	run segment "$F/stamped.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/stamped.tsv"
}

@test "segment: timestamped, Zoom's saved captions [Name] hh:mm:ss" {
	run segment "$F/captions.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/captions.tsv"
}

@test "segment: labelled transcript (header, continuations, for example:, MODERATOR (Jane Doe):)" {
	run segment "$F/interview.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/interview.tsv"
}

@test "segment: plain text, one record per paragraph, newlines kept as \\n" {
	run segment "$F/plain.txt"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/plain.tsv"
}

@test "segment: --format gives the same output as detection for every fixture" {
	for pair in zoom.vtt:vtt teams.vtt:vtt spec.vtt:vtt subtitles.srt:srt \
	    otter.txt:otter rev.txt:timestamped stamped.txt:timestamped \
	    captions.txt:timestamped interview.txt:labeled plain.txt:plain; do
		f=${pair%%:*}
		fmt=${pair#*:}
		segment -f "$fmt" "$F/$f" >"$T/out"
		diff "$T/out" "$F/${f%.*}.tsv" || { echo "$f as $fmt"; return 1; }
		segment --format="$fmt" "$F/$f" | cmp - "$T/out"
	done
}

@test "segment: detection is by content, not by the .txt name" {
	for f in zoom.vtt subtitles.srt otter.txt rev.txt interview.txt plain.txt; do
		cp "$F/$f" "$T/${f%.*}.txt"
		segment "$T/${f%.*}.txt" >"$T/out"
		diff "$T/out" "$F/${f%.*}.tsv" || { echo "$f"; return 1; }
	done
}

@test "segment: several files, each its own doc, seg restarting at 1" {
	run segment "$F/zoom.vtt" "$F/otter.txt" "$F/plain.txt"
	[ "$status" -eq 0 ]
	{ cat "$F/zoom.tsv"; tail -n +2 "$F/otter.tsv"; tail -n +2 "$F/plain.tsv"; } >"$T/want"
	diff <(printf '%s\n' "$output") "$T/want"
}

# ---- line endings, BOM, gzip ----

@test "segment: LF, CRLF, lone CR and a BOM give the same records" {
	tr -d '\r' <"$F/teams.vtt" | tail -c +4 >"$T/teams.vtt"
	segment "$T/teams.vtt" | diff - "$F/teams.tsv"
	sed 's/$/\r/' "$F/zoom.vtt" >"$T/zoom.vtt"
	segment "$T/zoom.vtt" | diff - "$F/zoom.tsv"
	tr '\n' '\r' <"$F/zoom.vtt" >"$T/zoom.vtt"
	segment "$T/zoom.vtt" | diff - "$F/zoom.tsv"
	{ printf '\357\273\277'; cat "$F/interview.txt"; } >"$T/interview.txt"
	segment "$T/interview.txt" | diff - "$F/interview.tsv"
	tr '\n' '\r' <"$F/otter.txt" >"$T/otter.txt"
	segment "$T/otter.txt" | diff - "$F/otter.tsv"
}

@test "segment: gzip input is read transparently; .gz and the extension leave the doc" {
	gzip -c "$F/zoom.vtt" >"$T/zoom.vtt.gz"
	run segment "$T/zoom.vtt.gz"
	[ "$status" -eq 0 ]
	diff <(printf '%s\n' "$output") "$F/zoom.tsv"
	gzip -c "$F/interview.txt" | segment -d interview | diff - "$F/interview.tsv"
}

@test "segment: truncated gzip is an error naming the file" {
	gzip -c "$F/otter.txt" | head -c 100 >"$T/cut.txt.gz"
	run --separate-stderr segment "$T/cut.txt.gz"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/cut.txt.gz:"*"truncated gzip data"* ]]
}

# ---- doc names ----

@test "segment: doc from stdin is 'stdin', --doc sets it, --doc with two files is a usage error" {
	run segment <"$F/plain.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f1 | sort -u)" = stdin ]
	run segment --doc p07 - <"$F/plain.txt"
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f1 | sort -u)" = p07 ]
	run segment -d 'a b' "$F/plain.txt"
	[ "$(printf '%s\n' "$output" | sed -n 2p | cut -f1)" = 'a b' ]
	run --separate-stderr segment --doc x "$F/plain.txt" "$F/otter.txt"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"--doc names one input"*"usage: segment"* ]]
}

@test "segment: doc keeps dots before the extension and escapes a tab" {
	cp "$F/plain.txt" "$T/site.b.notes.txt"
	cp "$F/plain.txt" "$T/$(printf 'tab\there.txt')"
	run segment "$T/site.b.notes.txt" "$T/$(printf 'tab\there.txt')"
	[ "$(printf '%s\n' "$output" | sed -n 2p | cut -f1)" = site.b.notes ]
	[ "$(printf '%s\n' "$output" | tail -1 | cut -f1)" = 'tab\there' ]
}

# ---- merging and --no-merge ----

@test "segment: the old spellings -n and --format mean --no-merge and --from" {
	segment --no-merge "$F/zoom.vtt" >"$T/want"
	segment -n "$F/zoom.vtt" | cmp - "$T/want"
	segment --from plain "$F/interview.txt" >"$T/want"
	segment -f plain "$F/interview.txt" | cmp - "$T/want"
	segment --format plain "$F/interview.txt" | cmp - "$T/want"
	segment --format=plain "$F/interview.txt" | cmp - "$T/want"
	run segment --help
	[[ "$output" != *"-n,"* && "$output" != *"--format"* ]]
}

@test "segment: --no-merge keeps every cue and label line apart" {
	run segment -n "$F/zoom.vtt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 11 ]
	[ "${lines[1]}" = "$(printf 'zoom\t1\t00:00:02.140\t00:00:06.880\tAlex Moreno\tOkay, I think we'"'"'re recording now. Thanks for joining, everyone.')" ]
	[ "${lines[3]}" = "$(printf 'zoom\t3\t00:00:12.410\t00:00:15.020\tAlex Moreno\ta day on the bike better or worse.')" ]
	run segment --no-merge "$F/interview.txt"
	[ "$(printf '%s\n' "$output" | cut -f5 | tail -n +2 | tr '\n' ,)" = "MODERATOR (Jane Doe),P1,P2,P2,Dr. Smith,INTERVIEWER,P3," ]
}

@test "segment: pieces without a speaker never merge; empty cues are dropped" {
	printf 'WEBVTT\n\n00:01.000 --> 00:02.000\none\n\n00:02.000 --> 00:03.000\ntwo\n\n00:03.000 --> 00:04.000\n<b> </b>\n\n00:04.000 --> 00:05.000\nA: x\n\n00:05.000 --> 00:06.000\nA: y\n' >"$T/in.vtt"
	run segment "$T/in.vtt"
	[ "$output" = "$hdr
in	1	00:00:01.000	00:00:02.000		one
in	2	00:00:02.000	00:00:03.000		two
in	3	00:00:04.000	00:00:06.000	A	x y" ]
}

@test "segment: a speaker change inside a cue splits it; both pieces keep the cue's times" {
	printf 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAna: Hi.\nBen: Hello.\n\n00:00:03.000 --> 00:00:04.000\n<v Ben>Again.</v> <v Ana>Me.\n' >"$T/in.vtt"
	run segment "$T/in.vtt"
	[ "$output" = "$hdr
in	1	00:00:01.000	00:00:03.000	Ana	Hi.
in	2	00:00:01.000	00:00:04.000	Ben	Hello. Again.
in	3	00:00:03.000	00:00:04.000	Ana	Me." ]
}

# ---- sentences ----

@test "segment: --unit sentence numbers sentences, keeps the turn and the turn's times" {
	printf 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAna: One thing. Two things?\n\n2\n00:00:02.000 --> 00:00:05.500\nAna: Three!\n\n3\n00:00:06.000 --> 00:00:07.000\nBen: Yes. No.\n' >"$T/s.vtt"
	run segment -u sentence "$T/s.vtt"
	[ "$status" -eq 0 ]
	[ "$output" = "$hdr	turn
s	1	00:00:01.000	00:00:05.500	Ana	One thing.	1
s	2	00:00:01.000	00:00:05.500	Ana	Two things?	1
s	3	00:00:01.000	00:00:05.500	Ana	Three!	1
s	4	00:00:06.000	00:00:07.000	Ben	Yes.	2
s	5	00:00:06.000	00:00:07.000	Ben	No.	2" ]
}

@test "segment: --unit sentence restarts seg and turn in each doc; --unit turn is the default" {
	run segment --unit=sentence "$F/otter.txt" "$F/interview.txt"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$hdr	turn" ]
	printf '%s\n' "$output" | awk -F'\t' 'NR > 1 {
		if ($1 != doc) { doc = $1; seg = 0; turn = 0 }
		if ($2 != ++seg) exit 1
		if ($7 != turn && $7 != turn + 1) exit 1
		turn = $7 }'
	[ "$(printf '%s\n' "$output" | awk -F'\t' '$1 == "otter" && $7 == 4' | wc -l)" -ge 4 ]
	segment -u turn "$F/otter.txt" | diff - "$F/otter.tsv"
}

# ---- speaker labels ----

@test "segment: what is and is not a speaker label" {
	while IFS='|' read -r line want; do
		printf 'Start: first turn\nZed: second turn\n%s\nmore\n' "$line" >"$T/l.txt"
		got=$(segment -f labeled "$T/l.txt" | tail -1 | cut -f5)
		[ "$got" = "${want:-Zed}" ] || { echo "'$line' gave '$got', want '${want:-Zed}'"; return 1; }
	done <<'EOF'
P1: text|P1
INTERVIEWER: text|INTERVIEWER
MODERATOR (Jane Doe): text|MODERATOR (Jane Doe)
Dr. Smith: text|Dr. Smith
Speaker 3: text|Speaker 3
p2: lower-case code|p2
Jane's iPad: a device name|Jane's iPad
I: interviewer|I
Q: question|Q
Mary-Jane O'Neil: text|Mary-Jane O'Neil
Élodie Durand: text|Élodie Durand
Jean de la Fontaine: text|Jean de la Fontaine
[S01]: a pseudonym from anonymize|[S01]
[PERSON_3fa9c01b2e]: a keyed one|[PERSON_3fa9c01b2e]
[CROSSTALK]: text|
  Indented: text|Indented
Label:|Label
for example: text|
The thing is: text|
So: text|
NOTE: text|
Date: 3 May|
van Gogh: text|
1: a numbered item|
Six Words Are Far Too Many: text|
at 10:30 we met|
http://example.com/x|
P1:no space after the colon|
[inaudible]: text|
EOF
}

@test "segment: metadata block rules (roles only inside a block, once, with a name)" {
	printf 'Interviewer: So, tell me about your ride.\nP1: Sure.\n' >"$T/a.txt"
	run segment "$T/a.txt"
	[ "${lines[1]}" = "$(printf 'a\t1\t\t\tInterviewer\tSo, tell me about your ride.')" ]
	printf 'Project: X\nInterviewer: Jane Doe\nInterviewer: Hello there.\nP1: Hi.\n' >"$T/b.txt"
	run segment "$T/b.txt"
	[ "$output" = "$hdr
b	1			Interviewer	Hello there.
b	2			P1	Hi." ]
	printf 'Project: X\n\nInterviewer: Jane Doe\nP1: Hi.\n' >"$T/c.txt"
	run segment "$T/c.txt"
	[ "${lines[1]}" = "$(printf 'c\t1\t\t\tInterviewer\tJane Doe')" ]
	printf 'Focus group 3, transcript\nDate: 1 May\n\nP1: Hi.\nP2: Hello.\n' >"$T/d.txt"
	run segment "$T/d.txt"
	[ "$output" = "$hdr
d	1				Focus group 3, transcript
d	2			P1	Hi.
d	3			P2	Hello." ]
}

@test "segment: white space is normalised, a backslash and a tab are escaped or collapsed" {
	printf 'P1:   a\t\tb   c  \nP2: back\\\\slash  \n' >"$T/w.txt"
	run segment "$T/w.txt"
	[ "${lines[1]}" = "$(printf 'w\t1\t\t\tP1\ta b c')" ]
	[ "${lines[2]}" = "$(printf 'w\t2\t\t\tP2\tback\\\\\\\\slash')" ]
}

# ---- WebVTT details ----

@test "segment: WebVTT timings: mm:ss.ttt, hours of three digits, settings" {
	printf 'WEBVTT\n\n59:59.999 --> 100:00:00.000 align:start\nA: x\n\n1:00:00.000 --> 1:00:01.000\nB: y\n' >"$T/t.vtt"
	run segment "$T/t.vtt"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 't\t1\t00:59:59.999\t100:00:00.000\tA\tx')" ]
	[ "${lines[2]}" = "$(printf 't\t2\t01:00:00.000\t01:00:01.000\tB\ty')" ]
}

@test "segment: a WebVTT timing line ends a cue even without a blank line" {
	printf 'WEBVTT\n\n00:01.000 --> 00:02.000\nA: x\n00:02.000 --> 00:03.000\nB: y\n' >"$T/t.vtt"
	run segment "$T/t.vtt"
	[ "${lines[2]}" = "$(printf 't\t2\t00:00:02.000\t00:00:03.000\tB\ty')" ]
}

@test "segment: WebVTT character references" {
	printf 'WEBVTT\n\n00:01.000 --> 00:02.000\n&lt;&gt;&amp;&quot;&apos;&#39;&#x2019;&#X41;&#146;&#0;&nbsp;&lrm;&rlm;|&bogus; &amp &#xZZ;\n' >"$T/t.vtt"
	run segment "$T/t.vtt"
	[ "$(printf '%s\n' "${lines[1]}" | cut -f6)" = "$(printf '<>&"'"''"'\342\200\231A\342\200\231\357\277\275\302\240\342\200\216\342\200\217|&bogus; & &#xZZ;')" ]
}

# ---- errors ----

@test "segment: a malformed WebVTT timing drops its cue, said on stderr; --strict makes it an error" {
	printf 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: ok\n\n2\n00:00:02.000 --> 00:00:3.000\nA: bad\n' >"$T/bad.vtt"
	run --separate-stderr segment "$T/bad.vtt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$stderr" = "segment: $T/bad.vtt:8: cue dropped: bad cue timings '00:00:02.000 --> 00:00:3.000' (expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt)" ]
	run --separate-stderr segment --strict "$T/bad.vtt"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "segment: $T/bad.vtt:8: cue dropped: bad cue timings '00:00:02.000 --> 00:00:3.000' (expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt) (--strict)" ]
	for t in '00:60.000 --> 01:00.000' '00:01.00 --> 00:02.000' '00:01.000-->00:02' \
	    '00:01.000 --> ' 'x --> y' '1:2:03.000 --> 00:04.000' '00:01.000 --> 00:02.0000'; do
		printf 'WEBVTT\n\n%s\nA: x\n' "$t" >"$T/bad.vtt"
		run segment --strict "$T/bad.vtt"
		[ "$status" -eq 2 ] || { echo "accepted: $t"; return 1; }
		[[ "$output" == *"bad.vtt:3: cue dropped: bad cue timings"* ]]
	done
}

@test "segment: WebVTT without its signature is an error; an identifier without timings is a dropped cue" {
	run --separate-stderr segment -f vtt "$F/plain.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $F/plain.txt:1: not WebVTT: the first line is not WEBVTT"* ]]
	cp "$F/plain.txt" "$T/named.vtt"
	run --separate-stderr segment "$T/named.vtt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"named.vtt:1: not WebVTT"* ]]
	printf 'WEBVTTX\n' | { run segment -f vtt; [ "$status" -eq 2 ]; }
	printf '\nWEBVTT\n\n00:01.000 --> 00:02.000\nA: x\n' >"$T/late.txt"
	run --separate-stderr segment "$T/late.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"late.txt:1: not WebVTT"* ]]
	printf 'WEBVTT\n\n1\nA: no timings\n' >"$T/t.vtt"
	run --separate-stderr segment "$T/t.vtt"
	[ "$status" -eq 0 ]
	[ "$stderr" = "segment: $T/t.vtt:3: cue dropped: no cue timings (START --> END) in the block '1'" ]
	run segment --strict "$T/t.vtt"
	[ "$status" -eq 2 ]
	printf 'WEBVTT\n\n1\n' >"$T/t.vtt"
	run --separate-stderr segment "$T/t.vtt"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"t.vtt:3: cue dropped: no cue timings"* ]]
}

@test "segment: a bad SubRip number or timing is an error with file and line" {
	printf '1\n00:00:01,000 --> 00:00:02,000\nx\n\nseven\n00:00:03,000 --> 00:00:04,000\ny\n' >"$T/a.srt"
	run --separate-stderr segment "$T/a.srt"
	[ "$status" -eq 2 ]
	[ "$stderr" = "segment: $T/a.srt:5: not SubRip: expected a subtitle number, found 'seven'" ]
	printf '1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n00:00:03 --> 00:00:04,000\ny\n' >"$T/b.srt"
	run --separate-stderr segment "$T/b.srt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/b.srt:6: bad subtitle timing"* ]]
	printf '1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\n' >"$T/c.srt"
	run --separate-stderr segment "$T/c.srt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/c.srt:5: the file ends after a subtitle number"* ]]
}

@test "segment: text before the first Otter speaker line is an error when otter is forced" {
	run --separate-stderr segment -f otter "$F/plain.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $F/plain.txt:1: not an Otter.ai export"* ]]
}

@test "segment: invalid UTF-8 is an error naming the line; --replace-invalid gives U+FFFD" {
	printf 'P1: fine\nP2: caf\351 au lait\n' >"$T/u.txt"
	run --separate-stderr segment "$T/u.txt"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == "segment: $T/u.txt:2: invalid UTF-8"* ]]
	run segment --replace-invalid "$T/u.txt"
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "$(printf 'u\t2\t\t\tP2\tcaf\357\277\275 au lait')" ]
}

@test "segment: a NUL byte is an error naming the line; --replace-invalid replaces it" {
	printf 'WEBVTT\n\n00:01.000 --> 00:02.000\nA: nul\000here\n' >"$T/n.vtt"
	run --separate-stderr segment "$T/n.vtt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/n.vtt:4: NUL byte"* ]]
	run segment --replace-invalid "$T/n.vtt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f6)" = "$(printf 'nul\357\277\275here')" ]
}

@test "segment: an empty file or empty input gives the header alone" {
	: >"$T/empty.vtt"
	run segment "$T/empty.vtt"
	[ "$status" -eq 0 ]
	[ "$output" = "$hdr" ]
	run segment </dev/null
	[ "$status" -eq 0 ]
	[ "$output" = "$hdr" ]
	printf '\n\n  \n' >"$T/blank.txt"
	run segment "$T/blank.txt"
	[ "$output" = "$hdr" ]
	run segment -u sentence </dev/null
	[ "$output" = "$hdr	turn" ]
}

@test "segment: unknown --format or --unit is a usage error" {
	run --separate-stderr segment --format=docx "$F/plain.txt"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[[ "$stderr" == *"unknown format 'docx'"*"usage: segment"* ]]
	run --separate-stderr segment -u word "$F/plain.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"unknown unit 'word'"*"usage: segment"* ]]
	run segment -f
	[ "$status" -eq 2 ]
}

@test "segment: a missing file is an error naming it" {
	run --separate-stderr segment "$T/nope.vtt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/nope.vtt: No such file"* ]]
}

# ---- size, output errors, pipes ----

@test "segment: a 50 MB line works (labelled and plain)" {
	awk 'BEGIN { printf "P1: "; for (i = 0; i < 7200000; i++) printf "word %d ", i % 10; printf "\nP2: end\n" }' >"$T/big.txt"
	run segment "$T/big.txt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f6 | wc -c)" -eq 50400000 ]
	[ "${lines[2]}" = "$(printf 'big\t2\t\t\tP2\tend')" ]
	segment -f plain "$T/big.txt" | tail -1 | cut -f6 | grep -qx 'P1: word 0 .*word 9\\nP2: end'
}

@test "segment: a full disk is a write error with status 2" {
	run --separate-stderr bash -c 'segment "$0" >/dev/full' "$F/zoom.vtt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: write error"* ]]
}

@test "segment: a reader that goes away ends segment quietly with status 0" {
	awk 'BEGIN { print "WEBVTT"; for (i = 1; i <= 40000; i++) printf "\n%d\n00:00:01.000 --> 00:00:02.000\nSpeaker %d: some words to fill the pipe\n", i, i % 2 }' >"$T/long.vtt"
	run bash -c 'segment "$0" 2>"$0.err" | head -1; echo "status ${PIPESTATUS[0]}"' "$T/long.vtt"
	[ "$output" = "$hdr
status 0" ]
	[ ! -s "$T/long.vtt.err" ]
}

@test "segment: output is the same with --line-buffered and whatever the locale" {
	segment "$F/spec.vtt" "$F/interview.txt" >"$T/a"
	segment --line-buffered "$F/spec.vtt" "$F/interview.txt" | cmp - "$T/a"
	LC_ALL=C segment "$F/spec.vtt" "$F/interview.txt" | cmp - "$T/a"
	LC_ALL=C.UTF-8 segment "$F/spec.vtt" "$F/interview.txt" | cmp - "$T/a"
}

@test "segment: --help and --version" {
	run segment --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: segment [-d doc] [-f format] [--no-merge] [-u unit] [--line-buffered]" ]]
	run segment --version
	[ "$status" -eq 0 ]
	[ "$output" = "segment (qualpipe) $(cat "$BATS_TEST_DIRNAME/../VERSION")" ]
}

# ---- structured data and binary input are refused, not read as prose ----

# file in structured/ | what segment says it looks like
# (JSON and the Whisper tables are read: tests/segment-json.bats)
refused_rows='export.csv|a CSV table; no reader for it yet, see segment(1)
pyannote.rttm|RTTM; no reader for it yet, see segment(1)
interview.pdf|a PDF document, not text; see segment(1)'

@test "segment: transcripts in JSON, tables, RTTM and binary files are refused with status 2" {
	local f want
	while IFS='|' read -r f want; do
		echo "row: $f"
		run --separate-stderr segment "$F/structured/$f"
		[ "$status" -eq 2 ]
		[ -z "$output" ]
		[ "$stderr" = "segment: $F/structured/$f: looks like $want" ]
		# by content, not by name: the same bytes from standard input
		run --separate-stderr segment <"$F/structured/$f"
		[ "$status" -eq 2 ]
		[ "$stderr" = "segment: <stdin>: looks like $want" ]
		# and inside gzip
		gzip -c "$F/structured/$f" >"$T/in.gz"
		run --separate-stderr segment "$T/in.gz"
		[ "$status" -eq 2 ]
		[ "$stderr" = "segment: $T/in.gz: looks like $want" ]
	done <<<"$refused_rows"
}

@test "segment: a refused file in a list stops the run after the files before it" {
	run --separate-stderr segment "$F/plain.txt" "$F/structured/export.csv" "$F/interview.txt"
	[ "$status" -eq 2 ]
	[ "$stderr" = "segment: $F/structured/export.csv: looks like a CSV table; no reader for it yet, see segment(1)" ]
}

# input (printf %b) | what it looks like (JSON: tests/segment-json.bats)
sniff_rows='doc\tseg\ttext\nd\t1\thi\n|a TAB-separated table; no reader for it yet, see segment(1)
start,end,text\n0.0,1.5,hi\n|a CSV table; no reader for it yet, see segment(1)
{\\rtf1\\ansi hello}\n|RTF; no reader for it yet, see segment(1)
<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml"></tt>\n|XML; no reader for it yet, see segment(1)
<!DOCTYPE html>\n<html></html>\n|HTML; no reader for it yet, see segment(1)
\xff\xfeh\0i\0\n\0|UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8); see segment(1)
h\0e\0l\0l\0o\0\n\0|UTF-16 text; convert it to UTF-8 (iconv -f UTF-16 -t UTF-8); see segment(1)
%PDF-1.7\n|a PDF document, not text; see segment(1)
\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0|an OLE2 file (an old .doc?), not text; see segment(1)
ID3\x04\0\0\0\0\0|an MP3 audio file, not text; see segment(1)
\0\0\0\x20ftypM4A \0\0|an MP4 audio or video file, not text; see segment(1)
BZh91AY&SY|bzip2 data (only gzip is inflated), not text; see segment(1)
\x01\x02\x03\x04\x05\x06\x07\x08hello|binary data, not text; see segment(1)
\xc3\xa9\x01\x02\x03\x04\x05\x06\x07\x08hello|binary data, not text; see segment(1)
\x8b\xe9\x9c\xff\x8a\xfe\x80\x81 text|binary data, not text; see segment(1)'

@test "segment: structured text and binary data, by their first bytes" {
	local in want
	while IFS='|' read -r in want; do
		echo "row: $in"
		run_stdin "$in" segment
		[ "$status" -eq 2 ]
		[ "$output" = "segment: <stdin>: looks like $want" ]
	done <<<"$sniff_rows"
}

# prose that only starts like structured data: still read, as before
@test "segment: prose that starts with [, {, <, commas or a TAB is still text" {
	local in
	while IFS= read -r in; do
		echo "row: $in"
		run_stdin "$in" segment
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -ge 2 ]
	done <<'ROWS'
[laughs] Well, that was a long time ago.\n
[1] The first thing I noticed was the noise.\n
{inaudible} and then we left.\n
<laughs> okay.\n
Yes, well, I think, so.\nAnd then, later, more.\n
Start, end, text: that is how we planned it.\n
I said\tno.\nShe said yes.\n
SPEAKER 1: hello there\nSPEAKER 2: hi\n
ROWS
}

@test "segment: the timestamped format with [HH:MM:SS] heads is not JSON" {
	run_stdin '[00:00:01] Interviewer: Hello.\n[00:00:04] Participant: Hi there.\n' segment
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'stdin\t1\t00:00:01.000\t\tInterviewer\tHello.')" ]
}

@test "segment: Latin-1 text is the line reader's error, not binary" {
	printf '\351t\351 \340 la plage\n' >"$T/l1.txt"
	run --separate-stderr segment "$T/l1.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/l1.txt:1: invalid UTF-8 at byte 1"* ]]
	run segment --replace-invalid "$T/l1.txt"
	[ "$status" -eq 0 ]
}

@test "segment: a stray NUL or bad byte in text is the line reader's error, not binary" {
	printf 'P1: fine\nP2: one\000stray\nP1: more text to read past the byte\n' >"$T/s.txt"
	run --separate-stderr segment "$T/s.txt"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/s.txt:2: NUL byte at byte 8"* ]]
}

@test "segment: --format plain reads any valid text, JSON and tables too" {
	run segment --format plain "$F/structured/whisper.json"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "$(printf 'whisper\t1\t\t\t\t{"text": " Thanks')"* ]]
	run segment -f plain "$F/structured/whisper.tsv"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	# binary is still not text: the line reader says where
	printf 'ab\000cd\n' >"$T/bin.dat"
	run --separate-stderr segment -f plain "$T/bin.dat"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/bin.dat:1: "* ]]
}

@test "segment: every example and fixture transcript is still read" {
	local f
	for f in "$BATS_TEST_DIRNAME"/../examples/transcripts/*.{txt,vtt,srt} \
	         "$BATS_TEST_DIRNAME"/../examples/compassion/*.{txt,vtt} \
	         "$F"/*.{txt,vtt,srt}; do
		echo "file: $f"
		run segment "$f"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -ge 2 ]
	done
}

@test "segment: a character cut by the end of the first 4096 bytes is not binary" {
	{ head -c 4095 /dev/zero | tr '\0' 'a'; printf '\303\251 and more text\n'; } >"$T/cut.txt"
	run segment "$T/cut.txt"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *"$(printf 'aaa\303\251 and more text')" ]]
}
