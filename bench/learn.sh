#!/usr/bin/env bash
# bench/learn.sh: learn and match-theme --model, timed, and their
# agreement with the human coding of tests/codebook/.
#
#   BENCH_MB=100   transcripts to generate for the speed stream, MiB
#   BENCH_SEED=42  gencorpus seed
#   BENCH_RUNS=3   runs of each measurement; CPU-time medians are reported
#   BENCH_SPEED=0  the agreement table only
#
# Speed: learn on the ~820 hand-coded segments of tests/codebook/, and
# match-theme with the codebook alone, with --model and the codebook, and
# with --model-only, on the anonymized stream of a bench/gencorpus corpus
# (segment | tag-speaker | anonymize, made once, unmeasured), CPU time
# (user + system, medians) and peak RSS.  Agreement: the table of
# README's learn section: agree(1)'s first-code agreement, pooled and
# mean kappa of rules, model, both, and a model that learnt from the
# rules' hits too (learn --rule-features), each set scored by a model
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
[ "${BENCH_SPEED:-1}" = 0 ] || [ -x "$GENCORPUS" ] || die "$GENCORPUS is missing: make $GENCORPUS"
WORK=bench/cache/learn.$$
mkdir -p "$WORK"
trap 'rm -rf "$WORK"' EXIT
S=tests/codebook
CB=codebooks/compassion.cb

# --- agreement ---------------------------------------------------------
# A cell is "first / pooled (mean)": agree(1)'s (first) agreement, its
# (all) kappa (pooled over segments x codes, codes rolled up to their
# parents) and its (mean) kappa over the codes.
fk() { bin/agree -c expected,codes | awk -F'\t' '$1 == "(first)" { n = $2; f = $6 }
	$1 == "(all)" { k = $7 } $1 == "(mean)" { m = $7 }
	END { printf "%d %.3f / %.3f (%.3f)\n", n, f, k, m }'; }
cell() { cut -d' ' -f2-; }
bin/learn --codes expected "$S"/compassion-segments.tsv "$S"/dev-segments.tsv >"$WORK/written.model"
bin/learn --codes expected --codebook "$CB" --rule-features \
	"$S"/compassion-segments.tsv "$S"/dev-segments.tsv >"$WORK/written.rf.model"
bin/learn --codes expected "$S"/corpus-segments.tsv >"$WORK/corpus.model"
bin/learn --codes expected --codebook "$CB" --rule-features "$S"/corpus-segments.tsv >"$WORK/corpus.rf.model"
bin/learn --codes expected "$S"/{compassion,dev,heldout}-segments.tsv >"$WORK/cdh.model"
bin/learn --codes expected --codebook "$CB" --rule-features \
	"$S"/{compassion,dev,heldout}-segments.tsv >"$WORK/cdh.rf.model"
row() {  # row NAME FILE MODEL: MODEL.rf.model is the one with --rule-features
	local n r m b b1 s s1
	r=$(bin/match-theme "$CB" "$2" | fk)
	n=${r%% *}
	m=$(bin/match-theme --model "$3" --model-only "$2" | fk | cell)
	b=$(bin/match-theme --model "$3" "$CB" "$2" | fk | cell)
	b1=$(bin/match-theme --model "$3" --max-codes 1 "$CB" "$2" | fk | cell)
	s=$(bin/match-theme --model "${3%.model}.rf.model" "$CB" "$2" | fk | cell)
	s1=$(bin/match-theme --model "${3%.model}.rf.model" --max-codes 1 "$CB" "$2" | fk | cell)
	echo "| $1 | $n | ${r#* } | $m | $b | $b1 | $s | $s1 |"
}
echo "## agreement (first code / pooled kappa (mean kappa over codes), agree(1))"
echo
echo "| set | n | rules | model | rules+model | rules+model, --max-codes 1 | --rule-features | --rule-features, --max-codes 1 |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
echo "| *model trained on compassion+dev (written)* | | | | | | | |"
row heldout "$S/heldout-segments.tsv" "$WORK/written.model"
row corpus "$S/corpus-segments.tsv" "$WORK/written.model"
cat "$S"/heldout-segments.tsv <(tail -n +2 "$S"/corpus-segments.tsv) >"$WORK/pooled.tsv"
row heldout+corpus "$WORK/pooled.tsv" "$WORK/written.model"
echo "| *model trained on compassion+dev+heldout (heldout is training data here)* | | | | | | | |"
row corpus "$S/corpus-segments.tsv" "$WORK/cdh.model"
echo "| *model trained on corpus (real talk), the reverse* | | | | | | | |"
for s in compassion dev heldout; do row "$s" "$S/$s-segments.tsv" "$WORK/corpus.model"; done
echo "| *learn --cv 10 on compassion+dev* | | | | | | | |"
W="$S/compassion-segments.tsv $S/dev-segments.tsv"
{
	bin/match-theme "$CB" $W | fk
	bin/learn --cv 10 --codes expected $W | fk | cell
	bin/learn --cv 10 --codebook "$CB" --codes expected $W | fk | cell
	bin/learn --cv 10 --codebook "$CB" --max-codes 1 --codes expected $W | fk | cell
	bin/learn --cv 10 --codebook "$CB" --rule-features --codes expected $W | fk | cell
	bin/learn --cv 10 --codebook "$CB" --rule-features --max-codes 1 --codes expected $W | fk | cell
} | awk 'NR == 1 { n = $1; sub(/^[0-9]+ /, "") } { v = v " " $0 " |" }
	END { printf "| compassion+dev | %d |%s\n", n, v }'
echo "| *learn --cv 10 per solver on compassion+dev: model alone, with the codebook* | | | | | | | |"
for sc in "l2r_lr 10" "l2r_lr 100" "svm 10" "l1r_lr 10" "nb 0.1"; do
	set -- $sc
	{
		bin/learn --solver "$1" --cost "$2" --cv 10 --codes expected $W | fk | cell
		bin/learn --solver "$1" --cost "$2" --cv 10 --codebook "$CB" --codes expected $W | fk | cell
	} | awk -v s="$1 $2" '{ v = v " " $0 " |" } END { printf "| %s | | |%s | | | |\n", s, v }'
done
echo
[ "${BENCH_SPEED:-1}" = 0 ] && exit 0

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
