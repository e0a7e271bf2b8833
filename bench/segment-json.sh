#!/usr/bin/env bash
# bench/segment-json.sh: segment's JSON readers against jq on the same
# files.
#
#   BENCH_JSON_MB=120  size of each generated file, MiB
#   BENCH_SEED=42      generator seed
#   BENCH_RUNS=3       runs of each measurement; medians are reported
#
# Generates (awk, into bench/cache/, once for a size and seed) a
# WhisperX-like file (segments[] with words[] carrying word, start, end,
# score and speaker; one segment a line), the same file on one line (as
# whisperx and json.dump write it), and a Deepgram-like file (one
# channel, words[] with punctuated_word and speaker, indented as the SDK
# writes it).  Then times, with GNU time, `segment FILE` (words made
# turns, records written) and jq taking the same fields out of the same
# file (`@tsv` of speaker, start, end and word for every word), output
# to /dev/null: CPU time (user + system) and wall time, medians of the
# runs, and the peak RSS.  Prints a Markdown table; exits 1 if segment
# is not the faster on a file.  Needs: jq, GNU time; run after `make`.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
declare -A WALL CPU RSS BYTES STAT NOTE LOAD CMDS
. bench/lib.sh
MB=${BENCH_JSON_MB:-120}
SEED=${BENCH_SEED:-42}
RUNS=${BENCH_RUNS:-3}
TMO=1200
[ -x bin/segment ] || die "bin/segment is missing: run make first"
command -v jq >/dev/null || die "jq is missing (apt-get install jq)"
[ -x /usr/bin/time ] || die "GNU time is missing (apt-get install time)"
CACHE=bench/cache
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"

# gen KIND: a file of KIND (whisperx or deepgram), about MB MiB.
gen() {
	awk -v kind="$1" -v mb="$MB" -v seed="$SEED" 'BEGIN {
		srand(seed)
		nv = split("so we had a long day at the clinic and I think that the " \
		    "nurses were really tired but you know it was fine in the end " \
		    "because everyone helped out with 2019 patients okay", v, " ")
		lim = mb * 1048576; t = 0; spk = 0; n = 0; bytes = 0
		if (kind == "whisperx") {
			printf "{\"segments\": [\n"
			while (bytes < lim) {
				if (rand() < 0.3) spk = 1 - spk
				nw = 8 + int(rand() * 12); s0 = t; w = ""; txt = ""
				for (i = 0; i < nw; i++) {
					word = v[1 + int(rand() * nv)]
					if (i == nw - 1) word = word "."
					d = 0.15 + rand() * 0.4
					if (word == "2019")
						w = w sprintf("%s{\"word\": \"%s\"}", i ? ", " : "", word)
					else
						w = w sprintf("%s{\"word\": \"%s\", \"start\": %.3f, \"end\": %.3f, \"score\": %.3f, \"speaker\": \"SPEAKER_%02d\"}",
						    i ? ", " : "", word, t, t + d, rand(), spk)
					txt = txt " " word; t += d + 0.05
				}
				line = sprintf("%s{\"start\": %.3f, \"end\": %.3f, \"text\": \"%s\", \"words\": [%s], \"speaker\": \"SPEAKER_%02d\"}",
				    n++ ? ",\n" : "", s0, t, txt, w, spk)
				printf "%s", line; bytes += length(line)
			}
			printf "\n], \"word_segments\": []}\n"
		} else {
			printf "{\n  \"metadata\": {\n    \"request_id\": \"bench\",\n    \"channels\": 1\n  },\n"
			printf "  \"results\": {\n    \"channels\": [\n      {\n        \"alternatives\": [\n          {\n"
			printf "            \"transcript\": \"\",\n            \"words\": [\n"
			while (bytes < lim) {
				if (rand() < 0.05) spk = 1 - spk
				word = v[1 + int(rand() * nv)]; d = 0.15 + rand() * 0.4
				pw = rand() < 0.1 ? word "." : word
				rec = sprintf("%s              {\n                \"word\": \"%s\",\n                \"start\": %.3f,\n                \"end\": %.3f,\n                \"confidence\": %.4f,\n                \"speaker\": %d,\n                \"speaker_confidence\": %.4f,\n                \"punctuated_word\": \"%s\"\n              }",
				    n++ ? ",\n" : "", word, t, t + d, rand(), spk, rand(), pw)
				printf "%s", rec; bytes += length(rec); t += d + 0.05
			}
			printf "\n            ]\n          }\n        ]\n      }\n    ]\n  }\n}\n"
		}
	}'
}

WX=$CACHE/whisperx-${MB}mb-s$SEED.json
WX1=$CACHE/whisperx-1line-${MB}mb-s$SEED.json
DG=$CACHE/deepgram-${MB}mb-s$SEED.json
[ -s "$WX" ] || { say "generating $WX"; gen whisperx >"$WX.tmp" && mv "$WX.tmp" "$WX"; }
[ -s "$WX1" ] || { say "generating $WX1"; tr -d '\n' <"$WX" >"$WX1.tmp" && echo >>"$WX1.tmp" && mv "$WX1.tmp" "$WX1"; }
[ -s "$DG" ] || { say "generating $DG"; gen deepgram >"$DG.tmp" && mv "$DG.tmp" "$DG"; }

JQ_WX='.segments[] | .words[] | [.speaker, .start, .end, .word] | @tsv'
JQ_DG='.results.channels[0].alternatives[0].words[] | [.speaker, .start, .end, .punctuated_word] | @tsv'
for f in "$WX" "$WX1" "$DG"; do
	k=$(basename "$f" .json)
	b=$(stat -c %s "$f")
	q=$JQ_WX
	case $k in deepgram*) q=$JQ_DG ;; esac
	say "== $k ($(mib "$b") MiB)"
	measure "seg.$k" "$b" bin/segment "$f" || true
	measure "jq.$k" "$b" jq -r "$q" "$f" || true
done

lose=0
printf '| file | MiB | segment CPU s | jq CPU s | jq/segment (CPU) | segment MiB/s | segment peak RSS MiB | jq peak RSS MiB |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for f in "$WX" "$WX1" "$DG"; do
	k=$(basename "$f" .json)
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$k" "$(mib "${BYTES[seg.$k]}")" \
		"${CPU[seg.$k]:--}" "${CPU[jq.$k]:--}" "$(ratio "jq.$k" "seg.$k" cpu)" "$(rate "seg.$k")" \
		"$(mib $(( ${RSS[seg.$k]:-0} * 1024 )))" "$(mib $(( ${RSS[jq.$k]:-0} * 1024 )))"
	ok "seg.$k" && ok "jq.$k" &&
		awk -v a="${CPU[seg.$k]}" -v b="${CPU[jq.$k]}" 'BEGIN { exit !(a < b) }' || lose=1
done
printf '\n%s runs each, medians; seed %s; load %s at the end.\n' "$RUNS" "$SEED" "$(cut -d ' ' -f 1-3 /proc/loadavg)"
exit $lose
