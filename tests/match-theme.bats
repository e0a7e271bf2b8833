#!/usr/bin/env bats
# match-theme: codebooks, .dic files, the coded stream and --long.
load helper

F=$FIX/match-theme
CB=$F/themes.cb

# cb TEXT: write TEXT (printf %b) to $BATS_TEST_TMPDIR/t.cb.
cb() {
	printf '%b' "$1" >"$BATS_TEST_TMPDIR/t.cb"
}

# codes TEXT: run the test codebook t.cb on one segment; output is
# "codes<TAB>hits" of it.
codes() {
	run bash -c 'printf "text\n%s\n" "$1" | match-theme "$2" | tail -n +2 | cut -f2-' _ "$1" "$BATS_TEST_TMPDIR/t.cb"
}

@test "--help and --version go to stdout, exit 0" {
	run match-theme --help
	[ "$status" -eq 0 ]
	[[ "$output" == "usage: match-theme [--column NAME] [--only-coded] [--long [--context N]]"* ]]
	[[ "$output" == *"--only-coded"* ]]
	run match-theme --version
	[ "$status" -eq 0 ]
	[[ "$output" == "match-theme (qualpipe) "* ]]
}

@test "usage errors: no codebook, unknown option, bad --context" {
	run match-theme
	[ "$status" -eq 2 ]
	[[ "$output" == *"no CODEBOOK given"* ]]
	run match-theme --frob "$CB"
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: match-theme"* ]]
	run match-theme --context x "$CB"
	[ "$status" -eq 2 ]
	[[ "$output" == *"--context: not a number: 'x'"* ]]
}

@test "adds codes and hits to every segment, empty when nothing matches" {
	run match-theme "$CB" "$F/segments.tsv"
	[ "$status" -eq 0 ]
	want=$(printf '%s\n' \
		'doc	seg	speaker	text	codes	hits' \
		'fg1	1	P1	No time, really. I rushed from patient to patient.	barriers/time-constraints	2' \
		'fg1	2	P2	It is a full-time job, even part time.		' \
		'fg1	3	P1	Too many patients, and the paperwork takes hours.	barriers/workload	2' \
		'fg1	4	P3	You cultivate it; I take care of myself first.	growth	2' \
		'fg1	5	P2	CAFÉ talk: DON’T rush, don'"'"'t be sad.	feeling;barriers/time-constraints;sadness	3;1;1' \
		'fg1	6	P1	Again and again and AGAIN.	repeated	3' \
		'fg1	7	P3	Once again.		' \
		'fg1	8	P2	Nothing to code here.		')
	[ "$output" = "$want" ]
}

@test "word: matched whole, case-insensitive" {
	cb 'code a\n word time\n'
	codes 'Time, TIME, time'
	[ "$output" = "a	3" ]
	codes 'times timely overtime'
	[ "$output" = "	" ]
}

@test "wildcard: a trailing * matches any ending, the bare stem too" {
	cb 'code a\n word cultivat*\n'
	codes 'cultivate cultivating cultivation cultivat'
	[ "$output" = "a	4" ]
	codes 'cult culture'
	[ "$output" = "	" ]
}

@test "phrase: consecutive words, each possibly with *, across punctuation" {
	cb 'code a\n phrase take care of my*\n'
	codes 'I take care of myself. Take care, of my own.'
	[ "$output" = "a	2" ]
	codes 'take care of you; take good care of myself'
	[ "$output" = "	" ]
}

@test "phrases that share their first words: whole, wildcard, stem, exclusion" {
	# "the end" is in two codes, and the matcher finds the phrases of two
	# whole first words by those words (its pair table); a wildcard or
	# stemmed word keeps a phrase on its first word's list
	cb 'code a\n phrase the end\n phrase the end of days\n phrase the sta*\ncode b\n phrase the end\n exclude the end game\ncode c\n stem on\n phrase the ending\n'
	while IFS='|' read -r text want; do
		codes "$text"
		[ "$output" = "$want" ] || { echo "$text: got '$output', want '$want'"; return 1; }
	done <<'EOF_'
the end|a;b;c	1;1;1
The end of days, the start.|a;b;c	3;1;1
the end game and the end|a;c;b	2;2;1
the endings the ended|c	2
the the end|a;b;c	1;1;1
end the|	
THE END. The Stage; the state|a;b;c	3;1;1
the endgame|	
EOF_
}

@test "a hyphenated word in a pattern is a phrase" {
	cb 'code a\n word self-care\n'
	codes 'self-care, self care, selfcare'
	[ "$output" = "a	2" ]
}

@test "near: both orders within N words, nothing beyond" {
	cb 'code a\n near 3 time / patient*\n'
	codes 'time with my patients'
	[ "$output" = "a	1" ]
	codes 'patients want more time'
	[ "$output" = "a	1" ]
	codes 'time for all of my patients'
	[ "$output" = "	" ]
	codes 'time patients, time patients'
	[ "$output" = "a	2" ]
}

@test "near: a side may be a phrase" {
	cb 'code a\n near 2 no time / for patient*\n'
	codes 'no time left for patients'
	[ "$output" = "a	1" ]
	codes 'no time left over for patients'
	[ "$output" = "	" ]
}

@test "regex: PCRE2, caseless, each match a hit, on the text with straight quotes" {
	cb 'code a\n regex \\bsad(ness)?\\b\ncode b\n regex don'"'"'t\n'
	codes 'Sadness is sad, not saddle'
	[ "$output" = "a	2" ]
	codes 'DON’T and don'"'"'t'
	[ "$output" = "b	2" ]
}

@test "exclusions: time but not full-time or part time" {
	cb 'code a\n word time\n exclude full-time\n exclude part time\n'
	codes 'a full-time job, part time'
	[ "$output" = "	" ]
	codes 'full-time, part-time, and no time'
	[ "$output" = "a	1" ]
}

@test "exclusions: with a wildcard, and only for their own code" {
	cb 'code a\n word model\n exclude model organism*\ncode b\n word model\n'
	codes 'a model organism'
	[ "$output" = "b	1" ]
	codes 'model organisms and a role model'
	[ "$output" = "b;a	2;1" ]
}

@test "min: a code needs at least N hits" {
	cb 'code a\n word again\n min 2\n'
	codes 'once again'
	[ "$output" = "	" ]
	codes 'again and again'
	[ "$output" = "a	2" ]
}

@test "folding: case, accents and curly apostrophes" {
	cb 'code a\n word café\ncode b\n word don'"'"'t\n'
	codes $'CAF\xc3\x89 Cafe cafe\xcc\x81'
	[ "$output" = "a	3" ]
	codes 'DON’T don'"'"'t DONʼT dont'
	[ "$output" = "b	3" ]
	cb 'code a\n word DON’T Café\n'
	codes "don't cafe"
	[ "$output" = "a	2" ]
}

@test "order: by descending hits, ties in codebook order" {
	cb 'code z\n word z\ncode y\n word y\ncode x\n word x\n'
	codes 'x y z x'
	[ "$output" = "x;z;y	2;1;1" ]
}

@test "a parent gets hits only from its own patterns" {
	cb 'code p\n word parent\ncode p/c\n word child\n'
	codes 'child child'
	[ "$output" = "p/c	2" ]
}

@test "every matching pattern counts" {
	cb 'code a\n word care care*\n phrase take care\n'
	codes 'take care'
	[ "$output" = "a	3" ]
}

@test "--only-coded drops segments without codes" {
	run match-theme --only-coded "$CB" "$F/segments.tsv"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 6 ]
	[ "$(printf '%s\n' "$output" | cut -f2 | tr '\n' ' ')" = "seg 1 3 4 5 6 " ]
}

@test "existing codes and hits columns are overwritten in place" {
	cb 'code a\n word x\n'
	run_stdin 'codes\ttext\thits\tn\nold\tx x\t9\t1\nold\ty\t9\t2\n' match-theme "$BATS_TEST_TMPDIR/t.cb"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'codes\ttext\thits\tn\na\tx x\t2\t1\n\ty\t\t2')" ]
}

@test "--column codes another column" {
	cb 'code a\n word x\n'
	run_stdin 'text\tnote\nx\ty\ny\tx x\n' match-theme --column note "$BATS_TEST_TMPDIR/t.cb"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'text\tnote\tcodes\thits\nx\ty\t\t\ny\tx x\ta\t2')" ]
}

@test "a missing text column is an error" {
	run_stdin 'doc\tseg\nd\t1\n' match-theme "$CB"
	[ "$status" -eq 2 ]
	[ "$output" = "match-theme: <stdin>:1: the stream has no column 'text'" ]
	run_stdin 'doc\ttext\nd\tx\n' match-theme --column note "$CB"
	[ "$status" -eq 2 ]
	[ "$output" = "match-theme: <stdin>:1: the stream has no column 'note'" ]
}

@test "--long: one record per hit, offsets in code points, context" {
	cb 'code a\n word café\ncode b\n phrase très bien\n regex b.en\n'
	run_stdin 'doc\tseg\ttext\tspeaker\nd\t1\tÉté: un café très bien, oui vraiment.\tP1\nd\t2\trien\tP2\n' \
		match-theme --long --context 2 "$BATS_TEST_TMPDIR/t.cb"
	[ "$status" -eq 0 ]
	want=$(printf '%s\n' \
		'doc	seg	speaker	code	term	match	offset	context' \
		'd	1	P1	a	café	café	8	Été: un café très bien' \
		'd	1	P1	b	très bien	très bien	13	un café très bien, oui vraiment' \
		'd	1	P1	b	b.en	bien	18	café très bien, oui vraiment')
	[ "$output" = "$want" ]
}

@test "--long: escapes in the text, --context 0, an existing code column kept in place" {
	cb 'code a\n word x\n'
	run_stdin 'code\ttext\thits\nold\ty\\tx\\\\ y\t3\n' match-theme --long --context 0 "$BATS_TEST_TMPDIR/t.cb"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'code\tterm\tmatch\toffset\tcontext\na\tx\tx\t2\tx')" ]
}

@test "--long: context spans the whole text, escaped" {
	cb 'code a\n word x\n'
	run_stdin 'doc\ttext\nd\tone\\ttwo x three\\nfour\n' match-theme --long "$BATS_TEST_TMPDIR/t.cb"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tcode\tterm\tmatch\toffset\tcontext\nd\ta\tx\tx\t8\tone\\ttwo x three\\nfour')" ]
}

@test "--long: only hits of assigned codes" {
	cb 'code a\n word x\n min 2\ncode b\n word y\n'
	run_stdin 'text\nx y\n' match-theme --long "$BATS_TEST_TMPDIR/t.cb"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = "$(printf 'b\ty\ty\t2\tx y')" ]
}

@test ".dic: LIWC categories become codes; most specific entry wins" {
	run_stdin 'doc\tseg\ttext\nd\t1\tI know, kind of. My friends care but they worry.\nd\t2\tA careless, sad, hurtful remark\nd\t3\tI like that\n' \
		match-theme "$F/small.dic"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "match-theme: $F/small.dic:13: 1 entry with conditional categories (LIWC2007 '(...)' or '<...>' forms): the conditions are not applied, only the plain categories" ]
	[ "${lines[1]}" = "$(printf 'doc\tseg\ttext\tcodes\thits')" ]
	[ "${lines[2]}" = "$(printf 'd\t1\tI know, kind of. My friends care but they worry.\tcogproc;posemo;social;negemo\t3;2;2;1')" ]
	[ "${lines[3]}" = "$(printf 'd\t2\tA careless, sad, hurtful remark\tnegemo\t3')" ]
	[ "${lines[4]}" = "$(printf 'd\t3\tI like that\tposemo\t1')" ]
}

@test ".dic: recognised by content, with CRLF lines and a BOM" {
	printf '\xef\xbb\xbf%%\r\n1\tPosEmo\r\n%%\r\nhapp*\t1\r\n' >"$BATS_TEST_TMPDIR/d.txt"
	run_stdin 'text\nhappy, happier\n' match-theme "$BATS_TEST_TMPDIR/d.txt"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf 'happy, happier\tposemo\t2')" ]
}

@test ".dic: --long gives the entry as the term" {
	run_stdin 'text\nfriendly worry\n' match-theme --long "$F/small.dic"
	[ "$status" -eq 0 ]
	[ "${lines[2]}" = "$(printf 'posemo\tfriend*\tfriendly\t0\tfriendly worry')" ]
	[ "${lines[5]}" = "$(printf 'cogproc\tworr*\tworry\t9\tfriendly worry')" ]
}

# Bad codebooks: each row is the codebook (printf %b) and the message
# after "match-theme: FILE:".
@test "bad codebooks: FILE:LINE: message, exit 2" {
	while IFS='|' read -r text msg; do
		cb "$text"
		run match-theme "$BATS_TEST_TMPDIR/t.cb" /dev/null
		if [ "$status" -ne 2 ] || [[ "$output" != "match-theme: $BATS_TEST_TMPDIR/t.cb:$msg"* ]]; then
			echo "codebook: $text"
			echo "want: $msg"
			echo "got ($status): $output"
			return 1
		fi
	done <<'EOF'
code a\n  frobnicate x|2: unknown directive 'frobnicate'
# c\nword x|2: 'word' before any 'code'
code a\ncode b\ncode a|3: code 'a' is defined twice (first at line 1)
code Barriers|1: bad code path 'Barriers'
code a/|1: bad code path 'a/'
code a\nword|2: empty pattern: 'word' needs an argument
code a\nphrase -- ...|2: empty pattern: no words in '-- ...'
code a\nexclude|2: empty pattern
code a\nregex|2: empty pattern
code a\nword ti*me|2: '*' may only end a word: 'ti*me'
code a\nregex (ab|2: bad regex: missing closing parenthesis at offset 3
code a\nregex a{2,1}|2: bad regex: numbers out of order in {} quantifier at offset 5
code a\nnear five a / b|2: bad near number 'five'
code a\nnear 0 a / b|2: bad near number '0'
code a\nnear 3 a b|2: near needs 'N A / B' with one '/'
code a\nmin x|2: bad min number 'x'
code a\nmin 0|2: bad min number '0'
code a\nmin 2\nmin 2|3: 'min' given twice for code 'a'
%\n1\tposemo|1: the category header has no closing '%' line
%\n1\tposemo\n%\nhappy\t7|4: category 7 is not in the header
%\n1\tposemo\n%\nhappy|4: entry 'happy' has no category
EOF
}

@test "a missing codebook is an error naming it" {
	run match-theme "$BATS_TEST_TMPDIR/nope.cb" /dev/null
	[ "$status" -eq 2 ]
	[[ "$output" == "match-theme: $BATS_TEST_TMPDIR/nope.cb: No such file or directory" ]]
}

@test "a runaway regex is stopped and reported; no hit counted" {
	cb 'code a\n regex (a+)+$\ncode b\n word b\n'
	{
		printf 'doc\tseg\ttext\n'
		printf 'd\t7\t%s! b\n' "$(head -c 30000 /dev/zero | tr '\0' a)"
		printf 'd\t8\taaa\n'
	} >"$BATS_TEST_TMPDIR/in.tsv"
	run timeout 120 match-theme "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/in.tsv"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "match-theme: $BATS_TEST_TMPDIR/in.tsv:2: code a: regex '(a+)+\$' (codebook line 2) gave up on this segment (doc d, seg 7): match limit exceeded; no hits counted" ]
	[[ "${lines[2]}" == *"	b	1" ]]
	[[ "${lines[3]}" == *"aaa	a	1" ]]
}

@test "--strict: a runaway regex is an error" {
	cb 'code a\n regex (a+)+$\n'
	{
		printf 'text\n'
		printf '%s!\n' "$(head -c 30000 /dev/zero | tr '\0' a)"
	} >"$BATS_TEST_TMPDIR/in.tsv"
	run timeout 120 match-theme --strict "$BATS_TEST_TMPDIR/t.cb" "$BATS_TEST_TMPDIR/in.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "match-theme: $BATS_TEST_TMPDIR/in.tsv:2: code a: regex '(a+)+\$' (codebook line 2) gave up on this segment: match limit exceeded; stopped" ]
}

@test "gzip input and a gzip codebook" {
	gzip -c "$F/segments.tsv" >"$BATS_TEST_TMPDIR/s.tsv.gz"
	gzip -c "$CB" >"$BATS_TEST_TMPDIR/t.cb.gz"
	run match-theme "$BATS_TEST_TMPDIR/t.cb.gz" "$BATS_TEST_TMPDIR/s.tsv.gz"
	[ "$status" -eq 0 ]
	[ "$output" = "$(match-theme "$CB" "$F/segments.tsv")" ]
}

@test "several files, a repeated header dropped; empty input gives nothing" {
	run match-theme "$CB" "$F/segments.tsv" "$F/segments.tsv"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 17 ]
	run match-theme "$CB" /dev/null
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "a write error is an error" {
	run bash -c 'match-theme "$1" "$2" >/dev/full' _ "$CB" "$F/segments.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "match-theme: write error"* ]]
}

@test "a closed pipe ends quietly" {
	run bash -c 'for i in $(seq 3000); do cat "$2"; done | match-theme "$1" | head -1' _ "$CB" "$F/segments.tsv"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tseg\tspeaker\ttext\tcodes\thits')" ]
}

# The study's codebook against its hand-coded test segments: how often
# the code with the most hits is the one a human coder chose.
@test "compassion codebook: first-code agreement with the hand-coded segments" {
	book=$BATS_TEST_DIRNAME/../codebooks/compassion.cb
	segs=$BATS_TEST_DIRNAME/codebook/compassion-segments.tsv
	[ -e "$book" ] || skip "codebooks/compassion.cb not there yet"
	run match-theme "$book" "$segs"
	[ "$status" -eq 0 ]
	read -r ok total < <(printf '%s\n' "$output" | awk -F'\t' '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ n++; split($col["codes"], c, ";"); if (c[1] == $col["expected"]) ok++ }
		END { print ok + 0, n + 0 }')
	echo "# compassion codebook: $ok/$total first-code agreement" >&3
	[ "$total" -gt 0 ]
	# The shipped codebook reaches 266/270 (98.5%); below 98% it got worse.
	[ $((ok * 100)) -ge $((total * 98)) ]
}

@test "regexes PCRE2 rejects are errors naming the codebook line" {
	while IFS='|' read -r re msg; do
		printf 'code a\n  word ok\ncode b\n  regex %s\n' "$re" >"$BATS_TEST_TMPDIR/r.cb"
		run match-theme "$BATS_TEST_TMPDIR/r.cb" /dev/null
		[ "$status" -eq 2 ]
		[ "$output" = "match-theme: $BATS_TEST_TMPDIR/r.cb:4: bad regex: $msg" ]
	done <<'EOF2'
(?<=a+)b|lookbehind assertion is not fixed length at offset 0
\p{Nope}x|unknown property after \P or \p at offset 8
(?P<n>a)(?P<n>b)|two named subpatterns have the same name (PCRE2_DUPNAMES not set) at offset 14
EOF2
}

@test "catastrophic regexes on a 100 KB segment give up with a report, quickly" {
	{
		printf 'doc\ttext\n'
		printf 'd\t%s!\n' "$(head -c 100000 /dev/zero | tr '\0' a)"
	} >"$BATS_TEST_TMPDIR/in.tsv"
	# Nested and alternating repeats: the match limit, the JIT stack.
	for re in '((a+)*)+$' '(\w+\s?)+$' '(a|aa)+$'; do
		printf 'code a\n  regex %s\n' "$re" >"$BATS_TEST_TMPDIR/r.cb"
		run timeout 60 match-theme "$BATS_TEST_TMPDIR/r.cb" "$BATS_TEST_TMPDIR/in.tsv"
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "match-theme: $BATS_TEST_TMPDIR/in.tsv:2: code a: regex '$re' (codebook line 2) gave up on this segment: "*"; no hits counted" ]]
	done
}
