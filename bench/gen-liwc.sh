#!/bin/sh
# bench/gen-liwc.sh [-m MB] [-t TERMS] [-w WILD%] [-c CATS] [-s SEED] DIR
#
# Writes a synthetic LIWC-sized dictionary and a segment stream to code
# with it, the same bytes for the same options on any machine (one awk
# program, its own random number generator):
#   DIR/liwc.dic       LIWC-style .dic: TERMS entries (default 5000), WILD%
#                      of them wildcards (default 30), in 1-3 of CATS
#                      categories (default 60)
#   DIR/terms.txt      the same entries one a line, '*' removed: for
#                      `rg -c -i -w -F -f DIR/terms.txt DIR/segments.tsv`
#   DIR/segments.tsv   doc seg speaker text, about MB megabytes (default
#                      150) of made-up words drawn with Zipf-like
#                      frequencies; 2% of the words carry an accent and
#                      some are capitalised or end in punctuation
set -eu
mb=150 terms=5000 wild=30 cats=60 seed=1
usage() {
	echo "usage: bench/gen-liwc.sh [-m MB] [-t TERMS] [-w WILD%] [-c CATS] [-s SEED] DIR" >&2
	exit 2
}
while getopts m:t:w:c:s: o; do
	case $o in
	m) mb=$OPTARG ;;
	t) terms=$OPTARG ;;
	w) wild=$OPTARG ;;
	c) cats=$OPTARG ;;
	s) seed=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
dir=$1
mkdir -p "$dir"

awk -v mb="$mb" -v nterms="$terms" -v wild="$wild" -v ncats="$cats" \
    -v seed="$seed" -v dir="$dir" '
# A linear congruential generator of our own: awk rand() differs between
# implementations, and the benchmark must be reproducible.
function rnd() { state = (state * 16807) % 2147483647; return (state - 1) / 2147483646 }
function ri(n) { return int(rnd() * n) }
BEGIN {
	state = seed % 2147483646 + 1
	split("ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo fu ga ge gi go gu " \
	      "ha he hi ho hu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu " \
	      "ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu st tr pl ch sh " \
	      "an en in on un ar er ir or ur al el il ol ul", syl, " ")
	nsyl = 0; for (k in syl) nsyl++
	# Vocabulary: V distinct made-up words.
	V = 30000
	n = 0
	while (n < V) {
		k = 1 + ri(4)
		w = ""
		for (j = 0; j < k; j++) w = w syl[1 + ri(nsyl)]
		if (w in seen) continue
		seen[w] = 1
		if (ri(100) < 2) w = w "\303\251"      # an e with an acute accent
		vocab[n++] = w
	}
	# Dictionary: entries from the frequent end of the vocabulary, as
	# LIWC covers most running words.
	dic = dir "/liwc.dic"; tt = dir "/terms.txt"
	printf "%%\n" > dic
	for (c = 1; c <= ncats; c++) printf "%d\tcat%02d\n", c, c > dic
	printf "%%\n" > dic
	t = 0
	while (t < nterms) {
		w = vocab[int(V ^ rnd()) - 1]
		if (ri(100) < wild) {
			L = length(w) > 4 ? 3 + ri(length(w) - 3) : length(w)
			e = substr(w, 1, L)
			sub(/\303$/, "", e)            # not half a character
			e = e "*"
		} else e = w
		if (e in used) continue
		used[e] = 1
		line = e
		k = 1 + ri(3)
		delete got
		for (j = 0; j < k; j++) { c = 1 + ri(ncats); if (!(c in got)) { got[c] = 1; line = line "\t" c } }
		print line > dic
		sub(/\*$/, "", e)
		print e > tt
		t++
	}
	close(dic); close(tt)
	# Segments.
	out = dir "/segments.tsv"
	print "doc\tseg\tspeaker\ttext" > out
	limit = mb * 1000000
	size = 0; seg = 0; doc = 1
	split("Moderator P1 P2 P3 P4 P5", spk, " ")
	while (size < limit) {
		seg++
		if (seg > 400) { seg = 1; doc++ }
		k = 20 + ri(60)
		s = ""
		for (j = 0; j < k; j++) {
			w = vocab[int(V ^ rnd()) - 1]
			if (j == 0 || ri(20) == 0) w = toupper(substr(w, 1, 1)) substr(w, 2)
			p = ri(12)
			if (p == 0) w = w ","
			else if (p == 1) w = w "."
			s = s (j ? " " : "") w
		}
		line = sprintf("doc%03d\t%d\t%s\t%s", doc, seg, spk[1 + ri(6)], s)
		print line > out
		size += length(line) + 1
	}
}'
