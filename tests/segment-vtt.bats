#!/usr/bin/env bats
# segment(1): WebVTT by the W3C spec's parsing algorithm.  The fixtures in
# fixtures/segment-vtt/ are written by hand, one behaviour each: X.vtt,
# X.cues (the cues as tests/tools/vttcues lists them: id, start and end
# in ms, raw text) and X.err when the parser drops something (FILE:
# stands for the file name).
load helper

setup() {
	F=$FIX/segment-vtt
	T=$BATS_TEST_TMPDIR
	CUES=$QP_OBJ/tests/tools/vttcues
}

@test "segment-vtt: every fixture gives its cues and says what it dropped" {
	n=0
	for v in "$F"/*.vtt; do
		b=${v%.vtt}
		"$CUES" "$v" 2>"$T/err" | cut -f2- >"$T/cues"
		diff "$T/cues" "$b.cues" || { echo "cues of $v"; return 1; }
		if [ -f "$b.err" ]; then
			sed "s|^FILE:|vttcues: $v:|" "$b.err" | diff "$T/err" - || { echo "stderr of $v"; return 1; }
		else
			[ ! -s "$T/err" ] || { echo "stderr of $v:"; cat "$T/err"; return 1; }
		fi
		n=$((n + 1))
	done
	[ "$n" -ge 9 ]
}

@test "segment-vtt: --strict is exit 2 exactly where something is dropped, with the same message" {
	for v in "$F"/*.vtt; do
		b=${v%.vtt}
		run --separate-stderr segment --strict "$v"
		if [ -f "$b.err" ]; then
			[ "$status" -eq 2 ] || { echo "$v accepted"; return 1; }
			[ "$stderr" = "segment: $v:$(head -1 "$b.err" | cut -d: -f2-) (--strict)" ] ||
				{ echo "$v: $stderr"; return 1; }
		else
			[ "$status" -eq 0 ] || { echo "$v: $stderr"; return 1; }
		fi
	done
}

@test "segment-vtt: dropped cues are said by segment too, and the rest is read" {
	run --separate-stderr segment "$F/arrows.vtt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[2]}" = "$(printf 'arrows\t2\t00:00:01.000\t00:00:02.000\t\tan arrow in the text ends the cue')" ]
	[[ "$stderr" == "segment: $F/arrows.vtt:3: cue dropped: bad cue timings '-->'"* ]]
}

# timing line | start ms | end ms, or "-" for a line that is no timing
timings=(
	'00:00.000 --> 00:01.000|0|1000'
	'00:00:00.000 --> 00:00:01.000|0|1000'
	'  00:01.500   -->   00:02.250  |1500|2250'
	'999:59:59.999 --> 1000:00:00.000|3599999999|3600000000'
	'00:01.000 --> 00:00.000|1000|0'
	'00:02.000 --> 00:03.000 line:0 position:50%|2000|3000'
	'00:01.000-->00:02.000|1000|2000'
	'00:01.000 --> 00:02.000vertical:rl|1000|2000'
	'0:00:01.000 --> 0:00:02.000|1000|2000'
	'00:60.000 --> 01:00.000|-'
	'60:00.000 --> 61:00.000|-'
	'00:00:60.000 --> 00:01:00.000|-'
	'00:01.0000 --> 00:02.000|-'
	'00:01,000 --> 00:02,000|-'
	'00:01.000 -> 00:02.000|-'
	'1:2:03.000 --> 00:04.000|-'
	'00:01 --> 00:02|-'
	'-00:01.000 --> 00:02.000|-'
)

@test "segment-vtt: cue timing lines, as the spec collects timestamps" {
	for row in "${timings[@]}"; do
		IFS='|' read -r line s e <<<"$row"
		printf 'WEBVTT\n\n%s\ntext\n' "$line" >"$T/t.vtt"
		got=$("$CUES" "$T/t.vtt" 2>/dev/null | cut -f3,4)
		if [ "$s" = - ]; then
			[ -z "$got" ] || { echo "accepted: $line ($got)"; return 1; }
		else
			[ "$got" = "$(printf '%s\t%s' "$s" "$e")" ] || { echo "$line: '$got'"; return 1; }
		fi
	done
}

# cue text | what segment makes of it (white space normalised)
refs=(
	'&amp;&lt;&gt;&quot;&apos;|&<>"'"'"
	'&AMP; &LT; &GT;|& < >'
	'fish &amp chips|fish & chips'
	'&copy 2026|© 2026'
	'&notin; &not; &notit;|∉ ¬ ¬it;'
	'&ClockwiseContourIntegral;|∲'
	'&nsubE; &NotEqualTilde;|⫅̸ ≂̸'
	'&bogus; &1; &; & &&|&bogus; &1; &; & &&'
	'&#65;&#x42;&#X43;&#068|ABCD'
	'&#x2019; &#8217;|’ ’'
	'&#128; &#150; &#x81;|€ – '$'\xc2\x81'
	'&#0; &#xD800; &#x110000; &#99999999999;|� � � �'
	'&# &#x &#xg;|&# &#x &#xg;'
	'a&nbsp;b|a'$'\xc2\xa0''b'
	'a&lrm;b&rlm;c|a'$'\xe2\x80\x8e''b'$'\xe2\x80\x8f''c'
)

@test "segment-vtt: character references by HTML's table and its rules" {
	for row in "${refs[@]}"; do
		in=${row%%|*}
		want=${row#*|}
		printf 'WEBVTT\n\n00:00.000 --> 00:01.000\n%s\n' "$in" >"$T/r.vtt"
		got=$(segment "$T/r.vtt" | tail -n +2 | cut -f6)
		[ "$got" = "$want" ] || { echo "$in: '$got', not '$want'"; return 1; }
	done
}

@test "segment-vtt: a reference in a <v> annotation is decoded; '>' ends it" {
	printf 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ana &amp; Ben>Hi.</v> <v Caf&eacute;&>Yes.\n' >"$T/v.vtt"
	run segment --no-merge "$T/v.vtt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f5,6)" = "$(printf 'Ana & Ben\tHi.')" ]
	[ "$(printf '%s\n' "${lines[2]}" | cut -f5,6)" = "$(printf 'Café&\tYes.')" ]
}

@test "segment-vtt: a '<' without '>' makes the rest of the cue a tag, said on stderr" {
	printf 'WEBVTT\n\n00:00.000 --> 00:01.000\nIs 3 < 4?\nyes\n\n00:01.000 --> 00:02.000\nok <\n' >"$T/lt.vtt"
	run --separate-stderr segment "$T/lt.vtt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[1]}" | cut -f6)" = "Is 3" ]
	[ "$(printf '%s\n' "${lines[2]}" | cut -f6)" = "ok" ]
	[ "$stderr" = "segment: $T/lt.vtt:3: cue text dropped: '< 4?' (a '<' without '>' begins a tag to the end of the cue)" ]
	run segment --strict "$T/lt.vtt"
	[ "$status" -eq 2 ]
}

@test "segment-vtt: NOTE blocks, STYLE and REGION before the first cue, blocks of white space are dropped quietly" {
	printf 'WEBVTT\n\nNOTE\nanything\n\nSTYLE\n::cue {}\n\nREGION\nid:x\n\nSTYLE\n\nNOTE one line\n\n00:00.000 --> 00:01.000\nA: hi\n\n  \n\t\n' >"$T/q.vtt"
	run --separate-stderr segment --strict "$T/q.vtt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[1]}" = "$(printf 'q\t1\t00:00:00.000\t00:00:01.000\tA\thi')" ]
}
