#!/bin/sh
# build.sh [DIR]: make input.tsv and truth.tsv in DIR (default: beside
# this script) from source.txt, where identifiers are marked {CAT|text}.
# input.tsv is a record stream doc seg speaker text; truth.tsv lists
# doc seg column entity category, one row per marked identifier.
set -eu
here=$(dirname "$0")
out=${1:-$here}
LC_ALL=C awk -v input="$out/input.tsv" -v truth="$out/truth.tsv" '
function strip(s, col,    r, m, body, bar) {
	r = ""
	while (match(s, /\{[A-Z]+\|[^}]*\}/)) {
		m = substr(s, RSTART + 1, RLENGTH - 2)
		bar = index(m, "|")
		body = substr(m, bar + 1)
		printf "%s\t%s\t%s\t%s\t%s\n", doc, seg, col, body, substr(m, 1, bar - 1) > truth
		r = r substr(s, 1, RSTART - 1) body
		s = substr(s, RSTART + RLENGTH)
	}
	return r s
}
BEGIN {
	print "doc\tseg\tspeaker\ttext" > input
	print "doc\tseg\tcolumn\tentity\tcategory" > truth
}
/^#/ || /^$/ { next }
{
	sep = index($0, " || ")
	head = substr($0, 1, sep - 1)
	text = substr($0, sep + 4)
	doc = $1; seg = $2
	sp = head; sub(/^[^ ]+ [^ ]+ /, "", sp)
	sp = strip(sp, "speaker")
	text = strip(text, "text")
	printf "%s\t%s\t%s\t%s\n", doc, seg, sp, text > input
}' "$here/source.txt"
