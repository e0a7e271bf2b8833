#!/usr/bin/env bash
# bench/anonymize.sh [MB]: anonymize against the npm package redact-pii.
#
#  1. recall and over-redaction of both on the evaluation set
#     (tests/eval/anonymize, scored by its score.sh);
#  2. throughput of both on a larger text (MB megabytes, default 20) made
#     by repeating the evaluation set with the names varied, CPU seconds
#     (user + system) and MB/s, and the ratio.
#
# redact-pii is installed from the npm registry into bench/cache/npm
# (git-ignored) on first use.  It runs with its defaults (SyncRedactor):
# it knows neither the roster nor the terms, which is how it is used.
# Needs: node, npm, GNU time (/usr/bin/time); run after `make`.
set -eu
cd "$(dirname "$0")/.."
mb=${1:-20}
ev=tests/eval/anonymize
npmdir=bench/cache/npm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x bin/anonymize ] || { echo "bench/anonymize.sh: run make first" >&2; exit 2; }
if [ ! -d "$npmdir/node_modules/redact-pii" ]; then
	mkdir -p "$npmdir"
	npm install --prefix "$npmdir" --no-audit --no-fund --loglevel=error \
		redact-pii@3.4.0 >&2
fi

# The node side: a record stream in, the text and speaker columns
# redacted, the stream out.  Fields hold no escapes in these inputs.
cat >"$tmp/redact.js" <<'EOF'
const { SyncRedactor } = require(process.argv[2] + '/node_modules/redact-pii');
const r = new SyncRedactor();
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const head = lines[0].split('\t');
const cols = ['text', 'speaker'].map(c => head.indexOf(c)).filter(i => i >= 0);
const out = [lines[0]];
for (let i = 1; i < lines.length; i++) {
	if (lines[i] === '') continue;
	const f = lines[i].split('\t');
	for (const c of cols) f[c] = r.redact(f[c]);
	out.push(f.join('\t'));
}
process.stdout.write(out.join('\n') + '\n');
EOF

anon() {
	bin/anonymize --roster "$ev/roster.tsv" --terms "$ev/terms.tsv" "$@"
}
redact() {
	node "$tmp/redact.js" "$PWD/$npmdir" <"$1"
}

echo "== recall on the evaluation set ($(tail -n +2 "$ev/truth.tsv" | wc -l) identifiers, $(cut -f4 "$ev/input.tsv" | wc -w) words)"
anon "$ev/input.tsv" >"$tmp/a.tsv"
redact "$ev/input.tsv" >"$tmp/r.tsv"
"$ev/score.sh" "$ev/input.tsv" "$tmp/a.tsv" "$ev/truth.tsv" >"$tmp/a.score"
"$ev/score.sh" "$ev/input.tsv" "$tmp/r.tsv" "$ev/truth.tsv" >"$tmp/r.score"
echo "(R roster people, T titled people, N listed names in name positions, TERM --terms)"
printf '%-10s %18s %18s\n' category anonymize redact-pii
keyed() { awk '{ k = $1 == "recall" ? $2 : "~over"; $1 = ""; if (k != "~over") $2 = ""; print k, $0 }' "$1" | sort; }
join <(keyed "$tmp/a.score") <(keyed "$tmp/r.score") | awk '
	$1 != "~over" { printf "%-10s %9s %7.1f%% %9s %7.1f%%\n", $1, $2 "/" $3, $4, $5 "/" $6, $7 }
	$1 == "~over" { printf "%-10s %11.2f/1000 %11.2f/1000   (%d and %d of %d ordinary words)\n", "over-red.", $4, $7, $2, $5, $3 }'

# A larger text: the set repeated, names swapped for others from the
# shipped lists on each copy, until it has the size asked for.
echo "== throughput on ${mb} MB"
LC_ALL=C awk -v mb="$mb" -v first=data/names/first.txt -v last=data/names/last.txt '
function cap(w) { return toupper(substr(w, 1, 1)) substr(w, 2) }
BEGIN {
	while ((getline w < first) > 0) if (w !~ /^#/) F[nf++] = cap(w)
	while ((getline w < last) > 0) if (w !~ /^#/) L[nl++] = cap(w)
	FS = "\t"
}
NR == 1 { print; next }
{ rec[nr++] = $0 }
END {
	split("Kevin Jessica Tyler Megan Brandon Jennifer Dustin Latoya Courtney Rachel", fn, " ")
	split("Lindqvist Okafor Adebayo Whitcombe Delgado Petrakis Haverford Yusuf Brennan Goldberg", ln, " ")
	for (c = 0; size < mb * 1048576; c++) {
		for (i = 0; i < nr; i++) {
			s = rec[i]
			for (k = 1; k <= 10; k++) {
				gsub(fn[k], F[(c * 10 + k) % nf], s)
				gsub(ln[k], L[(c * 13 + k) % nl], s)
			}
			sub(/^fg/, "c" c "fg", s)
			print s
			size += length(s) + 1
		}
	}
}' "$ev/input.tsv" >"$tmp/big.tsv"
size=$(wc -c <"$tmp/big.tsv")

cpu() {  # cpu CMD...: prints user+system seconds of CMD, output discarded
	/usr/bin/time -f '%U %S' -o "$tmp/time" "$@" >/dev/null
	awk '{ print $1 + $2 }' "$tmp/time"
}
ta=$(cpu bin/anonymize --roster "$ev/roster.tsv" --terms "$ev/terms.tsv" "$tmp/big.tsv")
tr=$(cpu node "$tmp/redact.js" "$PWD/$npmdir" <"$tmp/big.tsv")
awk -v s="$size" -v a="$ta" -v r="$tr" 'BEGIN {
	m = s / 1048576
	printf "%-12s %8.2f s CPU %8.1f MB/s\n", "anonymize", a, m / a
	printf "%-12s %8.2f s CPU %8.1f MB/s\n", "redact-pii", r, m / r
	printf "anonymize is %.0fx faster (%.1f MB of text)\n", r / a, m
}'
