#!/usr/bin/env bats
# match-theme --model: a learned model, alone or beside a codebook's
# rules; --explain, --review; the model file reader; what tally and
# pick-quotes make of the output.
load helper

# A model small enough to score by hand (qualpipe-model(5)'s example):
# one code, bias -1.2, weight 1.51 for the stem "rush" (bucket 21645)
# and 0.88 for the pair "no time" (bucket 192554), threshold 0.5.
setup() {
	M=$BATS_TEST_TMPDIR/t.model
	printf '%s\n' 'qualpipe-model	2' 'features	stem+bigram	fnv1a	18' \
		'solver	l2r_lr	10' 'segments	3' 'codebook	-' 'codes	1' \
		'code	barriers/time-constraints	1	0.5	-1.2' 'rules	0' 'rows	2' \
		'21645	rush	1.51' '192554	no time	0.88' 'end' >"$M"
	T=$BATS_TEST_TMPDIR/t.tsv
	printf 'doc\tseg\ttext\nd\t1\trush\nd\t2\tI rush\nd\t3\tRushing, no time\nd\t4\tnothing here\n' >"$T"
	CB=$BATS_TEST_TMPDIR/t.cb
	printf 'code barriers/time-constraints\n  word rush*\ncode facilitators/self-care\n  word nothing\n' >"$CB"
}

# bad LINE-EDIT MESSAGE: the model with sed expression LINE-EDIT applied
# is refused with status 2 and MESSAGE.
bad() {
	sed "$1" "$M" >"$BATS_TEST_TMPDIR/bad.model"
	run match-theme --model "$BATS_TEST_TMPDIR/bad.model" --model-only "$T"
	[ "$status" -eq 2 ] || { echo "status $status for $1: $output"; return 1; }
	[[ "$output" == *"$2"* ]] || { echo "for $1: $output"; return 1; }
}

@test "--model-only: scores by the model's formula, codes from the threshold" {
	# rush: one feature of value 1, 1/(1+exp(-(1.51-1.2))) = 0.577, 0.3
	# of it the score; "I rush": three features, 0.419 < 0.5; "Rushing, no
	# time": five, 0.467
	run match-theme --model "$M" --model-only "$T"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\ttext\tcodes\thits\tscores\nd\t1\trush\tbarriers/time-constraints\t0\t0.173\nd\t2\tI rush\t\t\t\nd\t3\tRushing, no time\t\t\t\nd\t4\tnothing here\t\t\t')" ]
}

@test "--model with a codebook: a code if either says so, one score" {
	# 0.3 p + 0.7 h/(h+1): a rule hit alone 0.35, with the model's 0.577
	# for seg 1 0.523
	run match-theme --model "$M" "$CB" "$T"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\ttext\tcodes\thits\tscores\nd\t1\trush\tbarriers/time-constraints\t1\t0.523\nd\t2\tI rush\tbarriers/time-constraints\t1\t0.476\nd\t3\tRushing, no time\tbarriers/time-constraints\t1\t0.490\nd\t4\tnothing here\tfacilitators/self-care\t1\t0.350')" ]
}

@test "--model: beside rules the model adds a code only from 0.5" {
	# threshold 0.4: "I rush" (0.419) and "Rushing, no time" (0.467) reach
	# it; alone the model gives them the code, beside a codebook that does
	# not, it does not
	sed -i 's/	1	0.5	-1.2$/	1	0.4	-1.2/' "$M"
	printf 'code other\n  word zebra\n' >"$BATS_TEST_TMPDIR/z.cb"
	run match-theme --model "$M" --model-only "$T"
	[ "$(printf '%s\n' "$output" | cut -f 4 | tr '\n' ' ')" = "codes barriers/time-constraints barriers/time-constraints barriers/time-constraints  " ]
	run match-theme --model "$M" "$BATS_TEST_TMPDIR/z.cb" "$T"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 4 | tr '\n' ' ')" = "codes barriers/time-constraints    " ]
}

@test "--max-codes N: the N best-scored codes" {
	printf 'text\nrush, nothing\n' >"$BATS_TEST_TMPDIR/two.tsv"
	run match-theme --model "$M" "$CB" "$BATS_TEST_TMPDIR/two.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | tail -n 1)" = "$(printf 'rush, nothing\tbarriers/time-constraints;facilitators/self-care\t1;1\t0.476;0.350')" ]
	run match-theme --model "$M" --max-codes 1 "$CB" "$BATS_TEST_TMPDIR/two.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | tail -n 1)" = "$(printf 'rush, nothing\tbarriers/time-constraints\t1\t0.476')" ]
	run match-theme --model "$M" --max-codes 0 "$CB" "$BATS_TEST_TMPDIR/two.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--max-codes: N must be at least 1"* ]]
	run match-theme --max-codes 1 "$CB" "$BATS_TEST_TMPDIR/two.tsv"
	[ "$status" -eq 2 ]
}

@test "--explain: rule terms, then the model's features with ~" {
	run match-theme --model "$M" --explain "$CB" "$T"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 7)" = "$(printf 'explain\nrush*,~rush\nrush*\nrush*\nnothing')" ]
	run match-theme --model "$M" --model-only --explain "$T"
	[ "$(printf '%s\n' "$output" | sed -n 2p | cut -f 7)" = "~rush" ]
}

@test "--review N: the N most doubtful segments, most doubtful first" {
	run match-theme --model "$M" --model-only --review 2 "$T"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\ttext\tcodes\thits\tscores\tdoubt\nd\t3\tRushing, no time\t\t\t\t0.935\nd\t1\trush\tbarriers/time-constraints\t0\t0.173\t0.846')" ]
	# beside rules, disagreeing with them adds 1
	run match-theme --model "$M" --review 3 "$CB" "$T"
	[ "$(printf '%s\n' "$output" | cut -f 2,7 | tr '\n\t' ' :')" = "seg:doubt 3:1.935 2:1.837 4:1.000 " ]
	# more than the input holds: every record, in order of doubt
	run match-theme --model "$M" --model-only --review 100 "$T"
	[ "$(printf '%s\n' "$output" | cut -f 2 | tr '\n' ' ')" = "seg 3 1 2 4 " ]
}

@test "--model: usage errors" {
	run match-theme --explain "$CB" "$T"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--model-only, --max-codes, --explain and --review go with --model"* ]]
	run match-theme --model "$M" --long "$CB" "$T"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--long does not go with --model"* ]]
	run match-theme --model "$M" --review 0 "$CB" "$T"
	[ "$status" -eq 2 ]
	run match-theme --model "$M"
	[ "$status" -eq 2 ]
	[[ "$output" == *"no CODEBOOK given"* ]]
	run match-theme --model "$BATS_TEST_TMPDIR/none" --model-only "$T"
	[ "$status" -eq 2 ]
}

@test "the model reader: every malformed line is FILE:LINE, status 2" {
	bad '1s/.*/hello/' 'bad.model:1: not a qualpipe model'
	bad '1s/2$/3/' 'bad.model:1: model version 3'
	bad '2s/18$/20/' 'bad.model:2: features stem+bigram fnv1a 20'
	bad '3s/l2r_lr/magic/' "bad.model:3: unknown solver 'magic'"
	bad '3s/10$/ten/' "bad.model:3: cost: not a number: 'ten'"
	bad '5s/-$/12ab/' "bad.model:5: codebook: not '-' or 16 hexadecimal digits: '12ab'"
	bad '5d' "bad.model:5: expected a 'codebook' line"
	bad '6s/1$/2/' 'bad.model:8: expected a '"'code'"' line'
	bad '7s/barriers/barriers\//' "bad.model:7: not a code path: 'barriers//time-constraints'"
	bad '7s/0.5/1.5/' 'bad.model:7: threshold 1.5 is not between 0 and 1'
	bad '7s/-1.2$/nan/' "bad.model:7: bias: not a number: 'nan'"
	bad '7s/-1.2$/-1.2\t9/' "bad.model:7: a 'code' line has 6 fields, not 5"
	bad '8s/0$/1/' 'bad.model:8: rules without a codebook hash'
	bad '5s/-$/0123456789abcdef/;8s/0$/1\nrule\ta\/\/b\t1/' "bad.model:9: not a code path: 'a//b'"
	bad '5s/-$/0123456789abcdef/;8s/0$/1\nrule\tx/' "bad.model:9: a 'rule' line has 2 fields, not 3"
	bad '5s/-$/0123456789abcdef/;8s/0$/1\nrule\tx\t1e9/' "bad.model:9: weight: not a finite number up to 1e6: '1e9'"
	bad '10s/21645/0/' 'bad.model:10: bucket 0 is out of order, repeated or 0'
	bad '11s/192554/21645/' 'bad.model:11: bucket 21645 is out of order, repeated or 0'
	bad '11s/192554/300000/' "bad.model:11: bucket: not a number up to 262144: '300000'"
	bad '11s/0.88$/1e9/' "bad.model:11: weight: not a finite number up to 1e6: '1e9'"
	bad '10s/1.51$/1.51\t2/' 'bad.model:10: a row has 4 fields, not 3'
	bad '10s/	rush	/		/' 'bad.model:10: a row without a name'
	bad '$d' 'bad.model:11: the model ends before its '"'end'"' line'
	bad '$s/$/\nmore/' "bad.model:13: something after the 'end' line"
	bad '9s/2$/3/' "bad.model:12: a row has 1 fields, not 3"
	: >"$BATS_TEST_TMPDIR/empty.model"
	run match-theme --model "$BATS_TEST_TMPDIR/empty.model" --model-only "$T"
	[ "$status" -eq 2 ]
	[[ "$output" == *"empty.model:0: the model ends before its first line"* ]]
}

@test "--model output: tally counts it, rolled up, and pick-quotes reads it" {
	run bash -c 'match-theme --model "$1" "$2" "$3" | tally --format long'  _ "$M" "$CB" "$T"
	[ "$status" -eq 0 ]
	[[ "$output" == *"barriers	3	"* ]]
	[[ "$output" == *"barriers/time-constraints	3	"* ]]
	[[ "$output" == *"facilitators/self-care	1	"* ]]
	H=$BATS_TEST_DIRNAME/codebook
	learn --codes expected "$H"/compassion-segments.tsv >"$BATS_TEST_TMPDIR/w.model"
	run bash -c 'match-theme --model "$1" --explain "$2" "$3" | tee "$4" | pick-quotes' _ \
		"$BATS_TEST_TMPDIR/w.model" "$BATS_TEST_DIRNAME/../codebooks/compassion.cb" \
		"$H"/heldout-segments.tsv "$BATS_TEST_TMPDIR/coded.tsv"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | head -n 1)" = "$(printf 'code\trank\tscore\tdoc\tseg\ttext')" ]
	[[ "$output" == *"definition/more-than-empathy	1	"* ]]
	run tally --by expected "$BATS_TEST_TMPDIR/coded.tsv"
	[ "$status" -eq 0 ]
	[[ "$output" == *"barriers	barriers/burnout-futility	"* ]]
}

@test "--model: escaped text is unescaped before it is scored; writes fail loudly" {
	# unescaped, "no<TAB>time" has the pair "no time": 0.331 >= 0.3
	sed -i 's/	1	0.5	-1.2$/	1	0.3	-1.2/' "$M"
	printf 'text\nno\\ttime\n' >"$BATS_TEST_TMPDIR/e.tsv"
	run match-theme --model "$M" --model-only --explain "$BATS_TEST_TMPDIR/e.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'text\tcodes\thits\tscores\texplain\nno\\ttime\tbarriers/time-constraints\t0\t0.100\t~no time')" ]
	run bash -c 'match-theme --model "$1" --model-only "$2" >/dev/full' _ "$M" "$T"
	[ "$status" -eq 2 ]
}

@test "--model on the hand-coded sets: the learned model loads and codes them all" {
	run bash -c 'learn --codes expected "$1"/compassion-segments.tsv >"$2/w.model" &&
		match-theme --model "$2/w.model" "$3" "$1"/heldout-segments.tsv | tail -n +2 | wc -l' \
		_ "$BATS_TEST_DIRNAME/codebook" "$BATS_TEST_TMPDIR" "$BATS_TEST_DIRNAME/../codebooks/compassion.cb"
	[ "$status" -eq 0 ]
	[ "$output" = 138 ]
}

@test "--explain: a word from a WordNet expansion names the expansion it came from" {
	D=$BATS_TEST_TMPDIR
	printf 'code barriers/time\nword deadline\nsyn hurry.v\n' >"$D/syn.cb"
	printf 'text\tcodes\nI had to hurry\tbarriers/time\nwe sat down\t\nrush rush\tbarriers/time\ncalm day\t\n' >"$D/tr.tsv"
	learn --codes codes "$D/tr.tsv" >"$D/syn.model"
	printf 'text\nI had to hasten to the ward, no deadline.\n' >"$D/s.tsv"
	run match-theme --model "$D/syn.model" --explain "$D/syn.cb" "$D/s.tsv"
	[ "$status" -eq 0 ]
	explain=$(printf '%s\n' "$output" | tail -n 1 | cut -f 5)
	[[ "$explain" == "hasten (syn hurry.v),deadline,~"* ]]
}
