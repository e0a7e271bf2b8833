# Pooled (micro) Cohen's kappa of the codes column against the human
# first code (column expected), over every unit x code of the codes the
# two sides use: the figure agree(1) reports as (all), for the sets of
# tests/codebook/ whose humans give one code or none.  Prints
# "n first kappa": segments, first-code agreement, pooled kappa.
BEGIN { FS = "\t" }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
	n++
	want = $col["expected"]; codes = $col["codes"]
	k = codes == "" ? 0 : split(codes, c, ";")
	if ((k ? c[1] : "") == want) first++
	if (want != "") { H[n, want] = 1; U[want] = 1 }
	for (j = 1; j <= k; j++) { P[n, c[j]] = 1; U[c[j]] = 1 }
}
END {
	for (u in U) for (i = 1; i <= n; i++) {
		a = ((i, u) in H); b = ((i, u) in P)
		t++; if (a && b) both++; if (a) ha++; if (b) pb++; if (!a && !b) none++
	}
	po = (both + none) / t
	pe = (ha / t) * (pb / t) + (1 - ha / t) * (1 - pb / t)
	printf "%d %.3f %.3f\n", n, first / n, pe < 1 ? (po - pe) / (1 - pe) : 1
}
