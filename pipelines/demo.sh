#!/usr/bin/env bash
# demo.sh: what `make demo` shows a new user.  First segment(1) on a small
# transcript of every format it reads, then the whole analysis of the
# fictional focus-group study in examples/compassion, into demo-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
PATH=$PWD/bin:$PATH

echo "== segment: one small transcript of each format (examples/transcripts)"
printf '%-40s %s\n' file turns
for f in examples/transcripts/*; do
	case $f in *.md) continue ;; esac
	printf '%-40s %s\n' "$f" "$(segment "$f" | tail -n +2 | wc -l)"
done
echo
echo "== first turns of the Zoom transcript, as records"
segment examples/transcripts/zoom.vtt | head -n 4 | cut -c 1-110
echo
echo "== the analysis of examples/compassion (fictional data)"
rm -rf demo-out
pipelines/thematic-analysis.sh -q \
	-r examples/compassion/roster.tsv -t examples/compassion/terms.tsv \
	-c codebooks/compassion.cb -s '--base 2 --run 1' \
	-H examples/compassion/hand-coded.tsv -o demo-out examples/compassion
echo "theme x role: segments coded (moderator turns left out)"
echo
cat demo-out/matrix.md
echo
echo "theme x role: how many people raised it"
echo
cat demo-out/matrix-speakers.md
echo
echo "thematic saturation (Guest, Namey & Chen 2020; base 2 groups, run 1):"
awk -F '\t' '{ printf "%-7s %-5s %-5s %-36s %-10s %-12s %-7s %s\n", $1, $2, $3, $4, $5, $6, $7, $8 }' demo-out/saturation.tsv
echo
echo "agreement of the codebook's codes with a human coder on 60 hand-coded turns"
echo "(agree; the summary rows: every code x turn, the mean over codes, the first code):"
echo
awk -F '\t' 'NR == 1 || $1 ~ /^\((all|mean|first)\)$/ { printf "%-8s %-6s %-10s %-9s %s\n", $1, $2, $6, $7, $12 }' demo-out/agreement.tsv
echo
echo "Results in demo-out/: coded.tsv.gz (de-identified coded records),"
echo "tally.tsv, matrix*.tsv/.md, cooccur.tsv, saturation.tsv, agreement.md, quotes.md"
echo "(quote tables per theme and role); the re-identification key is"
echo "demo-out/key/reidentification.tsv, readable by you alone."
echo
echo "== one quote table"
sed -n '/^## barriers\/time-constraints/,/^## /p' demo-out/quotes.md | sed '$d' | head -n 20
