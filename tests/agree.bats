#!/usr/bin/env bats
# agree: the published test vectors through the command line, the output
# layout, the join, the errors, --rho, and the codebook against the
# example corpus's hand coding.
load helper

D=$BATS_TEST_DIRNAME/data/agree
TOP=$BATS_TEST_DIRNAME/..

# cols FILE: the columns after the first, comma-separated.
cols() {
	head -n 1 "$1" | cut -f 2- | tr '\t' ,
}

# field OUTPUT CODE COLUMN: the column of the row whose first field is CODE.
field() {
	printf '%s\n' "$1" | awk -F '\t' -v code="$2" -v col="$3" '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$1 == code { print $c[col] }'
}

@test "agree: Krippendorff's alpha of the published examples" {
	# file level figure: three decimals where the source gives three
	while read -r file level want; do
		run agree --values --unit unit -c "$(cols "$D/$file")" --level "$level" "$D/$file"
		[ "$status" -eq 0 ] || { echo "$file $level: $output"; return 1; }
		got=$(field "$output" "$level" alpha)
		[ "${#want}" -eq 5 ] && got=$(printf '%.3f' "$got")
		[ "$got" = "$want" ] || { echo "$file $level: alpha $got, want $want"; return 1; }
	done <<'EOF'
krippendorff-4x12.tsv nominal 0.743
krippendorff-4x12.tsv ordinal 0.815
krippendorff-4x12.tsv interval 0.849
krippendorff-4x12.tsv ratio 0.797
three-15.tsv nominal 0.691358
three-15.tsv interval 0.810845
binary.tsv nominal 0.685714
EOF
}

@test "agree: --values writes every level asked for, in order" {
	run agree --values --unit unit -c a,b,c,d --level ratio,nominal,interval,ordinal \
		"$D/krippendorff-4x12.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "level	units	values	agreement	kappa	alpha
nominal	11	40	0.800000		0.743421
ordinal	11	40	0.800000		0.815388
interval	11	40	0.800000		0.849107
ratio	11	40	0.800000		0.797403" ]
}

@test "agree: Cohen's kappa of two coders' values, and of the first codes" {
	run agree --values --unit unit -c a,b "$D/binary.tsv"
	[ "$(field "$output" nominal kappa)" = 0.666667 ]
	run agree --values --unit unit -c a,b "$D/cohen.tsv"
	[ "$(printf '%.3f' "$(field "$output" nominal kappa)")" = 0.633 ]
	# the same values as code paths: the (first) row's kappa
	run agree --unit unit -c a,b "$D/cohen.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%.3f' "$(field "$output" '(first)' kappa)")" = 0.633 ]
}

@test "agree: NVivo's example, 50 coded by both, 150 by one, 800 by neither: 85%" {
	awk 'BEGIN { print "a\tb"
		for (i = 0; i < 1000; i++)
			print (i < 150 ? "t" : "") "\t" (i < 50 || i >= 150 && i < 200 ? "t" : "") }' \
		>"$BATS_TEST_TMPDIR/nvivo.tsv"
	run agree -c a,b "$BATS_TEST_TMPDIR/nvivo.tsv"
	[ "$status" -eq 0 ]
	[ "$(field "$output" t agreement)" = 0.850000 ]
	[ "$(field "$output" t units)" = 1000 ]
	[ "$(field "$output" t both)" = 50 ]
}

@test "agree: two code columns, every row" {
	run agree -c human,codes "$D/two-coders.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "code	units	a_pos	b_pos	both	agreement	kappa	pabak	alpha	precision	recall	f1
x	6	4	3	3	0.833333	0.666667	0.666667	0.685714	1.000000	0.750000	0.857143
x/z	6	1	1	1	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000
y	6	1	1	1	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000
(all)	18	6	5	5	0.944444	0.869565	0.888889	0.872727	1.000000	0.833333	0.909091
(mean)	6				0.944444	0.888889	0.888889	0.895238	1.000000	0.916667	0.952381
(first)	6	4	3	2	0.666667	0.500000	0.555556	0.521739	0.666667	0.500000	0.571429
(coded)	6	6	5	5	0.833333	0.750000			1.000000	0.833333	0.909091
(documents)	6	4	4	4	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000" ]
}

@test "agree: --no-rollup compares codes only where given" {
	run agree --no-rollup -c human,codes "$D/two-coders.tsv"
	[ "$status" -eq 0 ]
	[ "$(field "$output" x a_pos)" = 3 ]
	[ "$(field "$output" x b_pos)" = 2 ]
	[ "$(field "$output" '(all)' units)" = 18 ]
	run agree -c human,codes --no-rollup --rollup "$D/two-coders.tsv"
	[ "$(field "$output" x a_pos)" = 4 ]
}

@test "agree: undefined figures are empty fields, never nan" {
	printf 'a\tb\nq\tq\nq\tq\n' >"$BATS_TEST_TMPDIR/same.tsv"
	run agree -c a,b "$BATS_TEST_TMPDIR/same.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sed -n 2p)" = "q	2	2	2	2	1.000000		1.000000		1.000000	1.000000	1.000000" ]
	[ "$(printf '%s\n' "$output" | grep -ci 'nan\|inf')" -eq 0 ]
}

@test "agree: --with joins a second stream on doc and seg" {
	run agree -c human,codes "$D/two-coders.tsv"
	one=$output
	run agree -c human,codes --with "$D/second-coder.tsv" "$D/two-coders.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$one" ]
	run agree -c codes --with "$D/second-coder.tsv" "$D/second-coder.tsv"
	[ "$status" -eq 0 ]
	[ "$(field "$output" '(all)' kappa)" = 1.000000 ]
}

@test "agree: three coders: a row per coder and one of all" {
	awk -F '\t' 'BEGIN { OFS = "\t" } { print $0, NR == 1 ? "third" : $3 }' \
		"$D/two-coders.tsv" >"$BATS_TEST_TMPDIR/three.tsv"
	run agree -c human,codes,third "$BATS_TEST_TMPDIR/three.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | head -n 4)" = "code	coder	units	a_pos	b_pos	both	agreement	kappa	pabak	alpha	precision	recall	f1
x	codes	6	4	3	3	0.833333	0.666667	0.666667	0.685714	1.000000	0.750000	0.857143
x	third	6	4	4	4	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000
x	(all)	6			3	0.833333			0.779221			" ]
	[ "$(printf '%s\n' "$output" | awk -F '\t' '$1 == "(first)" && $2 == "(all)" { print $7, $10 }')" = "0.666667 0.669903" ]
}

@test "agree: --format md" {
	run agree --values --unit unit -c a,b --format md "$D/binary.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "| level   | units | values | agreement | kappa    | alpha    |
| ------- | ----: | -----: | --------: | -------: | -------: |
| nominal |     6 |     12 |  0.833333 | 0.666667 | 0.685714 |" ]
}

@test "agree: --rho is the same for the same seed, and plausible" {
	awk 'BEGIN { print "a\tb"; for (i = 0; i < 1000; i++) { v = i % 3 ? "" : "t"; print v "\t" v } }' \
		>"$BATS_TEST_TMPDIR/big.tsv"
	run agree --rho -c a,b "$BATS_TEST_TMPDIR/big.tsv"
	[ "$status" -eq 0 ]
	[ "$(field "$output" t rho)" = 0.000000 ]
	head -n 9 "$BATS_TEST_TMPDIR/big.tsv" >"$BATS_TEST_TMPDIR/tiny.tsv"
	run agree --rho -c a,b "$BATS_TEST_TMPDIR/tiny.tsv"
	tiny=$(field "$output" t rho)
	[ "$(awk -v r="$tiny" 'BEGIN { print (r > 0.1) }')" = 1 ] || { echo "rho $tiny"; return 1; }
	run agree --rho --seed 7 -c human,codes "$D/two-coders.tsv"
	a=$output
	run agree --rho --seed 7 -c human,codes "$D/two-coders.tsv"
	[ "$output" = "$a" ]
	run agree --rho --seed 8 -c human,codes "$D/two-coders.tsv"
	[ "$output" != "$a" ]
	[ "$(field "$a" '(all)' rho)" = "" ]
	run agree --rho --seed 7 --replicates 50 --rho-threshold 0.9 -c human,codes "$D/two-coders.tsv"
	[ "$status" -eq 0 ]
	[ "$output" != "$a" ]
}

@test "agree: errors name the file and line" {
	run agree -c human,nosuch "$D/two-coders.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $D/two-coders.tsv:1: -c: the stream has no column 'nosuch'" ]
	run bash -c "cat '$D/two-coders.tsv'; tail -n 1 '$D/two-coders.tsv'"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/dup.tsv"
	run agree -c human,codes "$BATS_TEST_TMPDIR/dup.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $BATS_TEST_TMPDIR/dup.tsv:8: unit doc=d0 seg=6 again (first at $BATS_TEST_TMPDIR/dup.tsv:7): units must be unique" ]
	printf 'unit\ta\tb\n1\t2\t3\n2\tn/a\t3\n' >"$BATS_TEST_TMPDIR/bad.tsv"
	run agree --values --unit unit -c a,b --level interval "$BATS_TEST_TMPDIR/bad.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $BATS_TEST_TMPDIR/bad.tsv:3: a: 'n/a' is not a number (--level interval)" ]
	run agree --values --unit unit -c a,b "$BATS_TEST_TMPDIR/bad.tsv"
	[ "$status" -eq 0 ]
	printf 'unit\ta\tb\n1\t-2\t3\n' >"$BATS_TEST_TMPDIR/neg.tsv"
	run agree --values --unit unit -c a,b --level ratio "$BATS_TEST_TMPDIR/neg.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"neg.tsv:2: a: '-2' is negative"* ]]
	printf 'a\tb\nx;;y\tx\n' >"$BATS_TEST_TMPDIR/path.tsv"
	run agree -c a,b "$BATS_TEST_TMPDIR/path.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $BATS_TEST_TMPDIR/path.tsv:2: bad code path '' in a" ]
}

@test "agree: a unit without its partner in the other stream is an error naming it" {
	head -n 4 "$D/second-coder.tsv" >"$BATS_TEST_TMPDIR/short.tsv"
	run agree -c human,codes --with "$BATS_TEST_TMPDIR/short.tsv" "$D/two-coders.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $D/two-coders.tsv:3: unit doc=d0 seg=2 is not in $BATS_TEST_TMPDIR/short.tsv" ]
	{ cat "$D/second-coder.tsv"; printf 'd9\t1\tx\tx\n'; } >"$BATS_TEST_TMPDIR/extra.tsv"
	run agree -c human,codes --with "$BATS_TEST_TMPDIR/extra.tsv" "$D/two-coders.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $BATS_TEST_TMPDIR/extra.tsv:8: unit doc=d9 seg=1 is not in the first stream" ]
	run agree -c a,b --with "$D/binary.tsv" "$D/cohen.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--with: the stream has no doc and seg columns"* ]]
	run agree -c a,b --unit unit --with "$D/binary.tsv" "$D/cohen.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "agree: $D/cohen.tsv:8: unit unit=7 is not in $D/binary.tsv" ]
}

@test "agree: usage errors" {
	for args in "" "-c a" "-c a,b --level ordinal" "--values -c a,b --rho" \
		"-c a,b --seed 3" "-c a,b --rho --rho-threshold 0.3" "-c a,b --format long" \
		"--values -c a,b --level bogus" "--values -c a,b --no-rollup" "-c a,a"; do
		run bash -c "agree $args </dev/null 2>&1 >/dev/null"
		[ "$status" -eq 2 ] || { echo "agree $args: status $status"; return 1; }
		[[ "$output" == *"usage: agree"* ]] || { echo "agree $args: $output"; return 1; }
	done
}

@test "agree: a full disk is an error" {
	run bash -c "agree -c human,codes '$D/two-coders.tsv' >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"write error"* ]]
}

@test "agree: a reader that goes away ends agree quietly" {
	awk 'BEGIN { print "a\tb"; for (i = 0; i < 30000; i++) print "c" i "\tc" i }' \
		>"$BATS_TEST_TMPDIR/many.tsv"
	run bash -c "set -o pipefail; agree -c a,b '$BATS_TEST_TMPDIR/many.tsv' 2>'$BATS_TEST_TMPDIR/err' | head -n 2"
	[ "$status" -eq 0 ]
	[ "$output" = "code	units	a_pos	b_pos	both	agreement	kappa	pabak	alpha	precision	recall	f1
c0	30000	1	1	1	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000	1.000000" ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
}

@test "agree: an empty stream gives the summary rows over no units" {
	run bash -c "agree -c a,b </dev/null"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 1,2 | tr '\t\n' '  ')" = "code units (all) 0 (mean) 0 (first) 0 (coded) 0 " ]
}

@test "agree: the codebook against the corpus's hand coding, as score.awk counts it" {
	coded=$BATS_TEST_TMPDIR/coded.tsv
	sed '1s/^id	expected	/id	human	/' "$TOP/tests/codebook/corpus-segments.tsv" |
		match-theme "$TOP/codebooks/compassion.cb" >"$coded"
	run agree -c human,codes --unit id "$coded"
	[ "$status" -eq 0 ]
	first=$(field "$output" '(first)' agreement)
	[ "$first" = 0.616667 ]
	want=$(sed '1s/	human	/	expected	/' "$coded" | awk -f "$TOP/tests/codebook/score.awk" |
		awk '{ printf "%.6f", $2 / $1 }')
	[ "$first" = "$want" ]
	[ "$(field "$output" '(first)' units)" = 60 ]
	[ "$(field "$output" barriers units)" = 60 ]
	# the hand coding and the codebook's as two streams, joined on id
	one=$output
	cut -f 1,2 "$coded" >"$BATS_TEST_TMPDIR/hand.tsv"
	awk -F '\t' 'BEGIN { OFS = "\t" } { print $1, $4 }' "$coded" |
		{ IFS= read -r h; printf '%s\n' "$h"; sort -r; } >"$BATS_TEST_TMPDIR/machine.tsv"
	run agree -c human,codes --unit id --with "$BATS_TEST_TMPDIR/machine.tsv" "$BATS_TEST_TMPDIR/hand.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$one" ]
}
