#!/bin/sh
# score.sh PARTDIR OUTPUT: how well OUTPUT, a record stream with the doc,
# seg, speaker and text columns of PARTDIR/input.tsv, hides the
# identifiers of PARTDIR/truth.tsv and keeps every other word.
#
# Each field of the input is set beside the same field of the output
# word by word (a longest common subsequence of their words; bracketed
# tags in the output are dropped first, and any other word the output
# put in matches nothing), so every input word is either kept or gone,
# and a word that occurs twice in a field is judged where it stands.
# Words are runs of ASCII letters and digits and of non-ASCII bytes,
# compared exactly.
#   recall CAT FOUND TOTAL PERCENT  an identifier is found when none of
#                                   its words is kept ("dot" and "com"
#                                   left of an e-mail is a miss); an
#                                   article it starts with (the, a, an:
#                                   "the fourth of july", as some parts
#                                   mark it and others do not) may stay
#   w WORD LOST TOTAL               ordinary uses of a roster-name word
#                                   ({W|will}) that are gone
#   wlost LOST TOTAL PER_1000       all of those, per 1,000 ordinary words
#   other LOST TOTAL PER_1000       the unmarked words of the text that
#                                   are gone, per 1,000 ordinary words
# Ordinary words are the text column's words outside any identifier and
# any {ANY|...} mark (a state, which may go or stay), the W words among
# them.  The speaker column counts only for recall.
# With VERBOSE=1, every miss and every lost word, in its segment, on
# standard error.  A segment of the input missing from OUTPUT is an
# error (exit 2).
set -eu
dir=$1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
LC_ALL=C awk -v verbose="${VERBOSE:-0}" -v outname="$2" '
function col(name,   i) { for (i = 1; i <= NF; i++) if ($i == name) return i; return 0 }
function tok(s, arr,   n) {
	n = 0
	while (match(s, /[A-Za-z0-9\200-\377]+/)) {
		arr[++n] = substr(s, RSTART, RLENGTH)
		s = substr(s, RSTART + RLENGTH)
	}
	return n
}
# align(K): the input field K against the output field; sets kept[K, i]
# for every input word i that survives.  Where a word could be matched
# either inside an identifier or outside ("the fourth of july of all
# days" against "the [DATE] of all days"), the identifier word is taken
# as gone: the output cannot tell, and the set does not guess against
# the detector in either direction.
function align(k,   a, b, na, nb, i, j, L, o) {
	na = tok(inp[k], a)
	o = out[k]
	gsub(/\[[A-Za-z0-9_]+\]/, " ", o)
	nb = tok(o, b)
	nin[k] = na
	for (i = 1; i <= na; i++) word[k, i] = a[i]
	for (i = na + 1; i >= 1; i--)
		for (j = nb + 1; j >= 1; j--)
			if (i > na || j > nb) L[i, j] = 0
			else if (a[i] == b[j]) L[i, j] = L[i + 1, j + 1] + 1
			else L[i, j] = L[i + 1, j] > L[i, j + 1] ? L[i + 1, j] : L[i, j + 1]
	i = 1; j = 1
	while (i <= na && j <= nb) {
		if (a[i] == b[j] && L[i, j] == L[i + 1, j + 1] + 1 && !(ident[k, i] && L[i + 1, j] == L[i, j])) {
			kept[k, i] = 1; i++; j++
		} else if (L[i + 1, j] >= L[i, j + 1]) i++
		else j++
	}
}
function context(k) { return "   | " inp[k] }
BEGIN { FS = "\t" }
FNR == 1 { file++; di = col("doc"); si = col("seg"); ti = col("text"); pi = col("speaker"); next }
file == 1 {
	inp[$di, $si, "text"] = $ti
	inp[$di, $si, "speaker"] = $pi
	order[++nseg] = $di SUBSEP $si
	next
}
file == 2 {
	k = $1 SUBSEP $2 SUBSEP $3
	t[++nt] = $0
	n = tok($4, e)
	for (i = $6; i < $6 + n; i++) ident[k, i] = 1
	next
}
file == 3 { w[++nw] = $0; next }
{
	out[$di, $si, "text"] = $ti
	out[$di, $si, "speaker"] = $pi
	have[$di, $si] = 1
}
END {
	for (s = 1; s <= nseg; s++) {
		if (!(order[s] in have)) {
			split(order[s], ds, SUBSEP)
			printf "score.sh: %s: segment %s %s missing from the output\n", outname, ds[1], ds[2] > "/dev/stderr"
			exit 2
		}
		align(order[s] SUBSEP "text")
		align(order[s] SUBSEP "speaker")
	}
	for (r = 1; r <= nt; r++) {
		split(t[r], f, "\t")
		k = f[1] SUBSEP f[2] SUBSEP f[3]
		n = tok(f[4], e)
		total[f[5]]++
		left = 0
		for (i = f[6]; i < f[6] + n; i++) {
			covered[k, i] = 1
			if (kept[k, i] && !(i == f[6] && n > 1 && tolower(word[k, i]) ~ /^(the|a|an)$/)) left++
		}
		if (!left) found[f[5]]++
		else if (verbose) printf "miss: %s %s %s %s: %s%s\n", f[1], f[2], f[5], f[3], f[4], context(k) > "/dev/stderr"
	}
	for (r = 1; r <= nw; r++) {
		split(w[r], f, "\t")
		k = f[1] SUBSEP f[2] SUBSEP f[3]
		covered[k, f[5]] = 1
		if (f[6] != "W") continue
		x = tolower(f[4])
		wtotal[x]++; wall++
		if (!kept[k, f[5]]) {
			wlost[x]++; wgone++
			if (verbose) printf "wlost: %s %s %s%s\n", f[1], f[2], f[4], context(k) > "/dev/stderr"
		}
	}
	for (c in total) printf "recall %s %d %d %.1f\n", c, found[c] + 0, total[c], 100 * (found[c] + 0) / total[c]
	for (x in wtotal) printf "w %s %d %d\n", x, wlost[x] + 0, wtotal[x]
	ordinary = wall; lost = 0
	for (s = 1; s <= nseg; s++) {
		split(order[s], ds, SUBSEP)
		k = order[s] SUBSEP "text"
		for (i = 1; i <= nin[k]; i++) {
			if (covered[k, i]) continue
			ordinary++
			if (!kept[k, i]) {
				lost++
				if (verbose) printf "other: %s %s %s%s\n", ds[1], ds[2], word[k, i], context(k) > "/dev/stderr"
			}
		}
	}
	printf "wlost %d %d %.2f\n", wgone, wall, ordinary ? 1000 * wgone / ordinary : 0
	printf "other %d %d %.2f\n", lost, ordinary - wall, ordinary ? 1000 * lost / ordinary : 0
}' "$dir/input.tsv" "$dir/truth.tsv" "$dir/words.tsv" "$2" >"$tmp"
sort -k1,1 -k2,2 "$tmp"
