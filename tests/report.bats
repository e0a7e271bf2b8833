#!/usr/bin/env bats
# report: the example study's page holds exactly the numbers and quotes
# the pipeline's files hold, validates, refers to nothing outside itself,
# is the same bytes every time, shows in a real (headless) browser, and
# is written atomically and in bounded memory; errors on bad inputs.
load helper

setup_file() {
	local ex=$BATS_TEST_DIRNAME/../examples/compassion
	QP_BIN=${QP_BIN:-$BATS_TEST_DIRNAME/../bin} \
	"$BATS_TEST_DIRNAME/../pipelines/thematic-analysis.sh" -q -r "$ex/roster.tsv" \
		-t "$ex/terms.tsv" -c "$BATS_TEST_DIRNAME/../codebooks/compassion.cb" \
		-s '--base 2 --run 1' -H "$ex/hand-coded.tsv" -o "$BATS_FILE_TMPDIR/out" "$ex"
}

setup() {
	T=$BATS_TEST_TMPDIR
	O=$BATS_FILE_TMPDIR/out
	CB=$BATS_TEST_DIRNAME/../codebooks/compassion.cb
	export SOURCE_DATE_EPOCH=1764720000
	TOOLS=${QP_OBJ:-$BATS_TEST_DIRNAME/../build/rel}/tests/tools
}

page() {  # page [OPTIONS...]: the example study's page on stdout
	report --codebook "$CB" --step 'tally --by role' "$@" "$O"
}

# html_escape: stdin as html_text writes it.
html_escape() {
	sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\\&#39;/g"
}

@test "report: the matrix table holds tally's segments, speakers and shares, and matrix.tsv's totals" {
	page >"$T/p.html"
	# one expected row per code, from tally.tsv (groups in its order) and matrix.tsv
	awk -F '\t' 'NR == FNR { if (FNR > 1 && $1 != "(all)") tot[$1] = $NF; next }
		FNR == 1 { next }
		$1 != last { if (last != "") print row "<td>" tot[last] "</td></tr>"; last = $1
			row = "<th scope=\"row\">" $1 "</th>" }
		{ row = row "<td>" $3 "</td><td>" $4 "</td><td>" $9 "</td>" }
		END { print row "<td>" tot[last] "</td></tr>" }' "$O/matrix.tsv" "$O/tally.tsv" >"$T/want"
	[ "$(wc -l <"$T/want")" -eq 13 ]
	while IFS= read -r row; do
		grep -qF "$row" "$T/p.html" || { echo "missing: $row"; return 1; }
	done <"$T/want"
	grep -qF '<th scope="row">segments in the group</th><td>95</td><td>4</td><td></td><td>274</td><td>11</td><td></td><td>117</td><td>6</td><td></td><td>486</td>' "$T/p.html"
}

@test "report: the heat map's cells are matrix.tsv's numbers, row by row" {
	page >"$T/p.html"
	awk '/<svg/ { n++ } n == 1 && /<text .*fill="#/ { print } /<\/svg>/ && n == 1 { exit }' "$T/p.html" |
		sed 's/.*>\([0-9]*\)<\/text>/\1/' >"$T/got"
	awk -F '\t' 'NR > 1 && $1 != "(all)" { for (i = 2; i <= NF; i++) print $i }' "$O/matrix.tsv" >"$T/want"
	diff "$T/want" "$T/got"
	grep -q '<svg [^>]*role="img" aria-label="Code matrix: segments per code and role"' "$T/p.html"
}

@test "report: the co-occurrence table is cooccur.tsv summed over the groups" {
	page >"$T/p.html"
	awk -F '\t' 'NR > 1 { n[$1 "|" $2] += $4; n[$2 "|" $1] += $4 }
		END { for (k in n) print k "|" n[k] }' "$O/cooccur.tsv" | sort >"$T/want"
	# the table: numbered rows, columns by number
	sed -n '/<table id="cooccur-table">/,/<\/table>/p' "$T/p.html" |
		sed -n 's/^<tr><th scope="row">[0-9]*\. \([^<]*\)<\/th>\(.*\)<\/tr>$/\1\2/p' >"$T/rows"
	[ "$(wc -l <"$T/rows")" -eq 13 ]
	awk -F '<td>' 'NR == FNR { code[NR] = $1; next }
		{ for (j = 2; j <= NF; j++) { v = $j; sub(/<\/td>.*/, "", v)
			if (v != "" && v != "0") print $1 "|" code[j - 1] "|" v } }' "$T/rows" "$T/rows" |
		sort >"$T/got"
	diff "$T/want" "$T/got"
}

@test "report: the quotes are pick-quotes' quotes, in its order, under their themes" {
	page --max-quotes 0 >"$T/p.html"
	tail -n +2 "$O/quotes.tsv" | cut -f 9 | html_escape >"$T/want"
	grep -o '<td class="quote">[^<]*</td>' "$T/p.html" | sed 's/^<td class="quote">//; s/<\/td>$//' >"$T/got"
	[ -s "$T/want" ]
	diff "$T/want" "$T/got"
	[ "$(grep -c '<section class="theme"' "$T/p.html")" -eq "$(tail -n +2 "$O/quotes.tsv" | cut -f 1 | uniq | wc -l)" ]
	# the codebook's description under the heading
	grep -qF '<h3>barriers/burnout-futility</h3>' "$T/p.html"
	grep -A1 -F '<h3>barriers/burnout-futility</h3>' "$T/p.html" | grep -q '<p class="desc">Exhaustion'
	# --max-quotes cuts each theme and says how many more
	page --max-quotes 2 >"$T/p2.html"
	grep -q '<p class="note">[0-9]* more quotes of this theme' "$T/p2.html"
}

@test "report: saturation as tally --saturation found it, the point labelled" {
	page >"$T/p.html"
	grep -qF '>saturation at 2+1</text>' "$T/p.html"
	grep -qF '<tr><td>3&#8211;3</td><td>0</td><td>0.0000</td><td>yes</td></tr>' "$T/p.html"
	grep -qF '<tr><td>1</td><td class="t">mcl-group</td><td>13</td>' "$T/p.html"
	grep -qF 'a base of 2 documents, then runs of 1' "$T/p.html"
}

@test "report: the agreement table is agree's, row by row" {
	page >"$T/p.html"
	awk -F '\t' 'NR > 1 { print "<tr><th scope=\"row\">" $1 "</th><td>" $2 "</td><td>" $6 "</td><td>" $7 "</td><td>" $9 "</td><td>" $10 "</td><td>" $11 "</td><td>" $12 "</td></tr>" }' \
		"$O/agreement.tsv" >"$T/want"
	while IFS= read -r row; do
		grep -qF "$row" "$T/p.html" || { echo "missing: $row"; return 1; }
	done <"$T/want"
}

@test "report: provenance: version, codebook and file hashes (BLAKE2b-256), counts, steps, date" {
	page --step 'pick-quotes -n 3 --min-words 15 --by role' >"$T/p.html"
	grep -qF "<dt>qualpipe</dt><dd>$(cat "$BATS_TEST_DIRNAME/../VERSION")</dd>" "$T/p.html"
	grep -qF "<dt>codebook BLAKE2b-256</dt><dd>$(b2sum -l 256 "$CB" | cut -d ' ' -f 1)</dd>" "$T/p.html"
	grep -qF "<code>tally.tsv</code> BLAKE2b-256 <code>$(b2sum -l 256 "$O/tally.tsv" | cut -d ' ' -f 1)</code>" "$T/p.html"
	grep -qF '<dt>codebook codes</dt><dd>13</dd>' "$T/p.html"
	n=$(($(gzip -dc "$O/coded.tsv.gz" | wc -l) - 1))
	grep -qF "<dt>documents</dt><dd>4</dd>" "$T/p.html"
	grep -qF "<dt>segments</dt><dd>$n " "$T/p.html"
	grep -qF '<dt>participants per group</dt><dd>MCL 4, MS 11, SGA 6</dd>' "$T/p.html"
	grep -qF '<dt>step</dt><dd><code>pick-quotes -n 3 --min-words 15 --by role</code></dd>' "$T/p.html"
	grep -qF '<dt>date</dt><dd>2025-12-03</dd>' "$T/p.html"
	run page --date 2026-01-31
	[[ "$output" == *'<dt>date</dt><dd>2026-01-31</dd>'* ]]
	run page --date 31.01.2026
	[ "$status" -eq 2 ]
	SOURCE_DATE_EPOCH=soon run page
	[ "$status" -eq 2 ]
}

@test "report: each theme's rows of the matrix table fold (details, open), the summary saying what they hold; printed unfolded" {
	page >"$T/p.html"
	sed -n '/<div class="scroll" id="matrix-table">/,/<\/div>/p' "$T/p.html" >"$T/m.html"
	# one <details open> per theme of the codebook, none for the totals
	[ "$(grep -c '^<details open>$' "$T/m.html")" -eq 3 ]
	[ "$(grep -c '^</details>$' "$T/m.html")" -eq 3 ]
	grep -qF '<summary><b>barriers</b>: the theme and 4 codes below it, 150 segments</summary>' "$T/m.html"
	# a theme's summary counts its rows, and its segments are its row's total
	awk '/^<summary>/ { split($0, a, /the theme and | codes/); want = a[2] + 1; n = 0 }
		/^<tr[^>]*><th scope="row">/ && want { n++ } /^<\/details>/ { if (n != want) exit 1; want = 0 }' "$T/m.html"
	# the totals row is outside every fold
	awk '/^<details/ { d = 1 } /^<\/details>/ { d = 0 } /segments in the group/ { exit d }' "$T/m.html"
	# the tables line up: every one the same width and columns
	[ "$(grep -o '<table class="mx" style="width:[0-9]*rem">' "$T/m.html" | sort -u | wc -l)" -eq 1 ]
	# a folded theme prints unfolded
	grep -qF '@media print{' "$T/p.html"
	grep -q '@media print{.*details::details-content{content-visibility:visible' "$T/p.html"
}

@test "report: the page validates (tidy) and refers to nothing outside itself" {
	page >"$T/p.html"
	run tidy -errors -q "$T/p.html"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ -z "$output" ]
	run grep -ciE 'http|<script|src=|url\(|@import|<link|<img' "$T/p.html"
	[ "$output" = 0 ]
	grep -q '@media print' "$T/p.html"
	# every chart has a title and a table beside it
	[ "$(grep -c '<svg ' "$T/p.html")" -eq "$(grep -c '<title>' "$T/p.html" | awk '{ print $1 - 1 }')" ]
	[ "$(grep -c '<svg ' "$T/p.html")" -eq 3 ]
	grep -q '<div class="scroll" id="matrix-table">' "$T/p.html"
	grep -q '<table id="cooccur-table">' "$T/p.html"
	grep -q '<table id="saturation-table-1">' "$T/p.html"
}

@test "report: the same inputs give the same bytes; the date comes from SOURCE_DATE_EPOCH or the files" {
	page >"$T/a.html"
	page >"$T/b.html"
	cmp "$T/a.html" "$T/b.html"
	unset SOURCE_DATE_EPOCH
	cp -r "$O" "$T/o"
	touch -d '2024-02-29 12:00 UTC' "$T/o"/*
	report "$T/o" >"$T/c.html"
	report "$T/o" | cmp - "$T/c.html"
	grep -qF '<dt>date</dt><dd>2024-02-29</dd>' "$T/c.html"
}

@test "report: -o writes atomically and never replaces a file unless --force" {
	page -o "$T/s.html"
	page | cmp - "$T/s.html"
	echo keep >"$T/k.html"
	run page -o "$T/k.html"
	[ "$status" -eq 2 ]
	[[ "$output" == *"k.html: file exists; not overwritten"* ]]
	[ "$(cat "$T/k.html")" = keep ]
	page -o "$T/k.html" --force --title 'Second'
	grep -q '<title>Second</title>' "$T/k.html"
	# a bad input leaves no file, and no temporary one
	printf 'code\tsegments\n' >"$T/bad.tsv"
	run report --tally "$T/bad.tsv" -o "$T/none.html"
	[ "$status" -eq 2 ]
	[ ! -e "$T/none.html" ]
	[ "$(find "$T" -name '.*' | wc -l)" -eq 0 ]
	run report --force "$O"
	[ "$status" -eq 2 ]
}

@test "report: bad or missing inputs are errors naming the file and line, status 2" {
	mkdir "$T/d"
	run report "$T/d"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/d/tally.tsv: "* ]]
	run report
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: report"* ]]
	run report "$O" "$O"
	[ "$status" -eq 2 ]
	# a count that is not one
	sed '3s/\t74\t/\tmany\t/' "$O/tally.tsv" >"$T/t.tsv"
	run report --tally "$T/t.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/t.tsv:3: segments 'many' is not a count"* ]]
	# a matrix is not tally's long output
	run report --tally "$O/matrix.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $O/matrix.tsv:1: "*"segments"* ]]
	# co-occurrence of a code the tally has not
	{ head -n 1 "$O/cooccur.tsv"; printf 'barriers\tnowhere\tMS\t3\n'; } >"$T/c.tsv"
	run report --tally "$O/tally.tsv" --cooccur "$T/c.tsv"
	[ "$status" -eq 2 ]
	[ "$output" = "report: $T/c.tsv:2: code 'nowhere' is not in $O/tally.tsv" ]
	# saturation records out of order, or of an unknown kind
	awk -F '\t' -v OFS='\t' 'NR == 3 { $2 = 7 } 1' "$O/saturation.tsv" >"$T/s.tsv"
	run report --tally "$O/tally.tsv" --saturation "$T/s.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/s.tsv:3: doc 7 out of order" ]]
	sed '2s/^doc/docs/' "$O/saturation.tsv" >"$T/s.tsv"
	run report --tally "$O/tally.tsv" --saturation "$T/s.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/s.tsv:2: kind 'docs' is none of doc, base, run, result" ]]
	# an empty file, a missing one, a record stream that is broken
	: >"$T/e.tsv"
	run report --tally "$T/e.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/e.tsv:1: "* ]]
	run report --tally "$O/tally.tsv" --quotes "$T/missing.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/missing.tsv: "* ]]
	printf 'code\ttext\nx\n' >"$T/q.tsv"
	run report --tally "$O/tally.tsv" --quotes "$T/q.tsv"
	[ "$status" -eq 2 ]
	[[ "$output" == "report: $T/q.tsv:2: "* ]]
	run report --max-codes x "$O"
	[ "$status" -eq 2 ]
}

@test "report: faults as for every filter (tests/faults.bats): a full disk, a reader that goes away, paths that cannot be read" {
	run --separate-stderr bash -c 'report "$0" >/dev/full' "$O"
	[ "$status" -eq 2 ]
	[ "$stderr" = "report: write error on standard output: No space left on device" ]
	run --separate-stderr report -o /dev/full "$O"
	[ "$status" -eq 2 ]
	[ "$stderr" = "report: write error on /dev/full: No space left on device" ]
	run bash -c 'set -o pipefail; report "$0" 2>"$1" | head -n 1' "$O" "$T/err"
	[ "$status" -eq 0 ]
	[ "$output" = "<!DOCTYPE html>" ]
	[ ! -s "$T/err" ]
	mkdir "$T/dir"
	run --separate-stderr report --tally "$T/dir"
	[ "$status" -eq 2 ]
	[ "$stderr" = "report: $T/dir: Is a directory" ]
	run --separate-stderr report --tally "$O/tally.tsv/x"
	[ "$status" -eq 2 ]
	[ "$stderr" = "report: $O/tally.tsv/x: Not a directory" ]
	run --separate-stderr report --tally "$O/tally.tsv" --coded "$T/no-such-file"
	[ "$status" -eq 2 ]
	[ "$stderr" = "report: $T/no-such-file: No such file or directory" ]
}

@test "report: only tally.tsv gives a page without the other parts" {
	mkdir "$T/only"
	cp "$O/tally.tsv" "$T/only/"
	report "$T/only" >"$T/p.html"
	grep -q 'id="matrix"' "$T/p.html"
	run grep -c 'id="cooccur"\|id="saturation"\|id="quotes"\|id="agreement"' "$T/p.html"
	[ "$output" = 0 ]
	tidy -errors -q "$T/p.html"
}

# gen_study DOCS CODES DIR: a coded stream of DOCS docs of 10 segments,
# each coded with 1 to 3 of CODES codes (6 themes of CODES/6), and the
# results the pipeline would make of it.
gen_study() {
	local docs=$1 codes=$2 d=$3
	mkdir -p "$d"
	awk -v docs="$docs" -v codes="$codes" 'BEGIN {
		OFS = "\t"; x = 12345
		print "doc", "seg", "speaker", "role", "participant", "text", "codes", "hits"
		split("MS SGA MCL", roles, " ")
		for (d = 1; d <= docs; d++) for (s = 1; s <= 10; s++) {
			x = (x * 16807) % 2147483647; k = 1 + x % 3; c = ""; h = ""
			for (i = 0; i < k; i++) {
				x = (x * 16807) % 2147483647
				# skewed: low numbers more often, late codes only in late docs
				n = x % (1 + int((codes - 1) * (d < 50 ? d / 50 : 1)))
				p = sprintf("theme%d/code%02d", n % 6 + 1, n)
				if (index(";" c ";", ";" p ";")) continue
				c = c (c == "" ? "" : ";") p; h = h (h == "" ? "" : ";") 1
			}
			r = roles[1 + d % 3]
			print sprintf("doc%05d", d), s, "P" (d % 40), r, r "-" (d % 40),
				"words of segment " s " of doc " d " said at some length here", c, h
		} }' >"$d/coded.tsv"
	tally --by role "$d/coded.tsv" >"$d/tally.tsv"
	tally --by role --cooccur "$d/coded.tsv" >"$d/cooccur.tsv"
	tally --saturation "$d/coded.tsv" >"$d/saturation.tsv"
	pick-quotes --by role --min-words 3 "$d/coded.tsv" >"$d/quotes.tsv"
}

# peak_kb CMD...: the peak resident size of CMD in KiB
peak_kb() {
	/usr/bin/time -f %M -o "$T/rss" "$@" >/dev/null
	cat "$T/rss"
}

@test "report: 5,000 documents x 60 codes: a readable page, in bounded memory" {
	if [ ! -x /usr/bin/time ]; then
		[ "${CI:-}" != true ] || { echo "CI=true and no /usr/bin/time (.ci/deps installs it)"; return 1; }
		skip "GNU time is not installed"
	fi
	gen_study 5000 60 "$T/big"
	gen_study 500 60 "$T/small"
	big=$(peak_kb report "$T/big")
	small=$(peak_kb report "$T/small")
	echo "peak RSS: 5000 docs $big KiB, 500 docs $small KiB"
	report "$T/big" >"$T/big.html"
	# 60 codes and 6 themes counted, 40 shown and the rest named
	grep -q 'Not shown, with fewer segments: [0-9]* codes' "$T/big.html"
	[ "$(sed -n '/<div class="scroll" id="matrix-table">/,/<\/div>/p' "$T/big.html" | grep -c '<th scope="row">theme')" -eq 40 ]
	grep -qF '<dt>documents</dt><dd>5000</dd>' "$T/big.html"
	grep -qF '<dt>segments</dt><dd>50000 ' "$T/big.html"
	tidy -errors -q "$T/big.html"
	[ "$(wc -c <"$T/big.html")" -lt 2000000 ]
	# 500 groups (--by doc): 12 shown, 50 named, the rest counted
	tally --by doc "$T/small/coded.tsv" >"$T/by-doc.tsv"
	report --tally "$T/by-doc.tsv" >"$T/by-doc.html"
	grep -q 'Not shown, with fewer segments: 488 groups: .* and 438 more\.' "$T/by-doc.html"
	[ "$(sed -n '/id="matrix-table">/,/<\/thead>/p' "$T/by-doc.html" | grep -o 'scope="colgroup"' | wc -l)" -eq 12 ]
	# memory: not more than a little above the small study's, whatever
	# the sanitizers add
	if ! ldd "$(command -v report)" 2>/dev/null | grep -q libasan; then
		[ "$big" -lt 16000 ]
		[ "$big" -lt $((small + 2048)) ]
	fi
}

# --- seen in a real browser -------------------------------------------

chromium_or_skip() {
	command -v chromium >/dev/null && return 0
	[ "${CI:-}" != true ] || { echo "CI=true and no chromium (.ci/deps installs it)"; return 1; }
	skip "chromium is not installed"
}

@test "report: headless Chromium draws the page (a screenshot that is not blank) without console errors" {
	chromium_or_skip
	page >"$T/p.html"
	export HOME=$T
	run timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$T/profile" --enable-logging=stderr --v=0 \
		--screenshot="$T/p.png" --window-size=1200,1600 "file://$T/p.html"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	if grep -q 'CONSOLE' <<<"$output"; then grep CONSOLE <<<"$output"; return 1; fi
	run "$TOOLS/pngcolors" "$T/p.png"
	[ "$status" -eq 0 ]
	echo "screenshot: $output"
	read -r w h n <<<"$output"
	[ "$w" -eq 1200 ] && [ "$h" -eq 1600 ]
	# text, the blue scale and the table rules: hundreds of colours
	[ "$n" -gt 100 ]
	# the DOM Chromium built has the charts and the tables
	run timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" \
		--dump-dom "file://$T/p.html"
	[ "$status" -eq 0 ]
	[[ "$output" == *'<svg width="'*'aria-label="Code matrix: segments per code and role"'* ]]
	[[ "$output" == *'<div class="scroll" id="matrix-table">'* ]]
	[[ "$output" == *'<details open="">'* ]]
	[[ "$output" == *'saturation at 2+1'* ]]
}

@test "report: headless Chromium prints the page to PDF, pages of it" {
	chromium_or_skip
	page >"$T/p.html"
	export HOME=$T
	run timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" \
		--no-pdf-header-footer --print-to-pdf="$T/p.pdf" "file://$T/p.html"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ "$(head -c 5 "$T/p.pdf")" = "%PDF-" ]
	# the page tree's count: every section, the quotes too, on A4 or Letter
	pages=$(grep -ao '/Count [0-9]*' "$T/p.pdf" | awk '{ if ($2 > n) n = $2 } END { print n + 0 }')
	echo "pages: $pages"
	[ "$pages" -ge 6 ]
}

@test "report: headless Chromium prints a folded theme unfolded: as many pages as with every theme open" {
	chromium_or_skip
	gen_study 50 60 "$T/s"
	report "$T/s" >"$T/open.html"
	grep -q '^<details open>$' "$T/open.html"
	sed 's/^<details open>$/<details>/' "$T/open.html" >"$T/shut.html"
	export HOME=$T
	for f in open shut; do
		timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" \
			--no-pdf-header-footer --print-to-pdf="$T/$f.pdf" "file://$T/$f.html" 2>/dev/null
		grep -ao '/Count [0-9]*' "$T/$f.pdf" | awk '{ if ($2 > n) n = $2 } END { print n + 0 }' >"$T/$f.n"
	done
	echo "pages: open $(cat "$T/open.n"), folded $(cat "$T/shut.n")"
	[ "$(cat "$T/open.n")" -gt 0 ]
	[ "$(cat "$T/open.n")" -eq "$(cat "$T/shut.n")" ]
	# and folded on screen: the screenshot differs from the open one
	for f in open shut; do
		timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
			--user-data-dir="$T/profile" --screenshot="$T/$f.png" --window-size=1200,4000 \
			"file://$T/$f.html" 2>/dev/null
	done
	! cmp -s "$T/open.png" "$T/shut.png"
}

@test "report: the screenshot tool tells a blank image from a drawn one" {
	chromium_or_skip
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body></body></html>' >"$T/blank.html"
	export HOME=$T
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$T/profile" \
		--screenshot="$T/blank.png" --window-size=400,300 "file://$T/blank.html" 2>/dev/null
	run "$TOOLS/pngcolors" "$T/blank.png"
	[ "$output" = "400 300 1" ]
	printf 'not a png' >"$T/x.png"
	run "$TOOLS/pngcolors" "$T/x.png"
	[ "$status" -eq 2 ]
}

@test "report: the pipeline writes report.html, dated by its transcripts, the same bytes when sharded" {
	local ex=$BATS_TEST_DIRNAME/../examples/compassion P=$BATS_TEST_DIRNAME/../pipelines
	unset SOURCE_DATE_EPOCH
	[ -s "$O/report.html" ]
	tidy -errors -q "$O/report.html"
	grep -qF '<li><code>tally --saturation --base 2 --run 1</code></li>' "$O/report.html"
	grep -qF '<li><code>agree -c human,codes (the sample: hand-coded.tsv)</code></li>' "$O/report.html"
	want=$(date -u -d "@$(stat -c %Y "$ex"/*.vtt "$ex"/*.txt | sort -n | tail -n 1)" +%F)
	grep -qF "<dt>date</dt><dd>$want</dd>" "$O/report.html"
	head -c 32 /dev/urandom >"$T/key"
	"$P/thematic-analysis.sh" -q -k "$T/key" -r "$ex/roster.tsv" -c "$CB" -o "$T/one" "$ex"
	"$P/parallel-analysis.sh" -j 2 -q -k "$T/key" -r "$ex/roster.tsv" -c "$CB" -o "$T/two" "$ex"
	cmp "$T/one/report.html" "$T/two/report.html"
	# a relative OUTDIR
	cd "$T"
	"$P/thematic-analysis.sh" -q -k "$T/key" -r "$ex/roster.tsv" -c "$CB" -o rel "$ex"
	cmp "$T/one/report.html" rel/report.html
}

@test "report: --measure speakers and share: the heat map holds tally's speakers, and matrix-share.tsv's shares" {
	page --measure share >"$T/p.html"
	awk '/<svg/ { n++ } n == 1 && /<text .*fill="#/ { print } /<\/svg>/ && n == 1 { exit }' "$T/p.html" |
		sed 's/.*>\([0-9.]*\)<\/text>/\1/' >"$T/got"
	awk -F '\t' 'NR > 1 && $1 != "(all)" { for (i = 2; i <= NF; i++) print $i }' "$O/matrix-share.tsv" >"$T/want"
	diff "$T/want" "$T/got"
	grep -q 'aria-label="Code matrix: share of segments per code and role"' "$T/p.html"
	page --measure speakers >"$T/p.html"
	awk '/<svg/ { n++ } n == 1 && /<text .*fill="#/ { print } /<\/svg>/ && n == 1 { exit }' "$T/p.html" |
		sed 's/.*>\([0-9]*\)<\/text>/\1/' >"$T/got"
	tail -n +2 "$O/tally.tsv" | cut -f 4 >"$T/want"
	diff "$T/want" "$T/got"
	run page --measure docs
	[ "$status" -eq 2 ]
	[[ "$output" == *"--measure: segments, speakers or share, not 'docs'"* ]]
}
