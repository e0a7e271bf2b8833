#!/usr/bin/env bats
# segment(1): the JSON and tables of the Whisper family and of the cloud
# ASR services (lib/tr_json.c and its vendors, lib/tr_table.c).  Fixtures
# in tests/fixtures/segment/json/, written by hand in each writer's
# layout; the expected records in json/expect/FILE.tsv.
load helper
bats_require_minimum_version 1.5.0

setup() {
	F=$FIX/segment/json
	T=$BATS_TEST_TMPDIR
}

# fixture | its --from name | what it shows
rows='openai-whisper.json|whisper-json|one line, as json.dump writes it; text with a leading space
whisper-words.json|whisper-json|word_timestamps: words ignored without --rttm
whisperx.json|whisper-json|speakers on words; an untimed numeral stays with its neighbours; bare NaN
whisper-cpp.json|whisper-cpp-json|-oj -di: offsets in ms, comma timestamps, "?" is no speaker
whisper-cpp-tdrz.json|whisper-cpp-json|-tdrz: segments up to speaker_turn_next are one turn
openai-whisper.tsv|whisper-tsv|integer ms, header
whisper-cpp.csv|whisper-cpp-csv|quoted text, quotes doubled
whisper-cpp-di.csv|whisper-cpp-csv|-di: a speaker column
aws-transcribe.json|aws-transcribe|speaker_label on items; punctuation joins the word before
aws-transcribe-old.json|aws-transcribe|speakers only in speaker_labels, after the items
aws-transcribe-channels.json|aws-transcribe|channel identification: channel_labels
deepgram.json|deepgram|speaker and punctuated_word; utterances disagree and are not read
deepgram-nodiarize.json|deepgram|no speakers: a piece a sentence
deepgram-multichannel.json|deepgram|two channels, one after the other: put in order of time
assemblyai.json|assemblyai|words with letters for speakers, ms
assemblyai-utterances.json|assemblyai|no words: the utterances
azure.json|azure|ticks, a NoMatch phrase skipped, combinedRecognizedPhrases not read
azure-iso.json|azure|ISO 8601 offsets only, over a minute
azure-fast.json|azure|fast transcription: phrases[] in milliseconds
google-stt.json|google-stt|the last result with speaker tags repeats every word
google-stt-nanos.json|google-stt|no diarization; {seconds, nanos} times
google-stt-operation.json|google-stt|the long-running operation around the response'

@test "segment: each JSON and table layout, detected from content, exact records" {
	local f name why
	while IFS='|' read -r f name why; do
		echo "row: $f ($why)"
		run --separate-stderr segment "$F/$f"
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		diff <(printf '%s\n' "$output") "$F/expect/$f.tsv"
		# by content, not by name: from standard input
		run segment -d "${f%.*}" <"$F/$f"
		[ "$status" -eq 0 ]
		diff <(printf '%s\n' "$output") "$F/expect/$f.tsv"
		# inside gzip
		gzip -c "$F/$f" >"$T/in.gz"
		run segment -d "${f%.*}" "$T/in.gz"
		[ "$status" -eq 0 ]
		diff <(printf '%s\n' "$output") "$F/expect/$f.tsv"
	done <<<"$rows"
}

@test "segment: --from names each reader; json is the automatic one" {
	local f name why
	while IFS='|' read -r f name why; do
		echo "row: $f"
		run segment --from "$name" "$F/$f"
		[ "$status" -eq 0 ]
		diff <(printf '%s\n' "$output") "$F/expect/$f.tsv"
		case $f in
		*.json)
			run segment -f json "$F/$f"
			[ "$status" -eq 0 ]
			diff <(printf '%s\n' "$output") "$F/expect/$f.tsv" ;;
		esac
	done <<<"$rows"
}

@test "segment: --from VENDOR on another vendor's JSON names what it found" {
	run --separate-stderr segment --from deepgram "$F/whisperx.json"
	[ "$status" -eq 2 ]
	[ "$stderr" = "segment: $F/whisperx.json:1: not Deepgram JSON (top-level keys: segments, word_segments)" ]
	run --separate-stderr segment --from whisper-tsv "$F/whisper-cpp.csv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $F/whisper-cpp.csv:1: not a whisper .tsv"* ]]
}

@test "segment: JSON, tables and RTTM are named in --help" {
	run segment --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"--rttm FILE"* ]]
	[[ "$output" == *"whisper-json"* ]]
}

# input (printf %b) | segment's message on <stdin>
bad_rows='[\n {"start": 0, "end": 1.5, "text": "hi"}\n]\n|3: JSON of no known transcript shape (an array); see segment(1)
{}\n|1: JSON of no known transcript shape (an empty object); see segment(1)
{\n  "foo": 1, "bar": [2]\n}\n|3: JSON of no known transcript shape (top-level keys: foo, bar); see segment(1)
{"segments": {"a": 1}}\n|1: JSON of no known transcript shape (top-level keys: segments); see segment(1)
[0.5, 1.5]\n|1: JSON of no known transcript shape (an array); see segment(1)
{"segments": [\n{"start": 0, "end": 1, "text": "a"},\n{"start": 1 "end": 2}\n]}\n|3: JSON: parse error: after key and value, inside map, I expect '"'"','"'"' or '"'"'}'"'"' (near byte 14 of the line)
{"segments": [\n{"start": 0, "end": 1, "text": "a"},\n|2: JSON: parse error: premature EOF
{"segments": [{"start": 0, "end": 1, "text": "a"}, {"start": 1,, "end": 2}]}\n|1: JSON: parse error: invalid object key (must be a string) (near byte 64 of the line)
{"segments": [{"start": "x", "text": "a"}]}\n|1: whisper JSON: "start" is not a time in seconds
{"segments": [{"start": -1, "text": "a"}]}\n|1: whisper JSON: "start" is a time out of range
{"segments": [{"start": 0}]}\n|1: whisper JSON: a segment without "text"
{"segments": [7]}\n|1: whisper JSON: a segment that is not an object
{"segments": [{"start": 0, "text": 5}]}\n|1: whisper JSON: "text" is not a string
{"segments": [{"text": "a", "speaker": [1]}]}\n|1: whisper JSON: "speaker" is not a speaker label (a string or an integer)
{"segments": [{"text": "a"}],\n "transcription": [{"text": "b"}]}\n|2: JSON that mixes the shapes of whisper JSON and whisper.cpp JSON
{"transcription": [{"timestamps": {"from": "0:00,5"}, "text": "b"}]}\n|1: whisper.cpp JSON: bad timestamp '"'"'0:00,5'"'"'
{"jobName": "j", "results": {"items": [{"type": "pronunciation", "start_time": "1.2.3", "alternatives": [{"content": "a"}]}]}}\n|1: AWS Transcribe: "start_time" is not a time in seconds
{"jobName": "j", "results": {"items": [{"type": "pronunciation", "alternatives": []}]}}\n|1: AWS Transcribe: an item without alternatives[0].content
{"results": {"channels": [{"alternatives": [{"words": []}]}, {"alternatives": [{"words": [{"word": "a", "start": 0, "end": 1}]}]}]}}\n|1: Deepgram: a second channel, but metadata.channels does not say so before it
{"recognizedPhrases": [{"offset": "PT1X", "nBest": [{"display": "a"}]}]}\n|1: Azure batch transcription: "offset" is not an ISO 8601 duration
{"results": [{"alternatives": [{"words": [{"word": "a", "startTime": {"nanos": 2000000000}}]}]}]}\n|1: Google STT: "startTime" is not a duration: bad nanos
{"words": [{"start": 1, "end": 2}]}\n|1: AssemblyAI: a word without "text"
{"segments": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n|1: JSON: nested too deep (near byte 525 of the line)
start,end,text\n0,100,"open\n|2: the file ends inside a quoted text
start,end,text\n0,1,"a"\n0,x,"a"\n|3: bad end in '"'"'0,x,"a"'"'"' (integer milliseconds)
start,end,text\n0,1,"a"b\n|2: text after the closing quote: '"'"'0,1,"a"b'"'"'
start\tend\ttext\n0\t100\tok\n5 five\n|3: a whisper .tsv row has three fields: '"'"'5 five'"'"'
start\tend\ttext\n0\t100\tok\n5\tx\ty\n|3: bad time in '"'"'5\tx\ty'"'"' (integer milliseconds)'

@test "segment: malformed JSON and tables: FILE:LINE and what is wrong, status 2" {
	local in want
	while IFS='|' read -r in want; do
		echo "row: $in"
		run_stdin "$in" segment
		[ "$status" -eq 2 ]
		[ "$output" = "$(printf '%b' "segment: <stdin>:$want")" ]
	done <<<"$bad_rows"
}

@test "segment: a .json name is JSON even when the content is not: the parser says where" {
	printf 'so we \n' >"$T/odd.json"
	run --separate-stderr segment "$T/odd.json"
	[ "$status" -eq 2 ]
	[ "$stderr" = "segment: $T/odd.json:1: JSON: lexical error: invalid char in json text. (near byte 1 of the line)" ]
}

# input (printf %b) | the records after the header (\t between fields)
quirk_rows='{"segments": [{"start": NaN, "end": Infinity, "text": " NaN, Infinity, -Infinity"}]}\n|stdin\t1\t\t\t\tNaN, Infinity, -Infinity
{"segments": [{"start": 1.0, "end": -Infinity, "text": "a", "x": [NaN,-Infinity]}]}\n|stdin\t1\t00:00:01.000\t\t\ta
{"segments": [{"start": 0.0005, "end": 0.0015, "text": "a"}]}\n|stdin\t1\t00:00:00.001\t00:00:00.002\t\ta
{"segments": [{"start": 0, "text": "a\\u0000b\\u0001c\\\\d\\u00e9"}]}\n|stdin\t1\t00:00:00.000\t\t\ta b c\\\\dé
{"segments": [{"start": 0, "text": "   "}, {"start": 1, "text": "b"}]}\n|stdin\t1\t00:00:01.000\t\t\tb
{"segments": [{"start": 0, "end": 1, "text": " caf\\u00e9 \\ud83d\\ude00 \\u4e2d"}]}\n|stdin\t1\t00:00:00.000\t00:00:01.000\t\tcafé 😀 中
{"segments": [{"start": 1e999, "text": "a"}]}\n|stdin\t1\t\t\t\ta
{"segments": []}\n|
{"transcription": []}\n|
{"segments": [{"text": "a", "speaker": 3}, {"text": "b", "speaker": 3}]}\n|stdin\t1\t\t\t3\ta b
{"recognizedPhrases": [{"offset": "PT1H2M3.5S", "duration": "PT0.25S", "speaker": 1, "nBest": [{"display": "a"}]}]}\n|stdin\t1\t01:02:03.500\t01:02:03.750\t1\ta
{"results": [{"alternatives": [{"transcript": "only text"}], "resultEndTime": "2.5s"}]}\n|stdin\t1\t\t00:00:02.500\t\tonly text
{"results": [{"alternatives": [{"words": [{"word": "a", "startTime": "1s", "speakerTag": 0}]}]}]}\n|stdin\t1\t00:00:01.000\t\t\ta
{"jobName": "j", "results": {"items": [{"type": "punctuation", "alternatives": [{"content": "..."}]}, {"type": "pronunciation", "start_time": "1", "alternatives": [{"content": "Hm"}]}]}}\n|stdin\t1\t\t\t\t...\nstdin\t2\t00:00:01.000\t\t\tHm
{"jobName": "j", "results": {"items": [{"type": "pronunciation", "start_time": "1", "end_time": "1.5", "channel_label": "ch_1", "alternatives": [{"content": "Hi"}]}]}}\n|stdin\t1\t00:00:01.000\t00:00:01.500\tch_1\tHi
{"transcription": [{"timestamps": {"from": "00:00:01,234", "to": "00:01:02,000"}, "text": " a"}]}\n|stdin\t1\t00:00:01.234\t00:01:02.000\t\ta
{"segments": [{"start": 0, "end": 1, "text": "x", "words": [{"word": "a", "start": 0, "speaker": "S"}, {"word": "b", "speaker": "T"}, {"word": "c", "start": 2, "speaker": "T"}]}]}\n|stdin\t1\t00:00:00.000\t\tS\ta\nstdin\t2\t00:00:02.000\t\tT\tb c'

@test "segment: JSON quirks: NaN and Infinity, rounding, escapes, empty text, labels" {
	local in want nl=$'\n'
	while IFS='|' read -r in want; do
		echo "row: $in"
		run_stdin "$in" segment
		[ "$status" -eq 0 ]
		[ "$output" = "$(printf 'doc\tseg\tstart\tend\tspeaker\ttext')${want:+$nl}$(printf "$want")" ]
	done <<<"$quirk_rows"
}

@test "segment: JSON pretty-printed or on one line gives the same records" {
	local f
	for f in whisperx.json aws-transcribe.json deepgram.json; do
		echo "file: $f"
		python3 -m json.tool "$F/$f" >"$T/$f"
		run segment "$T/$f"
		[ "$status" -eq 0 ]
		diff <(printf '%s\n' "$output") "$F/expect/$f.tsv"
	done
}

@test "segment: a CSV or TSV that is not the Whisper family's is still refused" {
	run_stdin 'start,end,text\n0.0,1.5,hi\n' segment
	[ "$status" -eq 2 ]
	[ "$output" = "segment: <stdin>: looks like a CSV table; no reader for it yet, see segment(1)" ]
	run_stdin 'start\tend\ttext\n0.5\t1.5\thi\n' segment
	[ "$status" -eq 2 ]
	[ "$output" = "segment: <stdin>: looks like a TAB-separated table; no reader for it yet, see segment(1)" ]
}

@test "segment: --unit sentence over JSON turns; --no-merge keeps segments apart" {
	run segment --unit sentence "$F/deepgram.json"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[2]}" = "$(printf 'deepgram\t2\t00:00:02.900\t00:00:04.600\t1\tI started in 2019.\t2')" ]
	# segments of one speaker are merged into a turn, unless --no-merge
	run segment "$F/whisper-cpp-di.csv" "$F/azure.json"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 7 ]
	printf '{"segments": [{"text": "a", "speaker": "S1"}, {"text": "b", "speaker": "S1"}]}\n' >"$T/x.json"
	run segment "$T/x.json"
	[ "${#lines[@]}" -eq 2 ]
	run segment --no-merge "$T/x.json"
	[ "${#lines[@]}" -eq 3 ]
}

# ---- JSON read in chunks, not lines (qp_input_chunk): a file on one line ----

# gen_whisperx MB: a WhisperX-like file of about MB MiB on one line, as
# whisperx writes it: segments with words, speakers, a NaN score now and then
gen_whisperx() {
	awk -v mb="$1" 'BEGIN {
		srand(7)
		nv = split("so we had a long day at the clinic and the nurses were tired but fine", v, " ")
		lim = mb * 1048576; t = 0; spk = 0; n = 0; bytes = 0
		printf "{\"segments\": ["
		while (bytes < lim) {
			if (rand() < 0.3) spk = 1 - spk
			nw = 8 + int(rand() * 12); s0 = t; w = ""; txt = ""
			for (i = 0; i < nw; i++) {
				word = v[1 + int(rand() * nv)]; d = 0.15 + rand() * 0.4
				sc = rand() < 0.1 ? "NaN" : sprintf("%.3f", rand())
				w = w sprintf("%s{\"word\": \"%s\", \"start\": %.3f, \"end\": %.3f, \"score\": %s, \"speaker\": \"SPEAKER_%02d\"}",
				    i ? ", " : "", word, t, t + d, sc, spk)
				txt = txt " " word; t += d + 0.05
			}
			line = sprintf("%s{\"start\": %.3f, \"end\": %.3f, \"text\": \"%s\", \"words\": [%s], \"speaker\": \"SPEAKER_%02d\"}",
			    n++ ? ", " : "", s0, t, txt, w, spk)
			printf "%s", line; bytes += length(line)
		}
		printf "], \"word_segments\": []}\n"
	}'
}

@test "segment: a 50 MB WhisperX file on one line: bounded memory, the same records as on many lines" {
	if [ ! -x /usr/bin/time ]; then
		[ "${CI:-}" != true ] || { echo "CI=true and no /usr/bin/time (.ci/deps installs it)"; return 1; }
		skip "GNU time is not installed"
	fi
	# the same document, an object a line and indented, under the same name
	mkdir "$T/one" "$T/many"
	gen_whisperx 50 >"$T/one/w.json"
	[ "$(wc -l <"$T/one/w.json")" -eq 1 ]
	sed 's/}, {/},\n    {/g; s/\[{/[\n    {/g' "$T/one/w.json" >"$T/many/w.json"
	[ "$(wc -l <"$T/many/w.json")" -gt 100000 ]
	(cd "$T/one" && /usr/bin/time -f %M -o "$T/rss" segment w.json >"$T/one.tsv")
	(cd "$T/many" && segment w.json >"$T/many.tsv")
	size=$(($(wc -c <"$T/one/w.json") / 1024))
	rss=$(cat "$T/rss")
	echo "file $size KiB, peak RSS $rss KiB"
	# the bound, where the sanitizers do not add their own (plain: ~6 MiB)
	if ! ldd "$(command -v segment)" 2>/dev/null | grep -q libasan; then
		[ "$rss" -lt $((size / 4)) ]
	fi
	[ "$(wc -l <"$T/one.tsv")" -gt 1000 ]
	cmp "$T/one.tsv" "$T/many.tsv"
}

# a NaN, a "-Infinity" or a UTF-8 character cut by the end of a read:
# a pipe delivers the halves apart (the first line ends before the cut,
# or the first read would wait for the rest)
@test "segment: JSON cut anywhere by the reads of a pipe reads as whole" {
	local a b
	while IFS='|' read -r a b; do
		echo "row: $a|$b"
		{ printf '%b' "$a"; sleep 0.3; printf '%b\n' "$b"; } | segment --from whisper-json >"$T/cut.tsv"
		printf '%b%b\n' "$a" "$b" | segment --from whisper-json >"$T/whole.tsv"
		cmp "$T/cut.tsv" "$T/whole.tsv"
		grep -q 'caf' "$T/cut.tsv"
	done <<-'EOF2'
	{"segments": [\n{"start": 0, "end": 1, "text": "café", "x": Na|N}]}
	{"segments": [\n{"start": 0, "end": 1, "text": "café", "x": N|aN}]}
	{"segments": [\n{"start": 0, "end": 1, "text": "café", "x": NaN|}]}
	{"segments": [\n{"start": 0, "end": 1, "text": "café", "x": -|Infinity}]}
	{"segments": [\n{"start": 0, "end": 1, "text": "café", "x": -Infin|ity}]}
	{"segments": [\n{"start": 0, "end": 1, "text": "caf\xc3|\xa9 NaN", "x": 1}]}
	{"segments": [\n{"start": 0, "end": 1, "text": "café \"Na|N\""}]}
	EOF2
}

# file content (printf %b) | the message after "segment: FILE:"
@test "segment: errors in a JSON file on one line name the line and the byte" {
	local in want
	while IFS='|' read -r in want; do
		echo "row: $in"
		printf '%b' "$in" >"$T/bad.json"
		run --separate-stderr segment "$T/bad.json"
		[ "$status" -eq 2 ]
		[ "$stderr" = "segment: $T/bad.json:$want" ]
	done <<-'EOF2'
	{"segments": [{"start": 0, "end": 1, "text": "a"}, {"start": 1 "end": 2}]}|1: JSON: parse error: after key and value, inside map, I expect ',' or '}' (near byte 65 of the line)
	{"segments": [{"start": 0, "end": 1, "text": "a\xff"}]}|1: invalid UTF-8 at byte 48 (--replace-invalid substitutes U+FFFD)
	{"segments": [\n{"start": 0, "end": 1, "text": "a\x00"}]}|2: NUL byte at byte 34 (--replace-invalid substitutes U+FFFD)
	{"segments": [{"start": 0, "end": 1, "text": "a"}, {"start": -1, "text": "b"}]}|1: whisper JSON: "start" is a time out of range
	{"segments": [\n{"start": 0, "end": 1, "text": "a"},\n{"start": "x", "text": "b"}]}|3: whisper JSON: "start" is not a time in seconds
	EOF2
}
