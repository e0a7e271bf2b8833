#!/usr/bin/env bash
# bench/anonymize-asr.sh: anonymize beside the npm package redact-pii on
# the ASR evaluation set (tests/eval/anonymize-asr), one table: per tool
# and part (tune, tune2, tune3, heldout, cased, fresh, fresh2, fresh3) the recall per
# category in percent, the ordinary uses of roster-name words replaced
# (W, lost of all and per 1,000 ordinary words) and the other ordinary
# words replaced per 1,000, all as that set's score.sh counts them.
#
# anonymize runs with the set's roster and no --terms: finding places
# and institutions without being told them is the point of the set.
# redact-pii runs with its defaults (bench/redact-pii.js), knowing
# neither; it is installed from the npm registry into bench/cache/npm
# (git-ignored) on first use.  Needs node and npm; run after `make`.
# ANONYMIZE=path runs another build of anonymize.
set -eu
cd "$(dirname "$0")/.."
ev=tests/eval/anonymize-asr
npmdir=bench/cache/npm
anon=${ANONYMIZE:-bin/anonymize}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$anon" ] || { echo "bench/anonymize-asr.sh: no $anon: run make first" >&2; exit 2; }
if [ ! -d "$npmdir/node_modules/redact-pii" ]; then
	mkdir -p "$npmdir"
	npm install --prefix "$npmdir" --no-audit --no-fund --loglevel=error \
		redact-pii@3.4.0 >&2
fi

cats="R T N PHONE EMAIL URL DATE ID ADDRESS PLACE ORG"
printf '%-10s %-8s' tool part
for c in $cats; do printf ' %7s' "$c"; done
printf ' %14s %7s\n' 'W lost' 'other'
for tool in anonymize redact-pii; do
	for part in tune tune2 tune3 heldout cased fresh fresh2 fresh3; do
		in=$ev/$part/input.tsv
		case $tool in
		anonymize) "$anon" --roster "$ev/roster.tsv" "$in" >"$tmp/out.tsv" ;;
		redact-pii) node bench/redact-pii.js "$PWD/$npmdir" <"$in" >"$tmp/out.tsv" ;;
		esac
		"$ev/score.sh" "$ev/$part" "$tmp/out.tsv" >"$tmp/score"
		awk -v tool="$tool" -v part="$part" -v cats="$cats" '
		$1 == "recall" { r[$2] = $5 }
		$1 == "wlost" { w = sprintf("%d/%d %.1f", $2, $3, $4) }
		$1 == "other" { o = sprintf("%.1f", $4) }
		END {
			printf "%-10s %-8s", tool, part
			n = split(cats, c, " ")
			for (i = 1; i <= n; i++) printf " %7s", (c[i] in r) ? r[c[i]] : "-"
			printf " %14s %7s\n", w, o
		}' "$tmp/score"
	done
done
echo "(recall: % of identifiers with none of their words left; W lost: ordinary"
echo " uses of roster-name words replaced, of all, then per 1,000 ordinary words;"
echo " other: the remaining ordinary words replaced, per 1,000 ordinary words)"
