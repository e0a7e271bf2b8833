#!/usr/bin/env bats
# segment(1): speaker labels of diarizing ASR tools and caption exports,
# in each writer's layout (fixtures/segment-captions/, written by hand
# after the writers' code): openai-whisper txt/srt/vtt, WhisperX
# "[SPEAKER_00]: ", whisper.cpp -di "(speaker 0)" and <v Speaker0>,
# Deepgram/AssemblyAI caption "[speaker 0]" lines, whisper-diarization
# "Speaker 0: " paragraphs, NVivo-style timestamps.  X.EXT is expected to
# give X-EXT.tsv, with no message.
load helper

setup() {
	F=$FIX/segment-captions
	T=$BATS_TEST_TMPDIR
}

@test "segment-captions: every writer's fixture, recognised by content, exact output" {
	n=0
	for f in "$F"/*.txt "$F"/*.srt "$F"/*.vtt; do
		b=$(basename "$f")
		want="$F/${b%.*}-${b##*.}.tsv"
		run --separate-stderr segment "$f"
		[ "$status" -eq 0 ] || { echo "$b: $stderr"; return 1; }
		[ -z "$stderr" ] || { echo "$b: $stderr"; return 1; }
		diff <(printf '%s\n' "$output") "$want" || { echo "$b"; return 1; }
		n=$((n + 1))
	done
	[ "$n" -eq 16 ]
}

# what each writer's label comes out as
labels=(
	'whisperx.srt|SPEAKER_00,SPEAKER_01,'
	'whisperx.txt|SPEAKER_00,SPEAKER_01'
	'whispercpp.txt|speaker 0,speaker 1,speaker ?,speaker 1'
	'whispercpp.vtt|Speaker0,Speaker1'
	'deepgram.srt|speaker 0,speaker 1,speaker 0'
	'deepgram.vtt|Speaker 0,Speaker 1'
	'assemblyai.srt|speaker A,speaker B'
	'whisper-diarization.txt|Speaker 0,Speaker 1,Speaker 0'
	'nvivo.txt|Interviewer,Respondent,Interviewer'
)

@test "segment-captions: labels come out without their brackets, as the writer spells them" {
	for row in "${labels[@]}"; do
		f=${row%%|*}
		want=${row#*|}
		got=$(segment "$F/$f" | tail -n +2 | cut -f5 | paste -sd,)
		[ "$got" = "$want" ] || { echo "$f: '$got', not '$want'"; return 1; }
	done
}

@test "segment-captions: a caption speaker line holds for the cues after it; its label is no text" {
	run segment --no-merge "$F/deepgram.srt"
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "$(printf 'deepgram\t2\t00:00:03.220\t00:00:05.400\tspeaker 0\tthe first walk with an all female team,')" ]
	[[ "$output" != *"[speaker"* ]]
	# the same in WebVTT; a <v> span names its own speaker
	printf 'WEBVTT\n\n00:01.000 --> 00:02.000\n[speaker 1]\nhello\n\n00:02.000 --> 00:03.000\nstill me\n\n00:03.000 --> 00:04.000\n<v Ana>me</v>\n' >"$T/d.vtt"
	run segment --no-merge "$T/d.vtt"
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f5 | paste -sd,)" = "speaker 1,speaker 1,Ana" ]
}

# cue or line | speaker | text
shapes=(
	'[laughs]|-|[laughs] yes'
	'[Speaker 2]|Speaker 2|yes'
	'[speaker 12345]|-|[speaker 12345] yes'
	'[speaker a]|-|[speaker a] yes'
	'[speaker 0] and more|-|[speaker 0] and more yes'
)

# each_row FN ROW...: FN LINE SPEAKER TEXT for each "line|speaker|text"
# row, a speaker "-" meaning none; stops at the first that fails.
each_row() {
	local fn=$1 row line spk text
	shift
	for row; do
		IFS='|' read -r line spk text <<<"$row"
		[ "$spk" != - ] || spk=
		"$fn" "$line" "$spk" "$text" || return 1
	done
}

srt_line() {
	printf '1\n00:00:01,000 --> 00:00:02,000\n%s\nyes\n' "$1" >"$T/s.srt"
	got=$(segment "$T/s.srt" | tail -1 | cut -f5,6)
	[ "$got" = "$(printf '%s\t%s' "$2" "$3")" ] || { echo "$1: '$got'"; return 1; }
}

@test "segment-captions: only a diarization label alone on its line is a speaker line" {
	each_row srt_line "${shapes[@]}"
}

# text line | speaker | text, read as labelled text
prefixes=(
	'(speaker 0) Thanks.|speaker 0|Thanks.'
	'(speaker 1)Thanks.|speaker 1|Thanks.'
	'(speaker ?) Thanks.|speaker ?|Thanks.'
	'[SPEAKER_07]: Thanks.|SPEAKER_07|Thanks.'
	'[S01]: Thanks.|[S01]|Thanks.'
	'(speakers 0) Thanks.|-|(speakers 0) Thanks.'
	'(speaker x) Thanks.|-|(speaker x) Thanks.'
)

labeled_line() {
	printf 'Zed: first\n%s\n' "$1" >"$T/l.txt"
	got=$(segment -f labeled "$T/l.txt" | tail -1 | cut -f5,6)
	want=$(printf '%s\t%s' "$2" "$3")
	[ -n "$2" ] || want=$(printf 'Zed\tfirst %s' "$3")
	[ "$got" = "$want" ] || { echo "$1: '$got'"; return 1; }
}

@test "segment-captions: whisper.cpp and WhisperX prefixes; anonymize's [S01] keeps its brackets" {
	each_row labeled_line "${prefixes[@]}"
}

@test "segment-captions: NVivo #hh:mm:ss# heads are start times, as [hh:mm:ss] ones" {
	segment "$F/nvivo.txt" | cut -f3- >"$T/a"
	segment "$F/nvivo-brackets.txt" | cut -f3- >"$T/b"
	[ "$(sed -n 2p "$T/a")" = "$(printf '00:00:05.000\t\tInterviewer\tThanks for making the time today.')" ]
	diff <(sed 's/ It was a long week\.//' "$T/a") "$T/b"
	printf '#00:00:05 Interviewer: no closing hash\n' >"$T/n.txt"
	run segment "$T/n.txt"
	[ "$(printf '%s\n' "${lines[1]}" | cut -f3)" = "" ]
}

@test "segment-captions: a time alone on its line starts the labelled turn after it" {
	printf '#00:00:05#\nInterviewer: Thanks for coming.\n\n[00:00:12]\nRespondent: Happy to.\nStill me.\n\n[00:00:20]\nno label here\n' >"$T/t.txt"
	run segment "$T/t.txt"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | tail -n +2 | cut -f3,5,6)" = "$(printf '00:00:05.000\tInterviewer\tThanks for coming.\n00:00:12.000\tRespondent\tHappy to. Still me.\n00:00:20.000\t\tno label here')" ]
}
