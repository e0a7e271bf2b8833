#!/usr/bin/env bash
# bench/loop.sh: the README's loop measured on real talk: how much a
# researcher's own coded sample helps, by cross-validation over the
# example corpus's 60 hand-coded transcript turns.
#
#   LOOP_K=5        folds of the corpus turns
#   LOOP_SEEDS=10   random samples per size in the active-learning part
#
# Run by hand from anywhere (bin/ must be built); it prints two markdown
# tables, takes about a minute, and is deterministic.  It is not a timed
# test.
#
# Data: tests/codebook/compassion-segments.tsv and dev-segments.tsv (622
# segments written by the codebook's author: the "written" sets) are
# always training data; tests/codebook/corpus-segments.tsv (60 turns of
# examples/compassion, real talk, hand-coded) is the study.  heldout is
# not used.
#
# 1. In-study cross-validation.  Corpus turn i (counting from 0 in file
#    order) is in fold i mod K.  For each fold a model is trained on the
#    written sets (weight 1) and the other folds' turns (learn --weight,
#    weight W), and the fold's turns are coded with
#    `match-theme --model M --max-codes 1 codebooks/compassion.cb`; the
#    folds' codes are pooled and compared with agree -c expected,codes.
#    A cell is first-code agreement / pooled kappa / mean kappa.  No
#    choice is made on the fold being coded; choices made by looking at
#    this table (which W, which solver) are made on all 60 turns, so the
#    best row overstates what the next study gets.
# 2. Active learning (match-theme --review N).  From the written model,
#    the N corpus turns --review finds most doubtful, against N turns
#    taken at random (LOOP_SEEDS samples, the mean), are added to the
#    training data (weight 1 and weight 3); the other 60 - N turns are
#    coded and compared.  The rest differs between the two, so each
#    cell gives also the written model's agreement on that same rest
#    and the gain over it.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
K=${LOOP_K:-5}
SEEDS=${LOOP_SEEDS:-10}
for p in learn match-theme agree; do
	[ -x "bin/$p" ] || { echo "loop.sh: bin/$p is missing: run make first" >&2; exit 2; }
done
S=tests/codebook
CB=codebooks/compassion.cb
WORK=$(mktemp -d "${TMPDIR:-/tmp}/loop.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# weighted FILE W: FILE with a column weight of W
weighted() { awk -v w="$2" 'BEGIN { FS = OFS = "\t" } NR == 1 { print $0, "weight"; next } { print $0, w }' "$1"; }
# figures: first / pooled kappa / mean kappa of a coded stream
figures() { bin/agree -c expected,codes | awk -F'\t' '$1 == "(first)" { f = $6 }
	$1 == "(all)" { k = $7 } $1 == "(mean)" { m = $7 }
	END { printf "%.3f / %.3f / %.3f", f, k, m }'; }
first() { bin/agree -c expected,codes | awk -F'\t' '$1 == "(first)" { print $6 }'; }

weighted "$S/compassion-segments.tsv" 1 >"$WORK/written.tsv"
weighted "$S/dev-segments.tsv" 1 | tail -n +2 >>"$WORK/written.tsv"
head -n 1 "$S/corpus-segments.tsv" >"$WORK/hdr"
tail -n +2 "$S/corpus-segments.tsv" >"$WORK/turns"
N=$(wc -l <"$WORK/turns")

# cv NAME W [learn options]: a row of table 1 (W 0: the turns are not
# trained on; "only": the turns alone, no written sets)
cv() {
	local name=$1 w=$2 f
	shift 2
	: >"$WORK/pooled"
	for ((f = 0; f < K; f++)); do
		{ cat "$WORK/hdr"; awk -v k="$K" -v f="$f" '(NR - 1) % k != f' "$WORK/turns"; } >"$WORK/train"
		{ cat "$WORK/hdr"; awk -v k="$K" -v f="$f" '(NR - 1) % k == f' "$WORK/turns"; } >"$WORK/test"
		case $w in
		only) weighted "$WORK/train" 1 >"$WORK/t.tsv" ;;
		0) cp "$WORK/written.tsv" "$WORK/t.tsv" ;;
		*) { cat "$WORK/written.tsv"; weighted "$WORK/train" "$w" | tail -n +2; } >"$WORK/t.tsv" ;;
		esac
		bin/learn --codes expected --weight weight "$@" "$WORK/t.tsv" >"$WORK/m"
		bin/match-theme --model "$WORK/m" --max-codes 1 "$CB" "$WORK/test" |
			if [ "$f" = 0 ]; then cat; else tail -n +2; fi >>"$WORK/pooled"
	done
	printf '| %s | %s |\n' "$name" "$(figures <"$WORK/pooled")"
}

echo "## in-study cross-validation: $N corpus turns, $K folds (first / pooled kappa / mean kappa)"
echo
echo "| training data of each fold's model | agreement on the held-out turns, pooled |"
echo "| --- | --- |"
printf '| rules alone (no model; all the codes they give) | %s |\n' "$(bin/match-theme "$CB" "$S/corpus-segments.tsv" | figures)"
cv "written only" 0
cv "the other folds' turns only" only
for w in 1 2 3 5 10; do cv "written + other folds' turns, weight $w" "$w"; done
cv "written + turns weight 3, --cost 100" 3 --cost 100
cv "written + turns weight 3, --solver svm" 3 --solver svm
cv "written + turns weight 3, --solver nb" 3 --solver nb
cv "written + turns weight 3, --codebook --rule-features" 3 --codebook "$CB" --rule-features
echo

# rest_of IDS: the turns whose id is not in IDS (a file of ids)
rest_of() { { cat "$WORK/hdr"; awk -F'\t' 'NR == FNR { x[$1]; next } !($1 in x)' "$1" "$WORK/turns"; }; }
picked() { { cat "$WORK/hdr"; awk -F'\t' 'NR == FNR { x[$1]; next } ($1 in x)' "$1" "$WORK/turns"; }; }
# arm IDS W: agreement on the rest of the model trained with the picked
# turns (weight W), then the written model's on the same rest
arm() {
	{ cat "$WORK/written.tsv"; picked "$1" | weighted /dev/stdin "$2" | tail -n +2; } >"$WORK/a.tsv"
	bin/learn --codes expected --weight weight "$WORK/a.tsv" >"$WORK/am"
	rest_of "$1" >"$WORK/rest"
	printf '%s %s\n' "$(bin/match-theme --model "$WORK/am" --max-codes 1 "$CB" "$WORK/rest" | first)" \
		"$(bin/match-theme --model "$WORK/wm" --max-codes 1 "$CB" "$WORK/rest" | first)"
}
bin/learn --codes expected "$WORK/written.tsv" >"$WORK/wm"
echo "## active learning: N turns added to the written sets, first-code agreement on the other $N - N"
echo
echo "| N | weight | --review N: after (written model on the same rest, gain) | N at random, mean of $SEEDS: after (written model, gain) |"
echo "| --- | --- | --- | --- |"
for n in 10 20 30; do
	bin/match-theme --model "$WORK/wm" --review "$n" "$CB" "$S/corpus-segments.tsv" |
		tail -n +2 | cut -f1 >"$WORK/rev.ids"
	for w in 1 3; do
		r=$(arm "$WORK/rev.ids" "$w")
		: >"$WORK/rand"
		for ((seed = 1; seed <= SEEDS; seed++)); do
			# a random sample: the turns ordered by a hash of seed and id
			awk -F'\t' -v s="$seed" '{ h = s * 7919; for (i = 1; i <= length($1); i++)
				h = (h * 31 + index("0123456789abcdefghijklmnopqrstuvwxyz-:_", substr($1, i, 1))) % 1000003
				print h "\t" $1 }' "$WORK/turns" | sort -n -k1,1 -k2 | head -n "$n" | cut -f2 >"$WORK/rnd.ids"
			arm "$WORK/rnd.ids" "$w" >>"$WORK/rand"
		done
		awk -v n="$n" -v w="$w" -v r="$r" '{ a += $1; b += $2 } END {
			split(r, x, " ")
			printf "| %d | %d | %.3f (%.3f, %+.3f) | %.3f (%.3f, %+.3f) |\n", n, w,
				x[1], x[2], x[1] - x[2], a / NR, b / NR, (a - b) / NR }' "$WORK/rand"
	done
done
