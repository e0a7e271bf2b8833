#!/usr/bin/env bats
# The compassion codebook against hand-coded segments. Four sets, in
# tests/codebook/ (layout `id expected text`, expected = the first code a
# careful human coder gives, empty for none):
#   compassion-segments.tsv  written together with the codebook (a fit)
#   dev-segments.tsv         used to extend the codebook's word lists
#   heldout-segments.tsv     written before the extension, blind to the
#                            patterns; scored once, not tuned on
#   corpus-segments.tsv      60 participant turns of examples/compassion,
#                            coded by hand; scored once, not tuned on
# The thresholds are the measured figures rounded down a little: a
# codebook change that drops below them made the codebook worse.
#
# Two variants of the codebook are measured too (codebook(5) stem and
# syn): with `stem on` for every code, and with the WordNet lines of
# wordnet-lines.tsv (`code line`: the line goes at the end of that
# code), chosen on the dev segments alone: of 25 candidate syn lines,
# each tried with stem on and off in its code, the two that raised dev
# agreement without lowering the fit set's (one line gained as much with
# stem off as on, so the lines are unstemmed).

load helper

BOOK=$BATS_TEST_DIRNAME/../codebooks/compassion.cb
SETS=$BATS_TEST_DIRNAME/codebook
SCORE=$SETS/score.awk

# stemmed, wordnet: BOOK becomes that variant of the codebook.
stemmed() {
	BOOK=$BATS_TEST_TMPDIR/stemmed.cb
	{ echo 'stem on'; cat "$BATS_TEST_DIRNAME/../codebooks/compassion.cb"; } > "$BOOK"
}
wordnet() {
	with_lines "$SETS/wordnet-lines.tsv" "$BATS_TEST_DIRNAME/../codebooks/compassion.cb" wordnet.cb
	[ "$(grep -c '^  syn ' "$BOOK")" -eq 2 ]
}

# lean [syn] [stem]: a codebook as a researcher might first write it,
# cut from this one: each code's first word line, wildcards off; with
# syn, the lines of lean-syn-lines.tsv (written once from the code
# names and descriptions, not tuned); with stem, `stem on`.
lean() {
	local src=$BATS_TEST_TMPDIR/lean-src.cb
	{ [[ " $* " == *" stem "* ]] && echo 'stem on'
	  awk '/^code /{ print; n = 0; next } /^  word /{ if (n++ < 1) { gsub(/\*/, ""); print } }' \
		"$BATS_TEST_DIRNAME/../codebooks/compassion.cb"; } > "$src"
	if [[ " $* " == *" syn "* ]]; then
		with_lines "$SETS/lean-syn-lines.tsv" "$src" lean.cb
	else
		BOOK=$src
	fi
}

# with_lines SPEC CODEBOOK NAME: BOOK becomes CODEBOOK with each line of
# SPEC (`code line`, a header first) at the end of its code.
with_lines() {
	BOOK=$BATS_TEST_TMPDIR/$3
	awk -F '\t' -v spec="$1" '
		BEGIN { getline l < spec
			while ((getline l < spec) > 0) { split(l, a, "\t"); add[a[1]] = add[a[1]] "  " a[2] "\n" } }
		/^code / { if (cur in add) printf "%s", add[cur]; cur = $0; sub(/^code /, "", cur) }
		{ print }
		END { if (cur in add) printf "%s", add[cur] }' "$2" > "$BOOK"
}

# score SET: runs match-theme and sets n ok nocode multi coded codedok
# empty emptyok anyhit (see score.awk).
score() {
	run match-theme "$BOOK" "$SETS/$1-segments.tsv"
	[ "$status" -eq 0 ]
	read -r n ok nocode multi coded codedok empty emptyok anyhit \
		< <(printf '%s\n' "$output" | awk -f "$SCORE")
	[ "$n" -gt 0 ]
}

# pct A B: A/B as a percentage with one decimal, for the messages.
pct() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b) printf "%.1f%%", 100 * a / b; else print "-" }'
}

# report SET: the figures of the last score call, on fd 3.
report() {
	echo "# $1: first code $ok/$n ($(pct "$ok" "$n")), no code $(pct "$nocode" "$n")," \
		"more than two codes $(pct "$multi" "$n"), precision $codedok/$coded" \
		"($(pct "$codedok" "$coded")), empty left uncoded $emptyok/$empty" >&3
}

# agree SET PERCENT: first-code agreement at or above PERCENT.
agree() {
	score "$1"
	report "$1"
	[ $((ok * 100)) -ge $((n * $2)) ]
}

@test "codebook sets: three fields a line, codes known to the codebook" {
	codes=$(awk '$1 == "code" { print $2 }' "$BOOK")
	for s in compassion dev heldout corpus; do
		f=$SETS/$s-segments.tsv
		[ "$(head -n 1 "$f")" = "$(printf 'id\texpected\ttext')" ]
		run awk -F'\t' 'NF != 3 { print FILENAME ":" NR }' "$f"
		[ -z "$output" ]
		run bash -c 'cut -f 1 "$1" | sort | uniq -d' _ "$f"
		[ -z "$output" ]
		while IFS= read -r c; do
			[ -z "$c" ] && continue
			grep -qxF -- "$c" <<<"$codes" || { echo "$f: unknown code $c"; false; }
		done < <(tail -n +2 "$f" | cut -f 2 | sort -u)
	done
}

@test "codebook sets: held-out has at least 10 segments per code and 15 uncoded" {
	run awk -F'\t' 'NR > 1 { c[$2]++ }
		END { for (k in c) if ((k == "" && c[k] < 15) || (k != "" && c[k] < 10)) print k, c[k]; print length(c) }' \
		"$SETS/heldout-segments.tsv"
	[ "$output" = 11 ]
	[ "$(($(wc -l < "$SETS/dev-segments.tsv") - 1))" -ge 100 ]
	[ "$(($(wc -l < "$SETS/corpus-segments.tsv") - 1))" -eq 60 ]
}

@test "score.awk counts agreement, misses, multiple and missing codes" {
	printf 'id\texpected\ttext\tcodes\thits\n%s\n%s\n%s\n%s\n%s\n' \
		"a	x	t	x;y	2;1" \
		"b	x	t	y;x;z	2;1;1" \
		"c		t		" \
		"d		t	z	1" \
		"e	y	t		" > "$BATS_TEST_TMPDIR/s.tsv"
	run awk -f "$SCORE" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	# n ok nocode multi coded codedok empty emptyok anyhit
	[ "$output" = "5 2 2 1 3 1 2 1 2" ]
	run awk -v verbose=1 -f "$SCORE" "$BATS_TEST_TMPDIR/s.tsv"
	[ "${lines[0]}" = "MISS b	x	y;x;z	t" ]
	[ "${#lines[@]}" -eq 4 ]
}

@test "codebook: first code on the segments written with it (measured 98.9%)" {
	agree compassion 98
}

@test "codebook: first code on the development segments (measured 92.3%)" {
	agree dev 90
}

@test "codebook: first code on the held-out segments (measured 87.0%, was 70.3%)" {
	agree heldout 85
}

@test "codebook: first code on the example-corpus turns (measured 61.7%, was 60.0%)" {
	agree corpus 60
}

@test "codebook: fewer than 10% of segments get more than two codes" {
	for s in compassion dev heldout; do
		score "$s"
		echo "# $s: more than two codes $multi/$n ($(pct "$multi" "$n"))" >&3
		[ $((multi * 10)) -lt "$n" ]
	done
	# Whole turns of 15 to 120 words touch several themes: the codebook
	# before the extension gave 9 of the 60 turns more than two codes,
	# now 11. Bound it so that it does not creep further.
	score corpus
	echo "# corpus turns: more than two codes $multi/$n ($(pct "$multi" "$n"))" >&3
	[ $((multi * 5)) -le "$n" ]
}

@test "codebook: segments a coder leaves uncoded stay uncoded (80%)" {
	te=0 tok=0
	for s in compassion dev heldout corpus; do
		score "$s"
		echo "# $s: uncoded $emptyok/$empty ($(pct "$emptyok" "$empty"))" >&3
		te=$((te + empty)) tok=$((tok + emptyok))
		# The corpus has 6 such turns, introductions mostly, and half
		# carry a theme word ("keeps me sane"); it counts in the total.
		[ "$s" = corpus ] && continue
		[ $((emptyok * 10)) -ge $((empty * 8)) ]
	done
	echo "# all sets: uncoded $tok/$te ($(pct "$tok" "$te"))" >&3
	[ $((tok * 10)) -ge $((te * 8)) ]
}

@test "codebook, stem on throughout: first code (measured 93.7%, 88.1%, 86.2%, 66.7%)" {
	stemmed
	agree compassion 93
	agree dev 88
	agree heldout 86
	agree corpus 66
}

@test "codebook, stem on throughout: more codes, still under 10% with more than two" {
	# Stemming merges forms the word lists kept apart: more than two
	# codes on 17, 23, 13 and 17 segments, against 9, 11, 8 and 11.
	stemmed
	for s in compassion dev heldout; do
		score "$s"
		echo "# $s stemmed: more than two codes $multi/$n ($(pct "$multi" "$n"))" >&3
		[ $((multi * 10)) -lt "$n" ]
	done
}

@test "codebook with the WordNet lines: first code (measured 98.9%, 92.9%, 87.0%, 61.7%)" {
	wordnet
	agree compassion 98
	agree dev 92
	agree heldout 86
	agree corpus 60
}

@test "a lean codebook (a word line a code) gains from syn and stem: 12.8% -> 19.6% on dev" {
	# measured, first code on compassion, dev, held-out, corpus:
	#   lean            13.0% 12.8% 14.5% 15.0%
	#   lean stem       14.1% 13.9% 14.5% 13.3%
	#   lean syn        21.1% 17.6% 20.3% 25.0%
	#   lean syn stem   25.6% 19.6% 21.7% 25.0%
	lean
	agree dev 12
	local before=$ok
	agree heldout 14
	lean syn stem
	[ "$(grep -c '^  syn ' "$BOOK")" -eq 10 ]
	agree compassion 25
	agree dev 19
	[ "$ok" -gt "$before" ]
	agree heldout 21
	agree corpus 25
}
