#!/usr/bin/env bats
# anonymize(1) on the ASR evaluation set, tests/eval/anonymize-asr: its
# built files are up to date, its builder and scorer do what they say,
# and anonymize's figures on each part are no worse than the table below.
load helper

# The figures anonymize must reach, one row per part: the least recall
# in percent per category, then the most ordinary words that may be
# replaced per 1,000 ordinary words, W (uses of roster-name words) and
# other.  They are the figures reached when the first ASR detectors
# landed (spoken numbers, e-mails, dates and addresses; lower-case
# people and roster words; places and institutions); raise them (and
# lower W and other) as detectors improve.  fresh's row is its first
# measured figures (2026-12-03), held out: rules are never tuned on it.
# The tune, tune2, heldout and cased rows were raised on 2026-12-03
# after the rules were tuned on those parts (heldout and cased are no
# longer held out).  tune3 (tuning) and fresh3 (held out) were written
# that evening by writers who read no detector; fresh3's row is its
# second measurement (its first, with the morning's rules, was R 94.1,
# N 76.7, PHONE and EMAIL 83.3, URL 53.8, DATE 65.0, ID 61.5, ORG 35.1,
# other 2.80; the rise of other to 3.59 came with the commit for spelt
# letters in spoken addresses, found by the figure alone and left as it
# is, so that fresh3 stays held out).  fresh's and fresh2's rows were measured again with each
# day's rules.  fresh2's other words once rose from 3.38 to 4.23 per
# 1,000: the commit that did it was found by its figure alone (new
# institution heads), and those heads now need a proper name before
# them; so fresh2's "other" is no longer strictly held out.
FLOORS='
part     R      T     N  PHONE EMAIL  URL  DATE   ID ADDRESS PLACE  ORG     W  other
tune    100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0  0.00  0.00
tune2   100.0 100.0 100.0 100.0 100.0  96.3 100.0 100.0 100.0  96.4 82.6  0.36  1.46
tune3   100.0 100.0 100.0 100.0 100.0 100.0 100.0  96.8  96.0  98.1 68.5  0.55  0.55
heldout 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 88.9 100.0  0.00  0.00
cased   100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0 100.0  0.00  0.00
fresh    96.1 100.0  78.9 100.0 100.0  66.7 100.0  88.9 100.0 100.0 94.7  0.00  3.16
fresh2   94.3  84.6  95.2 100.0 100.0  69.2  81.2  69.2  76.9  90.6 55.6  0.85  3.38
fresh3   94.1 100.0  76.7  83.3  83.3  76.9  80.0  69.2  92.3  92.3 35.1  0.80  3.60
'

EV=$BATS_TEST_DIRNAME/eval/anonymize-asr
PARTS='tune tune2 tune3 heldout cased fresh fresh2 fresh3'

setup() {
	T=$(mktemp -d)
}

teardown() {
	rm -rf "$T"
}

# floors PART: the row of FLOORS for PART as "CAT VALUE" lines
floors() {
	printf '%s\n' "$FLOORS" | awk -v part="$1" '
	$1 == "part" { for (i = 2; i <= NF; i++) h[i] = $i }
	$1 == part { for (i = 2; i <= NF; i++) print h[i], $i }'
}

@test "anonymize-asr eval: the built files are up to date" {
	"$EV/build.sh" "$T"
	for part in $PARTS; do
		for f in input truth words; do
			cmp "$T/$part/$f.tsv" "$EV/$part/$f.tsv"
		done
	done
}

# w_and_categories PART N: PART has 80 ordinary uses of roster-name
# words, each of the eight among them, and N identifiers of every
# category
w_and_categories() {
	[ "$(awk -F'\t' '$6 == "W"' "$EV/$1/words.tsv" | wc -l)" -ge 80 ] || { echo "$1: under 80 W"; return 1; }
	for x in will grace hope mark rose bill may faith; do
		awk -F'\t' '$6 == "W" { print tolower($4) }' "$EV/$1/words.tsv" | grep -qx "$x" || { echo "$1: no W $x"; return 1; }
	done
	for c in R T N PHONE EMAIL URL DATE ID ADDRESS PLACE ORG; do
		n=$(awk -F'\t' -v c="$c" '$5 == c' "$EV/$1/truth.tsv" | wc -l)
		[ "$n" -ge "$2" ] || { echo "$1: $n of $c"; return 1; }
	done
}

@test "anonymize-asr eval: the set is as large as its README says" {
	# at least 5,000 words in the two lower-case parts, the held-out
	# part a quarter to a half of them, 200 ordinary uses of roster-name
	# words, each of the eight the README names among them
	lc=$(tail -q -n +2 "$EV/tune/input.tsv" "$EV/heldout/input.tsv" | cut -f4 | wc -w)
	ho=$(tail -n +2 "$EV/heldout/input.tsv" | cut -f4 | wc -w)
	w=$(tail -q -n +2 "$EV"/*/words.tsv | awk -F'\t' '$6 == "W"' | wc -l)
	[ "$lc" -ge 5000 ]
	[ $((ho * 4)) -ge "$lc" ]
	[ $((ho * 2)) -le "$lc" ]
	[ "$w" -ge 200 ]
	for x in will grace hope mark rose bill may faith; do
		tail -q -n +2 "$EV"/*/words.tsv | cut -f4 | grep -qix "$x" || { echo "no W $x"; return 1; }
	done
	# fresh: 2,500 to 3,000 words, about half of them in lower-case
	# segments, 80 ordinary uses of roster-name words with each of the
	# eight among them, and at least 8 identifiers of every category
	fw=$(tail -n +2 "$EV/fresh/input.tsv" | cut -f4 | wc -w)
	flc=$(tail -n +2 "$EV/fresh/input.tsv" | cut -f4 | grep -v '[A-Z]' | wc -w)
	[ "$fw" -ge 2500 ] && [ "$fw" -le 3000 ] || { echo "fresh: $fw words"; return 1; }
	[ $((flc * 5)) -ge $((fw * 2)) ] && [ $((flc * 5)) -le $((fw * 3)) ] || { echo "fresh: $flc of $fw words in lower case"; return 1; }
	w_and_categories fresh 8
	# fresh2: 2,800 to 3,200 words, its three lower-case documents
	# (f2-int01, f2-int03, f2-int04) with no capital, 80 ordinary uses
	# of roster-name words with each of the eight among them, and at
	# least 12 identifiers of every category
	fw=$(tail -n +2 "$EV/fresh2/input.tsv" | cut -f4 | wc -w)
	[ "$fw" -ge 2800 ] && [ "$fw" -le 3200 ] || { echo "fresh2: $fw words"; return 1; }
	[ "$(awk -F'\t' '$1 ~ /^f2-int0[134]$/ && $4 ~ /[A-Z]/' "$EV/fresh2/input.tsv" | wc -l)" -eq 0 ]
	[ "$(awk -F'\t' '$1 ~ /^f2-int0[134]$/' "$EV/fresh2/input.tsv" | wc -l)" -gt 0 ]
	w_and_categories fresh2 12
	# tune3 and fresh3: at least 3,000 words each, three documents of
	# each in lower case with no capital, 80 ordinary uses of
	# roster-name words with each of the eight, and at least 12
	# identifiers of every category
	for p in tune3 fresh3; do
		fw=$(tail -n +2 "$EV/$p/input.tsv" | cut -f4 | wc -w)
		[ "$fw" -ge 3000 ] || { echo "$p: $fw words"; return 1; }
		lcd=$(awk -F'\t' 'NR > 1 { d[$1] = 1; if ($4 ~ /[A-Z]/) c[$1] = 1 }
		      END { for (k in d) if (!(k in c)) n++; print n + 0 }' "$EV/$p/input.tsv")
		[ "$lcd" -ge 3 ] || { echo "$p: $lcd lower-case documents"; return 1; }
		w_and_categories "$p" 12
	done
}

@test "anonymize-asr eval: build.sh refuses a roster-name word without a mark, and bad marks" {
	# a line added to tune.txt (! stands for |) | what the error says
	while IFS='|' read -r line want; do
		rm -rf "$T/set" && mkdir "$T/set"
		cp "$EV/build.sh" "$EV/roster.tsv" "$EV"/*.txt "$T/set/"
		printf '%s\n' "$line" | tr '!' '|' >>"$T/set/tune.txt"
		run "$T/set/build.sh" "$T/out"
		[ "$status" -eq 2 ] || { echo "status $status for: $line"; return 1; }
		[[ "$output" == *"tune.txt:"*"$want"* ]] || { echo "$output"; return 1; }
	done <<'END'
x 1 S !! i will go|roster name word "will" without a mark
x 1 S !! i {W!will} go and {W!grace} too, ask Mark|roster name word "Mark" without a mark
x 1 S !! at {PLAC!boise}|unknown category PLAC
x 1 S !! the {W!bus} came|not a roster name word
x 1 S !! {R!dana} said {DATE!march third|a mark left open
END
}

# A small part for the scorer: one segment, its truth and its W word.
small_part() {
	mkdir -p "$T/p"
	printf 'doc\tseg\tspeaker\ttext\nd\t1\tS\ti will call faith lin at four one five oh, on the fourth of july of all days\n' >"$T/p/input.tsv"
	printf 'doc\tseg\tcolumn\tentity\tcategory\tword\nd\t1\ttext\tfaith lin\tR\t4\nd\t1\ttext\tfour one five oh\tPHONE\t7\nd\t1\ttext\tfourth of july\tDATE\t13\n' >"$T/p/truth.tsv"
	printf 'doc\tseg\tcolumn\tword\tindex\tmark\nd\t1\ttext\twill\t2\tW\n' >"$T/p/words.tsv"
}

@test "anonymize-asr eval: score.sh judges each word where it stands" {
	small_part
	# output text | R PHONE DATE found, W lost, other words lost
	while IFS='|' read -r text want; do
		printf 'doc\tseg\tspeaker\ttext\nd\t1\tS\t%s\n' "$text" >"$T/out.tsv"
		got=$("$EV/score.sh" "$T/p" "$T/out.tsv" | awk '
			$1 == "recall" { r[$2] = $3 } $1 == "wlost" { w = $2 } $1 == "other" { o = $2 }
			END { print r["R"], r["PHONE"], r["DATE"], w, o }')
		[ "$got" = "$want" ] || { echo "out:  $text"; echo "got:  $got"; echo "want: $want"; return 1; }
	done <<'END'
i will call [S01] at [PHONE], on the [DATE] of all days|1 1 1 0 0
i will call faith lin at four one five oh, on the fourth of july of all days|0 0 0 0 0
i [S02] call [S01] at [PHONE], on the [DATE] of all days|1 1 1 1 0
i will call [S01] lin at [PHONE] oh, on the [DATE] july of all days|0 0 0 0 0
i will call NAME at PHONE_NUMBER, on the DATE of all days|1 1 1 0 0
will call [S01] [PHONE], on the [DATE] all days|1 1 1 0 3
END
}

@test "anonymize-asr eval: score.sh reports every category and stops on a segment the output lost" {
	small_part
	"$EV/score.sh" "$T/p" "$T/p/input.tsv" >"$T/score"
	[ "$(grep -c '^recall' "$T/score")" -eq 3 ]
	grep -qx 'w will 0 1' "$T/score"
	grep -qx 'other 0 8 0.00' "$T/score"
	printf 'doc\tseg\tspeaker\ttext\n' >"$T/out.tsv"
	run "$EV/score.sh" "$T/p" "$T/out.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == *"segment d 1 missing from the output"* ]]
}

@test "anonymize-asr eval: an output with every identifier a tag scores 100% and loses nothing" {
	for part in $PARTS; do
		LC_ALL=C awk '
		BEGIN { print "doc\tseg\tspeaker\ttext" }
		/^#/ || /^$/ { next }
		{
			gsub(/\{(W|ANY)\|/, "{")
			gsub(/\{[A-Z]+\|[^{}|]*\}/, "[X]")
			gsub(/[{}]/, "")
			i = index($0, " || ")
			head = substr($0, 1, i - 1)
			split(head, h, " ")
			sp = head
			sub(/^[^ ]+ [^ ]+ /, "", sp)
			print h[1] "\t" h[2] "\t" sp "\t" substr($0, i + 4)
		}' "$EV/$part.txt" >"$T/out.tsv"
		"$EV/score.sh" "$EV/$part" "$T/out.tsv" >"$T/score"
		awk '$1 == "recall" && $5 != 100 { bad = 1; print }
			($1 == "wlost" || $1 == "other") && $2 != 0 { bad = 1; print }
			END { exit bad }' "$T/score"
	done
}

@test "anonymize-asr eval: anonymize meets the floors on every part" {
	for part in $PARTS; do
		floors "$part" >"$T/floors"
		[ "$(wc -l <"$T/floors")" -eq 13 ] || { echo "$part: no floors row"; return 1; }
		anonymize --roster "$EV/roster.tsv" "$EV/$part/input.tsv" >"$T/out.tsv"
		"$EV/score.sh" "$EV/$part" "$T/out.tsv" >"$T/score"
		grep -v '^w ' "$T/score" | sed "s/^/# anonymize-asr $part: /" >&3
		# a category of the table missing from the score fails too
		awk -v part="$part" '
		FILENAME == ARGV[1] { want[$1] = $2; next }
		$1 == "recall" { got[$2] = $5 }
		$1 == "wlost" { got["W"] = $4 }
		$1 == "other" { got["other"] = $4 }
		END {
			for (c in want) {
				if (!(c in got)) { print part ": no figure for " c; bad = 1 }
				else if ((c == "W" || c == "other") ? got[c] + 0 > want[c] + 0 : got[c] + 0 < want[c] + 0) {
					print part " " c ": " got[c] " against " want[c]; bad = 1
				}
			}
			exit bad
		}' "$T/floors" "$T/score"
	done
}
