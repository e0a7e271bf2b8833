#!/bin/sh
# score.sh INPUT OUTPUT TRUTH: how well OUTPUT (a record stream with the
# doc, seg, speaker and text columns of INPUT) hides the identifiers
# listed in TRUTH (build.sh's truth.tsv).
#
# Recall, per category: an identifier counts as found when its text no
# longer occurs anywhere in its segment's field of OUTPUT.
# Over-redaction: the words of INPUT's text column that are part of no
# identifier and are missing from OUTPUT (bracketed tags left out), per
# 1,000 such ordinary words.  Words are runs of letters and digits.
# Prints one line per category, "recall CAT FOUND TOTAL PERCENT", then
# "over WORDS ORDINARY PER_1000".  With VERBOSE=1, also every miss and
# every over-redacted word on standard error.
set -eu
LC_ALL=C awk -v verbose="${VERBOSE:-0}" '
function col(name, hdr,   i) { for (i = 1; i <= NF; i++) if ($i == name) return i; return 0 }
function words(s, arr,   n) {
	n = 0
	while (match(s, /[A-Za-z0-9\200-\377]+/)) {
		arr[substr(s, RSTART, RLENGTH)]++
		n++
		s = substr(s, RSTART + RLENGTH)
	}
	return n
}
BEGIN { FS = "\t" }
FILENAME == ARGV[1] {
	if (FNR == 1) { di = col("doc"); si = col("seg"); ti = col("text"); next }
	k = $di SUBSEP $si
	intext[k] = $ti
	order[++nseg] = k
	next
}
FILENAME == ARGV[2] {
	if (FNR == 1) { di = col("doc"); si = col("seg"); ti = col("text"); pi = col("speaker"); next }
	k = $di SUBSEP $si
	out["text", k] = $ti
	out["speaker", k] = $pi
	next
}
FNR == 1 { next }
{
	k = $1 SUBSEP $2
	cat = $5
	total[cat]++
	if (index(out[$3, k], $4) == 0) found[cat]++
	else if (verbose) print "miss: " $1 " " $2 " " cat " " $4 > "/dev/stderr"
	if ($3 == "text") truthtext[k] = truthtext[k] " " $4
}
END {
	for (c in total) printf "recall %s %d %d %.1f\n", c, found[c] + 0, total[c], 100 * (found[c] + 0) / total[c]
	over = 0; ordinary = 0
	for (i = 1; i <= nseg; i++) {
		k = order[i]
		split("", a); split("", b); split("", t)
		n = words(intext[k], a)
		o = out["text", k]
		gsub(/\[[A-Za-z0-9_]+\]/, " ", o)
		words(o, b)
		nt = words(truthtext[k], t)
		ordinary += n - nt
		for (w in a) {
			gone = a[w] - b[w]
			if (gone > t[w]) {
				over += gone - t[w]
				if (verbose) print "over: " k " " w > "/dev/stderr"
			}
		}
	}
	printf "over %d %d %.2f\n", over, ordinary, ordinary ? 1000 * over / ordinary : 0
}' "$1" "$2" "$3" | sort
