#!/bin/sh
# build.sh [DIR]: make, for each part (tune, tune2, tune3, heldout, cased,
# fresh, fresh2, fresh3), DIR/PART/input.tsv, truth.tsv and words.tsv from
# PART.txt beside this script (DIR defaults to this script's folder).  In
# PART.txt identifiers are marked {CAT|text}, ordinary uses of
# roster-name words {W|text}, and states, which Safe Harbor lets stay,
# {ANY|text}.
#   input.tsv  the record stream: doc seg speaker text
#   truth.tsv  doc seg column entity category word: one row per
#              identifier, word the index of its first word in the field
#   words.tsv  doc seg column word index mark: the W and ANY marks
# Words are counted as score.sh counts them: runs of ASCII letters and
# digits and of non-ASCII bytes.  Stops with an error (exit 2) on a
# category it does not know, a brace left over, or a word of a roster
# name (roster.tsv) in the text that carries no mark: every use of
# "will" is either a person or {W|will}, never left to chance.
set -eu
here=$(dirname "$0")
out=${1:-$here}
for part in tune tune2 tune3 heldout cased fresh fresh2 fresh3; do
	mkdir -p "$out/$part"
	LC_ALL=C awk -v src="$part.txt" -v input="$out/$part/input.tsv" \
		-v truth="$out/$part/truth.tsv" -v wlist="$out/$part/words.tsv" '
function nwords(s,    n) {
	n = 0
	while (match(s, /[A-Za-z0-9\200-\377]+/)) { n++; s = substr(s, RSTART + RLENGTH) }
	return n
}
function die(msg) { printf "build.sh: %s:%d: %s\n", src, FNR, msg > "/dev/stderr"; bad = 1; exit 2 }
function strip(s, col,    r, m, body, bar, cat, at) {
	r = ""
	while (match(s, /\{[A-Z]+\|[^{}|]*\}/)) {
		m = substr(s, RSTART + 1, RLENGTH - 2)
		bar = index(m, "|")
		body = substr(m, bar + 1)
		cat = substr(m, 1, bar - 1)
		r = r substr(s, 1, RSTART - 1)
		s = substr(s, RSTART + RLENGTH)
		at = nwords(r) + 1
		if (cat in known)
			printf "%s\t%s\t%s\t%s\t%s\t%d\n", doc, seg, col, body, cat, at > truth
		else if (cat == "W" || cat == "ANY") {
			if (nwords(body) != 1) die("{" m "}: one word only")
			if (cat == "W" && !(tolower(body) in rword)) die("{" m "}: not a roster name word")
			printf "%s\t%s\t%s\t%s\t%d\t%s\n", doc, seg, col, body, at, cat > wlist
		} else die("unknown category " cat)
		r = r body
	}
	r = r s
	if (r ~ /[{}|]/) die("a mark left open: " r)
	return r
}
function unmarked(s,    w) {
	gsub(/\{[A-Z]+\|[^{}|]*\}/, " ", s)
	while (match(s, /[A-Za-z0-9\200-\377]+/)) {
		w = tolower(substr(s, RSTART, RLENGTH))
		if (w in rword) die("roster name word \"" substr(s, RSTART, RLENGTH) "\" without a mark")
		s = substr(s, RSTART + RLENGTH)
	}
}
BEGIN {
	split("R T N PHONE EMAIL URL DATE ID ADDRESS PLACE ORG", k, " ")
	for (i in k) known[k[i]] = 1
	print "doc\tseg\tspeaker\ttext" > input
	print "doc\tseg\tcolumn\tentity\tcategory\tword" > truth
	print "doc\tseg\tcolumn\tword\tindex\tmark" > wlist
	FS = "\t"
}
FILENAME ~ /roster\.tsv$/ {
	if (FNR == 1) next
	s = tolower($1 " " $2)
	while (match(s, /[a-z]+/)) { rword[substr(s, RSTART, RLENGTH)] = 1; s = substr(s, RSTART + RLENGTH) }
	next
}
/^#/ || /^$/ { next }
{
	sep = index($0, " || ")
	if (!sep) die("no \" || \" between speaker and text")
	head = substr($0, 1, sep - 1)
	text = substr($0, sep + 4)
	split(head, h, " ")
	doc = h[1]; seg = h[2]
	if (seg !~ /^[0-9]+$/) die("segment number missing")
	if ((doc, seg) in seen) die("segment " doc " " seg " twice")
	seen[doc, seg] = 1
	sp = head; sub(/^[^ ]+ [^ ]+ /, "", sp)
	unmarked(text)
	sp = strip(sp, "speaker")
	text = strip(text, "text")
	printf "%s\t%s\t%s\t%s\n", doc, seg, sp, text > input
}' "$here/roster.tsv" FS=' ' "$here/$part.txt"
done
