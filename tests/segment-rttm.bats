#!/usr/bin/env bats
# segment(1) --rttm FILE: speakers from pyannote/NIST RTTM turns for the
# timed pieces (words where there are word times) that have none
# (lib/rttm.c).
load helper

setup() {
	F=$FIX/segment/json
	T=$BATS_TEST_TMPDIR
	hdr=$(printf 'doc\tseg\tstart\tend\tspeaker\ttext')
}

# Turns of json/pyannote.rttm: SPEAKER_00 0-2.6, SPEAKER_01 2.8-4.0,
# SPEAKER_00 3.9-4.7 (overlapping), SPEAKER_01 4.8-7.3.
# fixture | the records after the header (printf)
rows='whisper-words.json|whisper-words\t1\t00:00:00.000\t00:00:02.480\tSPEAKER_00\tSo tell me how you started.\nwhisper-words\t2\t00:00:02.900\t00:00:03.700\tSPEAKER_01\tI started in\nwhisper-words\t3\t00:00:03.700\t00:00:04.600\tSPEAKER_00\t2019.
openai-whisper.json|openai-whisper\t1\t00:00:00.000\t00:00:02.480\tSPEAKER_00\tSo tell me how you started.\nopenai-whisper\t2\t00:00:02.480\t00:00:06.100\tSPEAKER_01\tI started in 2019, at the clinic.
openai-whisper.tsv|openai-whisper\t1\t00:00:00.000\t00:00:02.480\tSPEAKER_00\tSo tell me how you started.\nopenai-whisper\t2\t00:00:02.480\t00:00:06.100\tSPEAKER_01\tI started in 2019, at the clinic.
whisper-cpp.csv|whisper-cpp\t1\t00:00:00.000\t00:00:02.480\tSPEAKER_00\tSo tell me how you started.\nwhisper-cpp\t2\t00:00:02.480\t00:00:06.100\tSPEAKER_01\tI said "no", at first.
deepgram-nodiarize.json|deepgram-nodiarize\t1\t00:00:00.080\t00:00:00.800\tSPEAKER_00\tSo tell me.\ndeepgram-nodiarize\t2\t00:00:02.900\t00:00:03.700\tSPEAKER_01\tI started in\ndeepgram-nodiarize\t3\t00:00:03.700\t00:00:04.600\tSPEAKER_00\t2019.\ndeepgram-nodiarize\t4\t00:00:04.800\t00:00:05.100\tSPEAKER_01\tOkay?
google-stt-nanos.json|google-stt-nanos\t1\t00:00:00.080\t00:00:00.800\tSPEAKER_00\tSo tell me.\ngoogle-stt-nanos\t2\t00:00:02.900\t00:00:03.700\tSPEAKER_01\tI started in\ngoogle-stt-nanos\t3\t00:00:03.700\t00:00:04.600\tSPEAKER_00\t2019.\ngoogle-stt-nanos\t4\t00:00:04.800\t00:00:05.100\tSPEAKER_01\tOkay?
whisperx.json|whisperx\t1\t00:00:00.031\t00:00:02.510\tSPEAKER_00\tSo tell me how you started.\nwhisperx\t2\t00:00:02.900\t00:00:05.200\tSPEAKER_01\tI started in 2019, at the clinic.\nwhisperx\t3\t00:00:05.500\t00:00:06.100\tSPEAKER_00\tMm-hmm.'

@test "segment --rttm: each timed input gets the speakers; words one by one where they have times" {
	local f want
	while IFS='|' read -r f want; do
		echo "row: $f"
		run segment --rttm "$F/pyannote.rttm" "$F/$f"
		[ "$status" -eq 0 ]
		[ "$output" = "$hdr"$'\n'"$(printf "$want")" ]
	done <<<"$rows"
}

# turns (printf) | transcript (printf) | the records after the header
rule_rows='SPEAKER r 1 2.0 2.0 <NA> <NA> B <NA> <NA>\nSPEAKER r 1 0.0 2.0 <NA> <NA> A <NA> <NA>\n|{"segments": [{"start": 1.0, "end": 3.0, "text": "tie"}]}|stdin\t1\t00:00:01.000\t00:00:03.000\tA\ttie
SPEAKER r 1 0.0 1.0 <NA> <NA> A <NA> <NA>\nSPEAKER r 1 1.0 0.4 <NA> <NA> B <NA> <NA>\nSPEAKER r 1 2.5 1.0 <NA> <NA> A <NA> <NA>\n|{"segments": [{"start": 0.8, "end": 2.8, "text": "sum"}]}|stdin\t1\t00:00:00.800\t00:00:02.800\tA\tsum
SPEAKER r 1 0.0 2.0 <NA> <NA> A <NA> <NA>\n|{"segments": [{"start": 10, "end": 11, "text": "none"}]}|stdin\t1\t00:00:10.000\t00:00:11.000\t\tnone
SPEAKER r 1 0.0 3.0 <NA> <NA> A <NA> <NA>\nSPEAKER r 1 2.0 2.0 <NA> <NA> B <NA> <NA>\n|[00:00:02] point in both\n[00:00:03] point in B\n|stdin\t1\t00:00:02.000\t\tA\tpoint in both\nstdin\t2\t00:00:03.000\t\tB\tpoint in B
SPEAKER r 1 0.0 2.0 <NA> <NA> A <NA> <NA>\nSPEAKER r 1 2.0 2.0 <NA> <NA> B <NA> <NA>\n|{"segments": [{"start": 1, "end": 1, "text": "zero"}, {"text": "untimed"}]}|stdin\t1\t00:00:01.000\t00:00:01.000\tA\tzero\nstdin\t2\t\t\t\tuntimed
SPEAKER r 1 0.0 2.0 <NA> <NA> A <NA> <NA>\nSPEAKER r 1 2.0 2.0 <NA> <NA> B <NA> <NA>\n|{"segments": [{"start": 0, "end": 3, "text": "a b c", "words": [{"word": "a", "start": 0.1, "end": 0.5}, {"word": "b"}, {"word": "c", "start": 2.5, "end": 3}]}]}|stdin\t1\t00:00:00.100\t00:00:00.500\tA\ta b\nstdin\t2\t00:00:02.500\t00:00:03.000\tB\tc
SPEAKER r 1 0.0 2.0 <NA> <NA> A <NA> <NA>\nSPEAKER r 1 5.0 2.0 <NA> <NA> B <NA> <NA>\n|{"segments": [{"start": 0, "end": 7, "text": "a b c", "words": [{"word": "a", "start": 0.1, "end": 0.5}, {"word": "b", "start": 3, "end": 4}, {"word": "c", "start": 5.5, "end": 6}]}]}|stdin\t1\t00:00:00.100\t00:00:04.000\tA\ta b\nstdin\t2\t00:00:05.500\t00:00:06.000\tB\tc
SPEAKER r 1 0.0 9.0 <NA> <NA> A <NA> <NA>\n|{"segments": [{"start": 0, "end": 1, "text": "kept", "speaker": "SPEAKER_07"}]}|stdin\t1\t00:00:00.000\t00:00:01.000\tSPEAKER_07\tkept
SPEAKER r 1 0.0 1.0 <NA> <NA> A <NA> <NA>\nSPEAKER r 1 1.0 1.0 <NA> <NA> A <NA> <NA>\n|1\n00:00:00,100 --> 00:00:00,900\nhello\n\n2\n00:00:01,100 --> 00:00:01,900\nthere\n|stdin\t1\t00:00:00.100\t00:00:01.900\tA\thello there
;; a comment\n\nSPKR-INFO r 1 <NA> <NA> <NA> unknown A <NA> <NA>\nSPEAKER r 1 0.0 1.0 <NA> <NA> A <NA>\n|WEBVTT\n\n00:00.100 --> 00:00.900\nnine fields\n|stdin\t1\t00:00:00.100\t00:00:00.900\tA\tnine fields'

@test "segment --rttm: the rule (most overlap in sum, ties to the earlier turn, points, no overlap)" {
	local turns in want
	while IFS='|' read -r turns in want; do
		echo "row: $in"
		printf "$turns" >"$T/t.rttm"
		run_stdin "$in" segment --rttm "$T/t.rttm"
		[ "$status" -eq 0 ]
		[ "$output" = "$hdr"$'\n'"$(printf "$want")" ]
	done <<<"$rule_rows"
}

@test "segment --rttm: an RTTM file in gzip, and with no turns" {
	gzip -c "$F/pyannote.rttm" >"$T/p.rttm.gz"
	run segment --rttm "$T/p.rttm.gz" "$F/openai-whisper.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'openai-whisper\t1\t00:00:00.000\t00:00:02.480\tSPEAKER_00\tSo tell me how you started.')" ]
	: >"$T/empty.rttm"
	run segment --rttm "$T/empty.rttm" "$F/openai-whisper.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'openai-whisper\t1\t00:00:00.000\t00:00:02.480\t\tSo tell me how you started.')" ]
}

# RTTM (printf) | message after "segment: FILE:"
bad_rows='SPEAKER r 1 abc 1.0 <NA> <NA> A <NA> <NA>\n|1: bad onset '"'"'abc'"'"' (seconds)
SPEAKER r 1 0.0 -1 <NA> <NA> A <NA> <NA>\n|1: bad duration '"'"'-1'"'"' (seconds)
SPEAKER r 1 0.0 1.0 <NA> <NA> A\n|1: an RTTM SPEAKER line has 10 fields, this one 8
SPEAKER r 1 0.0 1.0 <NA> <NA> A <NA> <NA> x\n|1: an RTTM SPEAKER line has 10 fields, this one 11
SPEAKER r 1 0.0 1.0 <NA> <NA> A <NA> <NA>\nhello world\n|2: not an RTTM line: '"'"'hello world'"'"'
SPEAKER r 1 0.0 1.0 <NA> <NA> <NA> <NA> <NA>\n|1: bad speaker label '"'"'<NA>'"'"'
SPEAKER r 1 0.0 1.0 <NA> <NA> A <NA> <NA>\nSPEAKER s 1 1.0 1.0 <NA> <NA> B <NA> <NA>\n|2: turns of a second recording ('"'"'s'"'"' after '"'"'r'"'"'): give --rttm one recording'"'"'s turns'

@test "segment --rttm: a malformed RTTM line is FILE:LINE, status 2, before any output" {
	local in want
	while IFS='|' read -r in want; do
		echo "row: $in"
		printf "$in" >"$T/bad.rttm"
		run --separate-stderr segment --rttm "$T/bad.rttm" "$F/openai-whisper.tsv"
		[ "$status" -eq 2 ]
		[ "$stderr" = "segment: $T/bad.rttm:$want" ]
	done <<<"$bad_rows"
	run --separate-stderr segment --rttm "$T/missing.rttm" "$F/openai-whisper.tsv"
	[ "$status" -eq 2 ]
	[[ "$stderr" == "segment: $T/missing.rttm"*"No such file"* ]]
}

@test "segment: an RTTM file as a transcript is refused (it has no words)" {
	run --separate-stderr segment "$F/pyannote.rttm"
	[ "$status" -eq 2 ]
	[ "$stderr" = "segment: $F/pyannote.rttm: looks like RTTM; no reader for it yet, see segment(1)" ]
}
