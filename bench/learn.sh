#!/usr/bin/env bash
# bench/learn.sh: learn and match-theme --model, timed, and their
# agreement with the human coding of tests/codebook/.
#
#   BENCH_MB=100   transcripts to generate for the speed stream, MiB
#   BENCH_SEED=42  gencorpus seed
#   BENCH_RUNS=3   runs of each measurement; CPU-time medians are reported
#
# Speed: learn on the ~820 hand-coded segments of tests/codebook/, and
# match-theme with the codebook alone, with --model and the codebook, and
# with --model-only, on the anonymized stream of a bench/gencorpus corpus
# (segment | tag-speaker | anonymize, made once, unmeasured), CPU time
# (user + system, medians) and peak RSS.  Agreement: the table of
# README's learn section, first-code agreement and pooled kappa
# (bench/kappa.awk) of rules, model and both, each set scored by a model
# that never saw it.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
declare -A WALL CPU RSS BYTES STAT NOTE LOAD CMDS
. bench/lib.sh
MB=${BENCH_MB:-100}
SEED=${BENCH_SEED:-42}
RUNS=${BENCH_RUNS:-3}
TMO=1200
for p in learn match-theme segment tag-speaker anonymize; do
	[ -x "bin/$p" ] || die "bin/$p is missing: run make first"
done
GENCORPUS=build/rel/bench/gencorpus
[ -x "$GENCORPUS" ] || die "$GENCORPUS is missing: make $GENCORPUS"
WORK=bench/cache/learn.$$
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
S=tests/codebook
CB=codebooks/compassion.cb
K=bench/kappa.awk

# --- agreement ---------------------------------------------------------
bin/learn --codes expected "$S"/compassion-segments.tsv "$S"/dev-segments.tsv >"$WORK/written.model"
bin/learn --codes expected "$S"/corpus-segments.tsv >"$WORK/corpus.model"
row() {  # row SET MODEL
	local r m b b1
	r=$(bin/match-theme "$CB" "$S/$1-segments.tsv" | awk -f "$K")
	m=$(bin/match-theme --model "$2" --model-only "$S/$1-segments.tsv" | awk -f "$K")
	b=$(bin/match-theme --model "$2" "$CB" "$S/$1-segments.tsv" | awk -f "$K")
	b1=$(bin/match-theme --model "$2" --max-codes 1 "$CB" "$S/$1-segments.tsv" | awk -f "$K")
	echo "$1 $r $m $b $b1" | awk '{ printf "| %s | %d | %s / %s | %s / %s | %s / %s | %s / %s |\n",
		$1, $2, $3, $4, $6, $7, $9, $10, $12, $13 }'
}
echo "## agreement (first code / pooled kappa)"
echo
echo "| set | n | rules | model | rules+model | rules+model, --max-codes 1 |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| *model trained on compassion+dev (written)* | | | | | |"
row heldout "$WORK/written.model"
row corpus "$WORK/written.model"
cat "$S"/heldout-segments.tsv <(tail -n +2 "$S"/corpus-segments.tsv) >"$WORK/pooled.tsv"
S=$WORK
cp "$WORK/pooled.tsv" "$WORK/heldout+corpus-segments.tsv"
row heldout+corpus "$WORK/written.model"
S=tests/codebook
echo "| *model trained on corpus (real talk), the reverse* | | | | | |"
for s in compassion dev heldout; do row "$s" "$WORK/corpus.model"; done
echo "| *learn --cv 10 on compassion+dev* | | | | | |"
W="$S/compassion-segments.tsv $S/dev-segments.tsv"
{
	bin/match-theme "$CB" $W | awk -f "$K"
	bin/learn --cv 10 --codes expected $W | awk -f "$K"
	bin/learn --cv 10 --codebook "$CB" --codes expected $W | awk -f "$K"
	bin/learn --cv 10 --codebook "$CB" --max-codes 1 --codes expected $W | awk -f "$K"
} | awk '{ n = $1; v = v sprintf(" %s / %s |", $2, $3) }
	END { printf "| compassion+dev | %d |%s\n", n, v }'
echo "| *learn --cv 10 per solver on compassion+dev: model alone, with the codebook* | | | | | |"
for sc in "l2r_lr 10" "l2r_lr 100" "svm 10" "l1r_lr 10" "nb 0.1"; do
	set -- $sc
	{
		bin/learn --solver "$1" --cost "$2" --cv 10 --codes expected $W | awk -f "$K"
		bin/learn --solver "$1" --cost "$2" --cv 10 --codebook "$CB" --codes expected $W | awk -f "$K"
	} | awk -v s="$1 $2" '{ v = v sprintf(" %s / %s |", $2, $3) } END { printf "| %s | | |%s |\n", s, v }'
done
echo

# --- speed -------------------------------------------------------------
CORPUS=bench/cache/corpus-${MB}mb-s$SEED
if [ ! -f "$CORPUS/.stamp" ]; then
	rm -rf "$CORPUS"
	mkdir -p "$CORPUS"
	"$GENCORPUS" -s "$SEED" -m "$MB" "$CORPUS"
	echo done >"$CORPUS/.stamp"
fi
mapfile -t FILES < <(find "$CORPUS" -maxdepth 1 -type f \( -name '*.vtt' -o -name '*.txt' \) | sort)
printf '%s\n' 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f >"$WORK/key"
chmod 600 "$WORK/key"
bin/segment "${FILES[@]}" | bin/tag-speaker --roster "$CORPUS/roster.tsv" 2>/dev/null |
	bin/anonymize --roster "$CORPUS/roster.tsv" --key-file "$WORK/key" >"$WORK/anon.tsv"
AB=$(wc -c <"$WORK/anon.tsv")
cat "$S"/{compassion,dev,heldout,corpus}-segments.tsv >"$WORK/all.tsv"
LB=$(wc -c <"$WORK/all.tsv")
measure learn "$LB" bin/learn --codes expected "$WORK/all.tsv"
measure learn.cv10 "$LB" bin/learn --cv 10 --codes expected "$WORK/all.tsv"
measure mt.cb "$AB" bin/match-theme "$CB" "$WORK/anon.tsv"
measure mt.model "$AB" bin/match-theme --model "$WORK/written.model" "$CB" "$WORK/anon.tsv"
measure mt.modelonly "$AB" bin/match-theme --model "$WORK/written.model" --model-only "$WORK/anon.tsv"
measure mt.explain "$AB" bin/match-theme --model "$WORK/written.model" --explain "$CB" "$WORK/anon.tsv"
measure mt.review "$AB" bin/match-theme --model "$WORK/written.model" --review 100 "$CB" "$WORK/anon.tsv"
echo "## speed ($(mib "$AB") MiB stream, $RUNS runs, CPU-time medians)"
echo
echo "| command | CPU s | MiB/s (CPU) | peak RSS MiB |"
echo "| --- | --- | --- | --- |"
for k in learn learn.cv10 mt.cb mt.model mt.modelonly mt.explain mt.review; do
	awk -v k="$k" -v c="${CPU[$k]}" -v b="${BYTES[$k]}" -v m="${RSS[$k]}" 'BEGIN {
		t = c > 0 ? c : 0.005
		printf "| %s | %.2f | %.1f | %.1f |\n", k, c, b / 1048576 / t, m / 1024 }'
done
