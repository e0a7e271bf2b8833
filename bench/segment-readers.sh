#!/usr/bin/env bash
# bench/segment-readers.sh: each of segment's readers on a large file
# beside the obvious peer on the same bytes (the JSON readers of WhisperX
# and Deepgram are in bench/segment-json.sh, .docx in bench/docx.sh).
#
#   BENCH_READER_MB=60  size of each generated file, MiB
#   BENCH_SEED=42       generator seed
#   BENCH_RUNS=3        runs of each measurement; medians are reported
#
# The files are generated once for a size and seed into bench/cache/
# (bench/gen-readers.awk, each in its writer's layout).  Each command
# reads its file and writes to /dev/null under GNU time: CPU seconds
# (user + system) and wall seconds, medians of the runs, and the largest
# peak RSS.  The peers, and what each does:
#   WebVTT     node + webvtt-parser (npm): the spec's parser, cue text
#              parsed into a tree; start, end, voice and text of each cue
#   SubRip     node + srt-parser-2 (npm): start, end and text of each cue
#   cloud and whisper.cpp JSON: jq taking the same fields out of every
#              word or phrase as @tsv (no turns made)
#   whisper .tsv: awk, ms made HH:MM:SS.mmm, a record a row
#   whisper.cpp .csv: Miller, CSV (quoted fields) to TSV
#   .zip, .tar.gz, .tar.bz2, .tar.xz, .tar.zst of many WebVTT files:
#              unzip -p / tar -xzO (-xjO, -xJO, --zstd -xO), extraction
#              only (a floor, no parsing), and segment on the same files
#              unpacked
#   --rttm: an awk join, the RTTM turn of most overlap for each row (both
#              sorted by time, one pass)
# npm packages are installed into bench/cache/npm on first use; a missing
# peer is skipped with a note.  Prints a Markdown table; exits 1 when
# segment is not the faster in CPU time beside a parsing peer (the
# extraction floors of the archives are not counted).  Run after `make`.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
declare -A WALL CPU RSS BYTES STAT NOTE LOAD CMDS
. bench/lib.sh
MB=${BENCH_READER_MB:-60}
SEED=${BENCH_SEED:-42}
RUNS=${BENCH_RUNS:-3}
TMO=1200
[ -x bin/segment ] || die "bin/segment is missing: run make first"
[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
CACHE=bench/cache
NPMDIR=$CACHE/npm
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"
G=$CACHE/readers-${MB}mb-s$SEED
STAMP="$MB $SEED $(md5sum <bench/gen-readers.awk | cut -c 1-12)"

# --- the files, generated once -----------------------------------------
gen() {  # gen KIND OUT [AUX]
	awk -v kind="$1" -v mb="$MB" -v seed="$SEED" -v aux="${3:-/dev/null}" \
		-v dir="$G/vttdir" -f bench/gen-readers.awk >"$2"
}
if [ ! -f "$G/.stamp" ] || [ "$(cat "$G/.stamp")" != "$STAMP" ]; then
	say "generating $G ..."
	rm -rf "$G"
	mkdir -p "$G/vttdir"
	gen vtt "$G/zoom.vtt"
	gen srt "$G/subtitles.srt"
	gen aws "$G/aws-transcribe.json"
	gen assemblyai "$G/assemblyai.json"
	gen azure "$G/azure.json"
	gen google "$G/google-stt.json" "$G/google.aux"
	rm -f "$G/google.aux"
	gen whisper-cpp-json "$G/whisper-cpp.json"
	gen whisper-tsv "$G/whisper.tsv" "$G/pyannote.rttm"
	gen whisper-cpp-csv "$G/whisper-cpp.csv"
	gen vttdir /dev/null
	(cd "$G/vttdir" && zip -q -X ../interviews.zip ./*.vtt && tar -czf ../interviews.tar.gz ./*.vtt)
	printf '%s\n' "$STAMP" >"$G/.stamp"
fi
for z in bz2:-j xz:-J zst:--zstd; do  # the compressions segment reads too
	[ -s "$G/interviews.tar.${z%%:*}" ] ||
		(cd "$G/vttdir" && tar "${z#*:}" -cf "../interviews.tar.${z%%:*}.tmp" ./*.vtt &&
			mv "../interviews.tar.${z%%:*}.tmp" "../interviews.tar.${z%%:*}")
done

# --- the npm peers ---------------------------------------------------------
npm_peer() {  # npm_peer PKG VERSION: installed, or a note why not
	[ -f "$NPMDIR/node_modules/$1/package.json" ] && return 0
	command -v npm >/dev/null || { WHY="node or npm not found (apt-get install nodejs npm)"; return 1; }
	say "installing $1@$2 from the npm registry into $NPMDIR"
	mkdir -p "$NPMDIR"
	timeout 600 npm install --prefix "$NPMDIR" --no-audit --no-fund --loglevel=error "$1@$2" >&2 ||
		{ WHY="npm install $1@$2 failed"; return 1; }
}

# --- the measurements --------------------------------------------------------
ROWS=()   # reader|file|segment key|peer key|peer name|counted (1) or a floor (0)
sz() { stat -c %s "$1"; }
pair() {  # pair READER FILE PEERNAME COUNTED PEER-CMD...: segment FILE and the peer
	local r=$1 f=$2 pn=$3 c=$4 k
	shift 4
	k=$(printf '%s' "$r" | tr -c 'A-Za-z0-9' '_')
	say "== $r ($(mib "$(sz "$f")") MiB)"
	measure "seg.$k" "$(sz "$f")" bin/segment "$f" || true
	if [ "$1" = skip ]; then skip "peer.$k" "$2" "$pn"
	else measure "peer.$k" "$(sz "$f")" "$@" || true; fi
	ROWS+=("$r|$(basename "$f")|seg.$k|peer.$k|$pn|$c")
}
WHY=
if npm_peer webvtt-parser 2.2.0; then
	pair WebVTT "$G/zoom.vtt" "webvtt-parser 2.2.0" 1 node bench/subs-peer.js "$PWD/$NPMDIR" vtt "$G/zoom.vtt"
else pair WebVTT "$G/zoom.vtt" webvtt-parser 1 skip "$WHY"; fi
if npm_peer srt-parser-2 1.2.3; then
	pair SubRip "$G/subtitles.srt" "srt-parser-2 1.2.3" 1 node bench/subs-peer.js "$PWD/$NPMDIR" srt "$G/subtitles.srt"
else pair SubRip "$G/subtitles.srt" srt-parser-2 1 skip "$WHY"; fi
jqpair() {  # jqpair READER FILE FILTER
	if command -v jq >/dev/null; then pair "$1" "$2" jq 1 jq -r "$3" "$2"
	else pair "$1" "$2" jq 1 skip "jq not found (apt-get install jq)"; fi
}
jqpair "AWS Transcribe" "$G/aws-transcribe.json" \
	'.results.items[] | [.speaker_label, .start_time, .end_time, .alternatives[0].content] | @tsv'
jqpair AssemblyAI "$G/assemblyai.json" '.words[] | [.speaker, .start, .end, .text] | @tsv'
jqpair Azure "$G/azure.json" \
	'.recognizedPhrases[] | select(.recognitionStatus == "Success") | [.speaker, .offsetInTicks, .durationInTicks, .nBest[0].display] | @tsv'
jqpair "Google STT" "$G/google-stt.json" \
	'.results[-1].alternatives[0].words[] | [.speakerTag, .startTime, .endTime, .word] | @tsv'
jqpair "whisper.cpp JSON" "$G/whisper-cpp.json" \
	'.transcription[] | [.speaker, .offsets.from, .offsets.to, .text] | @tsv'
TSVAWK='function t(ms) { return sprintf("%02d:%02d:%02d.%03d", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000) }
	NR == 1 { print "doc\tseg\tstart\tend\tspeaker\ttext"; next }
	{ print "whisper\t" NR - 1 "\t" t($1) "\t" t($2) "\t\t" $3 }'
pair "whisper .tsv" "$G/whisper.tsv" awk 1 awk -F '\t' "$TSVAWK" "$G/whisper.tsv"
if command -v mlr >/dev/null; then
	pair "whisper.cpp .csv" "$G/whisper-cpp.csv" "Miller" 1 mlr --icsv --otsv cat "$G/whisper-cpp.csv"
else pair "whisper.cpp .csv" "$G/whisper-cpp.csv" Miller 1 skip "mlr not found (apt-get install miller)"; fi
pair ".zip (deflate)" "$G/interviews.zip" "unzip -p" 0 unzip -p "$G/interviews.zip"
pair ".tar.gz" "$G/interviews.tar.gz" "tar -xzO" 0 tar -xzOf "$G/interviews.tar.gz"
pair ".tar.bz2" "$G/interviews.tar.bz2" "tar -xjO" 0 tar -xjOf "$G/interviews.tar.bz2"
pair ".tar.xz" "$G/interviews.tar.xz" "tar -xJO" 0 tar -xJOf "$G/interviews.tar.xz"
pair ".tar.zst" "$G/interviews.tar.zst" "tar --zstd -xO" 0 tar --zstd -xOf "$G/interviews.tar.zst"
mapfile -t VTTS < <(find "$G/vttdir" -name '*.vtt' | sort)
measure seg.unpacked "$(cat "${VTTS[@]}" | wc -c)" bin/segment "${VTTS[@]}" || true
# --rttm: segment gives each row of the .tsv the speaker of most overlap.
RTTMAWK='NR == FNR { split($0, f, " "); s[++n] = f[4]; e[n] = f[4] + f[5]; k[n] = f[8]; next }
	FNR == 1 { i = 1; next }
	{ a = $1 / 1000; b = $2 / 1000
	  while (i <= n && e[i] <= a) i++
	  best = ""; bo = 0
	  for (j = i; j <= n && s[j] < b; j++) {
		o = (e[j] < b ? e[j] : b) - (s[j] > a ? s[j] : a)
		if (o > bo) { bo = o; best = k[j] } }
	  print FNR - 1 "\t" $1 "\t" $2 "\t" best "\t" $3 }'
RB=$(( $(sz "$G/whisper.tsv") + $(sz "$G/pyannote.rttm") ))
say "== --rttm"
measure seg.rttm "$RB" bin/segment --rttm "$G/pyannote.rttm" "$G/whisper.tsv" || true
measure peer.rttm "$RB" awk -F '\t' "$RTTMAWK" "$G/pyannote.rttm" "$G/whisper.tsv" || true
ROWS+=("--rttm merge|pyannote.rttm + whisper.tsv|seg.rttm|peer.rttm|awk join|1")

# --- the table -------------------------------------------------------------------
lose=0 slower=
rssm() { mib $(( ${RSS[$1]:-0} * 1024 )); }
printf '| reader | file | MiB | peer | segment CPU s | peer CPU s | peer/segment (CPU) | segment wall s | peer wall s | segment MiB/s | segment peak RSS MiB | peer peak RSS MiB |\n'
printf '| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for row in "${ROWS[@]}"; do
	IFS='|' read -r r f sk pk pn c <<<"$row"
	pc=${CPU[$pk]:--}
	ok "$pk" || pc="${STAT[$pk]:-not run}"
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$r" "$f" \
		"$(mib "${BYTES[$sk]:-0}")" "$pn" "${CPU[$sk]:--}" "$pc" "$(ratio "$pk" "$sk" cpu)" \
		"${WALL[$sk]:--}" "${WALL[$pk]:--}" "$(rate "$sk")" "$(rssm "$sk")" "$(rssm "$pk")"
	if ok "$sk" && ok "$pk" && ! awk -v a="${CPU[$sk]}" -v b="${CPU[$pk]}" 'BEGIN { exit !(a < b) }'; then
		if [ "$c" = 1 ]; then lose=1; slower="$slower $r;"; else slower="$slower $r (beside extraction only);"; fi
	fi
	ok "$sk" || lose=1
done
printf '| segment on the files unpacked | %s files | %s | - | %s | - | - | %s | - | %s | %s | - |\n' \
	"${#VTTS[@]}" "$(mib "${BYTES[seg.unpacked]:-0}")" "${CPU[seg.unpacked]:--}" "${WALL[seg.unpacked]:--}" \
	"$(rate seg.unpacked)" "$(rssm seg.unpacked)"
for k in "${!STAT[@]}"; do
	[ "${STAT[$k]}" = ok ] || printf '\n%s %s: %s' "$k" "${STAT[$k]}" "${NOTE[$k]:-}"
done
printf '\n%s runs each, medians; seed %s; %s MiB a file; load %s at the end.\n' \
	"$RUNS" "$SEED" "$MB" "$(cut -d ' ' -f 1-3 /proc/loadavg)"
[ -z "$slower" ] || printf 'segment NOT faster in CPU time:%s\n' "$slower"
exit $lose
