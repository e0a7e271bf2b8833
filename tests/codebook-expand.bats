#!/usr/bin/env bats
# codebook(5) stem on/off and the WordNet directives (syn, narrower,
# broader) through match-theme: what they match, their errors, where the
# database is looked for.
load helper

# cb TEXT: write TEXT (printf %b) to $BATS_TEST_TMPDIR/t.cb.
cb() {
	printf '%b' "$1" >"$BATS_TEST_TMPDIR/t.cb"
}

# segs TEXT...: one segment a TEXT, in $BATS_TEST_TMPDIR/s.tsv.
segs() {
	{ printf 'id\ttext\n'; local i=0; for t in "$@"; do i=$((i + 1)); printf '%s\t%s\n' "$i" "$t"; done; } \
		>"$BATS_TEST_TMPDIR/s.tsv"
}

@test "stem on: forms of a word meet, other words do not; off by default" {
	cb 'code st\n  stem on\n  word rush\n  phrase take care\ncode plain\n  word rush\n  phrase take care\n'
	segs "rush" "Rushing, rushed" "brush and rusher" "taking good care" "she takes care" "took care"
	run match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' \
		'id	text	codes	hits' \
		'1	rush	st;plain	1;1' \
		'2	Rushing, rushed	st	2' \
		'3	brush and rusher		' \
		'4	taking good care		' \
		'5	she takes care	st	1' \
		'6	took care		')" ]
}

@test "stem on before the first code: every code's default; stem off in a code" {
	cb 'stem on\ncode a\n  word listen\ncode b\n  stem off\n  word listen\ncode c\n  word listen\n'
	segs "listening" "listen"
	run match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 3,4 | tail -n +2)" = "$(printf 'a;c\t1;1\na;b;c\t1;1;1')" ]
}

@test "stem on: --long shows the text as written and the pattern as written" {
	cb 'code a\n  stem on\n  phrase take care\n'
	segs "We were taking care of her"
	run match-theme --long "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "1	a	take care	taking care	8	We were taking care of her" ]
}

@test "syn: synonyms become patterns of their code; forms only with stem on" {
	cb 'code syn\n  syn hurry.v\ncode stem\n  stem on\n  syn hurry.v\n'
	segs "hurry" "we hastened, then had to look sharp" "festinate" "they hurried" "Benjamin Rush" "a slow walk"
	run match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' \
		'id	text	codes	hits' \
		'1	hurry	syn;stem	1;1' \
		'2	we hastened, then had to look sharp	stem;syn	2;1' \
		'3	festinate	syn;stem	1;1' \
		'4	they hurried	stem	1' \
		'5	Benjamin Rush	syn;stem	1;1' \
		'6	a slow walk		')" ]
	run match-theme --long "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "${lines[1]}" = "1	syn	hurry	hurry	0	hurry" ]
	[[ "$output" == *"2	syn	look sharp	look sharp	"* ]]
}

@test "narrower and broader: one level, or the depth given" {
	cb 'code n1\n  narrower emotion.n.1\ncode n2\n  narrower 2 emotion.n.1\ncode b\n  broader anger.n.1\n'
	segs "so much anger" "pure rage" "an emotion" "a feeling"
	run match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' \
		'id	text	codes	hits' \
		'1	so much anger	n1;n2;b	1;1;1' \
		'2	pure rage	n2	1' \
		'3	an emotion	n1;n2;b	1;1;1' \
		'4	a feeling		')" ]
}

# refused CODEBOOK MESSAGE: match-theme refuses CODEBOOK (printf %b) with
# exit 2 and "match-theme: FILE:MESSAGE", MESSAGE a glob.
refused() {
	cb "$1"
	run match-theme "$BATS_TEST_TMPDIR/t.cb" /dev/null
	echo "# $output"
	[ "$status" -eq 2 ]
	[[ "$output" == "match-theme: $BATS_TEST_TMPDIR/t.cb:"$2 ]]
}

@test "stem: a value other than on or off is an error with its line" {
	refused 'code a\n  word x\n  stem yes\n' "3: 'stem' takes 'on' or 'off', not 'yes'"
	refused 'stem\ncode a\n' "1: 'stem' takes 'on' or 'off', not ''"
}

@test "syn, narrower, broader: a word WordNet lacks is an error (not a warning), and the others" {
	refused '# a typo\ncode a\n  syn hurry rsuh\n' "3: syn: 'rsuh' is not in WordNet"
	refused 'code a\n  narrower hurry.a\n' "2: narrower: 'hurry' is not in WordNet as an adjective"
	refused 'code a\n  syn rush.v.8\n' "2: syn: WordNet has 7 senses of verb 'rush', not 8"
	refused 'code a\n  broader 12 anger\n' "2: bad depth number '12' (a whole number from 1 to 9)"
	refused 'code a\n  broader 2\n' "2: empty pattern: 'broader' needs a word after its depth"
	refused 'code a\n  narrower 9 entity\n' "2: narrower: 'entity' reaches more than 2000 WordNet synsets"*
	refused 'syn hurry\n' "1: 'syn' before any 'code'"
}

@test "WordNet: WNSEARCHDIR moves it; unreadable, syn is an error, other codebooks do not care" {
	mkdir "$BATS_TEST_TMPDIR/wn"
	for f in /usr/share/wordnet/*; do ln -s "$f" "$BATS_TEST_TMPDIR/wn/"; done
	cb 'code a\n  syn hurry.v\n'
	segs "festinate"
	run env WNSEARCHDIR="$BATS_TEST_TMPDIR/wn" match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "1	festinate	a	1" ]
	run env WNSEARCHDIR="$BATS_TEST_TMPDIR/none" match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "match-theme: $BATS_TEST_TMPDIR/t.cb:2: syn: WordNet is not readable in $BATS_TEST_TMPDIR/none ("*"data.noun"* ]]
	run env -u WNSEARCHDIR WNHOME="$BATS_TEST_TMPDIR/home" match-theme "$BATS_TEST_TMPDIR/t.cb" /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == *"syn: WordNet is not readable in $BATS_TEST_TMPDIR/home/dict ("* ]]
	cb 'code a\n  stem on\n  word hurry\n'
	run env WNSEARCHDIR="$BATS_TEST_TMPDIR/none" match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
}

@test "WordNet's licence is where codebook(5) says" {
	grep -q 'Princeton University' /usr/share/doc/wordnet-base/copyright
	grep -q 'WNSEARCHDIR' "$BATS_TEST_DIRNAME/../man/codebook.5"
	grep -q '/usr/share/doc/wordnet-base/copyright' "$BATS_TEST_DIRNAME/../man/codebook.5"
}

@test "a codebook without the new directives codes as before (stem off)" {
	cb 'code a\n  word rush\n  phrase take care\n'
	segs "rushing" "taking care" "rush" "take care"
	run match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 3 | tail -n +2 | tr '\n' ,)" = ",,a,a," ]
	cb 'stem off\ncode a\n  word rush\n  phrase take care\n'
	run match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/s.tsv"
	[ "$(printf '%s\n' "$output" | cut -f 3 | tail -n +2 | tr '\n' ,)" = ",,a,a," ]
}
