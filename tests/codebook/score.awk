# Scores match-theme output against the hand-given first code.
# Input: the stream `match-theme CODEBOOK SEGMENTS` writes, with the
# columns expected and codes (codes joined by ';', most hits first).
# Output, one line: n ok nocode multi coded codedok empty emptyok anyhit
#   ok       first code equals expected (both empty counts)
#   nocode   segments given no code
#   multi    segments given more than two codes
#   coded    segments given a code; codedok: of those, first code right
#   empty    segments whose expected is empty; emptyok: left uncoded
#   anyhit   expected (non-empty) found anywhere among the codes
# With -v verbose=1 the misses are printed first, one a line.
BEGIN { FS = "\t" }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	n++
	want = $col["expected"]; codes = $col["codes"]
	k = codes == "" ? 0 : split(codes, c, ";")
	first = k ? c[1] : ""
	if (first == want) ok++
	else if (verbose) printf "MISS %s\t%s\t%s\t%s\n", $col["id"], want, codes, $col["text"]
	if (k == 0) nocode++
	if (k > 2) multi++
	if (k > 0) { coded++; if (first == want) codedok++ }
	if (want == "") { empty++; if (k == 0) emptyok++ }
	else for (j = 1; j <= k; j++) if (c[j] == want) { anyhit++; break }
}
END { print n+0, ok+0, nocode+0, multi+0, coded+0, codedok+0, empty+0, emptyok+0, anyhit+0 }
